import { existsSync } from 'node:fs';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';

if (existsSync('.env')) process.loadEnvFile('.env');

// Only the database location is needed here, so secrets need not be set to migrate.
const database = openDatabase(process.env.DATABASE_URL?.trim() || 'file:./data/app.db');
try {
  const applied = await migrateToLatest(database.db);
  process.stdout.write(
    applied.length === 0 ? 'Schema is up to date.\n' : `Applied: ${applied.join(', ')}\n`,
  );
} finally {
  await database.db.destroy();
}
