import { HttpProblem } from '../http/problem.js';

/** The challenge a 401 carries: apps may answer it with `Authorization: Bearer <sessionToken>`. */
export const bearerChallenge = { 'WWW-Authenticate': 'Bearer realm="api"' };

const details: Record<string, string> = {
  authentication_required: 'Sign in first: send the session cookie or Authorization: Bearer.',
  session_expired: 'This session has ended; sign in again.',
  token_invalid: 'The session token is not valid.',
};

/** A 401 with a stable code. */
export function unauthorized(code: keyof typeof details): HttpProblem {
  return new HttpProblem(401, code, {
    detail: details[code] ?? 'Authentication failed.',
    headers: bearerChallenge,
  });
}

/** A 403 for a state-changing request that failed the CSRF checks. */
export function csrfFailed(detail: string): HttpProblem {
  return new HttpProblem(403, 'csrf_failed', { detail });
}
