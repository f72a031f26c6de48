import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Application, Request, RequestHandler } from 'express';
import type { Session, SessionData } from 'express-session';
import { csrfFailed } from './problems.js';

/** The header a web client echoes its CSRF token in. */
export const csrfHeader = 'X-CSRF-Token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token, created on first use. */
export function csrfTokenOf(session: Session & Partial<SessionData>): string {
  session.csrfToken ??= randomBytes(32).toString('base64url');
  return session.csrfToken;
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Per application, so tests can run several apps side by side.
const crossSitePosts = new WeakMap<Application, Set<string>>();

/**
 * Lets POSTs to exactly `path` past both checks. Only for a route that proves the request itself
 * with a one-time value bound to this browser, such as a provider's form_post callback (its state
 * must match the sign-in transaction cookie), and that a provider must reach cross-site.
 */
export function allowCrossSitePost(app: Application, path: string): void {
  const paths = crossSitePosts.get(app) ?? new Set<string>();
  paths.add(path);
  crossSitePosts.set(app, paths);
}

interface CsrfOptions {
  cookieName: string;
  /** Origins besides this server's own that may send state-changing requests (CORS_ORIGINS). */
  trustedOrigins: string[];
}

/**
 * Two checks on every state-changing request, in order:
 *
 * 1. Fetch Metadata, with Origin as the fallback for browsers that do not send it: a request
 *    from another site is refused unless that origin is trusted. This holds for every client.
 * 2. A synchronizer token: a request that a browser could have sent with the session cookie
 *    must echo the session's token in X-CSRF-Token. Requests that carry `Authorization` or
 *    `X-Client: app` are exempt: a browser cannot add those headers to a cross-site request
 *    without a CORS preflight that only trusted origins pass, and neither relies on the cookie.
 *    So are requests with no cookie and no browser headers at all (curl, a mobile app's first
 *    login): nothing ambient rides on them.
 */
export function csrfProtection({ cookieName, trustedOrigins }: CsrfOptions): RequestHandler {
  const trusted = new Set(trustedOrigins);

  const originAllowed = (request: Request, origin: string | undefined): boolean =>
    origin !== undefined &&
    (trusted.has(origin) || origin === `${request.protocol}://${request.get('host') ?? ''}`);

  const fromAllowedSite = (request: Request): boolean => {
    const site = request.get('sec-fetch-site');
    if (site === 'same-origin' || site === 'none') return true;
    const origin = request.get('origin');
    if (site !== undefined) return originAllowed(request, origin);
    return origin === undefined || originAllowed(request, origin);
  };

  const mayCarryCookie = (request: Request): boolean =>
    (request.get('cookie') ?? '').includes(`${cookieName}=`) ||
    request.get('sec-fetch-site') !== undefined ||
    request.get('origin') !== undefined;

  return (request, _response, next) => {
    if (safeMethods.has(request.method)) {
      next();
      return;
    }
    if (request.method === 'POST' && crossSitePosts.get(request.app)?.has(request.path) === true) {
      next();
      return;
    }
    if (!fromAllowedSite(request)) throw csrfFailed('Cross-site requests are refused.');

    const headerAuthenticated =
      request.get('authorization') !== undefined || request.get('x-client') === 'app';
    if (headerAuthenticated || !mayCarryCookie(request)) {
      next();
      return;
    }

    const presented = request.get(csrfHeader);
    // Unset when the store is disconnected; then no token can match.
    const expected = (request.session as Partial<SessionData> | undefined)?.csrfToken;
    if (presented === undefined || expected === undefined || !sameToken(presented, expected)) {
      throw csrfFailed(`Send the token from GET /auth/csrf in the ${csrfHeader} header.`);
    }
    next();
  };
}
