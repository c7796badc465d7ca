// openDatabase(): migrations at start-up (idempotent, concurrent-safe), schema isolation, errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createQuizStore, openDatabase, sql } from '../../src/db/index.js';
import { isStudybotError } from '../../src/errors.js';
import { dropSchema, testSchemaName } from '../support/db.js';

const tables = async (db: Awaited<ReturnType<typeof openDatabase>>) => {
  const result = await db.db.execute(sql`select tablename from pg_tables where schemaname = current_schema() order by 1`);
  return (result as unknown as { rows: { tablename: string }[] }).rows.map((r) => r.tablename);
};

describe('openDatabase on PGlite', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('persists under dataDir and migrates idempotently on every start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studybot-db-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: path.join(dir, 'data') });
    expect(first.kind).toBe('pglite');
    expect(await tables(first)).toEqual(expect.arrayContaining(['answers', 'channels', 'rounds', 'users']));
    await createQuizStore(first).saveUser({ platform: 'console', workspace: 'local', id: 'you', name: 'you', isAdmin: false });
    await first.close();
    const second = await openDatabase({ dataDir: path.join(dir, 'data') });
    expect(await createQuizStore(second).findUser('console:local:you')).toEqual({ userKey: 'console:local:you', name: 'you' });
    await second.ping();
    await second.close();
  }, 120_000);

  it('refuses a schema name it cannot quote safely', async () => {
    await expect(openDatabase({ dataDir: 'memory://', schema: 'x"; drop table y' })).rejects.toThrow('invalid schema name');
  });
});

const url = process.env.TEST_DATABASE_URL;

async function publicTables(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const res = await client.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by 1`);
    return res.rows.map((r) => r.tablename);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('openDatabase on Postgres', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await dropSchema(url!, s);
  });

  it('migrates inside its own schema, concurrently and idempotently, isolated from other schemas', async () => {
    const a = testSchemaName('open_a');
    const b = testSchemaName('open_b');
    schemas.push(a, b);
    // What `public` already holds (a shared server may carry other tools' tables): migrating must not add to it.
    const publicBefore = await publicTables(url!);
    // Three processes starting at once on one schema: the advisory lock serialises the migration.
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: url!, schema: a })));
    const other = await openDatabase({ url: url!, schema: b });
    try {
      expect(opened[0]!.kind).toBe('pg');
      expect(await tables(opened[0]!)).toEqual(expect.arrayContaining(['answers', 'channels', 'rounds', 'users']));
      const migrations = await opened[0]!.db.execute(sql.raw(`select count(*)::int as n from "${a}".__drizzle_migrations`));
      const files = (await import('node:fs')).readdirSync(new URL('../../migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect((migrations as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(files.length);
      await createQuizStore(opened[1]!).saveUser({ platform: 'slack', workspace: 'T1', id: 'U1', name: 'alice', isAdmin: false });
      expect(await createQuizStore(opened[2]!).findUser('slack:T1:U1')).not.toBeNull();
      expect(await createQuizStore(other).findUser('slack:T1:U1')).toBeNull();
      const inB = await other.db.execute(sql`select tablename from pg_tables where schemaname = ${b}`);
      expect((inB as unknown as { rows: { tablename: string }[] }).rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(['answers', 'channels', 'rounds', 'users']),
      );
      expect(await publicTables(url!)).toEqual(publicBefore);
    } finally {
      await Promise.all([...opened, other].map((d) => d.close()));
    }
  });

  it('fails with db:unavailable and a clear message when Postgres cannot be reached', async () => {
    const err = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(isStudybotError(err) && err.code).toBe('db:unavailable');
    expect((err as Error).message).toBe('cannot connect to 127.0.0.1:1 (connection refused): is Postgres running there?');
    expect(isStudybotError(err) && err.subject).toBe('DATABASE_URL');
  });
});

describe('openDatabase with migrate: false', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stops a database that is not migrated, or behind, and says to run db:migrate', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studybot-unmigrated-'));
    dirs.push(dir);
    const fresh = await openDatabase({ dataDir: dir, migrate: false }).catch((e: unknown) => e);
    expect(isStudybotError(fresh) && fresh.code).toBe('db:not-migrated');
    expect((fresh as Error).message).toBe('the database is not migrated: run npm run db:migrate (or start with MIGRATE_ON_START=true)');

    const migrated = await openDatabase({ dataDir: dir });
    await migrated.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    await migrated.close();
    const behind = await openDatabase({ dataDir: dir, migrate: false }).catch((e: unknown) => e);
    expect((behind as Error).message).toBe('the database is 1 migration behind: run npm run db:migrate (or start with MIGRATE_ON_START=true)');
    // The refusal released the folder: nothing keeps it locked.
    expect((await import('node:fs')).readdirSync(dir)).not.toContain('studybot.lock');
  }, 120_000);
});
