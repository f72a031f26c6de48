import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CoreTables, EpochMilliseconds } from '../db/schema.js';
import { storeCall } from '../http/problem.js';
import { defaultRoles } from '../users/users.js';
import type { ProviderProfile } from './profile.js';

interface IdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  provider: string;
  email: string | null;
  /** 1 or 0: SQLite has no boolean type. */
  email_verified: number;
  name: string | null;
  created_at: EpochMilliseconds;
  last_sign_in_at: EpochMilliseconds;
}

// A type alias rather than an interface: Kysely's withTables() needs an index-compatible type.
type IdentityTables = { identities: IdentitiesTable };

/** A provider account tied to one user of this API. */
export interface Identity {
  issuer: string;
  subject: string;
  userId: string;
  provider: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/** The same identity was created by a concurrent request while this one ran. */
class ConcurrentSignIn extends Error {}

function toIdentity(row: Selectable<IdentitiesTable>): Identity {
  return {
    issuer: row.issuer,
    subject: row.subject,
    userId: row.user_id,
    provider: row.provider,
    email: row.email ?? undefined,
    emailVerified: row.email_verified === 1,
    name: row.name ?? undefined,
  };
}

function identityRow(userId: string, profile: ProviderProfile, now: number): IdentitiesTable {
  return {
    issuer: profile.issuer,
    subject: profile.subject,
    user_id: userId,
    provider: profile.provider,
    email: profile.email ?? null,
    email_verified: profile.emailVerified ? 1 : 0,
    name: profile.name ?? null,
    created_at: now,
    last_sign_in_at: now,
  };
}

/** Reads and writes the `identities` table: users keyed by (issuer, subject). */
export function createIdentityRepository(coreDb: Kysely<CoreTables>) {
  const db = coreDb.withTables<IdentityTables>();

  return {
    async find(issuer: string, subject: string): Promise<Identity | undefined> {
      const row = await storeCall(() =>
        db
          .selectFrom('identities')
          .selectAll()
          .where('issuer', '=', issuer)
          .where('subject', '=', subject)
          .executeTakeFirst(),
      );
      return row && toIdentity(row);
    },

    /** True when the user already has an identity from this provider. */
    async userHasProvider(userId: string, provider: string): Promise<boolean> {
      const row = await storeCall(() =>
        db
          .selectFrom('identities')
          .select('issuer')
          .where('user_id', '=', userId)
          .where('provider', '=', provider)
          .executeTakeFirst(),
      );
      return row !== undefined;
    },

    /** Ties a new identity to an existing user; false when the identity already exists. */
    async link(userId: string, profile: ProviderProfile): Promise<boolean> {
      const row = await storeCall(() =>
        db
          .insertInto('identities')
          .values(identityRow(userId, profile, Date.now()))
          .onConflict((conflict) => conflict.columns(['issuer', 'subject']).doNothing())
          .returning('issuer')
          .executeTakeFirst(),
      );
      return row !== undefined;
    },

    /**
     * Creates a user and its first identity in one transaction. Returns undefined when a
     * concurrent request created the identity first; the caller then reads that one.
     */
    async createUser(profile: ProviderProfile, email: string | null): Promise<string | undefined> {
      const now = Date.now();
      const userId = randomUUID();
      return storeCall(async () => {
        try {
          return await db.transaction().execute(async (transaction) => {
            await transaction
              .insertInto('users')
              .values({ id: userId, email, roles: JSON.stringify(defaultRoles), created_at: now })
              .execute();
            const inserted = await transaction
              .insertInto('identities')
              .values(identityRow(userId, profile, now))
              .onConflict((conflict) => conflict.columns(['issuer', 'subject']).doNothing())
              .returning('issuer')
              .executeTakeFirst();
            // Throwing rolls the new user back.
            if (inserted === undefined) throw new ConcurrentSignIn();
            return userId;
          });
        } catch (error) {
          if (error instanceof ConcurrentSignIn) return undefined;
          throw error;
        }
      });
    },

    /**
     * Records a later sign-in. Providers send name and email only sometimes (Apple: on the first
     * sign-in only), so a value that is missing now never erases the stored one.
     */
    async recordSignIn(profile: ProviderProfile): Promise<Identity | undefined> {
      const row = await storeCall(() =>
        db
          .updateTable('identities')
          .set({
            last_sign_in_at: Date.now(),
            ...(profile.email === undefined
              ? {}
              : { email: profile.email, email_verified: profile.emailVerified ? 1 : 0 }),
            ...(profile.name === undefined ? {} : { name: profile.name }),
          })
          .where('issuer', '=', profile.issuer)
          .where('subject', '=', profile.subject)
          .returningAll()
          .executeTakeFirst(),
      );
      return row && toIdentity(row);
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
