import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signUp } from '../support/sign-in.js';
import { type TestApp, goodPassword, startTestApp } from '../support/test-app.js';

describe('when the database goes down', () => {
  let testApp: TestApp;
  let user: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp();
    user = await signUp(testApp.app);
    await testApp.services.database.db.destroy();
  });
  afterAll(() => testApp.close());

  it.each([
    ['an authenticated call', () => request(testApp.app).get('/auth/me').set(user.headers)],
    [
      'a refresh',
      () => request(testApp.app).post('/auth/refresh').send({ refreshToken: user.refreshToken }),
    ],
    [
      'a login',
      () =>
        request(testApp.app)
          .post('/auth/login')
          .send({ email: user.email, password: goodPassword }),
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
