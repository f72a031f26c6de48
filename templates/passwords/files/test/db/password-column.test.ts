import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppDatabase, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { up as addPasswordHash } from '../../src/db/migrations/0006_add_password_hash.js';
import { type TestDatabase, createTestDatabase } from '../support/test-database.js';

async function columnsOfUsers(database: AppDatabase): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return (tables.find((table) => table.name === 'users')?.columns ?? []).map(
    (column) => column.name,
  );
}

describe('turning passwords on for a database made without them', () => {
  let testDatabase: TestDatabase | undefined;
  let database: AppDatabase | undefined;

  afterEach(async () => {
    await database?.db.destroy();
    await testDatabase?.drop();
  });

  async function freshDatabase(): Promise<AppDatabase> {
    testDatabase = await createTestDatabase();
    database = openDatabase(testDatabase.url);
    return database;
  }

  /** Migrations take the database untyped: they run before the tables match the types. */
  function untyped(opened: AppDatabase): Kysely<unknown> {
    return opened.db as unknown as Kysely<unknown>;
  }

  it('adds password_hash to a users table that has none, and keeps its rows', async () => {
    const opened = await freshDatabase();
    const db = untyped(opened);
    // The users table as a social-only project creates it.
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('email', 'text', (column) => column.unique())
      .addColumn('roles', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await sql`insert into users (id, email, roles, created_at) values ('u1', null, '[]', 1)`.execute(
      db,
    );
    expect(await columnsOfUsers(opened)).not.toContain('password_hash');

    await addPasswordHash(db);
    expect(await columnsOfUsers(opened)).toContain('password_hash');
    const rows = await sql<{ id: string; password_hash: string | null }>`
      select id, password_hash from users`.execute(db);
    expect(rows.rows).toEqual([{ id: 'u1', password_hash: null }]);

    // A second run finds the column and changes nothing.
    await addPasswordHash(db);
    expect(await columnsOfUsers(opened)).toContain('password_hash');
  });

  it('changes nothing where the first migration already wrote the column', async () => {
    const opened = await freshDatabase();
    const db = untyped(opened);
    await migrateToLatest(opened.db);
    const before = await columnsOfUsers(opened);
    expect(before).toContain('password_hash');
    await addPasswordHash(db);
    expect(await columnsOfUsers(opened)).toEqual(before);
  });
});
