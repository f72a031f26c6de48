import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testAuthEnv } from '../support/auth-env.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
// An empty working folder, so the project's own .env cannot supply the missing variable.
const workFolder = mkdtempSync(join(tmpdir(), 'auth-start-'));

interface Exit {
  code: number | null;
  stderr: string;
}

/** Starts the real server entry with exactly `env` and waits for it to exit. */
function startServer(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, join(projectRoot, 'src', 'server.ts')], {
      cwd: workFolder,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the server started instead of refusing its configuration'));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('start-up with a bad JWT_SECRET', () => {
  afterAll(() => {
    rmSync(workFolder, { recursive: true, force: true });
  });

  const settings: Record<string, string> = {
    ...testAuthEnv(),
    DATABASE_URL: `file:${join(workFolder, 'app.db')}`,
    PORT: '0',
  };
  delete settings.JWT_SECRET;

  it.each([
    ['missing', {}],
    ['empty', { JWT_SECRET: '' }],
    ['too short', { JWT_SECRET: 'x'.repeat(31) }],
  ])(
    'refuses to start when it is %s, naming the variable',
    async (_case, secret: Record<string, string>) => {
      const exit = await startServer({ ...settings, ...secret });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toMatch(/JWT_SECRET (is required|must be at least 32 bytes)/);
      expect(exit.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
