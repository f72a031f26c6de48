import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { User, UserRepository } from '../users/users.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthConfig } from './config.js';
import { unauthorized } from './problems.js';
import type { RefreshFamily, RefreshFamilyStore } from './refresh-family-store.js';
import {
  type RefreshToken,
  createSuccessorDeriver,
  formatRefreshToken,
  hashRefreshSecret,
  parseRefreshToken,
  randomRefreshToken,
  secretMatches,
} from './refresh-tokens.js';

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

interface SessionDependencies {
  config: AuthConfig;
  store: RefreshFamilyStore;
  users: UserRepository;
  accessTokens: AccessTokens;
  logger: Logger;
}

/** Starts device sessions at login and rotates their refresh tokens. */
export function createSessions({
  config,
  store,
  users,
  accessTokens,
  logger,
}: SessionDependencies) {
  const deriveSuccessor = createSuccessorDeriver(config.jwtSecret);
  const leewayMs = config.refreshReuseLeeway * 1000;

  async function credentials(
    user: User,
    family: RefreshFamily,
    refreshToken: RefreshToken,
    now: number,
  ): Promise<Credentials> {
    const ends = Math.min(family.expiresAt, family.idleExpiresAt);
    return {
      accessToken: await accessTokens.issue({
        userId: user.id,
        sessionId: family.id,
        roles: user.roles,
      }),
      refreshToken: formatRefreshToken(refreshToken),
      tokenType: 'Bearer',
      expiresIn: config.accessTokenTtl,
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
        expiresAt: now + config.refreshTokenTtl * 1000,
        idleExpiresAt: now + config.refreshIdleTtl * 1000,
        revokedAt: undefined,
      };
      const token = randomRefreshToken();
      await store.createFamily(family, {
        id: token.id,
        secretHash: hashRefreshSecret(token.secret),
      });
      return credentials(user, family, token, now);
    },

    /**
     * Exchanges a refresh token for new credentials and rotates it. A token presented again
     * within the reuse leeway gets the same successor; later, it signs the whole family out.
     */
    async refresh(presentedValue: string): Promise<Credentials> {
      const presented = parseRefreshToken(presentedValue);
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
        const idleExpiresAt = Math.min(family.expiresAt, now + config.refreshIdleTtl * 1000);
        const rotated = await store.rotate({
          tokenId: token.id,
          familyId: family.id,
          successor: { id: successor.id, secretHash: hashRefreshSecret(successor.secret) },
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
