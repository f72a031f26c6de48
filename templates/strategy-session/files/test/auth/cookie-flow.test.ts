import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCsrf, sessionCookieOf, webSignUp } from '../support/browser-session.js';
import { type TestApp, goodPassword, startTestApp, uniqueEmail } from '../support/test-app.js';

const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' };

describe('browser sessions behind a cookie', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('set an HttpOnly, SameSite=Lax, Path=/ cookie without Domain, and no Secure over plain HTTP', async () => {
    const response = await request(testApp.app).get('/auth/csrf').expect(200);
    const [line] = response.headers['set-cookie'] as unknown as string[];
    expect(line).toMatch(/^sid=/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Domain=/i);
    expect(line).not.toMatch(/SameSite=None/i);
  });

  it('give a new session id at login; the cookie from before login gets 401', async () => {
    const email = uniqueEmail('fixation');
    await webSignUp(testApp.app, email);

    const before = await fetchCsrf(testApp.app);
    const login = await request(testApp.app)
      .post('/auth/login')
      .set({ Cookie: before.cookie, 'X-CSRF-Token': before.csrfToken, ...sameOrigin })
      .send({ email, password: goodPassword })
      .expect(200);
    const after = sessionCookieOf(login.headers['set-cookie']);

    expect(after).toBeDefined();
    expect(after).not.toBe(before.cookie);
    expect(login.body.sessionToken).toBeUndefined();
    await request(testApp.app).get('/auth/me').set('Cookie', before.cookie).expect(401);
    const me = await request(testApp.app)
      .get('/auth/me')
      .set('Cookie', after ?? '')
      .expect(200);
    expect(me.body.user.email).toBe(email);

    // Login also replaced the CSRF token: the one from before login no longer passes.
    expect(login.body.csrfToken).not.toBe(before.csrfToken);
    await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: after ?? '', 'X-CSRF-Token': before.csrfToken, ...sameOrigin })
      .expect(403);
  });

  it('store the session before the login response is sent', async () => {
    const user = await webSignUp(testApp.app);
    const sessionId = decodeURIComponent(user.cookie.split('=')[1] ?? '')
      .slice(2)
      .split('.')[0];
    const stored = await testApp.services.stores.sessions.read(sessionId ?? '');
    expect(stored?.userId).toBe(user.userId);
  });

  it('refuse logout with the cookie and no CSRF token: 403 csrf_failed', async () => {
    const user = await webSignUp(testApp.app);
    const response = await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: user.cookie, ...sameOrigin })
      .expect(403);
    expect(response.body.code).toBe('csrf_failed');
    await request(testApp.app).get('/auth/me').set('Cookie', user.cookie).expect(200);
  });

  it('refuse logout with a wrong CSRF token', async () => {
    const user = await webSignUp(testApp.app);
    const other = await fetchCsrf(testApp.app);
    await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: user.cookie, 'X-CSRF-Token': other.csrfToken, ...sameOrigin })
      .expect(403);
  });

  it('refuse a cross-site request even with the right token', async () => {
    const user = await webSignUp(testApp.app);
    const crossSite = await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: user.cookie, 'X-CSRF-Token': user.csrfToken, 'Sec-Fetch-Site': 'cross-site' })
      .expect(403);
    expect(crossSite.body.code).toBe('csrf_failed');

    const foreignOrigin = await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: user.cookie, 'X-CSRF-Token': user.csrfToken, Origin: 'https://evil.example' })
      .expect(403);
    expect(foreignOrigin.body.code).toBe('csrf_failed');
    await request(testApp.app).get('/auth/me').set('Cookie', user.cookie).expect(200);
  });

  it('log out with the right token: 204, and the server session is gone', async () => {
    const user = await webSignUp(testApp.app);
    const logout = await request(testApp.app)
      .post('/auth/logout')
      .set({ Cookie: user.cookie, 'X-CSRF-Token': user.csrfToken, ...sameOrigin })
      .expect(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/^sid=;/);
    await request(testApp.app).get('/auth/me').set('Cookie', user.cookie).expect(401);
    const sessions = await testApp.services.stores.sessions.listForUser(user.userId);
    expect(sessions).toHaveLength(0);
  });

  it('protect login itself: a browser login without the token is refused', async () => {
    const email = uniqueEmail('login-csrf');
    await webSignUp(testApp.app, email);
    const response = await request(testApp.app)
      .post('/auth/login')
      .set(sameOrigin)
      .send({ email, password: goodPassword })
      .expect(403);
    expect(response.body.code).toBe('csrf_failed');
  });

  it('answer 401, never 500, for a cookie whose session was deleted from the store', async () => {
    const user = await webSignUp(testApp.app);
    await testApp.services.stores.sessions.destroyAllForUser(user.userId);
    const response = await request(testApp.app).get('/auth/me').set('Cookie', user.cookie);
    expect(response.status).toBe(401);
  });

  it('answer 401 for a forged or unsigned cookie', async () => {
    await request(testApp.app)
      .get('/auth/me')
      .set('Cookie', 'sid=s%3Anot-a-session.sig')
      .expect(401);
    await request(testApp.app).get('/auth/me').set('Cookie', 'sid=plain').expect(401);
  });

  it('never accept the session id from the URL', async () => {
    const user = await webSignUp(testApp.app);
    const value = user.cookie.split('=')[1] ?? '';
    await request(testApp.app).get(`/auth/me?sid=${value}`).expect(401);
  });
});
