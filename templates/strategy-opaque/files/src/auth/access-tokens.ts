import type { AuthContext } from '../http/auth-context.js';
import type { RefreshFamilyStore } from '../tokens/refresh-family-store.js';
import { formatToken, hashSecret, randomToken, secretMatches } from '../tokens/secret-tokens.js';
import type { AccessTokenStore } from './access-token-store.js';

/** Why an access token was refused. */
export type AccessTokenRefusal = 'token_invalid' | 'token_expired' | 'session_revoked';

/** The outcome of checking a presented access token against the store. */
export type AccessTokenCheck =
  { ok: true; auth: AuthContext } | { ok: false; code: AccessTokenRefusal };

interface AccessTokenDependencies {
  store: AccessTokenStore;
  families: RefreshFamilyStore;
  /** Access token lifetime in seconds. */
  ttl: number;
}

/**
 * Opaque access tokens: random `<id>.<secret>` strings that mean nothing without the store.
 * Every check reads the token and its device session, so a revoked session fails at once.
 */
export function createAccessTokens({ store, families, ttl }: AccessTokenDependencies) {
  return {
    /** Stores and returns a new token for one device session. */
    async issue(auth: AuthContext): Promise<string> {
      const token = randomToken();
      await store.save({
        id: token.id,
        secretHash: hashSecret(token.secret),
        familyId: auth.sessionId,
        userId: auth.userId,
        roles: auth.roles,
        expiresAt: Date.now() + ttl * 1000,
      });
      return formatToken(token);
    },

    /** Finds the token, compares its secret in constant time, then checks its session. */
    async check(presented: { id: string; secret: string }): Promise<AccessTokenCheck> {
      const stored = await store.find(presented.id);
      if (stored === undefined || !secretMatches(presented.secret, stored.secretHash)) {
        return { ok: false, code: 'token_invalid' };
      }
      const now = Date.now();
      if (stored.expiresAt <= now) return { ok: false, code: 'token_expired' };
      if (!(await families.isLive(stored.familyId, stored.userId, now))) {
        return { ok: false, code: 'session_revoked' };
      }
      return {
        ok: true,
        auth: { userId: stored.userId, sessionId: stored.familyId, roles: stored.roles },
      };
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
