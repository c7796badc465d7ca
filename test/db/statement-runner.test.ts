// The group commits' statements run in a worker thread on Postgres (statement-runner.ts): the rows,
// the errors the stores read (SQLSTATE codes, outages) and the end of the worker must be what the
// drizzle handle in this thread would give. Real Postgres only.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { isUnavailable } from '../../src/db/errors.js';
import { inThreadRunner, workerRunner, type StatementRunner } from '../../src/db/statement-runner.js';
import { preparedName } from '../../src/db/statement-worker.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

const url = process.env.TEST_DATABASE_URL;
const APP = `studybot_stmt_runner_${process.pid}`;
const tagged = (u: string) => `${u}${u.includes('?') ? '&' : '?'}application_name=${APP}`;

describe.skipIf(!url)('statements in a worker thread', () => {
  let t: TestDatabase;
  let runner: StatementRunner;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'postgres', url: url! }, 'stmt_runner');
    await t.database.db.execute(sql`create table kv (k text primary key, v jsonb, at timestamptz)`);
    runner = workerRunner({ url: tagged(url!), max: 2, searchPath: `"${t.schema}"` });
  }, 60_000);
  afterAll(async () => {
    await runner?.close();
    await t?.close();
  });

  const upsert = (rows: { k: string; v: unknown; at: string }[]) => sql`
    insert into kv (k, v, at) select k, v, at from json_to_recordset(${JSON.stringify(rows)}::json) as t(k text, v jsonb, at timestamptz)
    on conflict (k) do update set v = excluded.v returning k, v::text as v, (extract(epoch from at) * 1000)::float8 as at_ms, xmax = 0 as fresh`;

  it('returns the same rows as the drizzle handle, in its schema, for text, numbers, booleans and JSON with any characters', async () => {
    const rows = [
      { k: 'a', v: { text: 'Ünïcødé "quoted" \\ back\nslash', n: [1, 2.5] }, at: '2026-03-02T09:00:00.123Z' },
      { k: 'b', v: null, at: '2026-03-02T10:00:00.000Z' },
    ];
    const fromWorker = await runner.rows(upsert(rows));
    await t.database.db.execute(sql`truncate kv`);
    const inThread = await inThreadRunner(t.database.db).rows(upsert(rows));
    expect(fromWorker).toEqual(inThread);
    const got = fromWorker as { k: string; v: string | null; at_ms: number; fresh: boolean }[];
    expect(got.map((r) => ({ ...r, v: r.v === null ? null : JSON.parse(r.v) }))).toEqual([
      { k: 'a', v: rows[0]!.v, at_ms: Date.parse(rows[0]!.at), fresh: true },
      { k: 'b', v: null, at_ms: Date.parse(rows[1]!.at), fresh: true },
    ]);
  });

  it('a failed statement keeps its SQLSTATE and details, as the retry and outage checks read them', async () => {
    const err = await runner.rows(sql`insert into kv (k) values ('dup'), ('dup')`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('23505');
    const cause = (err as { cause?: { code?: string; constraint?: string; detail?: string } }).cause;
    expect(cause).toMatchObject({ code: '23505', constraint: 'kv_pkey' });
    expect(cause?.detail).toContain('(k)=(dup)');
  });

  it('connections killed under it: the statement fails as an outage, and the next one runs on a new connection', async () => {
    await runner.rows(sql`select 1 as one`);
    const killer = new pg.Client({ connectionString: url });
    await killer.connect();
    try {
      const slow = runner.rows(sql`select pg_sleep(5)`).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      const res = await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [APP]);
      expect(res.rowCount).toBeGreaterThan(0);
      const err = await slow;
      expect(isUnavailable(err), String(err)).toBe(true);
    } finally {
      await killer.end();
    }
    expect(await runner.rows(sql`select 2 as two`)).toEqual([{ two: 2 }]);
  });

  it('prepares a statement once per connection and runs it again by name, with new parameters each time', async () => {
    const own = workerRunner({ url: url!, max: 1, searchPath: `"${t.schema}"` });
    try {
      const first = await own.rows(upsert([{ k: 'p1', v: 1, at: '2026-03-02T09:00:00.000Z' }]));
      const again = await own.rows(upsert([{ k: 'p2', v: 2, at: '2026-03-02T09:00:00.000Z' }, { k: 'p1', v: 3, at: '2026-03-02T09:00:00.000Z' }]));
      expect(first).toMatchObject([{ k: 'p1', v: '1', fresh: true }]);
      expect(again).toMatchObject([{ k: 'p2', v: '2', fresh: true }, { k: 'p1', v: '3', fresh: false }]);
      // One connection: the session's prepared statements are the worker's.
      const prepared = await own.rows<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements order by prepare_time`);
      const upserts = prepared.filter((p) => p.statement.includes('insert into kv'));
      expect(upserts).toHaveLength(1);
      expect(upserts[0]!.name).toMatch(/^studybot_[0-9a-f]{24}$/);
    } finally {
      await own.rows(sql`delete from kv where k in ('p1', 'p2')`);
      await own.close();
    }
  });

  it('a statement name already taken on the server connection (as behind a transaction pooler): the statement runs unnamed, and so do the next', async () => {
    const own = workerRunner({ url: url!, max: 1, searchPath: `"${t.schema}"` });
    try {
      const statement = upsert([{ k: 'n1', v: 1, at: '2026-03-02T09:00:00.000Z' }]);
      const name = preparedName(new PgDialect().sqlToQuery(statement).sql);
      await own.rows(sql.raw(`prepare ${name} as select 1`));
      expect(await own.rows(statement)).toMatchObject([{ k: 'n1', v: '1', fresh: true }]);
      expect(await own.rows(upsert([{ k: 'n1', v: 2, at: '2026-03-02T09:00:00.000Z' }]))).toMatchObject([{ k: 'n1', v: '2', fresh: false }]);
      const prepared = await own.rows<{ name: string }>(sql`select name from pg_prepared_statements`);
      // The failed statement's connection was dropped with the name made by hand; nothing was named since.
      expect(prepared).toEqual([]);
    } finally {
      await own.rows(sql`delete from kv where k = 'n1'`);
      await own.close();
    }
  });

  it('warm() opens the connections before the first statement', async () => {
    const name = `${APP}_warm`;
    const own = workerRunner({ url: `${url!}${url!.includes('?') ? '&' : '?'}application_name=${name}`, max: 3, searchPath: `"${t.schema}"` });
    try {
      await own.warm();
      const res = await t.database.db.execute(sql`select count(*)::int as n from pg_stat_activity where application_name = ${name}`);
      expect((res as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(3);
    } finally {
      await own.close();
    }
  });

  it('an unreachable server is an outage, not a crash', async () => {
    const nowhere = workerRunner({ url: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
    try {
      expect(isUnavailable(await nowhere.warm().catch((e: unknown) => e))).toBe(true);
      const err = await nowhere.rows(sql`select 1`).catch((e: unknown) => e);
      expect(isUnavailable(err), String(err)).toBe(true);
    } finally {
      await nowhere.close();
    }
  });

  it('after close, statements are refused as an outage and the worker has ended', async () => {
    const own = workerRunner({ url: url!, max: 1, searchPath: `"${t.schema}"` });
    expect(await own.rows(sql`select count(*)::int as n from kv`)).toEqual([{ n: 2 }]);
    await own.close();
    const err = await own.rows(sql`select 1`).catch((e: unknown) => e);
    expect(isUnavailable(err), String(err)).toBe(true);
  });
});
