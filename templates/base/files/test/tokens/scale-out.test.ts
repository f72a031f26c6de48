import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SharedBackends,
  type SpawnedApp,
  createSharedBackends,
  signInOn,
  signUpOn,
  spawnApp,
} from '../support/spawned-app.js';

interface SessionView {
  id: string;
  current: boolean;
}

const failuresAllowed = 4;

// Two real server processes on two ports that share one database and one auth store, as two
// instances behind a load balancer would. With SQLite both open the same file (WAL mode).
describe('two server processes on one store', () => {
  let backends: SharedBackends | undefined;
  const started: SpawnedApp[] = [];
  let first: SpawnedApp;
  let second: SpawnedApp;

  beforeAll(async () => {
    const shared = await createSharedBackends({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(failuresAllowed),
    });
    backends = shared;
    // One after the other, so only the first runs the migrations.
    first = await spawnApp(shared.env);
    started.push(first);
    second = await spawnApp(shared.env);
    started.push(second);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(started.map((app) => app.stop()));
    await backends?.drop();
  }, 30_000);

  it('accept on the second the tokens the first issued', async () => {
    const user = await signUpOn(first);

    const me = await second.call('GET', '/auth/me', { token: user.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: user.email } });

    const refreshed = await second.call('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(refreshed.status).toBe(200);
  });

  it('refuse on the first, at the next request, a device revoked on the second', async () => {
    const phone = await signUpOn(first);
    const laptop = await signInOn(second, phone.email, 'laptop');
    expect((await first.call('GET', '/auth/me', { token: phone.accessToken })).status).toBe(200);

    const listed = await second.call('GET', '/auth/sessions', { token: laptop.accessToken });
    const sessions = listed.body.sessions as SessionView[];
    const phoneSession = sessions.find((session) => !session.current);
    expect(sessions).toHaveLength(2);
    const revoked = await second.call('DELETE', `/auth/sessions/${phoneSession?.id ?? ''}`, {
      token: laptop.accessToken,
    });
    expect(revoked.status).toBe(204);

    const refused = await first.call('GET', '/auth/me', { token: phone.accessToken });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'session_revoked' });
    expect((await first.call('GET', '/auth/me', { token: laptop.accessToken })).status).toBe(200);
  });

  it('count failed logins on both toward one limit', async () => {
    const user = await signUpOn(first);
    const attempt = (app: SpawnedApp) =>
      app.call('POST', '/auth/login', {
        body: { email: user.email, password: 'not the password' },
      });

    // Alternating, each process sees only half of the failures the limit allows.
    for (let failure = 0; failure < failuresAllowed; failure += 1) {
      expect((await attempt(failure % 2 === 0 ? first : second)).status).toBe(401);
    }
    for (const app of [first, second]) {
      const limited = await attempt(app);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
