// On a real full disk (a small tmpfs; only where this process may mount one, i.e. as root): the bot
// stops with one fatal line and exit 1 instead of freezing, a start on the full disk says the disk is
// full, and once there is room every acknowledged row is there (review findings 1 and 2).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from './spawn.js';

const CHILD = 'test/startup/disk-full-child.ts';
const mountPoint = mkdtempSync(join(tmpdir(), 'studybot-tmpfs-'));
const mount = (...opts: string[]) => spawnSync('mount', opts, { stdio: 'ignore' }).status === 0;
const mounted = process.getuid?.() === 0 && mount('-t', 'tmpfs', '-o', 'size=56m', 'tmpfs', mountPoint);

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.runIf(mounted)('a data folder on a device that fills up (56 MB tmpfs)', () => {
  const dataDir = join(mountPoint, 'data');

  it('the bot exits 1 with one fatal line; a start while full says so; after freeing space no acknowledged row is lost', async () => {
    const fill = await runScript(CHILD, ['fill', dataDir], {}, { timeoutMs: 240_000 });
    expect(fill.code).toBe(1);
    expect(fill.stdout).not.toContain('still running');
    const acknowledged = Number(/acknowledged (\d+)\n$/.exec(fill.stdout)?.[1]);
    expect(acknowledged).toBeGreaterThan(0);
    const fatal = fill.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .filter((l) => l.level === 'fatal');
    expect(fatal.map((l) => l.msg)).toEqual([
      `no space left on the device holding STUDYBOT_DATA_DIR=${dataDir}; the database was not changed (the write that failed was not saved): free space and restart the bot`,
    ]);

    // Without the free-space margin, Postgres itself fails to start: named as a full disk, not a damaged folder.
    const open = await runScript(CHILD, ['open', dataDir, '0'], {}, { timeoutMs: 240_000 });
    expect(open.stdout).toMatch(
      new RegExp(`^refused: no space left on the device holding the data folder ${dataDir} \\(\\d+\\.\\d MB free\\): the embedded Postgres could not start; the database was not changed: free space and start again\\n$`),
    );

    expect(mount('-o', 'remount,size=200m', mountPoint)).toBe(true);
    const count = await runScript(CHILD, ['count', dataDir], {}, { timeoutMs: 240_000 });
    expect(count.stdout).toBe(`rows ${acknowledged}\n`);
  }, 600_000);
});
