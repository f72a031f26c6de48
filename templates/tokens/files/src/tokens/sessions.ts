import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../http/auth-context.js';
import type { Logger } from '../logger.js';
import type { User, UserRepository } from '../users/users.js';
import type { TokenLifetimes } from './lifetimes.js';
import { unauthorized } from './problems.js';
import type {
  RefreshFamily,
  RefreshFamilyStore,
  RevocationReason,
} from './refresh-family-store.js';
import {
  type SecretToken,
  createSuccessorDeriver,
  formatToken,
  hashSecret,
  parseToken,
  randomToken,
  secretMatches,
} from './secret-tokens.js';

/** What login, register and refresh hand to the client (API.md). */
export interface Credentials {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Seconds until the refresh token expires, idle or absolute, whichever comes first. */
  refreshExpiresIn: number;
}

/** Issues an access token for one device session; each strategy supplies its own kind. */
export type IssueAccessToken = (auth: AuthContext) => Promise<string>;

interface SessionDependencies {
  lifetimes: TokenLifetimes;
  /** The server secret successor refresh tokens are derived with. */
  successorSecret: string;
  store: RefreshFamilyStore;
  users: UserRepository;
  issueAccessToken: IssueAccessToken;
  logger: Logger;
}

/** Starts device sessions at login and rotates their refresh tokens. */
export function createSessions({
  lifetimes,
  successorSecret,
  store,
  users,
  issueAccessToken,
  logger,
}: SessionDependencies) {
  const deriveSuccessor = createSuccessorDeriver(successorSecret);
  const leewayMs = lifetimes.refreshReuseLeeway * 1000;

  async function credentials(
    user: User,
    family: RefreshFamily,
    refreshToken: SecretToken,
    now: number,
  ): Promise<Credentials> {
    const ends = Math.min(family.expiresAt, family.idleExpiresAt);
    return {
      accessToken: await issueAccessToken({
        userId: user.id,
        sessionId: family.id,
        roles: user.roles,
      }),
      refreshToken: formatToken(refreshToken),
      tokenType: 'Bearer',
      expiresIn: lifetimes.accessTokenTtl,
      refreshExpiresIn: Math.max(0, Math.floor((ends - now) / 1000)),
    };
  }

  async function ownerOf(family: RefreshFamily): Promise<User> {
    const user = await users.findById(family.userId);
    if (user === undefined) throw unauthorized('token_invalid');
    return user;
  }

  /** Signs the family out after a rotated token came back too late to be a racing client. */
  async function refuseReuse(family: RefreshFamily, tokenId: string, now: number): Promise<never> {
    await store.revoke(family.id, family.userId, 'refresh_reused', now);
    logger.warn(
      { event: 'refresh_reused', userId: family.userId, sessionId: family.id, tokenId },
      'rotated refresh token reused; device signed out',
    );
    throw unauthorized('refresh_reused');
  }

  return {
    /** Starts a new device session (a refresh token family) for a user who just proved who they are. */
    async start(user: User, deviceName: string): Promise<Credentials> {
      const now = Date.now();
      const family: RefreshFamily = {
        id: randomUUID(),
        userId: user.id,
        deviceName,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + lifetimes.refreshTokenTtl * 1000,
        idleExpiresAt: now + lifetimes.refreshIdleTtl * 1000,
        revokedAt: undefined,
      };
      const token = randomToken();
      await store.createFamily(family, { id: token.id, secretHash: hashSecret(token.secret) });
      return credentials(user, family, token, now);
    },

    /** Revokes the device session that `start` returned `issued` for. */
    async end(issued: Credentials, reason: RevocationReason): Promise<void> {
      const presented = parseToken(issued.refreshToken);
      const found = presented && (await store.findToken(presented.id));
      if (found === undefined) return;
      await store.revoke(found.family.id, found.family.userId, reason, Date.now());
    },

    /**
     * Exchanges a refresh token for new credentials and rotates it. A token presented again
     * within the reuse leeway gets the same successor; later, it signs the whole family out.
     */
    async refresh(presentedValue: string): Promise<Credentials> {
      const presented = parseToken(presentedValue);
      const found = presented && (await store.findToken(presented.id));
      if (presented === undefined || found === undefined) throw unauthorized('token_invalid');
      if (!secretMatches(presented.secret, found.token.secretHash))
        throw unauthorized('token_invalid');

      const { token, family } = found;
      const now = Date.now();
      if (family.revokedAt !== undefined) throw unauthorized('session_revoked');
      if (family.expiresAt <= now || family.idleExpiresAt <= now)
        throw unauthorized('token_expired');

      const successor = deriveSuccessor(presented);
      if (token.rotatedAt === undefined) {
        const idleExpiresAt = Math.min(family.expiresAt, now + lifetimes.refreshIdleTtl * 1000);
        const rotated = await store.rotate({
          tokenId: token.id,
          familyId: family.id,
          userId: family.userId,
          expiresAt: family.expiresAt,
          successor: { id: successor.id, secretHash: hashSecret(successor.secret) },
          now,
          idleExpiresAt,
        });
        if (rotated) {
          return credentials(
            await ownerOf(family),
            { ...family, lastSeenAt: now, idleExpiresAt },
            successor,
            now,
          );
        }
      }

      // Rotated already, by an earlier call or by a concurrent one that just won the race.
      const latest = token.rotatedAt === undefined ? await store.findToken(token.id) : found;
      const rotatedAt = latest?.token.rotatedAt;
      const racing = rotatedAt !== undefined && now - rotatedAt <= leewayMs;
      if (latest === undefined || !racing || latest.token.successorId !== successor.id) {
        return refuseReuse(family, token.id, now);
      }
      if (latest.family.revokedAt !== undefined) throw unauthorized('session_revoked');
      return credentials(await ownerOf(family), latest.family, successor, now);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
