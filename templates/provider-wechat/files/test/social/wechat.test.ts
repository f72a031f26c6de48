import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIns } from '../support/social-env.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import type { WechatStandIn } from '../support/wechat.js';

describe('sign in with WeChat', () => {
  let testApp: TestApp;
  let wechat: WechatStandIn;

  beforeAll(async () => {
    testApp = await startTestApp();
    wechat = (await standIns()).wechat;
  });
  afterAll(() => testApp.close());

  const signInWithWechat = (body: object, app = testApp) =>
    request(app.app).post('/auth/social/wechat').send(body);

  function codeFor(ids: { openid: string; unionid?: string }): string {
    const code = randomUUID();
    wechat.answer(code, {
      access_token: 'access',
      expires_in: 7200,
      scope: 'snsapi_userinfo',
      ...ids,
    });
    return code;
  }

  it('exchanges the code with the app id and secret and signs the user in', async () => {
    const code = codeFor({ openid: `openid-${randomUUID()}` });
    const response = await signInWithWechat({ code });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', user: { email: null } });

    const exchange = wechat.exchanges.at(-1);
    expect(Object.fromEntries(exchange ?? [])).toEqual({
      appid: 'wx-test-app',
      secret: 'wechat-test-secret',
      code,
      grant_type: 'authorization_code',
    });
    await request(testApp.app)
      .get('/auth/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
  });

  it('keys the user by unionid when WeChat returns one, else by openid', async () => {
    const unionid = `union-${randomUUID()}`;
    const first = await signInWithWechat({ code: codeFor({ openid: 'openid-a', unionid }) });
    const second = await signInWithWechat({ code: codeFor({ openid: 'openid-b', unionid }) });
    expect(second.body.user.id).toBe(first.body.user.id);

    const openid = `openid-${randomUUID()}`;
    const third = await signInWithWechat({ code: codeFor({ openid }) });
    const fourth = await signInWithWechat({ code: codeFor({ openid }) });
    expect(fourth.body.user.id).toBe(third.body.user.id);
    expect(third.body.user.id).not.toBe(first.body.user.id);
  });

  it('answers errcode 40029 (invalid code) with 401 provider_code_invalid', async () => {
    const response = await signInWithWechat({ code: 'never-issued' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'provider_code_invalid' });
  });

  it('refuses an openid sent by the client and never asks WeChat', async () => {
    const exchanges = wechat.exchanges.length;
    const response = await signInWithWechat({
      code: randomUUID(),
      openid: 'openid-of-someone-else',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'openid', message: 'is not an accepted field' },
    ]);
    expect(wechat.exchanges.length).toBe(exchanges);
  });

  it('answers 503 when WeChat does not answer in time', async () => {
    const code = randomUUID();
    wechat.hang(code);
    const startedAt = Date.now();
    const response = await signInWithWechat({ code });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('provider_unavailable');
    expect(Date.now() - startedAt).toBeLessThan(3000);
  });

  it('answers 502 when WeChat refuses the app secret, without leaking it', async () => {
    const misconfigured = await startTestApp({ WECHAT_APP_SECRET: 'a-wrong-secret' });
    const response = await signInWithWechat(
      { code: codeFor({ openid: 'openid-c' }) },
      misconfigured,
    );
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('provider_error');
    expect(JSON.stringify(response.body)).not.toContain('a-wrong-secret');
    expect(misconfigured.logs.join('\n')).not.toContain('a-wrong-secret');
    await misconfigured.close();
  });
});
