import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretVariable, testAuthEnv } from '../support/auth-env.js';
import { startServerProcess } from '../support/server-process.js';

// An empty working folder, so the project's own .env cannot supply the missing variable.
const workFolder = mkdtempSync(join(tmpdir(), 'auth-start-'));

/** Starts the real server entry with exactly `env` and waits for it to exit. */
async function startServer(env: Record<string, string>) {
  const server = startServerProcess(env, workFolder);
  const timer = setTimeout(() => void server.stop(), 20_000);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, stderr: server.output() };
}

describe(`start-up with a bad ${secretVariable}`, () => {
  afterAll(() => {
    rmSync(workFolder, { recursive: true, force: true });
  });

  const settings: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(testAuthEnv()).filter(([name]) => name !== secretVariable),
    ),
    DATABASE_URL: `file:${join(workFolder, 'app.db')}`,
    PORT: '0',
  };

  it.each([
    ['missing', {}],
    ['empty', { [secretVariable]: '' }],
    ['too short', { [secretVariable]: 'x'.repeat(31) }],
  ])(
    'refuses to start when it is %s, naming the variable',
    async (_case, secret: Record<string, string>) => {
      const exit = await startServer({ ...settings, ...secret });
      // A server that started instead would be stopped by the timer and exit with null.
      expect(exit.code).toBe(1);
      expect(exit.stderr).toMatch(
        new RegExp(`${secretVariable} (is required|must be at least 32 bytes)`),
      );
      expect(exit.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
