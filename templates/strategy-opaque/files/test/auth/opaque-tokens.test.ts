import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../src/tokens/secret-tokens.js';
import { signUp } from '../support/sign-in.js';
import { everythingStored } from '../support/store-inspect.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const accessTokenTtlSeconds = 900;

/** The id and secret of a `<id>.<secret>` token; fails the test on any other shape. */
function partsOf(token: string): { id: string; secret: string } {
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  expect(match, `"${token}" is not <id>.<secret>`).not.toBeNull();
  return { id: match?.[1] ?? '', secret: match?.[2] ?? '' };
}

/** How many bit positions take both values across `samples` of equal length. */
function varyingBits(samples: Buffer[]): number {
  const first = samples[0] ?? Buffer.alloc(0);
  let varying = 0;
  for (let bit = 0; bit < first.length * 8; bit += 1) {
    const valueIn = (sample: Buffer) => ((sample[bit >> 3] ?? 0) >> (bit & 7)) & 1;
    if (samples.some((sample) => valueIn(sample) !== valueIn(first))) varying += 1;
  }
  return varying;
}

describe('opaque access tokens', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ ACCESS_TOKEN_TTL: String(accessTokenTtlSeconds) });
  });
  afterAll(() => testApp.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const me = (accessToken: string) =>
    request(testApp.app).get('/auth/me').set('Authorization', `Bearer ${accessToken}`);

  it('are <id>.<secret> strings whose secrets carry at least 128 random bits', async () => {
    const user = await signUp(testApp.app);
    const ids = new Set<string>();
    const secrets: Buffer[] = [];
    let { accessToken, refreshToken } = user;
    for (let sample = 0; sample < 40; sample += 1) {
      const { id, secret } = partsOf(accessToken);
      ids.add(id);
      secrets.push(Buffer.from(secret, 'base64url'));
      const response = await request(testApp.app)
        .post('/auth/refresh')
        .send({ refreshToken })
        .expect(200);
      ({ accessToken, refreshToken } = response.body);
    }

    expect(ids.size).toBe(40);
    expect(Math.min(...secrets.map((secret) => secret.length))).toBeGreaterThanOrEqual(16);
    // A random bit stays the same across 40 samples with odds of 2^-39; a counter, a clock or a
    // short secret padded to length would leave most positions fixed.
    expect(varyingBits(secrets)).toBeGreaterThanOrEqual(128);
  });

  it('are stored only as a hash of the secret', async () => {
    const user = await signUp(testApp.app);
    const access = partsOf(user.accessToken);
    const refresh = partsOf(user.refreshToken);

    const stored = await everythingStored(testApp);
    expect(stored).toContain(access.id);
    expect(stored).toContain(hashSecret(access.secret));
    expect(stored).not.toContain(access.secret);
    expect(stored).not.toContain(refresh.secret);
  });

  it('refuses a well-formed token the store does not know with 401, never 500', async () => {
    const user = await signUp(testApp.app);
    const unknownId = `${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const wrongSecret = `${partsOf(user.accessToken).id}.${randomBytes(32).toString('base64url')}`;

    for (const token of [unknownId, wrongSecret]) {
      const response = await me(token).expect(401);
      expect(response.body).toMatchObject({ code: 'token_invalid' });
    }
    await me(user.accessToken).expect(200);
  });

  it('refuses an access token past its lifetime with 401 token_expired', async () => {
    const user = await signUp(testApp.app);
    const issuedAt = Date.now();
    const clock = vi.spyOn(Date, 'now');

    clock.mockReturnValue(issuedAt + (accessTokenTtlSeconds - 5) * 1000);
    await me(user.accessToken).expect(200);

    clock.mockReturnValue(issuedAt + (accessTokenTtlSeconds + 1) * 1000);
    const response = await me(user.accessToken).expect(401);
    expect(response.body).toMatchObject({ code: 'token_expired' });
  });
});
