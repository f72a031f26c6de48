import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebClient, webSignUp } from '../support/browser-session.js';
import { type SignedIn, signUp } from '../support/sign-in.js';
import { type TestApp, goodPassword, startTestApp } from '../support/test-app.js';

describe('when the session store goes down', () => {
  let testApp: TestApp;
  let app: SignedIn;
  let web: WebClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    app = await signUp(testApp.app);
    web = await webSignUp(testApp.app);
    await testApp.services.database.db.destroy();
  });
  afterAll(() => testApp.close());

  it.each([
    ['an app call', () => request(testApp.app).get('/auth/me').set(app.headers)],
    ['a browser call', () => request(testApp.app).get('/auth/me').set('Cookie', web.cookie)],
    [
      'a login',
      () =>
        request(testApp.app)
          .post('/auth/login')
          .set('X-Client', 'app')
          .send({ email: app.email, password: goodPassword }),
    ],
  ])(
    'answers %s with 503 store_unavailable, never a pass and never a hang',
    async (_case, call) => {
      const startedAt = Date.now();
      const response = await call();
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'store_unavailable' });
      expect(Date.now() - startedAt).toBeLessThan(2500);
    },
  );
});
