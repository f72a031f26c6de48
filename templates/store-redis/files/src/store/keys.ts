/**
 * Key names under the configured prefix. Everything of one user shares the Redis Cluster hash
 * slot `{<user id>}`, so a script may touch a user's families together; token ids are looked
 * up on their own, by single-key commands.
 */
export function redisKeys(prefix: string) {
  const user = (userId: string) => `${prefix}user:{${userId}}`;
  return {
    families: (userId: string) => `${user(userId)}:families`,
    /** Prefix of a user's family keys; a family id completes it. */
    familyBase: (userId: string) => `${user(userId)}:family:`,
    family: (userId: string, familyId: string) => `${user(userId)}:family:${familyId}`,
    refreshToken: (tokenId: string) => `${prefix}refresh:${tokenId}`,
    accessToken: (tokenId: string) => `${prefix}access:${tokenId}`,
    loginFailures: (by: string) => `${prefix}login-failures-by-${by}`,
    /** Prefix of session keys; express-session's id completes it. */
    sessionBase: `${prefix}session:`,
    /** Sorted set of a user's session ids, scored by login time. */
    userSessions: (userId: string) => `${user(userId)}:sessions`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** A flat HGETALL-style reply as an object. */
export function fieldsOf(reply: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(reply)) return fields;
  for (let index = 0; index + 1 < reply.length; index += 2) {
    fields[String(reply[index])] = String(reply[index + 1]);
  }
  return fields;
}
