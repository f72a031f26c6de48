import { randomBytes } from 'node:crypto';

/** Settings the session strategy needs in tests: a fresh random secret per test app. */
export function testAuthEnv(): Record<string, string> {
  return {
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    SESSION_IDLE_TTL: '3600',
    SESSION_ABSOLUTE_TTL: '86400',
    SESSION_SAME_SITE: 'lax',
  };
}

/** The secret the server refuses to start without. */
export const secretVariable = 'SESSION_SECRET';
