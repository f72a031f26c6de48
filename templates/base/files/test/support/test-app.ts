import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { type AppServices, openServices } from '../../src/services.js';
import { testAuthEnv } from './auth-env.js';
import { createTestDatabase } from './test-database.js';
import { createTestStore } from './test-store.js';

/** A running application on its own database, with its log lines captured. */
export interface TestApp {
  app: Express;
  services: AppServices;
  /** Every log line written so far, as raw JSON text. */
  logs: string[];
  /** The captured log lines, parsed. */
  logEvents(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts the application on a fresh database; `env` overrides the test settings. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const settings = {
    LOG_LEVEL: 'info',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    ...testAuthEnv(),
    ...env,
  };
  // Validate before creating a database, so a refused setting leaves nothing behind.
  loadConfig(settings);

  const database = await createTestDatabase();
  const store = await createTestStore();
  const config = loadConfig({ ...settings, ...store.env, DATABASE_URL: database.url });
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => logs.push(line) });
  const services = await openServices(config, logger).catch(async (error: unknown) => {
    await store.drop();
    await database.drop();
    throw error;
  });

  return {
    app: createApp(services),
    services,
    logs,
    logEvents: () => logs.map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      await services.close();
      await store.drop();
      await database.drop();
    },
  };
}

let counter = 0;

/** A unique email address for one test account. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.com`;
}

/** A password that passes the policy. */
export const goodPassword = 'correct horse battery staple';
