import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { listenOnLoopback } from './loopback-server.js';
import { googleWebClient } from './web-clients.js';

/** A person the stand-in can sign in, keyed by their email. */
export interface GooglePerson {
  email: string;
  name?: string;
  emailVerified?: boolean;
}

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 in Google's place, with the test's Web
 * application client registered and PKCE (S256) required. Its sign-in page is a stand-in: the
 * test says who signs in (or that the person cancels) by the query of the interaction URL.
 */
export interface GoogleStandIn {
  issuer: string;
  close(): Promise<void>;
}

/**
 * Answers the provider's interaction: `?as=<email>` signs that person in, `?cancel=1` refuses,
 * and without either a page with a form asks for the email, as a browser sees it.
 */
async function interact(
  provider: Provider,
  people: Map<string, GooglePerson>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  if (query.get('cancel') === '1') {
    await provider.interactionFinished(request, response, {
      error: 'access_denied',
      error_description: 'The person cancelled the sign-in.',
    });
    return;
  }

  const email = query.get('as');
  if (email === null) {
    // A browser arrives without an answer: a sign-in page that asks for one.
    response.setHeader('Content-Type', 'text/html');
    response.end(
      '<!doctype html><form method="get"><input name="as" type="email">' +
        '<button type="submit">Sign in</button></form>',
    );
    return;
  }
  people.set(email, { email, ...people.get(email) });
  const grant = new provider.Grant({ accountId: email, clientId: googleWebClient.clientId });
  grant.addOIDCScope('openid email profile');
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: email }, consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * Plays the browser at the stand-in: opens the authorization URL, answers the sign-in page with
 * `interaction` (`as=<email>` or `cancel=1`), and follows the redirects with the stand-in's
 * cookies until they lead back to the API. Returns that callback URL.
 */
export async function signInAtGoogle(authorizationUrl: string, interaction: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let next = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    if (next.origin !== new URL(authorizationUrl).origin) return next;
    if (next.pathname.startsWith('/interaction/')) next.search = interaction;
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    const location = response.headers.get('location');
    if (location === null)
      throw new Error(`the stand-in answered ${response.status} at ${next.pathname}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects at the stand-in');
}

/**
 * Starts the stand-in; `people` may name who exists with which name, and `redirectUri` replaces
 * the registered callback for an API served on another address (a real browser's test).
 */
export async function startGoogleStandIn(
  people = new Map<string, GooglePerson>(),
  redirectUri = googleWebClient.redirectUri,
): Promise<GoogleStandIn> {
  const server: Server = createServer();
  const issuer = await listenOnLoopback(server);

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: googleWebClient.clientId,
        client_secret: googleWebClient.clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: {
      keys: [
        { ...(await exportJWK(privateKey)), kid: 'google-stand-in', alg: 'RS256', use: 'sig' },
      ],
    },
    cookies: { keys: ['google-stand-in-cookie-key'] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    features: { devInteractions: { enabled: false } },
    // Like Google, put the profile and email claims in the ID token itself.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_context, id) => ({
      accountId: id,
      claims: () => {
        const person = people.get(id) ?? { email: id };
        return {
          sub: id,
          email: person.email,
          email_verified: person.emailVerified ?? true,
          ...(person.name === undefined ? {} : { name: person.name }),
        };
      },
    }),
  });
  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/') === true) {
      interact(provider, people, request, response).catch(() => {
        response.statusCode = 500;
        response.end();
      });
      return;
    }
    void handle(request, response);
  });

  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
