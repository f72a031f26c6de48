import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

// A type alias rather than an interface: Kysely's withTables() needs an index-compatible type.
type RefreshTokenRows = {
  refresh_tokens: { id: string; family_id: string; secret_hash: string; rotated_at: number | null };
};

/** Refresh tokens of the family of `user.refreshToken` that are stored and not yet rotated. */
export async function liveTokensOfFamily(
  testApp: TestApp,
  user: { refreshToken: string },
): Promise<number> {
  const db = testApp.services.database.db.withTables<RefreshTokenRows>();
  const tokenId = user.refreshToken.split('.')[0] ?? '';
  const first = await db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('id', '=', tokenId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('refresh_tokens')
    .select('id')
    .where('family_id', '=', first.family_id)
    .where('rotated_at', 'is', null)
    .execute();
  return rows.length;
}

/** The stored row of one refresh token, as JSON text; throws when there is none. */
export async function storedRefreshToken(testApp: TestApp, tokenId: string): Promise<string> {
  const row = await testApp.services.database.db
    .withTables<RefreshTokenRows>()
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('id', '=', tokenId)
    .executeTakeFirstOrThrow();
  return JSON.stringify(row);
}

/** Every row of every table of the test app's database, as one JSON text to search. */
export async function everythingStored(testApp: TestApp): Promise<string> {
  const db = testApp.services.database.db;
  const contents: Record<string, unknown[]> = {};
  for (const table of await db.introspection.getTables()) {
    const result = await sql`select * from ${sql.table(table.name)}`.execute(db);
    contents[table.name] = result.rows;
  }
  return JSON.stringify(contents);
}
