import { RateLimiterPostgres, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/index.js';
import type { AppDatabase } from '../db/database.js';
import { type LoginLimiter, rateLimitedLoginLimiter } from '../users/login-limiter.js';

type Limiter = RateLimiterPostgres | RateLimiterSQLite;

/** Opens one limiter whose counters live in the application's database table `tableName`. */
function openLimiter(database: AppDatabase, tableName: string, points: number, duration: number) {
  return new Promise<Limiter>((resolve, reject) => {
    const options = { tableName, points, duration, keyPrefix: tableName };
    const ready = (error?: unknown) => {
      if (error === undefined || error === null) resolve(limiter);
      else
        reject(
          error instanceof Error ? error : new Error(`cannot open ${tableName}`, { cause: error }),
        );
    };
    const limiter: Limiter =
      database.kind === 'postgres'
        ? new RateLimiterPostgres(
            { ...options, storeClient: database.pool, storeType: 'pool' },
            ready,
          )
        : new RateLimiterSQLite(
            { ...options, storeClient: database.sqlite, storeType: 'better-sqlite3' },
            ready,
          );
  });
}

/** Failed-login counters in the SQL database, so every app instance counts together. */
export async function createSqlLoginLimiter(
  database: AppDatabase,
  config: AppConfig,
): Promise<LoginLimiter> {
  const { perAccount, perAddress, windowSeconds } = config.loginLimits;
  const byAccount = await openLimiter(
    database,
    'login_failures_by_account',
    perAccount,
    windowSeconds,
  );
  const byAddress = await openLimiter(
    database,
    'login_failures_by_address',
    perAddress,
    windowSeconds,
  );

  return rateLimitedLoginLimiter(byAccount, byAddress, config.loginLimits);
}
