import type { Express } from 'express';
import request from 'supertest';
import { goodPassword, uniqueEmail } from './test-app.js';

/** A web client's state: the session cookie it holds and the CSRF token it echoes. */
export interface WebClient {
  cookie: string;
  csrfToken: string;
}

/** The `name=value` part of the session cookie a response sets, or undefined. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string | undefined {
  const lines = typeof setCookie === 'string' ? [setCookie] : (setCookie ?? []);
  return lines.find((line) => /^(__Host-)?sid=/.test(line))?.split(';')[0];
}

/** Gets an anonymous session and its CSRF token, as a sign-in page does first. */
export async function fetchCsrf(app: Express, cookie?: string): Promise<WebClient> {
  const call = request(app).get('/auth/csrf');
  if (cookie !== undefined) call.set('Cookie', cookie);
  const response = await call.expect(200);
  const setCookie = sessionCookieOf(response.headers['set-cookie']);
  return { cookie: setCookie ?? cookie ?? '', csrfToken: response.body.csrfToken };
}

/** Registers through the browser flow: token first, then a same-origin POST with it. */
export async function webSignUp(
  app: Express,
  email = uniqueEmail('web'),
): Promise<WebClient & { userId: string; email: string }> {
  const anonymous = await fetchCsrf(app);
  const response = await request(app)
    .post('/auth/register')
    .set({
      Cookie: anonymous.cookie,
      'X-CSRF-Token': anonymous.csrfToken,
      'Sec-Fetch-Site': 'same-origin',
    })
    .send({ email, password: goodPassword, deviceName: 'browser' })
    .expect(201);
  const cookie = sessionCookieOf(response.headers['set-cookie']);
  if (cookie === undefined) throw new Error('register set no session cookie');
  return { cookie, csrfToken: response.body.csrfToken, userId: response.body.user.id, email };
}
