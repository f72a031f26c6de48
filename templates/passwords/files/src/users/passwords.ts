import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id at the OWASP minimum: 19 MiB of memory, 2 passes, 1 lane. */
const hashOptions = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

let dummyHash: Promise<string> | undefined;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

/**
 * Checks a password against a stored hash. With no hash (unknown email) it still verifies
 * against a dummy hash, so the answer takes as long as for a real account.
 */
export async function verifyPassword(
  storedHash: string | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  const matches = await argon2.verify(storedHash ?? (await dummyHash), password);
  return storedHash !== undefined && matches;
}

/** True when a stored hash uses weaker parameters than today's, so it is re-hashed at login. */
export function needsRehash(storedHash: string): boolean {
  return argon2.needsRehash(storedHash, hashOptions);
}
