import { randomBytes } from 'node:crypto';

/** The variable that holds the strategy's secret; the server refuses to start without it. */
export const secretVariable = 'JWT_SECRET';

/** Settings the JWT strategy needs in tests: a fresh random key per test app. */
export function testAuthEnv(): Record<string, string> {
  return {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    JWT_ISSUER: 'test-issuer',
    JWT_AUDIENCE: 'test-audience',
    ACCESS_TOKEN_TTL: '900',
    REFRESH_TOKEN_TTL: '2592000',
    REFRESH_IDLE_TTL: '1209600',
    REFRESH_REUSE_LEEWAY_SECONDS: '10',
  };
}
