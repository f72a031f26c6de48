import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../support/identity-provider.js';
import { standIns, testClientIds } from '../support/social-env.js';
import { type TestApp, startTestApp, uniqueEmail } from '../support/test-app.js';

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

describe('sign in with Apple', () => {
  let testApp: TestApp;
  let apple: IdentityProvider;

  beforeAll(async () => {
    testApp = await startTestApp();
    apple = (await standIns()).apple;
  });
  afterAll(() => testApp.close());

  const signInWithApple = (body: object) =>
    request(testApp.app).post('/auth/social/apple').send(body);

  const token = (claims: Record<string, unknown>) =>
    apple.idToken({ aud: testClientIds.appleBundle, sub: `apple-${uniqueEmail()}`, ...claims });

  it('accepts the bundle id and the services id as audience, and refuses another', async () => {
    const bundle = await signInWithApple({ idToken: await token({}) });
    expect(bundle.status).toBe(200);
    const services = await signInWithApple({
      idToken: await token({ aud: testClientIds.appleServices }),
    });
    expect(services.status).toBe(200);
    const other = await signInWithApple({ idToken: await token({ aud: 'com.example.other' }) });
    expect(other.status).toBe(401);
    expect(other.body.code).toBe('id_token_invalid');
  });

  it('refuses a subject that is empty or not a string', async () => {
    for (const sub of ['', '  ', 12345]) {
      const response = await signInWithApple({ idToken: await token({ sub }) });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('id_token_invalid');
    }
  });

  describe('nonce', () => {
    const nonce = 'nonce-TEST-1';

    it('accepts a claim that is the SHA-256 hex of the nonce the app sent', async () => {
      const response = await signInWithApple({
        idToken: await token({ nonce: sha256Hex(nonce) }),
        nonce,
      });
      expect(response.status).toBe(200);
    });

    it.each([
      ['the raw nonce', nonce],
      ['the hash of another nonce', sha256Hex('nonce-TEST-2')],
      ['missing', undefined],
    ])('refuses a claim that is %s with 401', async (_case, claim) => {
      const response = await signInWithApple({ idToken: await token({ nonce: claim }), nonce });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('nonce_mismatch');
    });

    it('refuses a token that carries a nonce when the app sent none', async () => {
      const response = await signInWithApple({ idToken: await token({ nonce: sha256Hex(nonce) }) });
      expect(response.status).toBe(401);
    });
  });

  it('keeps the name and email of the first sign-in when later ones carry neither', async () => {
    const sub = `apple-${uniqueEmail()}`;
    const relay = `${sub.slice(6, 20).replace(/[^a-z0-9]/g, '')}@privaterelay.appleid.com`;
    const first = await signInWithApple({
      idToken: await apple.idToken({
        aud: testClientIds.appleBundle,
        sub,
        email: relay,
        email_verified: 'true',
        is_private_email: 'true',
      }),
      name: 'Ann Lee',
    });
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe(relay);
    expect(first.body.identity).toEqual({ provider: 'apple', email: relay, name: 'Ann Lee' });

    const second = await signInWithApple({
      idToken: await apple.idToken({ aud: testClientIds.appleBundle, sub }),
    });
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.user.email).toBe(relay);
    expect(second.body.identity).toEqual({ provider: 'apple', email: relay, name: 'Ann Lee' });
  });
});
