// The database handle types, apart from index.ts so the stores can name them without importing the opener.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';
import type { SQL } from 'drizzle-orm';

export type Schema = typeof schema;
/** A drizzle database: the same query code runs on node-postgres and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Where the group commits' statements run (statement-runner.ts). */
export interface StatementRunner {
  /** Runs one statement (auto-commit) and returns its rows as plain objects. */
  rows<T>(query: SQL): Promise<T[]>;
  /** Starts what runs them and opens its connections now, so the first burst after start-up does not wait for it. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export interface Database {
  db: Db;
  kind: 'pg' | 'pglite';
  /** The Postgres schema the tables live in (search_path), when not the default. */
  schema?: string;
  /** Runs the group commits' statements (a worker thread on Postgres; see statement-runner.ts). */
  statements: StatementRunner;
  ping(): Promise<void>;
  close(): Promise<void>;
}
