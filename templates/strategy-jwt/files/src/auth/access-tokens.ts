import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { AuthContext } from '../http/auth-context.js';
import type { AuthConfig } from './config.js';

/** The one algorithm tokens are signed and accepted with. */
const algorithm = 'HS256';
/** Header `typ` of access tokens (RFC 9068), so no other JWT passes as one. */
const accessTokenType = 'at+jwt';
/** Header members that would let a token name its own key; refused outright. */
const keyHeaders = ['jwk', 'jku', 'x5u', 'x5c'];

/** Why an access token was refused: expired, or invalid for any other reason. */
export class AccessTokenError extends Error {
  constructor(readonly code: 'token_expired' | 'token_invalid') {
    super(code);
    this.name = 'AccessTokenError';
  }
}

/** Signs and verifies access tokens with the configured key, issuer and audience. */
export function createAccessTokens(config: AuthConfig) {
  const key = new TextEncoder().encode(config.jwtSecret);

  return {
    /** Signs a token for one session; lifetime is ACCESS_TOKEN_TTL whole seconds. */
    async issue(auth: AuthContext): Promise<string> {
      const issuedAt = Math.floor(Date.now() / 1000);
      return new SignJWT({ sid: auth.sessionId, roles: auth.roles })
        .setProtectedHeader({ alg: algorithm, typ: accessTokenType })
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setSubject(auth.userId)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + config.accessTokenTtl)
        .sign(key);
    },

    /** Verifies signature, algorithm, type, issuer, audience and times; returns the caller. */
    async verify(token: string): Promise<AuthContext> {
      try {
        const header = decodeProtectedHeader(token);
        if (keyHeaders.some((name) => name in header)) throw new AccessTokenError('token_invalid');

        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          typ: accessTokenType,
          issuer: config.issuer,
          audience: config.audience,
          requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub', 'sid', 'jti'],
          maxTokenAge: config.accessTokenTtl,
        });
        const { sub, sid, roles } = payload;
        if (typeof sub !== 'string' || typeof sid !== 'string' || !isStringArray(roles)) {
          throw new AccessTokenError('token_invalid');
        }
        return { userId: sub, sessionId: sid, roles };
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new AccessTokenError('token_expired');
        throw new AccessTokenError('token_invalid');
      }
    },
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
