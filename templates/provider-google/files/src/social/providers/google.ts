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
 * Whether the client that presented the token (`azp`) may. A token for several audiences must
 * name its presenter, and that must be one of this app's client ids (OpenID Connect Core 3.1.3.7).
 * A token for one audience is checked only when GOOGLE_AUTHORIZED_PARTIES is set: `azp`, when
 * present, is then that audience or one of the listed presenters.
 */
function presenterAccepted(
  audience: string | string[] | undefined,
  presenter: string | undefined,
  google: SocialConfig['google'],
): boolean {
  const audiences = typeof audience === 'string' ? [audience] : (audience ?? []);
  const known = (party: string) =>
    google.clientIds.includes(party) || google.authorizedParties.includes(party);
  if (audiences.length > 1) return presenter !== undefined && known(presenter);
  if (google.authorizedParties.length === 0 || presenter === undefined) return true;
  return presenter === audiences[0] || google.authorizedParties.includes(presenter);
}

/**
 * Sign in with Google: the app sends the ID token its Google SDK returned. The token's `aud` must
 * be one of GOOGLE_CLIENT_IDS. On Android the token is minted for the web (server) client id and
 * `azp` names the Android client; Google documents `aud` as the check, so for a token of one
 * audience `azp` is checked only when GOOGLE_AUTHORIZED_PARTIES lists the presenters to accept.
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

      if (!presenterAccepted(claims.aud, stringClaim(claims.azp), google)) {
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
