import type { Application, Request, RequestHandler } from 'express';
import { type Authenticate, createGuards } from '../http/auth-context.js';
import { StoreUnavailableError } from '../http/problem.js';
import type { AppServices } from '../services.js';
import { createAccounts } from '../users/accounts.js';
import type { User } from '../users/users.js';
import {
  type CookieSessions,
  type SessionCredentials,
  createCookieSessions,
  sessionMiddleware,
} from './cookie-sessions.js';
import { csrfProtection } from './csrf.js';
import { bearerChallenge } from './problems.js';
import { authRouter } from './routes.js';

export type { AuthContext } from '../http/auth-context.js';
export { currentAuth } from '../http/auth-context.js';

// One runtime per application, so tests can run several apps with different settings.
const runtimes = new WeakMap<Application, CookieSessions>();

function runtimeOf(request: Request): CookieSessions {
  const sessions = runtimes.get(request.app);
  if (sessions === undefined) throw new Error('installAuth() was not called for this app');
  return sessions;
}

/**
 * Accepts the session cookie, or for apps `Authorization: Bearer <sessionToken>` (never a query
 * string or body), and reads the user's roles on every request so a role change bites at once.
 */
const authenticate: Authenticate = (request: Request) => runtimeOf(request).authenticate(request);

/** Guards for the application's routes: a live session, and optionally a role. */
export const { requireAuth, requireRole } = createGuards(authenticate);

/**
 * Signs a user who just proved who they are into a new session, the cookie set on the response,
 * and returns the CSRF token and, for apps (`X-Client: app`), the session token. Password login
 * and every social provider end here.
 */
export function signIn(
  request: Request,
  user: User,
  deviceName: string,
): Promise<SessionCredentials> {
  return runtimeOf(request).signIn(request, user, deviceName);
}

/** Any error express-session reports comes from its store: 503, never 500 or a pass. */
function storeErrorsAs503(middleware: RequestHandler): RequestHandler {
  return (request, response, next) => {
    void middleware(request, response, (error?: unknown) => {
      if (error === undefined) next();
      else next(error instanceof StoreUnavailableError ? error : new StoreUnavailableError(error));
    });
  };
}

/** Mounts the session middleware, CSRF protection and `/auth`, and makes `requireAuth` work. */
export function installAuth(app: Application, services: AppServices): void {
  const { config, logger, users, stores } = services;
  const store = stores.sessions;
  const sessions = createCookieSessions({ config: config.auth, store, users, logger });
  runtimes.set(app, sessions);

  app.use(storeErrorsAs503(sessionMiddleware(config.auth, store)));
  app.use(
    csrfProtection({ cookieName: config.auth.cookieName, trustedOrigins: config.corsOrigins }),
  );

  const accounts = createAccounts({
    users,
    loginLimiter: stores.loginLimiter,
    logger,
    unauthorizedHeaders: bearerChallenge,
  });
  app.use(
    '/auth',
    authRouter({ accounts, sessions, store, users, logger, config: config.auth, requireAuth }),
  );
}
