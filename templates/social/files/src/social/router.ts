import { type Request, Router } from 'express';
import { HttpProblem } from '../http/problem.js';
import type { Logger } from '../logger.js';
import { type User, publicUser } from '../users/users.js';
import type { AccountLinker } from './linking.js';
import type { SocialProvider } from './profile.js';

/** The strategy's sign-in: starts a session or device for the user and returns its credentials. */
export type SignIn = (request: Request, user: User, deviceName: string) => Promise<object>;

interface SocialRouteDependencies {
  providers: SocialProvider[];
  linker: AccountLinker;
  signIn: SignIn;
  logger: Logger;
}

/**
 * `POST /:provider` for the chosen providers: the provider verifies its proof, the linker finds or
 * creates the user, and the strategy answers with the app's own credentials. Any other provider
 * name is 404, as if the route did not exist.
 */
export function socialRouter({
  providers,
  linker,
  signIn,
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

    const { profile, deviceName } = await provider.authenticate(request.body);
    const { user, identity } = await linker.userFor(profile);
    const credentials = await signIn(request, user, deviceName ?? `${provider.name} sign-in`);
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
