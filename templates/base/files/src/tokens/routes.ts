import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { currentAuth } from '../http/auth-context.js';
import { HttpProblem } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../logger.js';
import { type Accounts, changePasswordBody, loginBody, registerBody } from '../users/accounts.js';
import { type UserRepository, publicUser } from '../users/users.js';
import type { RefreshFamilyStore } from './refresh-family-store.js';
import type { Sessions } from './sessions.js';

const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(512) });

const sessionIdParameter = z.strictObject({ id: z.string().min(1).max(64) });

interface AuthRouteDependencies {
  accounts: Accounts;
  sessions: Sessions;
  store: RefreshFamilyStore;
  users: UserRepository;
  logger: Logger;
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

/** The `/auth` routes of API.md for the Bearer token strategies. */
export function authRouter(dependencies: AuthRouteDependencies): Router {
  const { accounts, sessions, store, users, logger, requireAuth } = dependencies;
  const router = Router();

  router.post('/register', async (request, response) => {
    const input = parseInput(registerBody, request.body);
    const user = await accounts.register(input);
    const credentials = await sessions.start(user, input.deviceName ?? 'unnamed device');
    noStore(response)
      .status(201)
      .json({ user: publicUser(user), ...credentials });
  });

  router.post('/login', async (request, response) => {
    const input = parseInput(loginBody, request.body);
    const user = await accounts.login(input, clientAddress(request));
    const credentials = await sessions.start(user, input.deviceName ?? 'unnamed device');
    noStore(response).json({ user: publicUser(user), ...credentials });
  });

  router.post('/refresh', async (request, response) => {
    const { refreshToken } = parseInput(refreshBody, request.body);
    noStore(response).json(await sessions.refresh(refreshToken));
  });

  router.post('/logout', requireAuth, async (request, response) => {
    const { userId, sessionId } = currentAuth(request);
    await store.revoke(sessionId, userId, 'logout', Date.now());
    logger.info({ event: 'logout', userId, sessionId }, 'signed out');
    response.status(204).end();
  });

  router.post('/logout-all', requireAuth, async (request, response) => {
    const { userId } = currentAuth(request);
    const revoked = await store.revokeAll(userId, 'logout_all', Date.now());
    logger.info({ event: 'logout_all', userId, revoked }, 'signed out everywhere');
    response.status(204).end();
  });

  router.get('/me', requireAuth, async (request, response) => {
    const user = await users.findById(currentAuth(request).userId);
    if (user === undefined) throw new HttpProblem(404, 'user_not_found');
    noStore(response).json({ user: publicUser(user) });
  });

  router.get('/sessions', requireAuth, async (request, response) => {
    const { userId, sessionId } = currentAuth(request);
    const families = await store.listLive(userId, Date.now());
    noStore(response).json({
      sessions: families.map((family) => ({
        id: family.id,
        deviceName: family.deviceName,
        createdAt: new Date(family.createdAt).toISOString(),
        lastSeenAt: new Date(family.lastSeenAt).toISOString(),
        current: family.id === sessionId,
      })),
    });
  });

  router.delete('/sessions/:id', requireAuth, async (request, response) => {
    const { userId } = currentAuth(request);
    const { id } = parseInput(sessionIdParameter, request.params);
    // Another user's session id gets the same 404 as an unknown one.
    if (!(await store.revoke(id, userId, 'device_revoked', Date.now()))) {
      throw new HttpProblem(404, 'session_not_found', { detail: 'No such session of yours.' });
    }
    logger.info({ event: 'session_revoked', userId, sessionId: id }, 'device signed out');
    response.status(204).end();
  });

  router.post('/password', requireAuth, async (request, response) => {
    const { userId, sessionId } = currentAuth(request);
    const input = parseInput(changePasswordBody, request.body);
    await accounts.changePassword(userId, input, clientAddress(request));
    const revoked = await store.revokeAll(userId, 'password_changed', Date.now(), sessionId);
    logger.info({ event: 'other_sessions_revoked', userId, revoked }, 'other devices signed out');
    response.status(204).end();
  });

  return router;
}
