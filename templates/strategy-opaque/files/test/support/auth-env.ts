import { randomBytes } from 'node:crypto';

/** The variable that holds the strategy's secret; the server refuses to start without it. */
export const secretVariable = 'TOKEN_SECRET';

/** Settings the opaque strategy needs in tests: a fresh random secret per test app. */
export function testAuthEnv(): Record<string, string> {
  return {
    TOKEN_SECRET: randomBytes(48).toString('base64url'),
    ACCESS_TOKEN_TTL: '900',
    REFRESH_TOKEN_TTL: '2592000',
    REFRESH_IDLE_TTL: '1209600',
    REFRESH_REUSE_LEEWAY_SECONDS: '10',
  };
}
