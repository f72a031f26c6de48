import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { webSignUp } from '../support/browser-session.js';
import { testConfigEnv } from '../support/config-env.js';
import { signUp } from '../support/sign-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

function configProblems(env: Record<string, string>): string {
  try {
    loadConfig({ ...testConfigEnv(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('session settings', () => {
  it('refuse a missing, empty or short SESSION_SECRET, naming it', () => {
    expect(configProblems({ SESSION_SECRET: '' })).toMatch(/SESSION_SECRET/);
    expect(configProblems({ SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET .*32 bytes/);
  });

  it('refuse SameSite=None and an idle timeout longer than the absolute one', () => {
    expect(configProblems({ SESSION_SAME_SITE: 'none' })).toMatch(/SESSION_SAME_SITE/);
    expect(configProblems({ SESSION_IDLE_TTL: '7200', SESSION_ABSOLUTE_TTL: '3600' })).toMatch(
      /SESSION_IDLE_TTL must not exceed SESSION_ABSOLUTE_TTL/,
    );
  });

  it('refuse a production start without a trusted proxy, saying why', () => {
    expect(configProblems({ NODE_ENV: 'production' })).toMatch(
      /TRUST_PROXY must name the HTTPS proxy/,
    );
    expect(configProblems({ NODE_ENV: 'production', TRUST_PROXY: '1' })).toBe('');
    expect(configProblems({ NODE_ENV: 'production', TRUST_PROXY: 'true' })).toMatch(/TRUST_PROXY/);
  });
});

describe('in production behind a trusted proxy', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ NODE_ENV: 'production', TRUST_PROXY: '1' });
  });
  afterAll(() => testApp.close());

  it('send a __Host- cookie with Secure, HttpOnly, SameSite and Path=/ and no Domain over HTTPS', async () => {
    const response = await request(testApp.app)
      .get('/auth/csrf')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    const [line] = response.headers['set-cookie'] as unknown as string[];
    expect(line).toMatch(/^__Host-sid=/);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Domain=/i);
  });

  it('never send the Secure cookie over plain HTTP', async () => {
    const response = await request(testApp.app).get('/auth/csrf').expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('session timeouts, enforced by the server', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ SESSION_IDLE_TTL: '600', SESSION_ABSOLUTE_TTL: '1800' });
  });
  afterAll(() => testApp.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('end a session idle for longer than SESSION_IDLE_TTL', async () => {
    const web = await webSignUp(testApp.app);
    const app = await signUp(testApp.app);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 601_000 });
    await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(401);
    await request(testApp.app).get('/auth/me').set(app.headers).expect(401);
  });

  it('keep an active session alive, then end it at SESSION_ABSOLUTE_TTL', async () => {
    const web = await webSignUp(testApp.app);
    const app = await signUp(testApp.app);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    for (const minutes of [8, 16, 24]) {
      vi.setSystemTime(start + minutes * 60_000);
      await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(200);
      await request(testApp.app).get('/auth/me').set(app.headers).expect(200);
    }
    vi.setSystemTime(start + 30 * 60_000 + 1000);
    await request(testApp.app).get('/auth/me').set('Cookie', web.cookie).expect(401);
    await request(testApp.app).get('/auth/me').set(app.headers).expect(401);
  });
});
