import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, signUp } from '../support/sign-in.js';
import { liveTokensOfFamily, storedRefreshToken } from '../support/store-inspect.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

interface RefreshResult {
  status: number;
  body: { refreshToken?: string; accessToken?: string; code?: string };
}

// One listening server for the file, so concurrent requests reach the app together instead of
// each waiting for a server of its own to start.
let server: Server;

async function refresh(refreshToken: string): Promise<RefreshResult> {
  const response = await request(server).post('/auth/refresh').send({ refreshToken });
  return { status: response.status, body: response.body as RefreshResult['body'] };
}

async function me(testApp: TestApp, accessToken: string): Promise<number> {
  const response = await request(testApp.app)
    .get('/auth/me')
    .set('Authorization', `Bearer ${accessToken}`);
  return response.status;
}

function refreshReusedEvents(testApp: TestApp) {
  return testApp.logEvents().filter((entry) => entry.event === 'refresh_reused');
}

describe('refresh token rotation', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ REFRESH_REUSE_LEEWAY_SECONDS: '10' });
    server = testApp.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testApp.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('rotates on every refresh and returns fresh credentials', async () => {
    const user = await signUp(testApp.app);
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const second = await refresh(first.body.refreshToken ?? '');
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(await me(testApp, second.body.accessToken ?? '')).toBe(200);
  });

  it('stores only a hash of the secret, never the token', async () => {
    const user = await signUp(testApp.app);
    const [id, secret] = user.refreshToken.split('.');
    expect(secret?.length).toBeGreaterThanOrEqual(43);
    const stored = await storedRefreshToken(testApp, id ?? '');
    // The stored record exists and holds neither the secret nor the token.
    expect(stored).toContain(id);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(user.refreshToken);
  });

  it('refuses a token with a wrong secret, an unknown token and an access token', async () => {
    const user = await signUp(testApp.app);
    const [id] = user.refreshToken.split('.');
    const wrongSecret = `${id ?? ''}.${'A'.repeat(43)}`;
    expect((await refresh(wrongSecret)).status).toBe(401);
    expect((await refresh('not-a-token')).status).toBe(401);
    expect((await refresh(user.accessToken)).status).toBe(401);
    // A guessed secret is not reuse: the real token still works.
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('gives two concurrent refreshes of one token the same working successor', async () => {
    const user = await signUp(testApp.app);
    const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refreshToken).toBe(b.body.refreshToken);
    expect(await liveTokensOfFamily(testApp, user)).toBe(1);

    const next = await refresh(a.body.refreshToken ?? '');
    expect(next.status).toBe(200);
    expect(await me(testApp, next.body.accessToken ?? '')).toBe(200);
  });

  it.each([6, 10])(
    'leaves exactly one live successor after %i concurrent refreshes',
    async (count) => {
      const user = await signUp(testApp.app);
      const otherDevice = await signIn(testApp.app, user.email);
      const reusedBefore = refreshReusedEvents(testApp).length;

      const results = await Promise.all(
        Array.from({ length: count }, () => refresh(user.refreshToken)),
      );
      expect(results.map((result) => result.status)).toEqual(
        Array.from({ length: count }, () => 200),
      );
      expect(new Set(results.map((result) => result.body.refreshToken)).size).toBe(1);
      expect(await liveTokensOfFamily(testApp, user)).toBe(1);
      expect(refreshReusedEvents(testApp)).toHaveLength(reusedBefore);

      expect(await me(testApp, otherDevice.accessToken)).toBe(200);
      expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
    },
  );

  it('treats a rotated token sent after the leeway as reuse and signs the whole device out', async () => {
    const user = await signUp(testApp.app);
    const otherDevice = await signIn(testApp.app, user.email);
    const successor = await refresh(user.refreshToken);
    const newest = await refresh(successor.body.refreshToken ?? '');
    expect(newest.status).toBe(200);

    const later = Date.now() + 11_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    const reused = await refresh(user.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('refresh_reused');
    expect(refreshReusedEvents(testApp).at(-1)).toMatchObject({ userId: user.userId });

    expect((await refresh(newest.body.refreshToken ?? '')).status).toBe(401);
    vi.restoreAllMocks();
    expect(await me(testApp, newest.body.accessToken ?? '')).toBe(401);
    expect(await me(testApp, otherDevice.accessToken)).toBe(200);
  });

  it('ends a session that is not refreshed within REFRESH_IDLE_TTL', async () => {
    const user = await signUp(testApp.app);
    const idle = testApp.services.config.auth.refreshIdleTtl * 1000;
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + idle + 1000);
    const response = await refresh(user.refreshToken);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('token_expired');
  });

  it('ends a session at REFRESH_TOKEN_TTL even when it is refreshed often', async () => {
    const user = await signUp(testApp.app);
    const { refreshTokenTtl, refreshIdleTtl } = testApp.services.config.auth;
    const start = Date.now();
    let token = user.refreshToken;
    // Refresh just inside the idle limit until the absolute limit has passed.
    for (
      let elapsed = refreshIdleTtl - 60;
      elapsed < refreshTokenTtl;
      elapsed += refreshIdleTtl - 60
    ) {
      vi.spyOn(Date, 'now').mockReturnValue(start + elapsed * 1000);
      const step = await refresh(token);
      expect(step.status).toBe(200);
      token = step.body.refreshToken ?? '';
    }
    vi.spyOn(Date, 'now').mockReturnValue(start + (refreshTokenTtl + 1) * 1000);
    const response = await refresh(token);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('token_expired');
  });
});
