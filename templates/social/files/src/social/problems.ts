import { HttpProblem } from '../http/problem.js';

const details = {
  id_token_invalid: 'The ID token is not valid for this API.',
  id_token_expired: 'The ID token has expired; sign in with the provider again.',
  nonce_mismatch: 'The ID token was not issued for the nonce this request sent.',
  provider_code_invalid:
    'The provider refused the authorization code; it is wrong, used or expired.',
} as const;

/** A 401 for proof from a provider that does not hold, with a stable code. */
export function socialUnauthorized(code: keyof typeof details): HttpProblem {
  return new HttpProblem(401, code, { detail: details[code] });
}

/**
 * The provider could not be reached or answered something unusable; worth a retry later, after
 * `retryAfterSeconds` when the provider said how long it needs.
 */
export function providerUnavailable(provider: string, retryAfterSeconds?: number): HttpProblem {
  return new HttpProblem(503, 'provider_unavailable', {
    detail: `${provider} sign-in is unavailable right now; try again shortly.`,
    ...(retryAfterSeconds === undefined
      ? {}
      : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
  });
}

/** The provider refused this server's own credentials: a configuration problem, not the user's. */
export function providerMisconfigured(provider: string): HttpProblem {
  return new HttpProblem(502, 'provider_error', {
    detail: `${provider} refused this server's sign-in request.`,
  });
}
