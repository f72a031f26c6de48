import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webSignUp } from '../support/browser-session.js';
import { signIn, signUp } from '../support/sign-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

interface ListedSession {
  id: string;
  deviceName: string;
  current: boolean;
}

describe('app sessions and the shared session list', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('give apps a session token that works as a Bearer header and needs no CSRF token', async () => {
    const user = await signUp(testApp.app);
    expect(user.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await request(testApp.app).get('/auth/me').set(user.headers).expect(200);
    expect(me.body.user).toMatchObject({ id: user.userId, roles: ['user'] });
    await request(testApp.app).post('/auth/logout').set(user.headers).expect(204);
    await request(testApp.app).get('/auth/me').set(user.headers).expect(401);
  });

  it('refuse a malformed or unknown session token with 401', async () => {
    await request(testApp.app).get('/auth/me').set('Authorization', 'Bearer nope').expect(401);
    const unknown = await request(testApp.app)
      .get('/auth/me')
      .set('Authorization', `Bearer ${'A'.repeat(43)}`)
      .expect(401);
    expect(unknown.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('list browser and app sessions together and revoke either', async () => {
    const web = await webSignUp(testApp.app);
    const app = await signIn(testApp.app, web.email, 'phone');

    const list = await request(testApp.app).get('/auth/sessions').set(app.headers).expect(200);
    const sessions = list.body.sessions as ListedSession[];
    expect(sessions).toHaveLength(2);
    expect(sessions.map((entry) => entry.deviceName).sort()).toEqual(['browser', 'phone']);
    const current = sessions.filter((entry) => entry.current);
    expect(current).toHaveLength(1);
    expect(current[0]?.deviceName).toBe('phone');
    // The list never hands out another session's token.
    expect(JSON.stringify(list.body)).not.toContain(app.sessionToken);

    const browser = sessions.find((entry) => entry.deviceName === 'browser');
    await request(testApp.app)
      .delete(`/auth/sessions/${browser?.id ?? ''}`)
      .set(app.headers)
      .expect(204);
    await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(401);
    await request(testApp.app).get('/auth/me').set(app.headers).expect(200);
  });

  it('refuse to revoke another user’s session', async () => {
    const owner = await signUp(testApp.app);
    const intruder = await signUp(testApp.app);
    const list = await request(testApp.app).get('/auth/sessions').set(owner.headers).expect(200);
    const response = await request(testApp.app)
      .delete(`/auth/sessions/${list.body.sessions[0].id}`)
      .set(intruder.headers)
      .expect(404);
    expect(response.body.code).toBe('session_not_found');
    await request(testApp.app).get('/auth/me').set(owner.headers).expect(200);
  });

  it('sign every session out with logout-all, browser included', async () => {
    const web = await webSignUp(testApp.app);
    const app = await signIn(testApp.app, web.email);
    await request(testApp.app).post('/auth/logout-all').set(app.headers).expect(204);
    await request(testApp.app).get('/auth/me').set(app.headers).expect(401);
    await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(401);
  });

  it('revoke the other sessions at a password change and keep the current one', async () => {
    const first = await signUp(testApp.app);
    const second = await signIn(testApp.app, first.email);
    await request(testApp.app)
      .post('/auth/password')
      .set(second.headers)
      .send({
        currentPassword: 'correct horse battery staple',
        newPassword: 'a new long passphrase',
      })
      .expect(204);
    await request(testApp.app).get('/auth/me').set(first.headers).expect(401);
    await request(testApp.app).get('/auth/me').set(second.headers).expect(200);
  });

  it('apply a role change on the next request of every session', async () => {
    const web = await webSignUp(testApp.app);
    const app = await signIn(testApp.app, web.email);
    await request(testApp.app).get('/admin/overview').set(app.headers).expect(403);
    await request(testApp.app).get('/admin/overview').set('Cookie', web.cookie).expect(403);

    await testApp.services.users.setRoles(web.userId, ['user', 'admin']);

    await request(testApp.app).get('/admin/overview').set(app.headers).expect(200);
    const browser = await request(testApp.app)
      .get('/admin/overview')
      .set('Cookie', web.cookie)
      .expect(200);
    // A browser whose privileges changed moves to a new session id; the old one is dead.
    const renewed = String(browser.headers['set-cookie']).split(';')[0] ?? '';
    expect(renewed).toMatch(/^sid=/);
    expect(renewed).not.toBe(web.cookie);
    await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(401);
    await request(testApp.app).get('/auth/me').set('Cookie', renewed).expect(200);
    // The page's CSRF token still works on the new id.
    await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: renewed, 'X-CSRF-Token': web.csrfToken, 'Sec-Fetch-Site': 'same-origin' })
      .expect(204);

    await testApp.services.users.setRoles(web.userId, ['user']);
    await request(testApp.app).get('/admin/overview').set(app.headers).expect(403);
  });

  it('have no refresh route', async () => {
    await request(testApp.app).post('/auth/refresh').send({ refreshToken: 'x' }).expect(404);
  });
});
