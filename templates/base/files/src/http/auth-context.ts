import type { Request, RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/** Who is calling: set on `req.auth` by `requireAuth`, whatever the auth strategy. */
export interface AuthContext {
  userId: string;
  /** The signed-in session or device; logout and revocation act on it. */
  sessionId: string;
  roles: string[];
}

declare global {
  // Express declares its request type in this global namespace; augmenting it types `req.auth`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}

/** The caller of a route behind `requireAuth`; throws if the route forgot the guard. */
export function currentAuth(request: Request): AuthContext {
  if (request.auth === undefined) {
    throw new Error(`${request.method} ${request.path} reads req.auth without requireAuth`);
  }
  return request.auth;
}

/** Authenticates a request or throws a 401 problem; each strategy supplies one. */
export type Authenticate = (request: Request) => Promise<AuthContext>;

/** Builds the `requireAuth` and `requireRole` guards around a strategy's authenticate step. */
export function createGuards(authenticate: Authenticate) {
  const requireAuth: RequestHandler = async (request, _response, next) => {
    request.auth = await authenticate(request);
    next();
  };

  const requireRole =
    (...roles: string[]): RequestHandler =>
    async (request, _response, next) => {
      request.auth ??= await authenticate(request);
      if (!roles.some((role) => request.auth?.roles.includes(role))) {
        throw new HttpProblem(403, 'forbidden', {
          detail: `This needs one of the roles: ${roles.join(', ')}.`,
        });
      }
      next();
    };

  return { requireAuth, requireRole };
}
