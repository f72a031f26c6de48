import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session, { type Session, type SessionData } from 'express-session';
import type { AuthContext } from '../http/auth-context.js';
import { StoreUnavailableError } from '../http/problem.js';
import type { Logger } from '../logger.js';
import type { User, UserRepository } from '../users/users.js';
import type { AuthConfig } from './config.js';
import { csrfTokenOf } from './csrf.js';
import { unauthorized } from './problems.js';
import type { SessionStore } from './session-store.js';

/** How often, at most, a session's last-seen time is written back (milliseconds). */
const lastSeenResolution = 60_000;

const bearerHeader = /^Bearer ([A-Za-z0-9_-]{43})$/;

/** What a sign-in answers besides the user: the CSRF token and, for apps, the session token. */
export interface SessionCredentials {
  csrfToken: string;
  sessionToken?: string;
}

/** Apps say `X-Client: app` to get the session token in the body instead of relying on cookies. */
function isApp(request: Request): boolean {
  return request.get('x-client') === 'app';
}

/** The id a client sees in the session list: a hash, so listing never reveals another token. */
export function publicSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 22);
}

/**
 * The express-session middleware: the cookie of SECURITY.md (HttpOnly, explicit SameSite,
 * Path=/, no Domain; `__Host-` and Secure in production), a 256-bit id, and no session stored
 * until something is put in it. `rolling` renews the cookie, and the store's expiry, with every
 * response, which is the idle timeout; the absolute timeout is checked on every request.
 */
export function sessionMiddleware(config: AuthConfig, store: SessionStore): RequestHandler {
  return session({
    name: config.cookieName,
    secret: config.sessionSecret,
    store,
    genid: () => randomBytes(32).toString('base64url'),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      secure: config.secureCookie,
      sameSite: config.sameSite,
      path: '/',
      maxAge: config.idleTtl * 1000,
    },
  });
}

type RequestSession = Session & Partial<SessionData>;

/** express-session leaves `req.session` unset when its store reports itself disconnected. */
function sessionOf(request: Request): RequestSession {
  const current = request.session as RequestSession | undefined;
  if (current === undefined) throw new StoreUnavailableError('no session middleware result');
  return current;
}

function promised(operation: (done: (error?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    operation((error) => {
      if (error === undefined || error === null) resolve();
      else reject(error instanceof Error ? error : new StoreUnavailableError(error));
    });
  });
}

interface SessionDependencies {
  config: AuthConfig;
  store: SessionStore;
  users: UserRepository;
  logger: Logger;
}

