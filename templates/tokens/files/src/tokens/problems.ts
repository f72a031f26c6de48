import { HttpProblem } from '../http/problem.js';

/** The challenge every 401 of a Bearer API carries (RFC 6750). */
export const bearerChallenge = { 'WWW-Authenticate': 'Bearer realm="api"' };

const details: Record<string, string> = {
  authentication_required: 'Send the access token as Authorization: Bearer <token>.',
  token_invalid: 'The token is not valid.',
  token_expired: 'The token has expired.',
  session_revoked: 'This session has been signed out.',
  refresh_reused: 'This refresh token was already used; the device has been signed out.',
};

/** A 401 with a stable code and the Bearer challenge. */
export function unauthorized(code: keyof typeof details): HttpProblem {
  const challenge =
    code === 'authentication_required'
      ? bearerChallenge['WWW-Authenticate']
      : `${bearerChallenge['WWW-Authenticate']}, error="invalid_token"`;
  return new HttpProblem(401, code, {
    detail: details[code] ?? 'Authentication failed.',
    headers: { 'WWW-Authenticate': challenge },
  });
}
