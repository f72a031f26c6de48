import { z } from 'zod';
import { commaList } from '../../config/fields.js';
import { parseInput } from '../../http/validate.js';
import { clientIds, endpoint, listWithDefault } from '../config-fields.js';
import type { SocialConfig } from '../config.js';
import {
  checkNonce,
  claimIsTrue,
  createIdTokenVerifier,
  idTokenBody,
  stringClaim,
} from '../id-tokens.js';
import { socialUnauthorized } from '../problems.js';
import type { SocialProvider } from '../profile.js';

/** Google's environment variables; addresses default to Google's published ones. */
export const googleEnv = {
  GOOGLE_CLIENT_IDS: clientIds(),
  GOOGLE_AUTHORIZED_PARTIES: commaList(),
  GOOGLE_ISSUERS: listWithDefault(['https://accounts.google.com', 'accounts.google.com']),
  GOOGLE_JWKS_URL: endpoint('https://www.googleapis.com/oauth2/v3/certs'),
};

/** Google settings out of the parsed environment. */
export function googleSettings(env: z.output<z.ZodObject<typeof googleEnv>>) {
  return {
    clientIds: env.GOOGLE_CLIENT_IDS,
    authorizedParties: env.GOOGLE_AUTHORIZED_PARTIES,
    issuers: env.GOOGLE_ISSUERS,
    jwksUrl: env.GOOGLE_JWKS_URL,
  };
}

/**
 * Sign in with Google: the app sends the ID token its Google SDK returned. The token's `aud` must
 * be one of GOOGLE_CLIENT_IDS. On Android the token is minted for the web (server) client id and
 * `azp` names the Android client; Google documents `aud` as the check, so `azp` is checked only
 * when GOOGLE_AUTHORIZED_PARTIES lists the presenters to accept.
 */
export function createGoogleProvider(config: SocialConfig): SocialProvider {
  const google = config.google;
  const verify = createIdTokenVerifier(
    {
      provider: 'Google',
      issuers: google.issuers,
      jwksUrl: google.jwksUrl,
      audiences: google.clientIds,
    },
    config.keyFetch,
  );
  const canonicalIssuer = google.issuers[0] ?? 'https://accounts.google.com';

  return {
    name: 'google',
    async authenticate(body) {
      const input = parseInput(idTokenBody, body);
      const claims = await verify(input.idToken);

      const presenter = stringClaim(claims.azp);
      if (
        google.authorizedParties.length > 0 &&
        presenter !== undefined &&
        presenter !== claims.aud &&
        !google.authorizedParties.includes(presenter)
      ) {
        throw socialUnauthorized('id_token_invalid');
      }
      // Google copies the nonce the app passed to its SDK into the token unchanged.
      checkNonce(claims.nonce, input.nonce, (sent) => sent);

      return {
        profile: {
          provider: 'google',
          issuer: canonicalIssuer,
          subject: claims.sub,
          email: stringClaim(claims.email),
          emailVerified: claimIsTrue(claims.email_verified),
          name: stringClaim(claims.name) ?? input.name,
        },
        deviceName: input.deviceName,
      };
    },
  };
}
