import type { Express } from 'express';
import request from 'supertest';
import { goodPassword, uniqueEmail } from './test-app.js';

/** A signed-in test user: the headers that prove who they are, and their session token. */
export interface SignedIn {
  userId: string;
  email: string;
  headers: Record<string, string>;
  sessionToken: string;
}

interface SessionBody {
  user: { id: string; email: string };
  sessionToken: string;
}

/** Apps ask for the session token in the body; the tests sign in the way an app does. */
const appClient = { 'X-Client': 'app' };

function signedIn(body: SessionBody): SignedIn {
  return {
    userId: body.user.id,
    email: body.user.email,
    headers: { Authorization: `Bearer ${body.sessionToken}` },
    sessionToken: body.sessionToken,
  };
}

/** Registers a new account and returns its first session. */
export async function signUp(app: Express, email = uniqueEmail()): Promise<SignedIn> {
  const response = await request(app)
    .post('/auth/register')
    .set(appClient)
    .send({ email, password: goodPassword, deviceName: 'first device' })
    .expect(201);
  return signedIn(response.body as SessionBody);
}

/** Logs an existing account in again: a new session on another device. */
export async function signIn(
  app: Express,
  email: string,
  deviceName = 'another device',
): Promise<SignedIn> {
  const response = await request(app)
    .post('/auth/login')
    .set(appClient)
    .send({ email, password: goodPassword, deviceName })
    .expect(200);
  return signedIn(response.body as SessionBody);
}
