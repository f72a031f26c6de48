import type { Kysely } from 'kysely';

/**
 * Gives `users` its `password_hash` column when the database was created while the project kept
 * no passwords: the first migration writes that column only with passwords, and a migration that
 * has run never runs again, so turning passwords on later needs this one. Where the column is
 * already there, as in every project that kept passwords from the start, it changes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = await db.introspection.getTables();
  const users = tables.filter((table) => table.name === 'users');
  if (users.length === 0) return;
  const hasColumn = users.some((table) =>
    table.columns.some((column) => column.name === 'password_hash'),
  );
  if (!hasColumn) await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
}

export async function down(): Promise<void> {
  // The column may be older than this migration, so rolling it back leaves it in place.
}
