import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testAuthEnv } from './auth-env.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { goodPassword, uniqueEmail } from './test-app.js';
import { createTestDatabase } from './test-database.js';
import { createTestStore } from './test-store.js';

/** One HTTP answer of a spawned server, with how long it took. */
export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  elapsedMs: number;
}

/** A real server process of the application, reached over HTTP on 127.0.0.1. */
export interface SpawnedApp {
  server: ServerProcess;
  baseUrl: string;
  /** Sends one request; `token` goes in the Authorization header as a Bearer token. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<HttpReply>;
  stop(): Promise<void>;
}

/** Settings several server processes share (one database, one store, one secret) and their clean-up. */
export interface SharedBackends {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh test database and auth store with test settings; `env` overrides any of them. */
export async function createSharedBackends(
  env: Record<string, string> = {},
): Promise<SharedBackends> {
  const database = await createTestDatabase();
  const store = await createTestStore();
  return {
    env: { ...testAuthEnv(), ...store.env, DATABASE_URL: database.url, ...env },
    async drop() {
      await store.drop();
      await database.drop();
    },
  };
}

// Generous for a loaded machine, yet bounded: a request that takes longer is a hang.
const requestTimeoutMs = 10_000;

/**
 * Starts `src/server.ts` on a free port with `env` only (in an empty folder, so no .env file is
 * read) and resolves once it listens.
 */
export async function spawnApp(env: Record<string, string>): Promise<SpawnedApp> {
  const folder = mkdtempSync(join(tmpdir(), 'auth-server-'));
  const server = startServerProcess(
    { LOG_LEVEL: 'info', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000', ...env, PORT: '0' },
    folder,
  );
  const stop = async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  };
  const port = await server.listening(45_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    server,
    baseUrl,
    async call(method, path, { token, body } = {}) {
      const startedAt = Date.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        headers: response.headers,
        elapsedMs: Date.now() - startedAt,
      };
    },
    stop,
  };
}

/** Calls `attempt` every 200 ms until `done` holds for its result, for at most `limitMs`. */
export async function waitFor<T>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  limitMs = 15_000,
): Promise<T[]> {
  const results: T[] = [];
  const deadline = Date.now() + limitMs;
  for (;;) {
    const result = await attempt();
    results.push(result);
    if (done(result) || Date.now() > deadline) return results;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Credentials one spawned server handed out. */
export interface RemoteSession {
  email: string;
  accessToken: string;
  refreshToken: string;
}

function sessionFrom(reply: HttpReply, expected: number): RemoteSession {
  if (reply.status !== expected) {
    throw new Error(`expected ${expected}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  const body = reply.body as { user: { email: string }; accessToken: string; refreshToken: string };
  return {
    email: body.user.email,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
  };
}

/** Registers a new account on a spawned server and returns its first session. */
export async function signUpOn(app: SpawnedApp, email = uniqueEmail()): Promise<RemoteSession> {
  const body = { email, password: goodPassword, deviceName: 'first device' };
  return sessionFrom(await app.call('POST', '/auth/register', { body }), 201);
}

/** Logs an existing account in on a spawned server: a new device session. */
export async function signInOn(
  app: SpawnedApp,
  email: string,
  deviceName = 'another device',
): Promise<RemoteSession> {
  const body = { email, password: goodPassword, deviceName };
  return sessionFrom(await app.call('POST', '/auth/login', { body }), 200);
}
