// openDatabase(): node-postgres when a URL is given, embedded PGlite otherwise; the same
// drizzle query code and the same migrations serve both. A PGlite folder is checked and locked for
// this process first (data-dir-check.ts, data-dir-lock.ts) and needs some free space on its device;
// every failure is a one-line StudybotError whose subject names the variable to fix. A running PGlite
// whose write fails (disk full) is never used again: the process logs why and exits (pglite-guard.ts).
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from 'pino';
import { StudybotError, isStudybotError } from '../errors.js';
import { describePostgresFailure } from './connect-errors.js';
import {
  DATA_DIR_VARIABLE,
  MIN_FREE_BYTES,
  assertFreeSpace,
  freeBytes,
  inspectDataDir,
  pgliteFailure,
  reasonOf,
} from './data-dir-check.js';
import { megabytes } from '../content/limits/index.js';
import { assertNotLocked, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { assertMigrated } from './migration-check.js';
import { guardPglite, isDiskFull } from './pglite-guard.js';
import { inThreadRunner, workerRunner } from './statement-runner.js';
import * as schema from './schema.js';

import type { Database, Db } from './types.js';
export type { Database, Db, Schema } from './types.js';

export interface OpenDatabaseOptions {
  /** postgres:// URL: use a node-postgres pool. Unset: embedded PGlite. */
  url?: string;
  /** PGlite data directory (default `./data`); `memory://` keeps it in memory. Ignored with `url`. */
  dataDir?: string;
  /** Postgres schema to create and use (search_path) instead of `public`, e.g. for test isolation. */
  schema?: string;
  /** Apply migrations at open (default true). Idempotent. False: check that nobody needs to run db:migrate. */
  migrate?: boolean;
  /** Who holds the PGlite folder's lock, named to any other process refused (default `the bot`). */
  purpose?: string;
  /** node-postgres pool size (default 10). */
  poolSize?: number;
  /** PGlite: the least free space on the data folder's device to start with, and to pass /healthz (default MIN_FREE_BYTES). */
  minFreeBytes?: number;
  /**
   * PGlite: how the process ends after a write to the data folder failed (default process.exit). The
   * instance cannot be used again (pglite-guard.ts) and a graceful shutdown would need it, so the bot
   * logs one fatal line and exits 1 for its supervisor to restart it. Injected by tests.
   */
  exit?: (code: number) => void;
  log?: Logger;
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Where drizzle records applied migrations: per schema, so isolated schemas migrate independently. */
function migrationConfig(schemaName?: string) {
  return { migrationsFolder, migrationsSchema: schemaName ?? 'drizzle' };
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new StudybotError('config:invalid', `invalid schema name "${opts.schema}" (lowercase letters, digits, _)`);
  }
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts);
}

const WARM_CONNECTIONS = 4;

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<Database> {
  const searchPath = opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {};
  const max = opts.poolSize ?? 10;
  // A few connections stay open when idle: the burst after a question of the day is posted would
  // otherwise pay for new connections (TCP + auth, several ms each) in its first second.
  const warm = Math.min(WARM_CONNECTIONS, max);
  const pool = new pg.Pool({ connectionString: url, max, min: warm, ...searchPath });
  pool.on('error', (err) => opts.log?.warn({ err }, 'idle postgres connection failed'));
  try {
    if (opts.migrate ?? true) {
      // A dedicated connection holds an advisory lock, so several processes starting at
      // once against one database migrate one after the other.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [`studybot:migrate:${opts.schema ?? ''}`]);
        try {
          if (opts.schema) await client.query(`create schema if not exists ${quoteIdent(opts.schema)}`);
          await migratePg(drizzlePg(client, { schema }), migrationConfig(opts.schema));
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [`studybot:migrate:${opts.schema ?? ''}`]);
        }
      } finally {
        client.release();
      }
      opts.log?.info({ kind: 'pg', schema: opts.schema }, 'database migrated');
    } else {
      await assertMigrated(drizzlePg(pool, { schema }) as unknown as Db, migrationsFolder, migrationConfig(opts.schema).migrationsSchema);
    }
    const clients = await Promise.all(Array.from({ length: warm }, () => pool.connect()));
    for (const c of clients) c.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    if (isStudybotError(cause)) throw cause;
    throw describePostgresFailure(url, cause);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // Two statements in flight for each of the two group commits it runs (answers, card writes).
  const statements = workerRunner({ url, max: 4, ...(opts.schema ? { searchPath: quoteIdent(opts.schema) } : {}) });
  return {
    db,
    kind: 'pg',
    ...(opts.schema ? { schema: opts.schema } : {}),
    statements,
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await Promise.all([statements.close(), pool.end()]);
    },
  };
}

