import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

const migrationsFolder = new URL('./migrations/', import.meta.url);

/**
 * Loads every module in ./migrations, in file-name order. Each part of the project adds its own
 * numbered files there, so the list is read from disk rather than kept in one place.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = await readdir(fileURLToPath(migrationsFolder));
    const modules = files.filter((file) => /^\d+_.+(?<!\.d)\.(ts|js)$/.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of modules) {
      const migration = (await import(
        pathToFileURL(fileURLToPath(new URL(file, migrationsFolder))).href
      )) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = migration;
    }
    return migrations;
  }
}

/** Brings the schema up to date; throws when a migration fails. */
export async function migrateToLatest<Tables>(db: Kysely<Tables>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return results
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
