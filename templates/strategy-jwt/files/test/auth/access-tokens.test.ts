import { SignJWT, decodeJwt } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/sign-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  let testApp: TestApp;
  let key: Uint8Array;

  beforeAll(async () => {
    testApp = await startTestApp({ ACCESS_TOKEN_TTL: '900' });
    key = new TextEncoder().encode(testApp.services.config.auth.jwtSecret);
  });
  afterAll(() => testApp.close());

  /** A token signed with the real key, shaped by the caller. */
  async function forge(
    userId: string,
    sessionId: string,
    shape: {
      alg?: string;
      typ?: string;
      header?: Record<string, unknown>;
      claims?: Record<string, unknown>;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'test-issuer',
      aud: 'test-audience',
      sub: userId,
      sid: sessionId,
      roles: ['user'],
      jti: 'forged',
      iat: now,
      exp: now + 600,
      ...shape.claims,
    };
    return new SignJWT(claims)
      .setProtectedHeader({
        alg: shape.alg ?? 'HS256',
        typ: shape.typ ?? 'at+jwt',
        ...shape.header,
      })
      .sign(key);
  }

  async function me(token: string) {
    return request(testApp.app).get('/auth/me').set('Authorization', `Bearer ${token}`);
  }

  it('carries iss, aud, sub, sid, iat and exp in whole seconds; exp - iat is ACCESS_TOKEN_TTL', async () => {
    const user = await signUp(testApp.app);
    const claims = decodeJwt(user.accessToken);
    expect(claims).toMatchObject({ iss: 'test-issuer', aud: 'test-audience', sub: user.userId });
    expect(Number.isInteger(claims.iat)).toBe(true);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);

    const login = await request(testApp.app)
      .post('/auth/login')
      .send({ email: user.email, password: 'correct horse battery staple' })
      .expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('accepts a valid token', async () => {
    const user = await signUp(testApp.app);
    const response = await me(user.accessToken);
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      id: user.userId,
      email: user.email,
      roles: ['user'],
    });
  });

  it('refuses alg none with the claims of a real user', async () => {
    const user = await signUp(testApp.app);
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: 'none' })}.${base64url({ sub: user.userId, exp: now + 600 })}.`;
    const response = await request(testApp.app)
      .get('/auth/me')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);

    const complete = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url({ ...decodeJwt(user.accessToken), exp: now + 600 })}.`;
    expect(
      (await request(testApp.app).get('/auth/me').set('Authorization', `Bearer ${complete}`))
        .status,
    ).toBe(401);
  });

  it('refuses another algorithm, even with the right key', async () => {
    const user = await signUp(testApp.app);
    const sessionId = decodeJwt(user.accessToken).sid as string;
    expect((await me(await forge(user.userId, sessionId, { alg: 'HS512' }))).status).toBe(401);
    expect((await me(await forge(user.userId, sessionId, {}))).status).toBe(200);
  });

  it.each(['jwk', 'jku', 'x5u'])(
    'refuses a token whose header names its own key (%s)',
    async (name) => {
      const user = await signUp(testApp.app);
      const sessionId = decodeJwt(user.accessToken).sid as string;
      const value = name === 'jwk' ? { kty: 'oct', k: 'AAAA' } : 'https://attacker.example/keys';
      expect(
        (await me(await forge(user.userId, sessionId, { header: { [name]: value } }))).status,
      ).toBe(401);
    },
  );

  it('refuses another audience, another issuer and a missing audience', async () => {
    const user = await signUp(testApp.app);
    const sessionId = decodeJwt(user.accessToken).sid as string;
    expect(
      (await me(await forge(user.userId, sessionId, { claims: { aud: 'other-api' } }))).status,
    ).toBe(401);
    expect(
      (await me(await forge(user.userId, sessionId, { claims: { iss: 'other-issuer' } }))).status,
    ).toBe(401);
    expect(
      (await me(await forge(user.userId, sessionId, { claims: { aud: undefined } }))).status,
    ).toBe(401);
  });

  it('refuses a token of another type, such as an ID token, and a refresh token', async () => {
    const user = await signUp(testApp.app);
    const sessionId = decodeJwt(user.accessToken).sid as string;
    expect((await me(await forge(user.userId, sessionId, { typ: 'JWT' }))).status).toBe(401);
    expect((await me(user.refreshToken)).status).toBe(401);
  });

  it('refuses a well-signed token whose session the store does not know', async () => {
    const user = await signUp(testApp.app);
    const response = await me(await forge(user.userId, 'no-such-session'));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'session_revoked' });
  });

  it('refuses an expired token with token_expired', async () => {
    const user = await signUp(testApp.app);
    const sessionId = decodeJwt(user.accessToken).sid as string;
    const now = Math.floor(Date.now() / 1000);
    const token = await forge(user.userId, sessionId, {
      claims: { iat: now - 1000, exp: now - 100 },
    });
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'token_expired' });
  });

  it('ignores a token in the query string and never logs it', async () => {
    const user = await signUp(testApp.app);
    const response = await request(testApp.app).get(`/auth/me?token=${user.accessToken}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(testApp.logs.length).toBeGreaterThan(0);
    expect(testApp.logs.join('\n')).not.toContain(user.accessToken);
    expect(testApp.logs.join('\n')).not.toContain(user.refreshToken);
  });
});

describe('token lifetimes from the environment', () => {
  it('is refused outside 300..900 seconds', async () => {
    await expect(startTestApp({ ACCESS_TOKEN_TTL: '3600' })).rejects.toThrow(
      /ACCESS_TOKEN_TTL must be between 300 and 900/,
    );
    await expect(startTestApp({ ACCESS_TOKEN_TTL: '15m' })).rejects.toThrow(
      /ACCESS_TOKEN_TTL must be a whole number/,
    );
  });

  it('refuses an idle lifetime longer than the absolute one or shorter than an access token', async () => {
    await expect(
      startTestApp({ REFRESH_TOKEN_TTL: '3600', REFRESH_IDLE_TTL: '7200' }),
    ).rejects.toThrow(/REFRESH_IDLE_TTL must not exceed REFRESH_TOKEN_TTL/);
    await expect(
      startTestApp({ ACCESS_TOKEN_TTL: '900', REFRESH_IDLE_TTL: '600' }),
    ).rejects.toThrow(/REFRESH_IDLE_TTL must be at least ACCESS_TOKEN_TTL/);
  });
});
