// Issue 16.3: npm run db:backup / db:restore with real processes and real data folders, and the move
// from the embedded database to Postgres.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForOutput } from '../console/spawn-main.js';
import { runBot, runScript, startBot } from './spawn.js';
import { oneQuestionFolder } from '../support/one-question-content.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const backup = (env: Record<string, string>, args: string[] = []) => runScript('src/db/backup-cli.ts', ['backup', ...args], env);
const restore = (env: Record<string, string>, args: string[]) => runScript('src/db/backup-cli.ts', ['restore', ...args], env);
const file = join(root, 'studybot.tgz');
const source = join(root, 'data');

describe('db:backup and db:restore of the embedded database', () => {
  it('refuses while a bot runs; backs up, restores into a new folder, and the answers are there', async () => {
    // A deck of one question: the plain (scored) quiz is Q1, B its answer.
    const bot = startBot({ STUDYBOT_DATA_DIR: source, CONTENT_DIR: oneQuestionFolder('Q1') });
    try {
      bot.child.stdin.write('/apigw quiz\nb\n');
      await waitForOutput(bot, (out) => out.includes('First right: you'));
      const refused = await backup({ STUDYBOT_DATA_DIR: source }, [file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `db:backup: STUDYBOT_DATA_DIR: data folder ${source} is in use by process ${bot.child.pid} (the bot): stop it first (a crashed holder's lock expires within 20 s)\n`,
      );
      expect(existsSync(file)).toBe(false);
    } finally {
      bot.child.stdin.end();
      await bot.exited;
    }

    const made = await backup({ STUDYBOT_DATA_DIR: source }, [file]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^backup of ${source} written to ${file} \\([\\d.]+ [kM]B, 1 answer, 1 user\\); restore it with: npm run db:restore -- ${file}\\n$`));
    const again = await backup({ STUDYBOT_DATA_DIR: source }, [file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`db:backup: ${file} already exists: name a new file\n`);

    const target = join(root, 'restored');
    const restored = await restore({ STUDYBOT_DATA_DIR: target }, [file]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toBe(`restored ${file} into ${target} (1 answer, 1 user)\n`);
    const stats = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: target });
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/Answered: +1\n/);
    expect(stats.stdout).toMatch(/Points: +10\n/);

    // Over a database: refused without --force; with it the old contents are moved aside, not lost.
    const over = await restore({ STUDYBOT_DATA_DIR: target }, [file]);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe(`db:restore: the data folder ${target} is not empty (it holds a database): add --force to move its contents aside and restore, or restore into an empty folder\n`);
    const forced = await restore({ STUDYBOT_DATA_DIR: target }, [file, '--force']);
    expect(forced.code).toBe(0);
    const aside = forced.stdout.match(/its previous contents are in (\S+)\n$/)?.[1];
    expect(aside).toBeDefined();
    expect(readdirSync(aside!)).toContain('PG_VERSION');
    expect(readdirSync(target)).toContain('PG_VERSION');
  }, 300_000);

  it('a file that is not a backup is refused and the folder stays empty', async () => {
    const junk = join(root, 'junk.tgz');
    writeFileSync(junk, 'not a backup at all');
    const target = join(root, 'junk-target');
    const run = await restore({ STUDYBOT_DATA_DIR: target }, [junk]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`db:restore: ${junk} is not a backup made by npm run db:backup (not a tar archive)\n`);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  }, 60_000);

  it('DATABASE_URL set: db:backup prints the pg_dump and pg_restore commands', async () => {
    const run = await backup({ DATABASE_URL: 'postgres://studybot:pw-secret@db.example:5433/studybot' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pg_dump --format=custom --file=studybot.dump "$DATABASE_URL"');
    expect(run.stderr).toContain('pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" studybot.dump');
    expect(run.stderr).not.toContain('pw-secret');
  }, 60_000);
});

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('from the embedded database to Postgres', () => {
  const name = `studybot_moved_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  afterAll(() => admin(`drop database if exists "${name}" with (force)`));

  it('db:restore with DATABASE_URL copies the backup into an empty database; the bot then finds the answers there', async () => {
    if (!existsSync(file)) {
      // This file's first test makes the backup; on its own, make one here.
      expect((await runBot(['/apigw quiz', 'b'], { STUDYBOT_DATA_DIR: source, CONTENT_DIR: oneQuestionFolder('Q1') })).code).toBe(0);
      expect((await backup({ STUDYBOT_DATA_DIR: source }, [file])).code).toBe(0);
    }
    await admin(`create database "${name}"`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    const target = u.toString();
    const run = await restore({ DATABASE_URL: target }, [file]);
    expect(run.stderr).toBe('');
    // Every table of the migrated schema is copied (the count follows the migrations).
    const tableCount = await countTables(target);
    expect(run.stdout).toBe(`copied ${file} into Postgres at ${u.hostname}:${u.port || 5432} (${tableCount} tables, 1 answer, 1 user)\n`);

    const stats = await runBot(['/apigw stats', '/apigw quiz 2', 'a'], { DATABASE_URL: target });
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/Answered: +1\n/);
    expect(stats.stdout).toContain('Preview (not scored) · API Gateway Q2'); // a new round gets a new id: the identity sequences moved on (the console user is an admin: `quiz 2` is a preview)

    const twice = await restore({ DATABASE_URL: target }, [file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^db:restore: DATABASE_URL: the Postgres database already holds studybot data \(\d+ rows? in \w+\): restore into an empty database\n$/);
  }, 180_000);
});

async function countTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
