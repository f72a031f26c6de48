import { storeCall } from '../http/problem.js';
import type {
  RefreshFamily,
  RefreshFamilyStore,
  StoredRefreshToken,
} from '../tokens/refresh-family-store.js';
import type { RedisKeys } from './keys.js';
import type { RedisConnection } from './redis-client.js';

// Each family is one hash: its own fields plus one field `token:<id>` per refresh token, a JSON
// object whose times are strings (Lua's cjson would round 13-digit numbers). The hash, and the
// index from token id to family, expire with the family at its absolute end.

const createFamilyScript = `
redis.call('HSET', KEYS[1], 'userId', ARGV[2], 'deviceName', ARGV[3], 'createdAt', ARGV[4],
  'lastSeenAt', ARGV[5], 'expiresAt', ARGV[6], 'idleExpiresAt', ARGV[7], 'token:' .. ARGV[8], ARGV[9])
redis.call('PEXPIREAT', KEYS[1], ARGV[6])
redis.call('SADD', KEYS[2], ARGV[1])
local ends = redis.call('PEXPIRETIME', KEYS[2])
if ends < tonumber(ARGV[6]) then redis.call('PEXPIREAT', KEYS[2], ARGV[6]) end
return 1`;

// The compare-and-set that makes rotation atomic: only the call that finds the token unrotated
// marks it and stores the successor; every concurrent call for the same token gets 0.
const rotateScript = `
local raw = redis.call('HGET', KEYS[1], 'token:' .. ARGV[1])
if not raw then return 0 end
local token = cjson.decode(raw)
if token.rotatedAt then return 0 end
token.rotatedAt = ARGV[4]
token.successorId = ARGV[2]
redis.call('HSET', KEYS[1], 'token:' .. ARGV[1], cjson.encode(token),
  'token:' .. ARGV[2], cjson.encode({ secretHash = ARGV[3], createdAt = ARGV[4] }),
  'lastSeenAt', ARGV[4], 'idleExpiresAt', ARGV[5])
return 1`;

const setIndexScript = `return redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])`;
const getScript = `return redis.call('GET', KEYS[1])`;
const familyFields = [
  'userId',
  'deviceName',
  'createdAt',
  'lastSeenAt',
  'expiresAt',
  'idleExpiresAt',
  'revokedAt',
];
const luaFields = familyFields.map((field) => `'${field}'`).join(', ');
// The family's fields, and one more field (a token) when ARGV[1] names it.
const readFamilyScript = `
local fields = { ${luaFields} }
if ARGV[1] then table.insert(fields, ARGV[1]) end
return redis.call('HMGET', KEYS[1], unpack(fields))`;

const revokeScript = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'revokedAt', ARGV[1], 'revokeReason', ARGV[2])
return 1`;

// Every key it touches carries the user's hash tag, so this is safe on a Cluster too.
const revokeAllScript = `
local count = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. id
  if id ~= ARGV[4] and redis.call('EXISTS', key) == 1 and redis.call('HEXISTS', key, 'revokedAt') == 0 then
    redis.call('HSET', key, 'revokedAt', ARGV[2], 'revokeReason', ARGV[3])
    count = count + 1
  end
end
return count`;

const listScript = `
local families = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. id
  if redis.call('EXISTS', key) == 0 then
    redis.call('SREM', KEYS[1], id)
  else
    table.insert(families, id)
    table.insert(families, redis.call('HMGET', key, ${luaFields}))
  end
