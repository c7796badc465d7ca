// Issue 16.2: a data folder that is not a usable database stops the bot with one line naming the
// folder and what is wrong, and a folder that is not a database is left byte-for-byte unchanged.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBot, snapshot } from './spawn.js';
import { oneQuestionFolder } from '../support/one-question-content.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-damage-'));
const withAnswers = join(root, 'with-answers');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the folder that holds one answer. */
function copyOfDatabase(name: string): string {
  const dir = join(root, name);
  cpSync(withAnswers, dir, { recursive: true });
  return dir;
}

const oneLine = (stderr: string) => {
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  return stderr.trim();
};

describe('a data folder that is not a usable database', () => {
  beforeAll(async () => {
    const made = await runBot(['/apigw quiz', 'b'], { STUDYBOT_DATA_DIR: withAnswers, CONTENT_DIR: oneQuestionFolder('Q1') }); // one question: Q1, scored
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Correct! +10 points.');
  }, 120_000);

  it('a database whose PG_VERSION was deleted is refused and left untouched (it used to start empty)', async () => {
    const dir = copyOfDatabase('no-pg-version');
    unlinkSync(join(dir, 'PG_VERSION'));
    const before = snapshot(dir);
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `studybot: STUDYBOT_DATA_DIR: the data folder ${dir} holds a damaged database: PG_VERSION is missing (nothing was changed; restore a backup with npm run db:restore, or put the file back: it holds "18")`,
    );
    expect(run.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);

    // Putting the file back brings the answers back.
    writeFileSync(join(dir, 'PG_VERSION'), '18\n');
    const restored = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Answered: +1\n/);
  }, 120_000);

  it('a folder of other files is refused and left untouched', async () => {
    const dir = join(root, 'notes');
    mkdirSync(join(dir, 'drafts'), { recursive: true });
    writeFileSync(join(dir, 'todo.md'), '# my notes\n');
    writeFileSync(join(dir, 'drafts', 'a.md'), 'draft\n');
    const before = snapshot(dir);
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `studybot: STUDYBOT_DATA_DIR: the data folder ${dir} is not empty and holds no database (2 entries: drafts, todo.md); nothing was changed: point STUDYBOT_DATA_DIR at an empty or new folder`,
    );
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it('a corrupt pg_control ("Aborted(). Build with -sASSERTIONS") gets one line naming the folder', async () => {
    const dir = copyOfDatabase('bad-control');
    writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(100, 0x5a)); // truncated and overwritten
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `studybot: STUDYBOT_DATA_DIR: the data folder ${dir} holds a damaged database: the embedded Postgres aborted while reading it (restore a backup with npm run db:restore)`,
    );
  }, 60_000);

  it('missing commit logs ("PGlite failed to initialize properly") get one line naming the folder', async () => {
    const dir = copyOfDatabase('no-xact');
    for (const f of readdirSync(join(dir, 'pg_xact'))) unlinkSync(join(dir, 'pg_xact', f));
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `studybot: STUDYBOT_DATA_DIR: the data folder ${dir} holds a damaged database: the embedded Postgres could not start on it (files are missing or corrupt; restore a backup with npm run db:restore)`,
    );
  }, 60_000);

  it.skipIf(process.getuid?.() !== 0)('a read-only folder gets one line (run as an unprivileged user) and stays unchanged', async () => {
    const dir = copyOfDatabase('read-only');
    chmodSync(root, 0o755);
    chmodSync(dir, 0o555);
    const before = snapshot(dir);
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir, HOME: '/tmp' }, { uid: 65534 });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `studybot: STUDYBOT_DATA_DIR: the data folder ${dir} is read-only (permission denied): the embedded database must write there`,
    );
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it('STUDYBOT_DATA_DIR=/proc/x fails at once instead of hanging', async () => {
    const run = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: '/proc/x' }, { timeoutMs: 45_000 });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe('studybot: STUDYBOT_DATA_DIR: cannot create the data folder /proc/x (no such file or folder)');
  }, 60_000);
});
