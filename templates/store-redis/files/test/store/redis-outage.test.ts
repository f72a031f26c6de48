import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnRedisServer, freePort, ownRedisServer } from '../support/redis-server.js';
import {
  type HttpReply,
  type RemoteSession,
  type SharedBackends,
  type SpawnedApp,
  createSharedBackends,
  signUpOn,
  spawnApp,
  waitFor,
} from '../support/spawned-app.js';

// The bound is "about two seconds"; a little more leaves room for a loaded machine.
const outageAnswerLimitMs = 3000;

function expectStoreUnavailable(reply: HttpReply): void {
  expect(reply.status).toBe(503);
  expect(reply.body).toMatchObject({ code: 'store_unavailable' });
  expect(reply.elapsedMs).toBeLessThan(outageAnswerLimitMs);
}

interface AppOnOwnRedis {
  redis: OwnRedisServer;
  app: SpawnedApp;
  close(): Promise<void>;
}

/** A spawned server whose Redis is a redis-server of this test's own, running or not yet. */
async function startAppOnOwnRedis(redisRunning: boolean): Promise<AppOnOwnRedis> {
  const redis = ownRedisServer(await freePort());
  let backends: SharedBackends | undefined;
  try {
    if (redisRunning) await redis.start();
    backends = await createSharedBackends({ REDIS_URL: redis.url });
    const app = await spawnApp(backends.env);
    const shared = backends;
    return {
      redis,
      app,
      async close() {
        await app.stop();
        await redis.remove();
        await shared.drop();
      },
    };
  } catch (error) {
    // Leave no redis-server or test database behind when start-up fails half way.
    await redis.remove();
    await backends?.drop();
    throw error;
  }
}

describe('a running server when its Redis stops or hangs', () => {
  let started: AppOnOwnRedis | undefined;
  let redis: OwnRedisServer;
  let app: SpawnedApp;
  let user: RemoteSession;

  beforeAll(async () => {
    const running = await startAppOnOwnRedis(true);
    started = running;
    ({ redis, app } = running);
    user = await signUpOn(app);
  }, 90_000);
  afterAll(() => started?.close(), 30_000);

  const me = () => app.call('GET', '/auth/me', { token: user.accessToken });

  it('answers a protected route with 200 while Redis runs', async () => {
    expect((await me()).status).toBe(200);
  });

  it('answers 503 store_unavailable quickly while Redis hangs, then 200 once it answers', async () => {
    redis.pause();
    try {
      expectStoreUnavailable(await me());
    } finally {
      redis.resume();
    }
    const replies = await waitFor(me, (reply) => reply.status === 200);
    expect(replies.at(-1)?.status).toBe(200);
    expect(replies.every((reply) => [200, 503].includes(reply.status))).toBe(true);
  }, 60_000);

  it('answers 503 store_unavailable within about two seconds once Redis stops, and stays up', async () => {
    // Keep what Redis holds, so the same session exists again after the restart.
    await redis.save();
    await redis.stop();

    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectStoreUnavailable(await me());
    }
    expectStoreUnavailable(await app.call('GET', '/health'));
    expect(app.server.child.exitCode).toBeNull();
  }, 60_000);

  it('answers the same route with 200 once Redis is back, without a restart', async () => {
    const pid = app.server.child.pid;
    await redis.start();

    const replies = await waitFor(me, (reply) => reply.status === 200);
    expect(replies.at(-1)?.status).toBe(200);
    expect(replies.every((reply) => [200, 503].includes(reply.status))).toBe(true);
    expect((await app.call('GET', '/health')).status).toBe(200);
    expect(app.server.child.pid).toBe(pid);
    expect(app.server.child.exitCode).toBeNull();
  }, 60_000);
});

describe('a server started while Redis is unreachable', () => {
  let started: AppOnOwnRedis | undefined;
  let redis: OwnRedisServer;
  let app: SpawnedApp;

  beforeAll(async () => {
    // Nothing listens on the port until the test starts Redis there.
    const running = await startAppOnOwnRedis(false);
    started = running;
    ({ redis, app } = running);
  }, 90_000);
  afterAll(() => started?.close(), 30_000);

  it('starts anyway and logs a clear line naming the address', () => {
    expect(app.server.output()).toContain(`cannot reach Redis at 127.0.0.1:${redis.port}`);
    expect(app.server.output()).toContain('"event":"redis_unavailable"');
  });

  it('reports 503 on /health until Redis comes, then 200 without a restart', async () => {
    expectStoreUnavailable(await app.call('GET', '/health'));

    await redis.start();
    const health = () => app.call('GET', '/health');
    const replies = await waitFor(health, (reply) => reply.status === 200);
    expect(replies.at(-1)?.status).toBe(200);
    expect(app.server.child.exitCode).toBeNull();
  }, 60_000);
});
