import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { storeCall } from '../http/problem.js';
import type { CoreTables, UsersTable } from '../db/schema.js';

/** A user account as the application sees it. */
export interface User {
  id: string;
  email: string;
  roles: string[];
  createdAt: Date;
  passwordHash: string;
}

/** The account fields a client may see. */
export interface PublicUser {
  id: string;
  email: string;
  roles: string[];
  createdAt: string;
}

/** Roles every new account starts with. */
export const defaultRoles = ['user'];

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    roles: JSON.parse(row.roles) as string[],
    createdAt: new Date(row.created_at),
    passwordHash: row.password_hash,
  };
}

/** Strips the password hash before a user leaves the server. */
export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Reads and writes the `users` table. */
export function createUserRepository(db: Kysely<CoreTables>) {
  return {
    async findByEmail(email: string): Promise<User | undefined> {
      const row = await storeCall(() =>
        db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
      );
      return row && toUser(row);
    },

    async findById(id: string): Promise<User | undefined> {
      const row = await storeCall(() =>
        db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
      );
      return row && toUser(row);
    },

    /** Inserts a user, or returns undefined when the email is already taken. */
    async create(email: string, passwordHash: string): Promise<User | undefined> {
      const row = await storeCall(() =>
        db
          .insertInto('users')
          .values({
            id: randomUUID(),
            email,
            password_hash: passwordHash,
            roles: JSON.stringify(defaultRoles),
            created_at: Date.now(),
          })
          .onConflict((conflict) => conflict.column('email').doNothing())
          .returningAll()
          .executeTakeFirst(),
      );
      return row && toUser(row);
    },

    async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
      await storeCall(() =>
        db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute(),
      );
    },

    async setRoles(id: string, roles: string[]): Promise<void> {
      await storeCall(() =>
        db
          .updateTable('users')
          .set({ roles: JSON.stringify(roles) })
          .where('id', '=', id)
          .execute(),
      );
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
