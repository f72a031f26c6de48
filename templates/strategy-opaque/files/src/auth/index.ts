import type { Application, Request } from 'express';
import { type Authenticate, createGuards } from '../http/auth-context.js';
import type { AppServices } from '../services.js';
import { mountTokenRoutes } from '../tokens/install.js';
import { unauthorized } from '../tokens/problems.js';
import { parseToken } from '../tokens/secret-tokens.js';
import { type AccessTokens, createAccessTokens } from './access-tokens.js';

export type { AuthContext } from '../http/auth-context.js';
export { currentAuth } from '../http/auth-context.js';
/**
 * Password login and every social provider end here: a new device session and its credentials.
 * `signOutEverywhere` revokes every device session of a user.
 */
export { signIn, signOutEverywhere } from '../tokens/install.js';

// One set of access tokens per application, so tests can run several apps side by side.
const runtimes = new WeakMap<Application, AccessTokens>();

const bearerHeader = /^Bearer (\S+)$/i;

/**
 * Accepts only `Authorization: Bearer <access token>` (never a query string or body) and looks
 * the token up on every request, so logout and revocation bite on the next one.
 */
const authenticate: Authenticate = async (request: Request) => {
  const accessTokens = runtimes.get(request.app);
  if (accessTokens === undefined) throw new Error('installAuth() was not called for this app');

  const value = bearerHeader.exec(request.get('authorization') ?? '')?.[1];
  if (value === undefined) throw unauthorized('authentication_required');
  const presented = parseToken(value);
  if (presented === undefined) throw unauthorized('token_invalid');

  const result = await accessTokens.check(presented);
  if (!result.ok) throw unauthorized(result.code);
  return result.auth;
};

/** Guards for the application's routes: a valid access token, and optionally a role. */
export const { requireAuth, requireRole } = createGuards(authenticate);

/** Mounts `/auth` and makes `requireAuth` work for this app. */
export function installAuth(app: Application, services: AppServices): void {
  const { config, stores } = services;
  const accessTokens = createAccessTokens({
    store: stores.accessTokens,
    families: stores.refreshFamilies,
    ttl: config.auth.accessTokenTtl,
  });
  runtimes.set(app, accessTokens);
  mountTokenRoutes(app, services, {
    issueAccessToken: (auth) => accessTokens.issue(auth),
    successorSecret: config.auth.tokenSecret,
    requireAuth,
  });
}
