// A PGlite whose write failed (disk full) is never sent another statement: its next one would spin in
// wasm for ever (review finding 1). The failure is injected below the guard, where PGlite turns
// Postgres' error response into a DatabaseError, with the error text Postgres really gives.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite, messages } from '@electric-sql/pglite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_DIR } from '../../src/db/data-dir-lock.js';
import { isUnavailable } from '../../src/db/errors.js';
import { openDatabase, sql } from '../../src/db/index.js';
import { guardPglite, isDiskFull, isWriteFailure } from '../../src/db/pglite-guard.js';
import { createLogger } from '../../src/log.js';
import { Health } from '../../src/ops/health.js';

/** The free space statfs() reports for the data folder's device (data-dir-check.ts reads it). */
const disk = vi.hoisted(() => ({ free: undefined as number | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const statfs = (async (dir: string) => {
    const real = await fs.statfs(dir);
    return disk.free === undefined ? real : Object.assign(real, { bavail: Math.floor(disk.free / real.bsize) });
  }) as typeof fs.statfs;
  return { ...fs, default: { ...fs, statfs }, statfs };
});

const ENOSPC_TEXT = 'could not write to file "pg_wal/xlogtemp.42": No space left on device';

/** The error PGlite throws for Postgres' ErrorResponse (code 53100 is disk_full). */
function databaseError(text: string, code: string): Error {
  const err = new messages.DatabaseError(text, text.length, 'error');
  err.code = code;
  err.severity = 'ERROR';
  return err;
}

/** Counts the calls into the wasm Postgres and fails the next protocol message once `arm()` was called. */
function injectFailure(text = ENOSPC_TEXT, code = '53100') {
  const realStream = PGlite.prototype.execProtocolStream;
  let armed = false;
  const wasm = vi.spyOn(PGlite.prototype, 'execProtocolRawSync');
  vi.spyOn(PGlite.prototype, 'execProtocolStream').mockImplementation(async function (this: PGlite, ...args) {
    if (armed) {
      armed = false;
      throw databaseError(text, code);
    }
    return realStream.apply(this, args);
  });
  return { arm: () => void (armed = true), wasmCalls: () => wasm.mock.calls.length };
}

const causes = (err: unknown): string[] => {
  const out: string[] = [];
  for (let e = err; e; e = (e as { cause?: unknown }).cause) out.push((e as Error).message);
  return out;
};

afterEach(() => vi.restoreAllMocks());

describe('a PGlite write that fails', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stops the bot: one fatal line, exit 1, and no later statement, ping or close reaches PGlite', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studybot-guard-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'data');
    const fault = injectFailure();
    let out = '';
    const log = createLogger({ level: 'info', destination: { write: (s: string) => void (out += s) } });
    const exit = vi.fn();
    const database = await openDatabase({ dataDir, log, exit });
    await database.db.execute(sql`create table filler (v text)`);

    // Before it is full: /healthz fails below the margin the bot starts with.
    const health = new Health();
    health.add('database', () => database.ping());
    expect((await health.report()).status).toBe('ok');
    disk.free = 10 * 1024 * 1024;
    expect(await health.report()).toMatchObject({
      status: 'unavailable',
      checks: { database: { ok: false, error: `only 10.0 MB free on the device holding STUDYBOT_DATA_DIR=${dataDir} (the bot stops when it is full): free space` } },
    });
    disk.free = undefined;

    const before = fault.wasmCalls();
    fault.arm();
    const failed = await database.db.execute(sql`insert into filler values ('x')`).catch((e: unknown) => e);
    const expected = `no space left on the device holding STUDYBOT_DATA_DIR=${dataDir}; the database was not changed (the write that failed was not saved): free space and restart the bot`;
    expect(causes(failed)).toContain(expected);
    expect(causes(failed)).toContain(ENOSPC_TEXT);
    expect(exit.mock.calls).toEqual([[1]]);
    const fatal = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .filter((l) => l.level === 'fatal');
    expect(fatal.map((l) => l.msg)).toEqual([expected]);

    // Everything after it fails at once, as "database unavailable", without touching the wasm.
    const later = await database.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(causes(later)).toContain(expected);
    expect(isUnavailable(later)).toBe(true);
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    await expect(database.statements.rows(sql`select 1`)).rejects.toThrow();
    await expect(database.ping()).rejects.toThrow(expected);
    await database.close();
    expect(fault.wasmCalls()).toBe(before);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(existsSync(path.join(dataDir, LOCK_DIR))).toBe(false);
  }, 60_000);

  it('an ordinary statement error leaves the instance usable', async () => {
    const fault = injectFailure('duplicate key value violates unique constraint "t_pkey"', '23505');
    const client = await PGlite.create();
    const dead = vi.fn();
    const guard = guardPglite(client, (cause) => new Error('dead', { cause }));
    guard.onDead(dead);
    fault.arm();
    await expect(client.query('select 1')).rejects.toThrow('duplicate key');
    expect((await client.query<{ n: number }>('select 2 as n')).rows).toEqual([{ n: 2 }]);
    expect(guard.failure).toBeUndefined();
    expect(dead).not.toHaveBeenCalled();
    await client.close();
  }, 60_000);

  it('any failed write of a data or WAL file counts, not only a full disk', () => {
    const io = databaseError('could not write block 7 in file "base/5/16384": Input/output error', '58030');
    expect(isWriteFailure(io)).toBe(true);
    expect(isDiskFull(io)).toBe(false);
    expect(isWriteFailure(databaseError('could not extend file "base/5/16384": No space left on device', '53100'))).toBe(true);
    expect(isDiskFull(new Error('Failed query', { cause: databaseError(ENOSPC_TEXT, '53100') }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isWriteFailure(databaseError('relation "x" does not exist', '42P01'))).toBe(false);
  });
});