async function openPglite(opts: OpenDatabaseOptions): Promise<Database> {
  const dataDir = opts.dataDir ?? './data';
  const onDisk = !dataDir.includes('://');
  const minFree = opts.minFreeBytes ?? MIN_FREE_BYTES;
  let lock: DataDirLock | undefined;
  let client: PGlite;
  try {
    if (onDisk) {
      lock = await lockFolder(dataDir, opts);
      await assertFreeSpace(dataDir, minFree);
    }
    try {
      client = await PGlite.create(dataDir);
    } catch (cause) {
      throw onDisk ? await pgliteFailure(dataDir, cause) : new StudybotError('db:unavailable', `cannot start the embedded database: ${(cause as Error).message}`, { cause });
    }
  } catch (e) {
    await lock?.release().catch(() => {});
    throw e;
  }
  const guard = guardPglite(client, (cause) => writeFailure(dataDir, cause));
  const db = drizzlePglite(client, { schema });
  try {
    if (opts.schema) {
      await client.exec(`create schema if not exists ${quoteIdent(opts.schema)}; set search_path to ${quoteIdent(opts.schema)}`);
    }
    if (opts.migrate ?? true) {
      await migratePglite(db, migrationConfig(opts.schema));
      opts.log?.info({ kind: 'pglite', dataDir, schema: opts.schema }, 'database migrated');
    } else {
      await assertMigrated(db as unknown as Db, migrationsFolder, migrationConfig(opts.schema).migrationsSchema);
    }
  } catch (cause) {
    // A dead instance is not even closed: close() sends it a statement too.
    if (!guard.failure) await client.close().catch(() => {});
    await lock?.release().catch(() => {});
    if (guard.failure) throw guard.failure;
    if (isStudybotError(cause)) throw cause;
    throw new StudybotError('db:unavailable', `cannot migrate the embedded database in ${dataDir}: ${(cause as Error).message}`, {
      cause,
      subject: DATA_DIR_VARIABLE,
    });
  }
  const database: Database = {
    db: db as unknown as Db,
    kind: 'pglite',
    ...(opts.schema ? { schema: opts.schema } : {}),
    statements: inThreadRunner(db as unknown as Db),
    ping: async () => {
      if (guard.failure) throw guard.failure;
      if (onDisk) {
        const free = await freeBytes(dataDir);
        if (free !== null && free < minFree) {
          throw new Error(`only ${megabytes(free)} free on the device holding ${DATA_DIR_VARIABLE}=${dataDir} (the bot stops when it is full): free space`);
        }
      }
      await client.query('select 1');
    },
    close: async () => {
      try {
        if (!guard.failure) await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
  guard.onDead((failure) => {
    // One line for the operator, then out: every later statement fails at once, and the supervisor restarts the bot.
    if (opts.log) opts.log.fatal({ err: failure.cause, dataDir }, failure.message);
    else process.stderr.write(`studybot: ${failure.message}\n`);
    (opts.exit ?? ((code: number) => process.exit(code)))(1);
  });
  return database;
}

/** What every statement gets once a write to the data folder failed, and the fatal line says. */
function writeFailure(dataDir: string, cause: unknown): StudybotError {
  const message = isDiskFull(cause)
    ? `no space left on the device holding ${DATA_DIR_VARIABLE}=${dataDir}; the database was not changed (the write that failed was not saved): free space and restart the bot`
    : `the embedded database could not write to ${DATA_DIR_VARIABLE}=${dataDir} (${(cause as Error)?.message ?? String(cause)}); the write that failed was not saved: fix the device and restart the bot`;
  return new StudybotError('db:unavailable', message, { cause, subject: DATA_DIR_VARIABLE });
}

/**
 * Checks the folder, locks it for this process, and checks it again under the lock (another process
 * may have changed it in between). A folder that is neither empty nor a database is never touched.
 */
async function lockFolder(dataDir: string, opts: OpenDatabaseOptions): Promise<DataDirLock> {
  try {
    await inspectDataDir(dataDir);
  } catch (e) {
    // A bot that is creating its database right now leaves a half-made folder: say who holds it.
    await assertNotLocked(dataDir, DATA_DIR_VARIABLE);
    throw e;
  }
  let lock: DataDirLock;
  try {
    lock = await lockDataDir(dataDir, {
      purpose: opts.purpose ?? 'the bot',
      subject: DATA_DIR_VARIABLE,
      onLost: (err) => {
        opts.log?.fatal({ err, dataDir }, 'lost the lock on the data folder; stopping so two processes never write it');
        throw err;
      },
    });
  } catch (e) {
    if (isStudybotError(e)) throw e;
    throw new StudybotError('db:data-dir', `cannot lock the data folder ${dataDir} (${reasonOf(e)})`, { cause: e, subject: DATA_DIR_VARIABLE });
  }
  try {
    await inspectDataDir(dataDir);
  } catch (e) {
    await lock.release().catch(() => {});
    throw e;
  }
  return lock;
}

/** Rows of a raw `db.execute()` result (node-postgres and PGlite both expose `.rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };
export { createQuizStore } from './quiz-store.js';
export * as tables from './schema.js';
