import type { AppConfig } from './config/index.js';
import { type AppDatabase, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import type { Logger } from './logger.js';
import { type Stores, openStores } from './store/index.js';
import { type UserRepository, createUserRepository } from './users/users.js';

/** Everything a request handler may need, built once at start-up and passed down. */
export interface AppServices {
  config: AppConfig;
  logger: Logger;
  database: AppDatabase;
  users: UserRepository;
  stores: Stores;
  /** Closes the database and stores. */
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and opens the auth stores. */
export async function openServices(config: AppConfig, logger: Logger): Promise<AppServices> {
  const database = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0)
      logger.info({ event: 'migrated', migrations: applied }, 'schema updated');
    const stores = await openStores(database, config, logger);
    return {
      config,
      logger,
      database,
      users: createUserRepository(database.db),
      stores,
      async close() {
        await stores.close();
        await database.db.destroy();
      },
    };
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}
