import { type Server, createServer } from 'node:http';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { listenOnLoopback } from './loopback-server.js';

interface SigningKey {
  id: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  published: boolean;
}

/** A local stand-in for an OpenID provider: publishes a keys document and signs ID tokens. */
export interface IdentityProvider {
  /** The `iss` of its tokens, which is also its base address (http://127.0.0.1:port). */
  issuer: string;
  jwksUrl: string;
  /** How many times the keys document has been fetched. */
  keyFetches(): number;
  /**
   * Signs an ID token. `iss`, `iat` and `exp` (ten minutes on) are set unless the claims hold
   * them; a claim given as undefined is left out.
   */
  idToken(claims: Record<string, unknown>, keyId?: string): Promise<string>;
  /** Makes a new signing key that the keys document lists only after `publish`. */
  addKey(): Promise<string>;
  publish(keyId: string): void;
  /**
   * Makes the keys document answer with this status and body instead, as a provider having a
   * bad moment does; `undefined` brings the real document back.
   */
  breakKeys(answer: { status: number; body: string } | undefined): void;
  close(): Promise<void>;
}

let keyCounter = 0;

async function newKey(published: boolean): Promise<SigningKey> {
  keyCounter += 1;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const id = `stand-in-key-${keyCounter}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid: id, alg: 'RS256', use: 'sig' };
  return { id, privateKey, publicJwk, published };
}

/** Starts a stand-in provider on 127.0.0.1 with one published key. */
export async function startIdentityProvider(): Promise<IdentityProvider> {
  const keys = [await newKey(true)];
  let fetches = 0;
  let brokenAnswer: { status: number; body: string } | undefined;

  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/keys') {
      fetches += 1;
      if (brokenAnswer !== undefined) {
        response.statusCode = brokenAnswer.status;
        response.setHeader('Content-Type', 'application/json');
        response.end(brokenAnswer.body);
        return;
      }
      const published = keys.filter((key) => key.published).map((key) => key.publicJwk);
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys: published }));
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  const issuer = await listenOnLoopback(server);

  return {
    issuer,
    jwksUrl: `${issuer}/keys`,
    keyFetches: () => fetches,
    async idToken(claims, keyId) {
      const key = keys.find((candidate) => candidate.id === (keyId ?? keys[0]?.id));
      if (key === undefined) throw new Error(`no key ${keyId ?? ''}`);
      const now = Math.floor(Date.now() / 1000);
      const payload = Object.fromEntries(
        Object.entries<unknown>({ iss: issuer, iat: now, exp: now + 600, ...claims }).filter(
          ([, value]) => value !== undefined,
        ),
      );
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: key.id, typ: 'JWT' })
        .sign(key.privateKey);
    },
    async addKey() {
      const key = await newKey(false);
      keys.push(key);
      return key.id;
    },
    publish(keyId) {
      const key = keys.find((candidate) => candidate.id === keyId);
      if (key === undefined) throw new Error(`no key ${keyId}`);
      key.published = true;
    },
    breakKeys(answer) {
      brokenAnswer = answer;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
