import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isPostgresUrl } from '../../src/db/database.js';

/** A database of one's own for one test file, and how to throw it away. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * SQLite: a file in a fresh temporary folder. PostgreSQL (when the environment's DATABASE_URL
 * is a postgres:// URL, used as the admin connection): a new database with a random name, so
 * test files running in parallel never share tables.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? '';
  if (!isPostgresUrl(adminUrl)) {
    const folder = mkdtempSync(join(tmpdir(), 'auth-test-'));
    return {
      url: `file:${join(folder, 'test.db')}`,
      drop: () => {
        rmSync(folder, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }

  const name = `auth_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
