// Issue 16.7 and 16.8: a start-up failure is one line on stderr, once, naming the variable to fix
// (the stack only at LOG_LEVEL=debug), and a database nobody migrated says how to migrate it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runBot, runScript } from './spawn.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up failures: one line, once, naming the variable', () => {
  it('a closed database port', async () => {
    const port = await closedPort();
    const run = await runBot(['/apigw help'], { DATABASE_URL: `postgres://studybot:s3cret-pw@127.0.0.1:${port}/studybot` });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`studybot: DATABASE_URL: cannot connect to 127.0.0.1:${port} (connection refused): is Postgres running there?\n`);
    expect(run.stdout).toBe('');
  }, 60_000);

  it('an empty CONTENT_DIR', async () => {
    const empty = mkdtempSync(join(root, 'content-'));
    const run = await runBot(['/apigw help'], { CONTENT_DIR: empty, STUDYBOT_DATA_DIR: join(root, 'unused') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`studybot: CONTENT_DIR: no decks in ${empty}: add a markdown note there and check it with npm run content:check\n`);
  }, 60_000);

  it('LOG_LEVEL=debug adds the stack', async () => {
    const port = await closedPort();
    const run = await runBot(['/apigw help'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x`, LOG_LEVEL: 'debug' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`studybot: DATABASE_URL: cannot connect to 127.0.0.1:${port} (connection refused)`);
    expect(run.stderr).toContain('"stack":"StudybotError');
  }, 60_000);

  it('MIGRATE_ON_START=false on a new embedded database says to run db:migrate, which then makes it start', async () => {
    const dir = join(root, 'unmigrated');
    const env = { STUDYBOT_DATA_DIR: dir, MIGRATE_ON_START: 'false' };
    const run = await runBot(['/apigw help'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('studybot: MIGRATE_ON_START=false: the database is not migrated: run npm run db:migrate (or start with MIGRATE_ON_START=true)\n');

    const migrate = await runScript('src/db/migrate-cli.ts', [], { STUDYBOT_DATA_DIR: dir });
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    const after = await runBot(['/apigw help'], env);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('/apigw quiz');
  }, 180_000);
});

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('start-up failures on a real Postgres server', () => {
  const databases: string[] = [];
  const admin = () => new pg.Client({ connectionString: url });
  const withDatabase = (name: string) => {
    const u = new URL(url!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  afterAll(async () => {
    const client = admin();
    await client.connect();
    for (const db of databases) await client.query(`drop database if exists "${db}" with (force)`);
    await client.end();
  });

  it('a database that does not exist', async () => {
    const name = `studybot_missing_${process.pid}`;
    const run = await runBot(['/apigw help'], { DATABASE_URL: withDatabase(name) });
    expect(run.code).toBe(1);
    const { hostname, port, username } = new URL(url!);
    expect(run.stderr).toBe(
      `studybot: DATABASE_URL: database "${name}" does not exist on ${hostname}:${port || 5432} (create it: createdb -h ${hostname} -p ${port || 5432} -U ${decodeURIComponent(username) || 'postgres'} ${name})\n`,
    );
  }, 60_000);

  it('MIGRATE_ON_START=false on a new database', async () => {
    const name = `studybot_unmigrated_${process.pid}`;
    const client = admin();
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
    databases.push(name);
    const run = await runBot(['/apigw help'], { DATABASE_URL: withDatabase(name), MIGRATE_ON_START: 'false' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('studybot: MIGRATE_ON_START=false: the database is not migrated: run npm run db:migrate (or start with MIGRATE_ON_START=true)\n');
  }, 60_000);
});
