import { z } from 'zod';
import { parseInput } from '../../http/validate.js';
import { clientIds, endpoint, listWithDefault } from '../config-fields.js';
import type { SocialConfig } from '../config.js';
import {
  checkNonce,
  claimIsTrue,
  createIdTokenVerifier,
  idTokenBody,
  sha256Hex,
  stringClaim,
} from '../id-tokens.js';
import type { SocialProvider } from '../profile.js';

/** Apple's environment variables; addresses default to Apple's published ones. */
export const appleEnv = {
  APPLE_CLIENT_IDS: clientIds(),
  APPLE_ISSUERS: listWithDefault(['https://appleid.apple.com']),
  APPLE_JWKS_URL: endpoint('https://appleid.apple.com/auth/keys'),
};

/** Apple settings out of the parsed environment. */
export function appleSettings(env: z.output<z.ZodObject<typeof appleEnv>>) {
  return {
    clientIds: env.APPLE_CLIENT_IDS,
    issuers: env.APPLE_ISSUERS,
    jwksUrl: env.APPLE_JWKS_URL,
  };
}

/**
 * Sign in with Apple: the app sends the identity token, the raw nonce it generated, and on the
 * first sign-in only the name Apple handed to the app (Apple never puts the name in the token).
 * The token's `nonce` claim is the SHA-256 (hex) of the raw nonce; `aud` is the app's bundle id,
 * or the services id for the web.
 */
export function createAppleProvider(config: SocialConfig): SocialProvider {
  const apple = config.apple;
  const verify = createIdTokenVerifier(
    {
      provider: 'Apple',
      issuers: apple.issuers,
      jwksUrl: apple.jwksUrl,
      audiences: apple.clientIds,
    },
    config.keyFetch,
  );
  const canonicalIssuer = apple.issuers[0] ?? 'https://appleid.apple.com';

  return {
    name: 'apple',
    async authenticate(body) {
      const input = parseInput(idTokenBody, body);
      const claims = await verify(input.idToken);
      checkNonce(claims.nonce, input.nonce, sha256Hex);

      return {
        profile: {
          provider: 'apple',
          issuer: canonicalIssuer,
          subject: claims.sub,
          // Private relay addresses (@privaterelay.appleid.com) are real, verified mailboxes.
          email: stringClaim(claims.email),
          emailVerified: claimIsTrue(claims.email_verified),
          name: input.name,
        },
        deviceName: input.deviceName,
      };
    },
  };
}
