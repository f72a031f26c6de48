import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { currentAuth } from '../http/auth-context.js';
import { HttpProblem } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../logger.js';
import { type Accounts, changePasswordBody, loginBody, registerBody } from '../users/accounts.js';
import { type User, type UserRepository, publicUser } from '../users/users.js';
import type { AuthConfig } from './config.js';
import { type CookieSessions, publicSessionId } from './cookie-sessions.js';
import { csrfTokenOf } from './csrf.js';
import type { SessionStore } from './session-store.js';

const sessionIdParameter = z.strictObject({ id: z.string().min(1).max(64) });

interface AuthRouteDependencies {
  accounts: Accounts;
  sessions: CookieSessions;
  store: SessionStore;
  users: UserRepository;
  logger: Logger;
  config: AuthConfig;
  requireAuth: RequestHandler;
}

/** Responses that carry credentials or account data must never be cached. */
function noStore(response: Response): Response {
  return response.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
}

/** The client address failed logins are counted against (honours TRUST_PROXY). */
function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** The `/auth` routes of API.md for cookie sessions. */
export function authRouter(dependencies: AuthRouteDependencies): Router {
  const { accounts, sessions, store, users, logger, config, requireAuth } = dependencies;
  const router = Router();

  const clearCookie = (response: Response) =>
    response.clearCookie(config.cookieName, {
      httpOnly: true,
      secure: config.secureCookie,
      sameSite: config.sameSite,
      path: '/',
    });

  /** Starts a session for `user` and answers with the user and what the client keeps. */
  async function signIn(request: Request, response: Response, user: User, deviceName: string) {
    const credentials = await sessions.signIn(request, user, deviceName);
    return noStore(response).json({ user: publicUser(user), ...credentials });
  }

  router.get('/csrf', (request, response) => {
    noStore(response).json({ csrfToken: csrfTokenOf(request.session) });
  });

  router.post('/register', async (request, response) => {
    const input = parseInput(registerBody, request.body);
    const user = await accounts.register(input);
    response.status(201);
    await signIn(request, response, user, input.deviceName ?? 'unnamed device');
  });

  router.post('/login', async (request, response) => {
    const input = parseInput(loginBody, request.body);
    const user = await accounts.login(input, clientAddress(request));
    await signIn(request, response, user, input.deviceName ?? 'unnamed device');
  });

  router.post('/logout', requireAuth, async (request, response) => {
    const { userId, sessionId } = currentAuth(request);
    await store.destroyForUser(userId, sessions.storeIdOf(request));
    await sessions.endCookieSession(request);
    logger.info({ event: 'logout', userId, sessionId }, 'signed out');
    clearCookie(response).status(204).end();
  });

  router.post('/logout-all', requireAuth, async (request, response) => {
    const { userId } = currentAuth(request);
    const revoked = await store.destroyAllForUser(userId);
    await sessions.endCookieSession(request);
    logger.info({ event: 'logout_all', userId, revoked }, 'signed out everywhere');
    clearCookie(response).status(204).end();
  });

  router.get('/me', requireAuth, async (request, response) => {
    const user = await users.findById(currentAuth(request).userId);
    if (user === undefined) throw new HttpProblem(404, 'user_not_found');
    noStore(response).json({ user: publicUser(user) });
  });

  router.get('/sessions', requireAuth, async (request, response) => {
    const { userId, sessionId } = currentAuth(request);
    const list = await store.listForUser(userId);
    noStore(response).json({
      sessions: list.map((entry) => {
        const id = publicSessionId(entry.sessionId);
        return {
          id,
          deviceName: entry.deviceName,
          createdAt: new Date(entry.createdAt).toISOString(),
          lastSeenAt: new Date(entry.lastSeenAt).toISOString(),
          current: id === sessionId,
        };
      }),
    });
  });

  router.delete('/sessions/:id', requireAuth, async (request, response) => {
    const { userId } = currentAuth(request);
    const { id } = parseInput(sessionIdParameter, request.params);
    const target = (await store.listForUser(userId)).find(
      (entry) => publicSessionId(entry.sessionId) === id,
    );
    // Another user's session id gets the same 404 as an unknown one.
    if (target === undefined || !(await store.destroyForUser(userId, target.sessionId))) {
      throw new HttpProblem(404, 'session_not_found', { detail: 'No such session of yours.' });
    }
    logger.info({ event: 'session_revoked', userId, sessionId: id }, 'session signed out');
    response.status(204).end();
  });

  router.post('/password', requireAuth, async (request, response) => {
    const { userId } = currentAuth(request);
    const input = parseInput(changePasswordBody, request.body);
    await accounts.changePassword(userId, input, clientAddress(request));
    const revoked = await store.destroyAllForUser(userId, sessions.storeIdOf(request));
    logger.info({ event: 'other_sessions_revoked', userId, revoked }, 'other sessions signed out');
    response.status(204).end();
  });

  return router;
}
