import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A refresh token is `<id>.<secret>`: the id (128 bits) finds the stored row, the secret
 * (256 bits) proves possession. Only a SHA-256 hash of the secret is stored.
 */
export interface RefreshToken {
  id: string;
  secret: string;
}

const tokenShape = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A fresh random token, for the first token of a login. */
export function randomRefreshToken(): RefreshToken {
  return {
    id: randomBytes(16).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
  };
}

/** The string handed to the client. */
export function formatRefreshToken(token: RefreshToken): string {
  return `${token.id}.${token.secret}`;
}

/** Splits a presented token, or returns undefined when it does not have the token's shape. */
export function parseRefreshToken(value: string): RefreshToken | undefined {
  const match = tokenShape.exec(value);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { id: match[1], secret: match[2] };
}

/** The stored form of a secret. */
export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashRefreshSecret(secret));
  const stored = Buffer.from(storedHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * Derives the token that replaces `token` at rotation. It is a keyed hash of the presented
 * token, so a client that sends the same token twice within the reuse leeway can be handed the
 * same successor again without the server ever storing a token in the clear.
 */
export function createSuccessorDeriver(jwtSecret: string) {
  // A key of its own, so successor derivation and JWT signing never share key material directly.
  const key = createHmac('sha256', jwtSecret).update('refresh-token-successor').digest();
  const derive = (purpose: string, token: RefreshToken) =>
    createHmac('sha256', key)
      .update(`${purpose}:${formatRefreshToken(token)}`)
      .digest();

  return (token: RefreshToken): RefreshToken => ({
    id: derive('id', token).subarray(0, 16).toString('base64url'),
    secret: derive('secret', token).toString('base64url'),
  });
}
