// MIGRATE_ON_START=false: the bot no longer migrates, so it checks that someone did. Without this a
// new database starts fine and then every command fails ("Something went wrong on my side").
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { StudybotError } from '../errors.js';
import type { Db } from './types.js';

const MIGRATIONS_TABLE = '__drizzle_migrations';

interface Applied {
  created_at: string | number | null;
}

/** How many of the folder's migrations the database has not applied (drizzle's rule: newer than the last one applied). */
export async function pendingMigrations(db: Db, migrationsFolder: string, migrationsSchema: string): Promise<{ pending: number; total: number }> {
  const files = readMigrationFiles({ migrationsFolder });
  const exists = await db.execute(
    sql`select 1 from pg_tables where schemaname = ${migrationsSchema} and tablename = ${MIGRATIONS_TABLE}`,
  );
  const rows = (exists as unknown as { rows: unknown[] }).rows;
  if (rows.length === 0) return { pending: files.length, total: files.length };
  const last = await db.execute(
    sql`select created_at from ${sql.identifier(migrationsSchema)}.${sql.identifier(MIGRATIONS_TABLE)} order by created_at desc limit 1`,
  );
  const applied = (last as unknown as { rows: Applied[] }).rows[0];
  const lastMillis = applied?.created_at == null ? -Infinity : Number(applied.created_at);
  return { pending: files.filter((f) => f.folderMillis > lastMillis).length, total: files.length };
}

/** Throws StudybotError('db:not-migrated') naming the command to run when migrations are pending. */
export async function assertMigrated(db: Db, migrationsFolder: string, migrationsSchema: string): Promise<void> {
  const { pending, total } = await pendingMigrations(db, migrationsFolder, migrationsSchema);
  if (pending === 0) return;
  const what = pending === total ? 'the database is not migrated' : `the database is ${pending} migration${pending === 1 ? '' : 's'} behind`;
  throw new StudybotError('db:not-migrated', `${what}: run npm run db:migrate (or start with MIGRATE_ON_START=true)`, {
    subject: 'MIGRATE_ON_START=false',
  });
}
