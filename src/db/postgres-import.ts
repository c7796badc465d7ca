// Moving from the embedded database to Postgres: `DATABASE_URL=… npm run db:restore -- backup.tgz`.
// pg_dump cannot reach PGlite (it has no server socket), so the backup is opened in memory, both sides
// are migrated to the same schema, and every table's rows are copied as JSON (json_populate_recordset
// keeps every type exact, bigints and timestamps included), then the identity sequences are advanced.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { StudybotError } from '../errors.js';
import { describePostgresFailure, URL_VARIABLE } from './connect-errors.js';
import { countRows, readBackup, type Counts } from './backup.js';
import { openDatabase, migrationsFolder } from './index.js';

const CHUNK_ROWS = 2000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface ImportResult {
  counts: Counts;
  tables: number;
}

/** Copies the backup's rows into the (empty, then migrated) Postgres database at `url`. */
export async function importBackupIntoPostgres(file: string, url: string): Promise<ImportResult> {
  const tar = await readBackup(file);
  const source = await PGlite.create('memory://', { loadDataDir: new Blob([tar], { type: 'application/x-tar' }) });
  try {
    await migratePglite(drizzlePglite(source), { migrationsFolder, migrationsSchema: 'drizzle' });
    const target = await openDatabase({ url, migrate: true, poolSize: 1 });
    await target.close();
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (e) {
      throw describePostgresFailure(url, e);
    }
    try {
      const tables = (
        await source.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`)
      ).rows.map((r) => r.name);
      for (const table of tables) {
        const existing = await client.query<{ n: number }>(`select count(*)::int as n from ${quote(table)}`);
        if (existing.rows[0]!.n > 0) {
          throw new StudybotError('db:data-dir', `the Postgres database already holds studybot data (${existing.rows[0]!.n} row${existing.rows[0]!.n === 1 ? '' : 's'} in ${table}): restore into an empty database`, {
            subject: URL_VARIABLE,
          });
        }
      }
      await client.query('begin');
      for (const table of tables) {
        for (let offset = 0; ; offset += CHUNK_ROWS) {
          const chunk = await source.query<{ rows: string | null }>(
            `select json_agg(t)::text as rows from (select * from ${quote(table)} order by ctid limit ${CHUNK_ROWS} offset ${offset}) t`,
          );
          const json = chunk.rows[0]?.rows;
          if (!json) break;
          await client.query(`insert into ${quote(table)} overriding system value select * from json_populate_recordset(null::${quote(table)}, $1::json)`, [json]);
        }
        const sequences = await client.query<{ column: string; seq: string }>(
          `select column_name as column, pg_get_serial_sequence($1, column_name) as seq from information_schema.columns
            where table_schema = current_schema() and table_name = $2 and pg_get_serial_sequence($1, column_name) is not null`,
          [quote(table), table],
        );
        for (const { column, seq } of sequences.rows) {
          await client.query(`select setval($1, coalesce((select max(${quote(column)}) from ${quote(table)}), 1), (select count(*) > 0 from ${quote(table)}))`, [seq]);
        }
      }
      await client.query('commit');
      return { counts: await countRows(source), tables: tables.length };
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      await client.end();
    }
  } finally {
    await source.close();
  }
}
