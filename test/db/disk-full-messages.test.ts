// A full disk is named as a full disk: Postgres fails to start on it with the same words as on a damaged
// folder, and "restore a backup" is the wrong advice there (review finding 2).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_FREE_BYTES, assertFreeSpace, describePgliteFailure, freeBytes } from '../../src/db/data-dir-check.js';
import { openDatabase } from '../../src/db/index.js';
import { isStudybotError } from '../../src/errors.js';

const MB = 1024 * 1024;
const initFailed = new Error('PGlite failed to initialize properly');
const diskFull = `no space left on the device holding the data folder ./data`;

describe('the start message when PGlite cannot open the folder', () => {
  it('says the disk is full, and that nothing was changed, when the device has (almost) no space left', () => {
    const err = describePgliteFailure('./data', initFailed, 0);
    expect(err.message).toBe(`${diskFull} (0.0 MB free): the embedded Postgres could not start; the database was not changed: free space and start again`);
    expect(err.message).not.toMatch(/damaged|restore/);
    expect(err.subject).toBe('STUDYBOT_DATA_DIR');
    expect(describePgliteFailure('./data', initFailed, MIN_FREE_BYTES - 1).message).toMatch(/^no space left/);
  });

  it('says the disk is full when the cause chain says so, even when the free space is unknown', () => {
    const cause = new Error('PGlite failed to initialize properly', { cause: Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }) });
    expect(describePgliteFailure('./data', cause, null).message).toBe(
      `${diskFull}: the embedded Postgres could not start; the database was not changed: free space and start again`,
    );
  });

  it('keeps the damaged-database wording when there is room', () => {
    expect(describePgliteFailure('./data', initFailed, 10_000 * MB).message).toBe(
      'the data folder ./data holds a damaged database: the embedded Postgres could not start on it (files are missing or corrupt; restore a backup with npm run db:restore)',
    );
    expect(describePgliteFailure('./data', initFailed, null).message).toMatch(/holds a damaged database/);
  });
});

describe('the free-space check at start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('refuses under the margin, naming the folder and the space, and passes above it', async () => {
    const err = await assertFreeSpace('./data', MIN_FREE_BYTES, 3 * MB).catch((e: unknown) => e);
    expect(isStudybotError(err) && err.code).toBe('db:data-dir');
    expect((err as Error).message).toBe(
      'only 3.0 MB free on the device holding the data folder ./data; the embedded database needs at least 64.0 MB to run (nothing was changed): free space and start again',
    );
    await assertFreeSpace('./data', MIN_FREE_BYTES, MIN_FREE_BYTES);
    await assertFreeSpace('./data', MIN_FREE_BYTES, null); // the system cannot say: no refusal
  });

  it('openDatabase refuses before PGlite starts, and leaves the folder as it was (no lock left behind)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studybot-free-'));
    dirs.push(dir);
    const free = await freeBytes(dir);
    expect(free).toBeGreaterThan(0);
    const err = await openDatabase({ dataDir: dir, minFreeBytes: free! * 2 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(new RegExp(`^only .* MB free on the device holding the data folder ${dir};`));
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual([]);
  });
});
