// lockDataDir(): one holder at a time; a holder that is gone never leaves the folder stuck.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_DIR, LOCK_OWNER, lockDataDir } from '../../src/db/data-dir-lock.js';
import { isStudybotError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-lockunit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
};
const fakeHolder = (dir: string, owner: object, ageMs = 0) => {
  mkdirSync(join(dir, LOCK_DIR));
  writeFileSync(join(dir, LOCK_OWNER), JSON.stringify(owner));
  const t = new Date(Date.now() - ageMs);
  utimesSync(join(dir, LOCK_DIR), t, t);
};

describe('lockDataDir', () => {
  it('refuses a second lock, even in the same process, naming the holder; release frees the folder and leaves nothing behind', async () => {
    const dir = folder('twice');
    const lock = await lockDataDir(dir, { purpose: 'the bot', subject: 'STUDYBOT_DATA_DIR' });
    const err = await lockDataDir(dir).catch((e: unknown) => e);
    expect(isStudybotError(err) && err.code).toBe('db:locked');
    expect((err as Error).message).toBe(`data folder ${dir} is in use by process ${process.pid} (the bot): stop it first (a crashed holder's lock expires within 20 s)`);
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
    await (await lockDataDir(dir)).release();
  });

  it('takes over at once from a holder on this machine whose process is gone', async () => {
    const dir = folder('dead');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fakeHolder(dir, { pid: Number(gone.stdout.toString()), host: hostname(), purpose: 'the bot', since: new Date().toISOString() });
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('respects a live holder however old its lock looks (a bot busy in a long migration keeps its folder)', async () => {
    const dir = folder('alive-old');
    fakeHolder(dir, { pid: process.ppid, host: hostname(), purpose: 'the bot', since: '' }, 60_000);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by process ${process.ppid} (the bot)`);
  });

  it('a holder on another machine counts until its lock is stale', async () => {
    const fresh = folder('remote-fresh');
    fakeHolder(fresh, { pid: 1, host: 'elsewhere', purpose: 'the bot', since: '' });
    await expect(lockDataDir(fresh)).rejects.toThrow(`in use by process 1 on elsewhere (the bot)`);
    const stale = folder('remote-stale');
    fakeHolder(stale, { pid: 1, host: 'elsewhere', purpose: 'the bot', since: '' }, 30_000);
    await (await lockDataDir(stale)).release();
  });
});
