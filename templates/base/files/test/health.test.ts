import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from './support/test-app.js';

describe('GET /health', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 200 while the database answers', async () => {
    const response = await request(testApp.app).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers 503 store_unavailable quickly once the database is gone', async () => {
    await testApp.services.database.db.destroy();
    const startedAt = Date.now();
    const response = await request(testApp.app).get('/health').expect(503);
    expect(response.body).toMatchObject({ code: 'store_unavailable' });
    expect(Date.now() - startedAt).toBeLessThan(2500);
  });
});
