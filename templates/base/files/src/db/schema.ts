/** Timestamps are stored as milliseconds since the epoch in both SQLite and PostgreSQL. */
export type EpochMilliseconds = number;

/** The `users` table. */
export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  /** JSON array of role names, e.g. ["user"]. */
  roles: string;
  created_at: EpochMilliseconds;
}

/** Tables owned by the application core; auth stores add their own with `withTables`. */
export interface CoreTables {
  users: UsersTable;
}
