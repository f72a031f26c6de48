import { type Request, Router } from 'express';
import { HttpProblem } from '../http/problem.js';
import type { Logger } from '../logger.js';
import type { LoginLimiter } from '../users/login-limiter.js';
import { type User, publicUser } from '../users/users.js';
import type { AccountLinker } from './linking.js';
import type { SocialProvider } from './profile.js';

/** The strategy's sign-in: starts a session or device for the user and returns its credentials. */
export type SignIn = (request: Request, user: User, deviceName: string) => Promise<object>;

interface SocialRouteDependencies {
  providers: SocialProvider[];
  linker: AccountLinker;
  signIn: SignIn;
  /** Counts sign-in attempts per client address, with the failed password logins. */
  limiter: LoginLimiter;
  logger: Logger;
}

/** The client address sign-in attempts are counted against (honours TRUST_PROXY). */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** The answer to an address over its limit, as password login gives it. */
export function signInLimited(retryAfter: number): HttpProblem {
  return new HttpProblem(429, 'rate_limited', {
    detail: 'Too many failed attempts; try again later.',
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/**
 * Counts one sign-in attempt against the client address before the provider is asked anything,
 * so a flood of bad proofs stops here and never reaches the provider; 429 when the address is
 * over its limit. The caller gives the attempt back when it signs someone in, so the counter
 * holds the attempts that did not. Resolves to the address.
 */
export async function takeSignInAttempt(
  limiter: LoginLimiter,
  logger: Logger,
  request: Request,
  provider: string,
): Promise<string> {
  const address = clientAddress(request);
  const retryAfter = await limiter.takeAddressAttempt(address);
  if (retryAfter > 0) {
    logger.warn({ event: 'login_limited', address, provider }, 'sign-in attempts limited');
    throw signInLimited(retryAfter);
  }
  return address;
}

/**
 * `POST /:provider` for the chosen providers: the provider verifies its proof, the linker finds or
 * creates the user, and the strategy answers with the app's own credentials. Any other provider
 * name is 404, as if the route did not exist. Attempts that do not sign in count against the
 * client address with failed password logins (LOGIN_MAX_FAILURES_PER_ADDRESS): over it, 429.
 */
export function socialRouter({
  providers,
  linker,
  signIn,
  limiter,
  logger,
}: SocialRouteDependencies): Router {
  const byName = new Map(providers.map((provider) => [provider.name, provider]));
  const router = Router();

  router.post('/:provider', async (request, response) => {
    const provider = byName.get(request.params.provider);
    if (provider === undefined) {
      throw new HttpProblem(404, 'not_found', {
        detail: `No route for ${request.method} ${request.originalUrl.split('?')[0] ?? ''}.`,
      });
    }

    const address = await takeSignInAttempt(limiter, logger, request, provider.name);
    const { profile, deviceName } = await provider.authenticate(request.body);
    const { user, identity } = await linker.userFor(profile);
    const credentials = await signIn(request, user, deviceName ?? `${provider.name} sign-in`);
    await limiter.giveBackAddressAttempt(address);
    logger.info(
      { event: 'login_succeeded', userId: user.id, provider: provider.name },
      'login succeeded',
    );

    response
      .set('Cache-Control', 'no-store')
      .set('Pragma', 'no-cache')
      .json({
        user: publicUser(user),
        identity: {
          provider: identity.provider,
          email: identity.email ?? null,
          name: identity.name ?? null,
        },
        ...credentials,
      });
  });

  return router;
}
