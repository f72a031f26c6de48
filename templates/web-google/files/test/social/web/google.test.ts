import { createServer } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieHeader,
  cookiesSet,
  signedInBrowser,
  signedInNobody,
} from '../../support/browser-cookies.js';
import {
  type GoogleStandIn,
  signInAtGoogle,
  startGoogleStandIn,
} from '../../support/google-web.js';
import { listenOnLoopback } from '../../support/loopback-server.js';
import { type TestApp, startTestApp, uniqueEmail } from '../../support/test-app.js';
import { googleWebClient, testPublicUrl, testWebAppOrigin } from '../../support/web-clients.js';

describe('Google browser sign-in', () => {
  let google: GoogleStandIn;
  let testApp: TestApp;

  beforeAll(async () => {
    google = await startGoogleStandIn();
    testApp = await startTestApp({
      GOOGLE_WEB_ISSUER: google.issuer,
      CORS_ORIGINS: testWebAppOrigin,
    });
  });

  afterAll(async () => {
    await testApp.close();
    await google.close();
  });

  /** Starts a sign-in as a browser: the provider's authorization URL and the transaction cookie. */
  async function start(returnTo = '/signed-in') {
    const response = await request(testApp.app)
      .get('/auth/social/google/start')
      .query({ returnTo })
      .expect(303);
    return {
      authorizationUrl: response.headers.location ?? '',
      cookie: cookieHeader(cookiesSet(response)),
    };
  }

  /** Delivers the provider's redirect to the API, as the browser would. */
  function callback(url: URL, cookie?: string) {
    const delivered = request(testApp.app).get(`${url.pathname}${url.search}`);
    return cookie === undefined ? delivered : delivered.set('Cookie', cookie);
  }

  it('signs the person in and sends the browser back to returnTo', async () => {
    const email = uniqueEmail('google-web');
    const { authorizationUrl, cookie } = await start();
    const answer = await signInAtGoogle(authorizationUrl, `?as=${encodeURIComponent(email)}`);
    expect(answer.href.startsWith(googleWebClient.redirectUri)).toBe(true);

    const response = await callback(answer, cookie).expect(303);
    expect(response.headers.location).toBe(`${testPublicUrl}/signed-in`);
    expect(response.headers['cache-control']).toBe('no-store');
    const userId = await signedInBrowser(testApp.app, response);
    const events = testApp.logEvents();
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'login_succeeded',
        userId,
        provider: 'google',
        flow: 'browser',
      }),
    );
  });

  it('asks for a code with S256 PKCE, state, nonce, the client id and the registered redirect URI', async () => {
    const { authorizationUrl, cookie } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(google.issuer);
    const query = url.searchParams;
    expect(query.get('response_type')).toBe('code');
    expect(query.get('client_id')).toBe(googleWebClient.clientId);
    expect(query.get('redirect_uri')).toBe(googleWebClient.redirectUri);
    expect(query.get('scope')).toBe('openid email profile');
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The transaction cookie is HttpOnly, Path=/, SameSite=Lax, and carries nothing readable.
    expect(cookie).toMatch(/^signin-transaction=/);
    expect(cookie).not.toContain(query.get('state') ?? '');
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    const { authorizationUrl } = await start();
    const answer = await signInAtGoogle(
      authorizationUrl,
      `?as=${encodeURIComponent(uniqueEmail())}`,
    );
    const response = await callback(answer).expect(400);
    expect(response.body).toMatchObject({ code: 'signin_transaction_missing' });
    expect(signedInNobody(response)).toBe(true);
  });

  it('refuses a callback whose state was changed', async () => {
    const { authorizationUrl, cookie } = await start();
    const answer = await signInAtGoogle(
      authorizationUrl,
      `?as=${encodeURIComponent(uniqueEmail())}`,
    );
    answer.searchParams.set('state', `${answer.searchParams.get('state') ?? ''}x`);
    const response = await callback(answer, cookie).expect(400);
    expect(response.body).toMatchObject({ code: 'state_mismatch' });
    expect(signedInNobody(response)).toBe(true);
  });

  it('refuses the same callback played a second time', async () => {
    const { authorizationUrl, cookie } = await start();
    const answer = await signInAtGoogle(
      authorizationUrl,
      `?as=${encodeURIComponent(uniqueEmail())}`,
    );
    const first = await callback(answer, cookie).expect(303);
    expect(first.headers.location).toBe(`${testPublicUrl}/signed-in`);

    // Even with the transaction cookie copied, the provider takes a code once.
    const replayed = await callback(answer, cookie).expect(303);
    expect(replayed.headers.location).toBe(`${testPublicUrl}/signed-in?error=code_invalid`);
    expect(signedInNobody(replayed)).toBe(true);
    // A browser that lost the cookie, as after the first callback, is refused outright.
    await callback(answer).expect(400);
  });

  it('sends the browser back with access_denied when the person cancels', async () => {
    const { authorizationUrl, cookie } = await start(`${testWebAppOrigin}/login`);
    const answer = await signInAtGoogle(authorizationUrl, '?cancel=1');
    expect(answer.searchParams.get('error')).toBe('access_denied');
    const response = await callback(answer, cookie).expect(303);
    expect(response.headers.location).toBe(`${testWebAppOrigin}/login?error=access_denied`);
    expect(signedInNobody(response)).toBe(true);
  });

  it('takes returnTo as a path, on the API origin, or on a trusted origin', async () => {
    const cases = [
      { returnTo: '/account?tab=1', back: `${testPublicUrl}/account?tab=1&error=access_denied` },
      {
        returnTo: `${testPublicUrl}/account`,
        back: `${testPublicUrl}/account?error=access_denied`,
      },
      {
        returnTo: `${testWebAppOrigin}/done`,
        back: `${testWebAppOrigin}/done?error=access_denied`,
      },
    ];
    for (const { returnTo, back } of cases) {
      const { authorizationUrl, cookie } = await start(returnTo);
      const answer = await signInAtGoogle(authorizationUrl, '?cancel=1');
      const response = await callback(answer, cookie).expect(303);
      expect(response.headers.location).toBe(back);
    }
  });

  it.each([
    'https://evil.example/steal',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
  ])('refuses returnTo %s', async (returnTo) => {
    const response = await request(testApp.app)
      .get('/auth/social/google/start')
      .query({ returnTo })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'return_to_invalid' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('uses a __Host- transaction cookie with Secure in production', async () => {
    const production = await startTestApp({
      NODE_ENV: 'production',
      TRUST_PROXY: '1',
      GOOGLE_WEB_ISSUER: google.issuer,
    });
    try {
      const response = await request(production.app).get('/auth/social/google/start').expect(303);
      const [cookie] = response.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/^__Host-signin-transaction=/);
      for (const attribute of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) {
        expect(cookie?.split('; ')).toContain(attribute);
      }
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await production.close();
    }
  });

  it('limits callbacks that sign no one in per client address, then the start too', async () => {
    const limited = await startTestApp({
      GOOGLE_WEB_ISSUER: google.issuer,
      LOGIN_MAX_FAILURES_PER_ADDRESS: '2',
    });
    const startAt = () =>
      request(limited.app).get('/auth/social/google/start').query({ returnTo: '/signed-in' });
    try {
      const started = await startAt().expect(303);
      const cookie = cookieHeader(cookiesSet(started));
      const answer = await signInAtGoogle(
        started.headers.location ?? '',
        `?as=${encodeURIComponent(uniqueEmail())}`,
      );
      const deliver = () =>
        request(limited.app).get(`${answer.pathname}${answer.search}`).set('Cookie', cookie);
      // A sign-in is not counted; the same code played again is refused by Google, and counted.
      expect((await deliver().expect(303)).headers.location).toBe(`${testPublicUrl}/signed-in`);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const replayed = await deliver().expect(303);
        expect(replayed.headers.location).toBe(`${testPublicUrl}/signed-in?error=code_invalid`);
      }

      const refused = await deliver().expect(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(signedInNobody(refused)).toBe(true);
      await startAt().expect(429);
    } finally {
      await limited.close();
    }
  });

  it('answers 503 within the timeout when Google cannot be reached', async () => {
    // A server that accepts connections and never answers.
    const silent = createServer(() => undefined);
    const unreachable = await startTestApp({ GOOGLE_WEB_ISSUER: await listenOnLoopback(silent) });
    try {
      const started = Date.now();
      const response = await request(unreachable.app).get('/auth/social/google/start').expect(503);
      expect(response.body).toMatchObject({ code: 'provider_unavailable' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await unreachable.close();
      silent.close();
    }
  });
});
