// Migration 0008 (exam dates keyed by channel and exam, the size asked for kept with a session) on
// a database that already has rows: migrated up to 0007 first, rows written the old way, then the
// rest. Every row stays; the dates are then per exam. PGlite always, Postgres with TEST_DATABASE_URL.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import { migrationsFolder } from '../../src/db/index.js';
import type { Db } from '../../src/db/types.js';
import { dbTargets, dropSchema, testSchemaName } from '../support/db.js';

const BEFORE = '0007_true_franklin_storm';

/** The migrations folder as it was before 0008. */
async function foldersUpTo(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  await cp(migrationsFolder, dir, { recursive: true });
  const journal = JSON.parse(await readFile(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  expect(upTo).toBeGreaterThan(0);
  await writeFile(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo + 1) }));
  return dir;
}

describe.each(dbTargets)('migration 0008 keeps existing exam rows ($name)', (target) => {
  let old: string;
  let db: Db;
  let migrate: (folder: string) => Promise<void>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    old = await foldersUpTo(BEFORE);
    if (target.name === 'pglite') {
      const client = await PGlite.create('memory://');
      const d = drizzlePglite(client);
      db = d as unknown as Db;
      migrate = (folder) => migratePglite(d, { migrationsFolder: folder });
      close = () => client.close();
    } else {
      const schema = testSchemaName('exam_dates_mig');
      const pool = new pg.Pool({ connectionString: target.url!, max: 1, options: `-c search_path=${schema}` });
      await pool.query(`create schema ${schema}`);
      const d = drizzlePg(pool);
      db = d as unknown as Db;
      migrate = (folder) => migratePg(d, { migrationsFolder: folder, migrationsSchema: schema });
      close = async () => {
        await pool.end();
        await dropSchema(target.url!, schema);
      };
    }
  }, 60_000);
  afterAll(async () => {
    await close?.();
    if (old) await rm(old, { recursive: true, force: true });
  });

  it('a channel’s old date survives, keyed by its exam; a second exam’s date then sits beside it', async () => {
    await migrate(old);
    await db.execute(sql`insert into exam_dates (channel_key, exam_id, exam_date, set_by) values ('slack:T1:C1', 'dva-c02', '2027-01-15', 'slack:T1:U1')`);
    await db.execute(sql`insert into exam_sessions (user_key, channel_key, exam_id, items, answers, flagged, started_at, ends_at)
      values ('slack:T1:U1', 'slack:T1:C1', 'dva-c02', '[]', '[]', '[]', now(), now() + interval '1 hour')`);
    await migrate(migrationsFolder);

    const store = createExamStore(db);
    expect(await store.examDate('slack:T1:C1', 'dva-c02')).toEqual({ channelKey: 'slack:T1:C1', examId: 'dva-c02', date: '2027-01-15', setBy: 'slack:T1:U1' });
    await store.setExamDate('slack:T1:C1', 'saa-c03', { date: '2027-03-01', setBy: 'slack:T1:U2' });
    expect((await store.examDate('slack:T1:C1', 'dva-c02'))?.date).toBe('2027-01-15');
    expect((await store.examDate('slack:T1:C1', 'saa-c03'))?.date).toBe('2027-03-01');
    // A session stored before: no size asked for (counted as drawn).
    expect((await store.active('slack:T1:U1'))?.requested).toBeNull();
  });
});
