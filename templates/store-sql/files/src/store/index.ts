import type { RefreshFamilyStore } from '../auth/refresh-family-store.js';
import type { AppConfig } from '../config/index.js';
import type { AppDatabase } from '../db/database.js';
import type { LoginLimiter } from '../users/login-limiter.js';
import { createSqlLoginLimiter } from './login-limiter.js';
import { createSqlRefreshFamilyStore } from './refresh-families.js';

/** The auth stores: refresh token families and failed-login counters. */
export interface Stores {
  refreshFamilies: RefreshFamilyStore;
  loginLimiter: LoginLimiter;
  /** Releases what the stores hold beyond the database connection. */
  close(): Promise<void>;
}

/** Keeps the auth stores in the application's SQL database (SQLite or PostgreSQL). */
export async function openStores(database: AppDatabase, config: AppConfig): Promise<Stores> {
  return {
    refreshFamilies: createSqlRefreshFamilyStore(database.db),
    loginLimiter: await createSqlLoginLimiter(database, config),
    close: () => Promise.resolve(),
  };
}
