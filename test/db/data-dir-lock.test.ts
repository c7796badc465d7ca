// lockDataDir(): one holder at a time; a holder that is gone never leaves the folder stuck.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_DIR, LOCK_OWNER, lockDataDir, processSpace } from '../../src/db/data-dir-lock.js';
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

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
const here = await processSpace();

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

  it('records where its pid means something: the PID namespace and boot', async () => {
    const dir = folder('space');
    const lock = await lockDataDir(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_OWNER), 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), ...here });
    if (process.platform === 'linux') expect(here).toEqual({ pidNs: expect.stringMatching(/^pid:\[\d+\]$/), bootId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await lock.release();
  });

  it('takes over at once from a holder in this PID namespace and boot whose process is gone', async () => {
    const dir = folder('dead');
    fakeHolder(dir, { pid: deadPid(), host: hostname(), purpose: 'the bot', since: new Date().toISOString(), ...here });
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('respects a live holder however old its lock looks (a bot busy in a long migration keeps its folder)', async () => {
    const dir = folder('alive-old');
    fakeHolder(dir, { pid: process.ppid, host: hostname(), purpose: 'the bot', since: '', ...here }, 60_000);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by process ${process.ppid} (the bot)`);
  });

  it('a holder with this host name in another PID namespace (another container) counts until its lock is stale, whatever its pid looks like here', async () => {
    const other = { host: hostname(), purpose: 'the bot', since: '', ...here, pidNs: 'pid:[1]' };
    for (const pid of [deadPid(), process.pid]) {
      const fresh = folder(`other-ns-fresh-${pid}`);
      fakeHolder(fresh, { ...other, pid });
      await expect(lockDataDir(fresh)).rejects.toThrow(
        `data folder ${fresh} is in use by process ${pid} in another container or PID namespace (the bot): stop it first (a crashed holder's lock expires within 20 s)`,
      );
    }
    const stale = folder('other-ns-stale');
    fakeHolder(stale, { ...other, pid: deadPid() }, 30_000);
    await (await lockDataDir(stale)).release();
  });

  it('a holder from an earlier boot, or from a version that did not record its namespace, counts until its lock is stale', async () => {
    const rebooted = folder('rebooted');
    fakeHolder(rebooted, { pid: process.ppid, host: hostname(), purpose: 'the bot', since: '', ...here, bootId: 'an-earlier-boot' }, 30_000);
    await (await lockDataDir(rebooted)).release(); // its pid now names some other live process
    const older = folder('older-fresh');
    fakeHolder(older, { pid: deadPid(), host: hostname(), purpose: 'the bot', since: '' });
    if (here.pidNs) await expect(lockDataDir(older)).rejects.toThrow('is in use by process');
    const olderStale = folder('older-stale');
    fakeHolder(olderStale, { pid: deadPid(), host: hostname(), purpose: 'the bot', since: '' }, 30_000);
    await (await lockDataDir(olderStale)).release();
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
