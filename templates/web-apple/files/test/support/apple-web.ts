import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { SignJWT, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { listenOnLoopback } from './loopback-server.js';
import { appleWebClient } from './web-clients.js';

/** Who signs in at the stand-in's next authorization, and whether it is their first time. */
export interface ApplePerson {
  /** The `sub` of the ID token. */
  subject: string;
  email: string;
  /** Apple posts `user` (name and email) only on the first sign-in of a person to an app. */
  firstSignIn: boolean;
  firstName?: string;
  lastName?: string;
  /** Puts this nonce in the ID token instead of the requested one, as a token of another sign-in. */
  idTokenNonce?: string;
}

/** A stand-in for Sign in with Apple on the web, speaking Apple's documented flow. */
export interface AppleStandIn {
  issuer: string;
  /** The person the next authorization signs in, or `cancel` for a person who cancels. */
  next(person: ApplePerson | 'cancel'): void;
  /** Why the token endpoint last refused a request, e.g. invalid_client. */
  lastRefusal(): string | undefined;
  close(): Promise<void>;
}

interface IssuedCode {
  person: ApplePerson;
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
}

/** Apple's answer page: a form that posts the fields to the redirect URI as soon as it loads. */
function formPost(
  response: ServerResponse,
  redirectUri: string,
  fields: Record<string, string>,
): void {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  response.setHeader('Content-Type', 'text/html');
  response.end(
    `<!doctype html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body>`,
  );
}

/**
 * Starts the stand-in on 127.0.0.1: a discovery document, `/auth/authorize` answering with
 * response_mode=form_post, `/auth/token` that checks the client secret JWT (ES256, `kid`, `iss`
 * team, `sub` services id, `aud` issuer) with the test key's public half and PKCE, and returns an
 * ID token with the nonce and Apple's string booleans; `/auth/keys` publishes its signing key.
 */
export async function startAppleStandIn(): Promise<AppleStandIn> {
  const signing = await generateKeyPair('RS256');
  const publicJwk = {
    ...(await exportJWK(signing.publicKey)),
    kid: 'apple-stand-in',
    alg: 'RS256',
    use: 'sig',
  };
  const codes = new Map<string, IssuedCode>();
  let nextPerson: ApplePerson | 'cancel' | undefined;
  let refusal: string | undefined;

  const server: Server = createServer();
  const issuer = await listenOnLoopback(server);

  function authorize(url: URL, response: ServerResponse): void {
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri') ?? '';
    const wellFormed =
      query.get('client_id') === appleWebClient.servicesId &&
      redirectUri === appleWebClient.redirectUri &&
      query.get('response_type') === 'code' &&
      query.get('response_mode') === 'form_post' &&
      query.get('code_challenge_method') === 'S256' &&
      query.get('scope') === 'name email';
    if (!wellFormed || nextPerson === undefined) {
      json(response, 400, { error: 'invalid_request' });
      return;
    }
    const state = query.get('state') ?? '';
    if (nextPerson === 'cancel') {
      formPost(response, redirectUri, { error: 'user_cancelled_authorize', state });
      return;
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      person: nextPerson,
      nonce: query.get('nonce') ?? '',
      codeChallenge: query.get('code_challenge') ?? '',
      redirectUri,
    });
    const fields: Record<string, string> = { code, state };
    if (nextPerson.firstSignIn) {
      fields.user = JSON.stringify({
        name: { firstName: nextPerson.firstName, lastName: nextPerson.lastName },
        email: nextPerson.email,
      });
    }
    formPost(response, redirectUri, fields);
  }

  async function clientSecretHolds(secret: string): Promise<boolean> {
    try {
      if (decodeProtectedHeader(secret).kid !== appleWebClient.keyId) return false;
      await jwtVerify(secret, appleWebClient.publicKey, {
        algorithms: ['ES256'],
        issuer: appleWebClient.teamId,
        subject: appleWebClient.servicesId,
        audience: issuer,
        requiredClaims: ['iat', 'exp'],
      });
      return true;
    } catch {
      return false;
    }
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request);
    const refuse = (error: string, status = 400) => {
      refusal = error;
      json(response, status, { error });
    };
    if (
      form.get('client_id') !== appleWebClient.servicesId ||
      !(await clientSecretHolds(form.get('client_secret') ?? ''))
    ) {
      refuse('invalid_client', 401);
      return;
    }
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    // A code is good for one exchange.
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      issued === undefined ||
      issued.redirectUri !== form.get('redirect_uri') ||
      issued.codeChallenge !== challenge
    ) {
      refuse('invalid_grant');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      nonce: issued.person.idTokenNonce ?? issued.nonce,
      email: issued.person.email,
      email_verified: 'true',
      is_private_email: 'true',
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid })
      .setIssuer(issuer)
      .setAudience(appleWebClient.servicesId)
      .setSubject(issued.person.subject)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(signing.privateKey);
    json(response, 200, {
      access_token: randomBytes(24).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: randomBytes(24).toString('base64url'),
      id_token: idToken,
    });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/auth/authorize`,
        token_endpoint: `${issuer}/auth/token`,
        jwks_uri: `${issuer}/auth/keys`,
        response_types_supported: ['code'],
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'email', 'name'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    } else if (request.method === 'GET' && url.pathname === '/auth/authorize') {
      authorize(url, response);
    } else if (request.method === 'POST' && url.pathname === '/auth/token') {
      token(request, response).catch(() => {
        json(response, 500, { error: 'server_error' });
      });
    } else if (request.method === 'GET' && url.pathname === '/auth/keys') {
      json(response, 200, { keys: [publicJwk] });
    } else {
      json(response, 404, { error: 'not_found' });
    }
  });

  return {
    issuer,
    next(person) {
      nextPerson = person;
    },
    lastRefusal: () => refusal,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The fields of the stand-in's auto-submitting form, as the browser would post them. */
export function postedFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '').replace(/&#(\d+);/g, (_all, code: string) =>
      String.fromCharCode(Number(code)),
    );
  }
  return fields;
}
