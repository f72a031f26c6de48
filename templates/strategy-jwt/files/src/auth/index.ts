import type { Application, Request } from 'express';
import { type Authenticate, createGuards } from '../http/auth-context.js';
import type { AppServices } from '../services.js';
import { mountTokenRoutes } from '../tokens/install.js';
import { unauthorized } from '../tokens/problems.js';
import type { RefreshFamilyStore } from '../tokens/refresh-family-store.js';
import { AccessTokenError, type AccessTokens, createAccessTokens } from './access-tokens.js';

export type { AuthContext } from '../http/auth-context.js';
export { currentAuth } from '../http/auth-context.js';
/**
 * Password login and every social provider end here: a new device session and its credentials.
 * `signOutEverywhere` revokes every device session of a user.
 */
export { signIn, signOutEverywhere } from '../tokens/install.js';

interface AuthRuntime {
  accessTokens: AccessTokens;
  store: RefreshFamilyStore;
}

// One runtime per application, so tests can run several apps with different settings.
const runtimes = new WeakMap<Application, AuthRuntime>();

const bearerHeader = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/**
 * Accepts only `Authorization: Bearer <access token>` (never a query string or body), checks the
 * JWT, then checks that its session is still live so logout and revocation bite at once.
 */
const authenticate: Authenticate = async (request: Request) => {
  const runtime = runtimes.get(request.app);
  if (runtime === undefined) throw new Error('installAuth() was not called for this app');

  const token = bearerHeader.exec(request.get('authorization') ?? '')?.[1];
  if (token === undefined) throw unauthorized('authentication_required');

  let auth;
  try {
    auth = await runtime.accessTokens.verify(token);
  } catch (error) {
    throw unauthorized(error instanceof AccessTokenError ? error.code : 'token_invalid');
  }
  if (!(await runtime.store.isLive(auth.sessionId, auth.userId, Date.now()))) {
    throw unauthorized('session_revoked');
  }
  return auth;
};

/** Guards for the application's routes: a valid access token, and optionally a role. */
export const { requireAuth, requireRole } = createGuards(authenticate);

/** Mounts `/auth` and makes `requireAuth` work for this app. */
export function installAuth(app: Application, services: AppServices): void {
  const accessTokens = createAccessTokens(services.config.auth);
  runtimes.set(app, { accessTokens, store: services.stores.refreshFamilies });
  mountTokenRoutes(app, services, {
    issueAccessToken: (auth) => accessTokens.issue(auth),
    successorSecret: services.config.auth.jwtSecret,
    requireAuth,
  });
}