/** Starting, checking and ending sessions, for cookies and for app tokens alike. */
export function createCookieSessions({ config, store, users, logger }: SessionDependencies) {
  const idleMs = config.idleTtl * 1000;
  const absoluteMs = config.absoluteTtl * 1000;

  function ended(data: Partial<SessionData>, now: number): boolean {
    return (
      data.createdAt === undefined ||
      data.lastSeenAt === undefined ||
      now - data.createdAt >= absoluteMs ||
      now - data.lastSeenAt >= idleMs
    );
  }

  /** The session's new expiry: idle from now, never past the absolute end. */
  function expiryFrom(data: Partial<SessionData>, now: number): Date {
    return new Date(Math.min(now + idleMs, (data.createdAt ?? now) + absoluteMs));
  }

  /** Checks an app's Authorization header; the session is read from the store directly. */
  async function fromBearer(header: string): Promise<AuthContext> {
    const sessionId = bearerHeader.exec(header)?.[1];
    if (sessionId === undefined) throw unauthorized('token_invalid');

    const data = await store.read(sessionId);
    if (data?.userId === undefined) throw unauthorized('token_invalid');
    const now = Date.now();
    if (ended(data, now)) {
      await store.destroyForUser(data.userId, sessionId);
      throw unauthorized('session_expired');
    }
    const user = await users.findById(data.userId);
    if (user === undefined) {
      await store.destroyForUser(data.userId, sessionId);
      throw unauthorized('session_expired');
    }

    if (now - (data.lastSeenAt ?? 0) >= lastSeenResolution) {
      data.lastSeenAt = now;
      await store.write(sessionId, data, expiryFrom(data, now).getTime());
    }
    return { userId: user.id, sessionId: publicSessionId(sessionId), roles: user.roles };
  }

  /** Checks the session the cookie named; a role change moves the browser to a new id. */
  async function fromCookie(request: Request): Promise<AuthContext> {
    const current = sessionOf(request);
    if (current.userId === undefined) throw unauthorized('authentication_required');
    const now = Date.now();
    if (ended(current, now)) {
      await promised((done) => current.destroy(done));
      throw unauthorized('session_expired');
    }
    const user = await users.findById(current.userId);
    if (user === undefined) {
      await promised((done) => current.destroy(done));
      throw unauthorized('session_expired');
    }

    if (!sameRoles(current.roles ?? [], user.roles)) {
      await renew(request, {
        userId: user.id,
        deviceName: current.deviceName,
        createdAt: current.createdAt,
        lastSeenAt: now,
        roles: user.roles,
        // The page keeps working with the token it holds; only the id behind the cookie changes.
        csrfToken: current.csrfToken,
      });
      logger.info({ event: 'session_renewed', userId: user.id }, 'roles changed; new session id');
    } else if (now - (current.lastSeenAt ?? 0) >= lastSeenResolution) {
      current.lastSeenAt = now;
    }
    const renewed = sessionOf(request);
    renewed.cookie.maxAge = expiryFrom(renewed, now).getTime() - now;
    return { userId: user.id, sessionId: publicSessionId(request.sessionID), roles: user.roles };
  }

  /**
   * Replaces the request's session with a new id holding `data` (the old id is deleted from the
   * store), and stores it before returning, so the response never names an unsaved session. A new
   * CSRF token is made unless `data` carries one.
   */
  async function renew(request: Request, data: Partial<SessionData>): Promise<void> {
    await promised((done) => sessionOf(request).regenerate(done));
    const fresh = sessionOf(request);
    fresh.userId = data.userId;
    fresh.deviceName = data.deviceName;
    fresh.createdAt = data.createdAt;
    fresh.lastSeenAt = data.lastSeenAt;
    fresh.roles = data.roles;
    fresh.csrfToken = data.csrfToken;
    csrfTokenOf(fresh);
    await promised((done) => fresh.save(done));
  }

  return {
    /** Who is calling: the Bearer session token when one is sent, else the cookie's session. */
    authenticate(request: Request): Promise<AuthContext> {
      const header = request.get('authorization');
      return header === undefined ? fromCookie(request) : fromBearer(header);
    },

    /**
     * Signs `user` in on a new session id, stored before this resolves (the cookie follows with
     * the response), and returns what the client keeps: the CSRF token and, for apps, the session token.
     */
    async signIn(request: Request, user: User, deviceName: string): Promise<SessionCredentials> {
      const now = Date.now();
      await renew(request, {
        userId: user.id,
        deviceName,
        createdAt: now,
        lastSeenAt: now,
        roles: user.roles,
      });
      const sessionToken = request.sessionID;
      logger.info(
        { event: 'session_started', userId: user.id, sessionId: publicSessionId(sessionToken) },
        'signed in',
      );
      return {
        csrfToken: csrfTokenOf(sessionOf(request)),
        ...(isApp(request) ? { sessionToken } : {}),
      };
    },

    /** The store id of the session the request authenticated with. */
    storeIdOf(request: Request): string {
      const header = request.get('authorization');
      return header === undefined ? request.sessionID : (bearerHeader.exec(header)?.[1] ?? '');
    },

    /** Ends the request's cookie session, if it has one, and clears the cookie. */
    async endCookieSession(request: Request): Promise<void> {
      if (request.get('authorization') !== undefined) return;
      await promised((done) => sessionOf(request).destroy(done));
    },
  };
}

function sameRoles(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

export type CookieSessions = ReturnType<typeof createCookieSessions>;
