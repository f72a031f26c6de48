import argon2 from 'argon2';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signOutEverywhere } from '../src/auth/index.js';
import { normalizeEmail } from '../src/users/email.js';
import { hashPassword } from '../src/users/passwords.js';
import { signUp } from './support/sign-in.js';
import { type TestApp, goodPassword, startTestApp, uniqueEmail } from './support/test-app.js';

async function register(testApp: TestApp, body: Record<string, unknown>) {
  return request(testApp.app).post('/auth/register').send(body);
}

async function login(testApp: TestApp, email: string, password: string, address?: string) {
  const call = request(testApp.app).post('/auth/login');
  if (address !== undefined) call.set('X-Forwarded-For', address);
  return call.send({ email, password });
}

/** The cost parameters of an encoded argon2 hash, e.g. { m: 19456, t: 2, p: 1 }. */
function hashParameters(hash: string | undefined): Record<string, number> {
  const [, algorithm = '', , parameters = ''] = (hash ?? '').split('$');
  const entries = parameters.split(',').map((entry) => entry.split('='));
  return {
    argon2id: algorithm === 'argon2id' ? 1 : 0,
    ...Object.fromEntries(entries.map(([key = '', value]) => [key, Number(value)])),
  };
}

const owaspMinimum = { argon2id: 1, m: 19_456, t: 2, p: 1 };

/** A hash of `password` with parameters under the minimum, as an older release stored it. */
function weakHashOf(password: string): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: 8192,
    timeCost: 1,
    parallelism: 1,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('accounts: registration and password rules', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('stores an argon2id hash at or above m=19456, t=2, p=1', async () => {
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword }).then((response) => {
      expect(response.status).toBe(201);
    });
    const user = await testApp.services.users.findByEmail(email);
    expect(hashParameters(user?.passwordHash)).toEqual(owaspMinimum);
  });

  it('refuses unknown fields such as role, naming the field', async () => {
    const response = await register(testApp, {
      email: uniqueEmail(),
      password: goodPassword,
      role: 'admin',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed' });
    expect(response.body.errors).toEqual([{ field: 'role', message: 'is not an accepted field' }]);
  });

  it.each([
    ['short', 'Ab1!xyz'],
    ['too long', 'a'.repeat(129)],
    ['common', 'password123'],
  ])('refuses a %s password', async (_kind, password) => {
    const response = await register(testApp, { email: uniqueEmail(), password });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('password');
  });

  it('keeps any Unicode password exactly as typed, without truncating or case-folding', async () => {
    const email = uniqueEmail();
    const password = 'Ünïcødé-パスワード-'.padEnd(100, 'é');
    expect((await register(testApp, { email, password })).status).toBe(201);
    expect((await login(testApp, email, password)).status).toBe(200);
    expect((await login(testApp, email, password.toLowerCase())).status).toBe(401);
    expect((await login(testApp, email, password.slice(0, 72))).status).toBe(401);
  });

  it('normalizes only by trimming and lower-casing the domain', async () => {
    expect(normalizeEmail('  Ann.Lee@Example.COM ')).toBe('Ann.Lee@example.com');
    const email = uniqueEmail('Mixed');
    await register(testApp, { email, password: goodPassword });
    const shouting = email.replace('example.com', 'EXAMPLE.com');
    expect((await login(testApp, `  ${shouting}`, goodPassword)).status).toBe(200);
  });

  it('answers 409 when the email is taken', async () => {
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword });
    const response = await register(testApp, { email, password: goodPassword });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'email_taken' });
  });

  it('never writes passwords to the log', async () => {
    const password = 'a-very-distinctive-password-42';
    const email = uniqueEmail();
    await register(testApp, { email, password });
    await login(testApp, email, password);
    await login(testApp, email, `${password}-wrong`);
    expect(testApp.logs.join('\n')).not.toContain(password);
    expect(testApp.logEvents().map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['login_succeeded', 'login_failed']),
    );
  });
});

