import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { type AppServices, openServices } from '../src/services.js';
import { signUp } from './support/sign-in.js';
import { type TestApp, startTestApp } from './support/test-app.js';

describe('two app instances on one database', () => {
  let first: TestApp;
  let secondServices: AppServices;
  let second: ReturnType<typeof createApp>;

  beforeAll(async () => {
    first = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    secondServices = await openServices(first.services.config, createLogger('silent'));
    second = createApp(secondServices);
  });
  afterAll(async () => {
    await secondServices.close();
    await first.close();
  });

  it('count failed logins together', async () => {
    const user = await signUp(first.app);
    const attempt = (app: typeof second) =>
      request(app).post('/auth/login').send({ email: user.email, password: 'not the password' });

    expect((await attempt(first.app)).status).toBe(401);
    expect((await attempt(second)).status).toBe(401);
    expect((await attempt(first.app)).status).toBe(401);
    expect((await attempt(second)).status).toBe(429);
  });

  it('accept each other’s sessions and see each other’s sign-outs', async () => {
    const user = await signUp(first.app);
    await request(second).get('/profile').set(user.headers).expect(200);
    await request(first.app).post('/auth/logout').set(user.headers).expect(204);
    await request(second).get('/profile').set(user.headers).expect(401);
  });
});
