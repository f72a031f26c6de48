import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { problemHandler } from '../src/http/problem.js';
import { type TestApp, startTestApp } from './support/test-app.js';

describe('HTTP behaviour shared by every route', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(() => testApp.close());

  it('sends security headers with a base-uri of none', async () => {
    const response = await request(testApp.app).get('/health').expect(200);
    expect(response.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS only for listed origins and never echoes another', async () => {
    const allowed = await request(testApp.app)
      .get('/health')
      .set('Origin', 'https://app.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');

    const other = await request(testApp.app).get('/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await request(testApp.app)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(20_000) }))
      .expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('answers malformed JSON with 400 validation_failed', async () => {
    const response = await request(testApp.app)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'validation_failed' });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await request(testApp.app).get('/no/such/route').expect(404);
    expect(response.body).toMatchObject({ type: 'about:blank', status: 404, code: 'not_found' });
  });
});

describe('unexpected errors', () => {
  it('answer 500 without a stack trace or internal message', async () => {
    const lines: string[] = [];
    const app = express();
    app.get('/boom', () => {
      throw new Error('connection string postgres://secret@db');
    });
    app.use(problemHandler(createLogger('error', { write: (line: string) => lines.push(line) })));

    const response = await request(app).get('/boom').expect(500);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong.',
      code: 'internal_error',
    });
    expect(response.text).not.toContain('secret');
    expect(lines.join('')).toContain('unhandled error');
  });
});
