import type { Kysely, Selectable } from 'kysely';
import type {
  NewRefreshToken,
  RefreshFamily,
  RefreshFamilyStore,
  StoredRefreshToken,
} from '../tokens/refresh-family-store.js';
import type { CoreTables, EpochMilliseconds } from '../db/schema.js';
import { storeCall } from '../http/problem.js';

interface RefreshFamiliesTable {
  id: string;
  user_id: string;
  device_name: string;
  created_at: EpochMilliseconds;
  last_seen_at: EpochMilliseconds;
  expires_at: EpochMilliseconds;
  idle_expires_at: EpochMilliseconds;
  revoked_at: EpochMilliseconds | null;
  revoke_reason: string | null;
}

interface RefreshTokensTable {
  id: string;
  family_id: string;
  secret_hash: string;
  created_at: EpochMilliseconds;
  rotated_at: EpochMilliseconds | null;
  successor_id: string | null;
}

// A type alias rather than an interface: Kysely's withTables() needs an index-compatible type.
type RefreshTables = {
  refresh_families: RefreshFamiliesTable;
  refresh_tokens: RefreshTokensTable;
};

function toFamily(row: Selectable<RefreshFamiliesTable>): RefreshFamily {
  return {
    id: row.id,
    userId: row.user_id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    idleExpiresAt: row.idle_expires_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}

function toToken(row: Selectable<RefreshTokensTable>): StoredRefreshToken {
  return {
    id: row.id,
    familyId: row.family_id,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at ?? undefined,
    successorId: row.successor_id ?? undefined,
  };
}

/** Refresh token families in the SQL database (SQLite or PostgreSQL). */
export function createSqlRefreshFamilyStore(coreDb: Kysely<CoreTables>): RefreshFamilyStore {
  const db = coreDb.withTables<RefreshTables>();

  const insertToken = (
    executor: Kysely<CoreTables & RefreshTables>,
    familyId: string,
    token: NewRefreshToken,
    now: number,
  ) =>
    executor
      .insertInto('refresh_tokens')
      .values({ id: token.id, family_id: familyId, secret_hash: token.secretHash, created_at: now })
      .execute();

  return {
    createFamily: (family, firstToken) =>
      storeCall(() =>
        db.transaction().execute(async (transaction) => {
          await transaction
            .insertInto('refresh_families')
            .values({
              id: family.id,
              user_id: family.userId,
              device_name: family.deviceName,
              created_at: family.createdAt,
              last_seen_at: family.lastSeenAt,
              expires_at: family.expiresAt,
              idle_expires_at: family.idleExpiresAt,
            })
            .execute();
          await insertToken(transaction, family.id, firstToken, family.createdAt);
        }),
      ),

    findToken: (tokenId) =>
      storeCall(async () => {
        const token = await db
          .selectFrom('refresh_tokens')
          .selectAll()
          .where('id', '=', tokenId)
          .executeTakeFirst();
        if (token === undefined) return undefined;
        const family = await db
          .selectFrom('refresh_families')
          .selectAll()
          .where('id', '=', token.family_id)
          .executeTakeFirstOrThrow();
        return { token: toToken(token), family: toFamily(family) };
      }),

    // The conditional UPDATE is the lock: in PostgreSQL a concurrent transaction waits on the row
    // and then finds rotated_at set; SQLite runs one writer at a time. Either way one call wins.
    rotate: ({ tokenId, familyId, successor, now, idleExpiresAt }) =>
      storeCall(() =>
        db.transaction().execute(async (transaction) => {
          const marked = await transaction
            .updateTable('refresh_tokens')
            .set({ rotated_at: now, successor_id: successor.id })
            .where('id', '=', tokenId)
            .where('rotated_at', 'is', null)
            .executeTakeFirst();
          if (marked.numUpdatedRows !== 1n) return false;

          await insertToken(transaction, familyId, successor, now);
          await transaction
            .updateTable('refresh_families')
            .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
            .where('id', '=', familyId)
            .execute();
          return true;
        }),
      ),

    isLive: (familyId, userId, now) =>
      storeCall(async () => {
        const row = await db
          .selectFrom('refresh_families')
          .select('id')
          .where('id', '=', familyId)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .where('idle_expires_at', '>', now)
          .executeTakeFirst();
        return row !== undefined;
      }),

    listLive: (userId, now) =>
      storeCall(async () => {
        const rows = await db
          .selectFrom('refresh_families')
          .selectAll()
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .where('idle_expires_at', '>', now)
          .orderBy('created_at', 'desc')
          .execute();
        return rows.map(toFamily);
      }),

    revoke: (familyId, userId, reason, now) =>
      storeCall(async () => {
        const result = await db
          .updateTable('refresh_families')
          .set({ revoked_at: now, revoke_reason: reason })
          .where('id', '=', familyId)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    revokeAll: (userId, reason, now, keepFamilyId) =>
      storeCall(async () => {
        let query = db
          .updateTable('refresh_families')
          .set({ revoked_at: now, revoke_reason: reason })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null);
        if (keepFamilyId !== undefined) query = query.where('id', '!=', keepFamilyId);
        const result = await query.executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),
  };
}
