import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUp } from '../support/sign-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('example application routes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('refuses an anonymous caller with 401', async () => {
    const response = await request(testApp.app).get('/profile').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sees who is calling through req.auth', async () => {
    const user = await signUp(testApp.app);
    const response = await request(testApp.app).get('/profile').set(user.headers).expect(200);
    expect(response.body).toMatchObject({ userId: user.userId, roles: ['user'] });
    expect(typeof response.body.sessionId).toBe('string');
  });

  it('lets only the named role through requireRole', async () => {
    const user = await signUp(testApp.app);
    await request(testApp.app).get('/admin/overview').set(user.headers).expect(403);

    await testApp.services.users.setRoles(user.userId, ['user', 'admin']);
    const admin = await signIn(testApp.app, user.email);
    const response = await request(testApp.app)
      .get('/admin/overview')
      .set(admin.headers)
      .expect(200);
    expect(response.body.message).toContain(user.userId);
  });
});