describe('accounts: login', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
  });
  afterAll(() => testApp.close());

  it('answers an unknown email and a wrong password alike, in similar time', async () => {
    // Two accounts, two wrong passwords each: under this block's limit of three failures.
    const emails = [uniqueEmail(), uniqueEmail()];
    for (const email of emails) await register(testApp, { email, password: goodPassword });

    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    let unknownBody: unknown;
    let wrongBody: unknown;
    for (const email of [...emails, ...emails]) {
      let startedAt = performance.now();
      const unknown = await login(testApp, uniqueEmail('nobody'), 'wrong password 1');
      unknownTimes.push(performance.now() - startedAt);
      startedAt = performance.now();
      const wrong = await login(testApp, email, 'wrong password 1');
      wrongTimes.push(performance.now() - startedAt);

      expect([unknown.status, wrong.status]).toEqual([401, 401]);
      unknownBody = unknown.body;
      wrongBody = wrong.body;
    }
    expect(unknownBody).toEqual(wrongBody);
    expect(unknownBody).toMatchObject({ code: 'invalid_credentials' });
    // Without the dummy hash an unknown email answers about five times faster even with the
    // light test hashing settings; medians of four interleaved pairs ride out a busy machine.
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.45);
  });

  it('limits failed logins per account with 429 and Retry-After', async () => {
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await login(testApp, email, 'wrong password 2', `192.0.2.${attempt}`)).status).toBe(
        401,
      );
    }
    const limited = await login(testApp, email, goodPassword, '192.0.2.99');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('checks no more parallel guesses at one account than the limit allows', async () => {
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword });
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        login(testApp, email, `wrong password ${index}`, `192.0.2.${index}`),
      ),
    );
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);

    const correct = await login(testApp, email, goodPassword, '192.0.2.99');
    expect(correct.status).toBe(429);
  });

  it('re-hashes a weaker stored hash at the next successful login', async () => {
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword });
    const user = await testApp.services.users.findByEmail(email);
    if (user?.passwordHash === undefined) throw new Error('user missing');
    const weak = await weakHashOf(goodPassword);
    await testApp.services.users.updatePasswordHash(user.id, weak, user.passwordHash);

    expect((await login(testApp, email, goodPassword)).status).toBe(200);
    const upgraded = await testApp.services.users.findByEmail(email);
    expect(hashParameters(upgraded?.passwordHash)).toEqual(owaspMinimum);
  });
});

describe('accounts: failed logins per client address', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
  });
  afterAll(() => testApp.close());

  it('limits one address across many accounts', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await login(testApp, uniqueEmail(), 'wrong password 3', '198.51.100.7')).status).toBe(
        401,
      );
    }
    const limited = await login(testApp, uniqueEmail(), 'wrong password 3', '198.51.100.7');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);

    const elsewhere = await login(testApp, uniqueEmail(), 'wrong password 3', '198.51.100.8');
    expect(elsewhere.status).toBe(401);
  });
});

describe('accounts: a password replaced while a request runs', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps the replacement when a password change loses the race, and answers 401', async () => {
    const { users } = testApp.services;
    const user = await signUp(testApp.app);
    const replacement = await hashPassword('a replacement nobody typed');
    const update = users.updatePasswordHash.bind(users);
    vi.spyOn(users, 'updatePasswordHash').mockImplementationOnce(async (id, hash, expected) => {
      // Another change commits after this one checked the current password, before it writes.
      await update(id, replacement, expected);
      return update(id, hash, expected);
    });

    const response = await request(testApp.app)
      .post('/auth/password')
      .set(user.headers)
      .send({ currentPassword: goodPassword, newPassword: 'a brand new passphrase 42' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'invalid_credentials' });
    expect((await users.findById(user.userId))?.passwordHash).toBe(replacement);
  });

  it('keeps the replacement when a re-hash at login loses the race', async () => {
    const { users } = testApp.services;
    const email = uniqueEmail();
    await register(testApp, { email, password: goodPassword });
    const user = await users.findByEmail(email);
    if (user?.passwordHash === undefined) throw new Error('user missing');
    const weak = await weakHashOf(goodPassword);
    await users.updatePasswordHash(user.id, weak, user.passwordHash);
    const replacement = await hashPassword('a replacement nobody typed');
    const find = users.findByEmail.bind(users);
    vi.spyOn(users, 'findByEmail').mockImplementationOnce(async (wanted) => {
      const found = await find(wanted);
      // The password is replaced after this login read the weak hash, before it re-hashes.
      await users.updatePasswordHash(user.id, replacement, weak);
      return found;
    });

    expect((await login(testApp, email, goodPassword)).status).toBe(401);
    expect((await users.findById(user.id))?.passwordHash).toBe(replacement);
  });

  it('leaves no session behind when a login loses the race, and answers 401', async () => {
    const { users } = testApp.services;
    const email = uniqueEmail();
    const { userId } = await signUp(testApp.app, email);
    await signOutEverywhere(testApp.services, userId, 'password_removed');
    const replacement = await hashPassword('a replacement nobody typed');
    const find = users.findByEmail.bind(users);
    vi.spyOn(users, 'findByEmail').mockImplementationOnce(async (wanted) => {
      const found = await find(wanted);
      // The password is replaced after this login read it, before its session is started.
      if (found?.passwordHash !== undefined) {
        await users.updatePasswordHash(found.id, replacement, found.passwordHash);
      }
      return found;
    });

    const response = await login(testApp, email, goodPassword);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'invalid_credentials' });
    expect(await signOutEverywhere(testApp.services, userId, 'password_removed')).toBe(0);
  });
});
