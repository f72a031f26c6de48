import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A secret token is `<id>.<secret>`: the id (128 random bits) finds the stored record, the
 * secret (256 random bits) proves possession. Only a SHA-256 hash of the secret is stored.
 * Refresh tokens have this shape, and so do opaque access tokens.
 */
export interface SecretToken {
  id: string;
  secret: string;
}

const tokenShape = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A fresh random token. */
export function randomToken(): SecretToken {
  return {
    id: randomBytes(16).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
  };
}

/** The string handed to the client. */
export function formatToken(token: SecretToken): string {
  return `${token.id}.${token.secret}`;
}

/** Splits a presented token, or returns undefined when it does not have the token's shape. */
export function parseToken(value: string): SecretToken | undefined {
  const match = tokenShape.exec(value);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { id: match[1], secret: match[2] };
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * Derives the refresh token that replaces `token` at rotation. It is a keyed hash of the
 * presented token, so a client that sends the same token twice within the reuse leeway can be
 * handed the same successor again without the server ever storing a token in the clear.
 */
export function createSuccessorDeriver(serverSecret: string) {
  // A key of its own, so successor derivation never shares key material with other uses.
  const key = createHmac('sha256', serverSecret).update('refresh-token-successor').digest();
  const derive = (purpose: string, token: SecretToken) =>
    createHmac('sha256', key)
      .update(`${purpose}:${formatToken(token)}`)
      .digest();

  return (token: SecretToken): SecretToken => ({
    id: derive('id', token).subarray(0, 16).toString('base64url'),
    secret: derive('secret', token).toString('base64url'),
  });
}
