import type { Express } from 'express';
import request from 'supertest';
import { goodPassword, uniqueEmail } from './test-app.js';

/** A signed-in test user: the headers that prove who they are, and their credentials. */
export interface SignedIn {
  userId: string;
  email: string;
  headers: Record<string, string>;
  accessToken: string;
  refreshToken: string;
}

interface CredentialsBody {
  user: { id: string; email: string };
  accessToken: string;
  refreshToken: string;
}

function signedIn(body: CredentialsBody): SignedIn {
  return {
    userId: body.user.id,
    email: body.user.email,
    headers: { Authorization: `Bearer ${body.accessToken}` },
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
  };
}

/** Registers a new account and returns its first session. */
export async function signUp(app: Express, email = uniqueEmail()): Promise<SignedIn> {
  const response = await request(app)
    .post('/auth/register')
    .send({ email, password: goodPassword, deviceName: 'first device' })
    .expect(201);
  return signedIn(response.body as CredentialsBody);
}

/** Logs an existing account in again: a new session on another device. */
export async function signIn(
  app: Express,
  email: string,
  deviceName = 'another device',
): Promise<SignedIn> {
  const response = await request(app)
    .post('/auth/login')
    .send({ email, password: goodPassword, deviceName })
    .expect(200);
  return signedIn(response.body as CredentialsBody);
}
