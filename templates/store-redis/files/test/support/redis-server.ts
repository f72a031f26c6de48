import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withRedis } from './redis-admin.js';

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * A redis-server of the test's own on `port`, never the shared one: the outage tests stop,
 * pause and restart it. It saves nothing by itself; save() writes a snapshot to its own
 * folder, which the next start() loads.
 */
export interface OwnRedisServer {
  port: number;
  url: string;
  start(): Promise<void>;
  /** Writes the data to the snapshot the next start() loads. */
  save(): Promise<void>;
  /** Ends the process, as an outage would. */
  stop(): Promise<void>;
  /** Freezes the process: connections stay open but nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops the server if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** What kind of redis-server to run, beyond a plain one. */
export interface OwnRedisOptions {
  /** More redis-server arguments, such as `['--replicaof', '127.0.0.1', '6380']`. */
  args?: string[];
  /**
   * Runs a Sentinel (`redis-server --sentinel`) with these lines in its configuration file,
   * which it rewrites as it learns the group.
   */
  sentinelConfig?: string[];
}

const startLimitMs = 15_000;

/** Prepares a redis-server on `port`; nothing runs until start(). */
export function ownRedisServer(port: number, options: OwnRedisOptions = {}): OwnRedisServer {
  const folder = mkdtempSync(join(tmpdir(), 'auth-redis-'));
  const sentinelFile = join(folder, 'sentinel.conf');
  if (options.sentinelConfig !== undefined) {
    writeFileSync(sentinelFile, `${options.sentinelConfig.join('\n')}\n`);
  }
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const stop = async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
    await exited;
    child = undefined;
  };

  return {
    port,
    url,
    async start() {
      const where = ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder];
      const args =
        options.sentinelConfig === undefined
          ? [...where, '--save', '', '--appendonly', 'no', '--dbfilename', 'dump.rdb']
          : [sentinelFile, '--sentinel', ...where];
      const running = spawn('redis-server', [...args, ...(options.args ?? [])], {
        stdio: 'ignore',
      });
      child = running;
      exited = new Promise((resolve) =>
        running.once('exit', () => {
          resolve();
        }),
      );
      running.once('error', () => undefined);

      const deadline = Date.now() + startLimitMs;
      for (;;) {
        const answered = await withRedis(url, (client) => client.ping()).then(
          () => true,
          () => false,
        );
        if (answered) return;
        if (running.exitCode !== null || Date.now() > deadline) {
          await stop();
          throw new Error(`redis-server did not start on port ${port} (is it installed?)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    save: () => withRedis(url, (client) => client.sendCommand(['SAVE'])).then(() => undefined),
    stop,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async remove() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