end
return families`;

type FamilyValues = (string | null)[];

function toFamily(id: string, values: FamilyValues): RefreshFamily | undefined {
  const [userId, deviceName, createdAt, lastSeenAt, expiresAt, idleExpiresAt, revokedAt] = values;
  if (userId == null || deviceName == null || expiresAt == null || idleExpiresAt == null)
    return undefined;
  return {
    id,
    userId,
    deviceName,
    createdAt: Number(createdAt),
    lastSeenAt: Number(lastSeenAt),
    expiresAt: Number(expiresAt),
    idleExpiresAt: Number(idleExpiresAt),
    revokedAt: revokedAt == null ? undefined : Number(revokedAt),
  };
}

function isLiveAt(family: RefreshFamily, now: number): boolean {
  return family.revokedAt === undefined && family.expiresAt > now && family.idleExpiresAt > now;
}

interface TokenJson {
  secretHash: string;
  createdAt: string;
  rotatedAt?: string;
  successorId?: string;
}

/** Refresh token families in Redis, with rotation as one atomic script. */
export function createRedisRefreshFamilyStore(
  redis: RedisConnection,
  keys: RedisKeys,
): RefreshFamilyStore {
  const setIndex = (tokenId: string, userId: string, familyId: string, expiresAt: number) =>
    redis.run(
      setIndexScript,
      [keys.refreshToken(tokenId)],
      [JSON.stringify({ userId, familyId }), expiresAt],
    );

  return {
    createFamily: (family, firstToken) =>
      storeCall(async () => {
        await setIndex(firstToken.id, family.userId, family.id, family.expiresAt);
        const token: TokenJson = {
          secretHash: firstToken.secretHash,
          createdAt: String(family.createdAt),
        };
        await redis.run(
          createFamilyScript,
          [keys.family(family.userId, family.id), keys.families(family.userId)],
          [
            family.id,
            family.userId,
            family.deviceName,
            family.createdAt,
            family.lastSeenAt,
            family.expiresAt,
            family.idleExpiresAt,
            firstToken.id,
            JSON.stringify(token),
          ],
        );
      }),

    findToken: (tokenId) =>
      storeCall(async () => {
        const index = await redis.run(getScript, [keys.refreshToken(tokenId)], []);
        if (typeof index !== 'string') return undefined;
        const { userId, familyId } = JSON.parse(index) as { userId: string; familyId: string };
        const values = (await redis.run(
          readFamilyScript,
          [keys.family(userId, familyId)],
          [`token:${tokenId}`],
        )) as FamilyValues;
        const family = toFamily(familyId, values);
        const raw = values[familyFields.length];
        if (family === undefined || raw == null) return undefined;
        const json = JSON.parse(raw) as TokenJson;
        const token: StoredRefreshToken = {
          id: tokenId,
          familyId,
          secretHash: json.secretHash,
          createdAt: Number(json.createdAt),
          rotatedAt: json.rotatedAt === undefined ? undefined : Number(json.rotatedAt),
          successorId: json.successorId,
        };
        return { token, family };
      }),

    rotate: ({ tokenId, familyId, userId, expiresAt, successor, now, idleExpiresAt }) =>
      storeCall(async () => {
        // The index first: a racing caller may hand out the successor as soon as the script ran.
        await setIndex(successor.id, userId, familyId, expiresAt);
        const rotated = await redis.run(
          rotateScript,
          [keys.family(userId, familyId)],
          [tokenId, successor.id, successor.secretHash, now, idleExpiresAt],
        );
        return rotated === 1;
      }),

    isLive: (familyId, userId, now) =>
      storeCall(async () => {
        const values = (await redis.run(
          readFamilyScript,
          [keys.family(userId, familyId)],
          [],
        )) as FamilyValues;
        const family = toFamily(familyId, values);
        return family !== undefined && family.userId === userId && isLiveAt(family, now);
      }),

    listLive: (userId, now) =>
      storeCall(async () => {
        const reply = (await redis.run(
          listScript,
          [keys.families(userId)],
          [keys.familyBase(userId)],
        )) as unknown[];
        const families: RefreshFamily[] = [];
        for (let index = 0; index + 1 < reply.length; index += 2) {
          const family = toFamily(String(reply[index]), reply[index + 1] as FamilyValues);
          if (family !== undefined && isLiveAt(family, now)) families.push(family);
        }
        return families.sort((a, b) => b.createdAt - a.createdAt);
      }),

    revoke: (familyId, userId, reason, now) =>
      storeCall(async () => {
        const result = await redis.run(
          revokeScript,
          [keys.family(userId, familyId)],
          [now, reason],
        );
        return result === 1;
      }),

    revokeAll: (userId, reason, now, keepFamilyId) =>
      storeCall(async () => {
        const count = await redis.run(
          revokeAllScript,
          [keys.families(userId)],
          [keys.familyBase(userId), now, reason, keepFamilyId ?? ''],
        );
        return Number(count);
      }),
  };
}
