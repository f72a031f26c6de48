import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

/** The real server entry running as a child process with exactly the given environment. */
export interface ServerProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Resolves with the port once the server logs that it listens; rejects if it exits first. */
  listening(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `src/server.ts` with tsx in `cwd`, passing only PATH and `env`. */
export function startServerProcess(env: Record<string, string>, cwd: string): ServerProcess {
  const child = spawn(process.execPath, [tsxCli, join(projectRoot, 'src', 'server.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

  return {
    child,
    output: () => output,
    exited,
    listening(timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const poll = setInterval(() => {
          const port = /"event":"listening","port":(\d+)/.exec(output)?.[1];
          if (port !== undefined) {
            clearTimeout(timer);
            clearInterval(poll);
            resolve(Number(port));
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            clearInterval(poll);
            reject(new Error(`the server exited with ${child.exitCode}:\n${output}`));
          }
        }, 50);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
