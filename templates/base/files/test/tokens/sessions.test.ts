import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUp } from '../support/sign-in.js';
import { type TestApp, goodPassword, startTestApp } from '../support/test-app.js';

interface SessionView {
  id: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

describe('sessions and devices', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const get = (path: string, headers: Record<string, string>) =>
    request(testApp.app).get(path).set(headers);
  const post = (path: string, headers: Record<string, string>) =>
    request(testApp.app).post(path).set(headers);

  it('answers register with 201, the user and credentials, not cacheable', async () => {
    const response = await request(testApp.app)
      .post('/auth/register')
      .send({ email: 'fresh@example.com', password: goodPassword })
      .expect(201);
    expect(response.body).toMatchObject({
      user: { email: 'fresh@example.com', roles: ['user'] },
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    expect(response.body.refreshExpiresIn).toBeGreaterThan(0);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('lists each login as a device and marks the current one', async () => {
    const phone = await signUp(testApp.app);
    await signIn(testApp.app, phone.email, 'tablet');
    const response = await get('/auth/sessions', phone.headers).expect(200);
    const sessions = response.body.sessions as SessionView[];
    expect(sessions.map((session) => session.deviceName).sort()).toEqual([
      'first device',
      'tablet',
    ]);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.find((session) => session.current)?.deviceName).toBe('first device');
    expect(Date.parse(sessions[0]?.lastSeenAt ?? '')).not.toBeNaN();
  });

  it('logout revokes this device at once, access token included', async () => {
    const user = await signUp(testApp.app);
    const other = await signIn(testApp.app, user.email);
    await post('/auth/logout', user.headers).expect(204);

    const refused = await get('/auth/me', user.headers).expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    await request(testApp.app)
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(401);
    await get('/auth/me', other.headers).expect(200);
  });

  it('logout-all revokes every device of the user and no one else', async () => {
    const user = await signUp(testApp.app);
    const other = await signIn(testApp.app, user.email);
    const stranger = await signUp(testApp.app);
    await post('/auth/logout-all', user.headers).expect(204);

    await get('/auth/me', user.headers).expect(401);
    await get('/auth/me', other.headers).expect(401);
    await request(testApp.app)
      .post('/auth/refresh')
      .send({ refreshToken: other.refreshToken })
      .expect(401);
    await get('/auth/me', stranger.headers).expect(200);
  });

  it('revokes one own device, and never another user’s', async () => {
    const user = await signUp(testApp.app);
    const tablet = await signIn(testApp.app, user.email, 'tablet');
    const stranger = await signUp(testApp.app);
    const strangerSessions = await get('/auth/sessions', stranger.headers).expect(200);
    const strangerSessionId = (strangerSessions.body.sessions as SessionView[])[0]?.id ?? '';

    await request(testApp.app)
      .delete(`/auth/sessions/${strangerSessionId}`)
      .set(user.headers)
      .expect(404);
    await get('/auth/me', stranger.headers).expect(200);

    const mine = await get('/auth/sessions', user.headers).expect(200);
    const tabletId = (mine.body.sessions as SessionView[]).find(
      (session) => session.deviceName === 'tablet',
    )?.id;
    await request(testApp.app)
      .delete(`/auth/sessions/${tabletId ?? ''}`)
      .set(user.headers)
      .expect(204);
    await get('/auth/me', tablet.headers).expect(401);
    await get('/auth/me', user.headers).expect(200);
  });

  it('changes the password only with the current one and signs every other device out', async () => {
    const user = await signUp(testApp.app);
    const other = await signIn(testApp.app, user.email);
    const newPassword = 'a completely new passphrase';

    const wrong = await post('/auth/password', user.headers).send({
      currentPassword: 'not it at all',
      newPassword,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    await get('/auth/me', other.headers).expect(200);

    await post('/auth/password', user.headers)
      .send({ currentPassword: goodPassword, newPassword })
      .expect(204);
    await get('/auth/me', user.headers).expect(200);
    await get('/auth/me', other.headers).expect(401);
    await request(testApp.app)
      .post('/auth/login')
      .send({ email: user.email, password: goodPassword })
      .expect(401);
    await request(testApp.app)
      .post('/auth/login')
      .send({ email: user.email, password: newPassword })
      .expect(200);
  });

  it('logs sign-outs and revocations as structured events', () => {
    const events = testApp.logEvents().map((entry) => entry.event);
    expect(events).toEqual(
      expect.arrayContaining(['logout', 'logout_all', 'session_revoked', 'other_sessions_revoked']),
    );
  });

  it('has no social login yet', async () => {
    await request(testApp.app).post('/auth/social/google').send({ idToken: 'x' }).expect(404);
  });
});
