import type { Application, RequestHandler } from 'express';
import type { AppServices } from '../services.js';
import { createAccounts } from '../users/accounts.js';
import { bearerChallenge } from './problems.js';
import { authRouter } from './routes.js';
import { type IssueAccessToken, createSessions } from './sessions.js';

interface TokenRouteOptions {
  issueAccessToken: IssueAccessToken;
  successorSecret: string;
  requireAuth: RequestHandler;
}

/** Mounts `/auth` for a Bearer token strategy: accounts, device sessions and rotation. */
export function mountTokenRoutes(
  app: Application,
  services: AppServices,
  options: TokenRouteOptions,
): void {
  const { config, logger, users, stores } = services;
  const store = stores.refreshFamilies;
  const accounts = createAccounts({
    users,
    loginLimiter: stores.loginLimiter,
    logger,
    unauthorizedHeaders: bearerChallenge,
  });
  const sessions = createSessions({
    lifetimes: config.auth,
    successorSecret: options.successorSecret,
    store,
    users,
    issueAccessToken: options.issueAccessToken,
    logger,
  });
  app.use(
    '/auth',
    authRouter({ accounts, sessions, store, users, logger, requireAuth: options.requireAuth }),
  );
}
