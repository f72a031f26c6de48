import { HttpProblem } from '../../http/problem.js';

/** Longest `returnTo` accepted; a real page address is far shorter. */
const maxLength = 2048;

/**
 * Where the browser goes after signing in: a path on this API (`/account`), or an address on
 * this API's origin or on one of the origins in CORS_ORIGINS. Anything else is refused, so the
 * sign-in can never send a browser, or an error code, to a site the API does not trust.
 */
export function checkReturnTo(
  value: unknown,
  publicUrl: URL,
  trustedOrigins: readonly string[],
): string {
  if (value === undefined || value === '') return new URL('/', publicUrl).href;
  if (typeof value !== 'string' || value.length > maxLength) throw returnToRefused();

  // `//host` and `/\host` are read by browsers as another host; only a single slash is a path.
  if (value.startsWith('/') && !/^\/[/\\]/.test(value)) {
    const resolved = new URL(value, publicUrl);
    if (resolved.origin === publicUrl.origin) return resolved.href;
  }
  if (URL.canParse(value)) {
    const url = new URL(value);
    if (url.origin === publicUrl.origin || trustedOrigins.includes(url.origin)) return url.href;
  }
  throw returnToRefused();
}

function returnToRefused(): HttpProblem {
  return new HttpProblem(400, 'return_to_invalid', {
    detail: 'returnTo must be a path on this API or an address on an origin in CORS_ORIGINS.',
  });
}

/** `returnTo` with an `error` parameter the web app reads to tell the user what went wrong. */
export function withError(returnTo: string, code: string): string {
  const url = new URL(returnTo);
  url.searchParams.set('error', code);
  return url.href;
}
