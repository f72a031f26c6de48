import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { CoreTables } from './schema.js';

// PostgreSQL returns int8 (bigint) as a string; every bigint here is an epoch-millisecond
// timestamp or a count, far below 2^53, so a JavaScript number is exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** An open database: the query builder plus the raw client that rate limiting needs. */
export type AppDatabase =
  | { kind: 'sqlite'; db: Kysely<CoreTables>; sqlite: SqliteDatabase.Database }
  | { kind: 'postgres'; db: Kysely<CoreTables>; pool: pg.Pool };

/** True when DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** `file:./data/app.db`, `file:/abs/path.db` or a plain path all name a SQLite file. */
export function sqliteFilename(databaseUrl: string): string {
  return databaseUrl.replace(/^file:(\/\/(?=\/))?/, '');
}

function openSqlite(databaseUrl: string): AppDatabase {
  const filename = sqliteFilename(databaseUrl);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });

  const sqlite = new SqliteDatabase(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 2000');
  sqlite.pragma('foreign_keys = ON');
  return {
    kind: 'sqlite',
    sqlite,
    db: new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }),
  };
}

function openPostgres(databaseUrl: string): AppDatabase {
  // Short timeouts turn an unreachable database into a quick 503 instead of a hanging request.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 2000,
    query_timeout: 5000,
    max: 10,
  });
  // An idle client that loses its connection must not crash the process; the next query fails.
  pool.on('error', () => undefined);
  return { kind: 'postgres', pool, db: new Kysely({ dialect: new PostgresDialect({ pool }) }) };
}

/** Opens the database DATABASE_URL names. */
export function openDatabase(databaseUrl: string): AppDatabase {
  return isPostgresUrl(databaseUrl) ? openPostgres(databaseUrl) : openSqlite(databaseUrl);
}

/** Resolves when the database answers a trivial query within `timeoutMs`. */
export async function pingDatabase(database: AppDatabase, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error('database ping timed out'));
    }, timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(database.db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
