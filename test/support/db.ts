// Test database harness, shared by every area's tests.
//
//   import { dbTargets, openTestDatabase } from '../support/db.js';
//   describe.each(dbTargets)('thing on $name', (target) => {
//     let t: TestDatabase;
//     beforeAll(async () => { t = await openTestDatabase(target, 'thing'); });
//     afterAll(() => t.close());
//     beforeEach(() => t.reset());
//     it('…', async () => { const store = createQuizStore(t.database); … });
//   });
//
// - PGlite always: one in-memory instance per call (2–3 s to start: open it once per file).
// - Real Postgres too when TEST_DATABASE_URL is set: each call gets its own schema
//   (search_path), migrated on open and dropped by close(), so files can run in parallel.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/index.js';

export interface DbTarget {
  name: 'pglite' | 'postgres';
  url?: string;
}

/** PGlite, plus real Postgres when TEST_DATABASE_URL is set. Use with describe.each. */
export const dbTargets: DbTarget[] = [
  { name: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

export interface TestDatabase {
  target: DbTarget;
  database: Database;
  /** The Postgres schema (real Postgres only). */
  schema?: string;
  /** Empties every table (between tests in one file). */
  reset(): Promise<void>;
  /** Closes the connection and, on Postgres, drops the schema. */
  close(): Promise<void>;
}

/** A unique, valid schema name: `t_<label>_<random>`. */
export function testSchemaName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  return `t_${clean}_${randomBytes(4).toString('hex')}`;
}

export async function openTestDatabase(target: DbTarget, label = 'test', opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (target.name === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return {
      target,
      database,
      reset: () => truncate(database),
      close: () => database.close().catch(() => {}),
    };
  }
  const schema = testSchemaName(label);
  const database = await openDatabase({ url: target.url!, schema, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
  return {
    target,
    database,
    schema,
    reset: () => truncate(database),
    close: async () => {
      await database.close().catch(() => {}); // a test may have closed it already (outage tests)
      await dropSchema(target.url!, schema);
    },
  };
}

/** Truncates every table of the current schema (whoever's migration created it) but drizzle's record of applied migrations. */
async function truncate(database: Database) {
  const { sql } = await import('drizzle-orm');
  const result = await database.db.execute(sql`select tablename from pg_tables where schemaname = current_schema() and tablename <> '__drizzle_migrations'`);
  const tables = ((result as { rows?: { tablename: string }[] }).rows ?? []).map((r) => `"${r.tablename}"`);
  if (tables.length) await database.db.execute(sql.raw(`truncate ${tables.join(', ')} restart identity`));
}

export async function dropSchema(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
