// db:backup / db:restore for the embedded database: a gzipped tar of the PGlite data folder
// (PGlite's dumpDataDir / loadDataDir), taken and restored under the folder's lock, so never while a
// bot runs on it. A restore never overwrites anything silently: a non-empty folder needs `force`, and
// its contents are then moved aside, not deleted. A backup appears under its name only once it is
// complete and on disk: a failed one (a full disk) leaves nothing behind.
import { existsSync } from 'node:fs';
import { link, mkdir, open, readFile, readdir, rename, rm, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { StudybotError } from '../errors.js';
import { DATA_DIR_VARIABLE, PGLITE_PG_MAJOR, inspectDataDir, pgliteFailure, reasonOf } from './data-dir-check.js';
import { LOCK_ENTRIES, assertNotLocked, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { entryText, gunzip, gzip, isGzip, tarEntries, withoutLockEntries } from './backup-tar.js';

const failure = (message: string, cause?: unknown) => new StudybotError('db:data-dir', message, { ...(cause ? { cause } : {}) });

/** What a backup or restore did, for the one-line report. */
export interface Counts {
  answers: number | null;
  users: number | null;
}

export async function countRows(pg: PGlite): Promise<Counts> {
  const count = async (table: string) => {
    const exists = await pg.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = $1`, [table]);
    if (!exists.rows[0]?.n) return null;
    return (await pg.query<{ n: number }>(`select count(*)::int as n from "${table}"`)).rows[0]?.n ?? 0;
  };
  return { answers: await count('answers'), users: await count('users') };
}

export const describeCounts = (c: Counts) =>
  c.answers === null ? 'no studybot tables yet' : `${c.answers} answer${c.answers === 1 ? '' : 's'}, ${c.users ?? 0} user${c.users === 1 ? '' : 's'}`;

async function lockFor(dataDir: string, purpose: string): Promise<DataDirLock> {
  try {
    return await lockDataDir(dataDir, { purpose, subject: DATA_DIR_VARIABLE });
  } catch (e) {
    if (e instanceof StudybotError) throw e;
    throw failure(`cannot lock the data folder ${dataDir} (${reasonOf(e)})`, e);
  }
}

/** Writes a gzipped tar of the embedded database in `dataDir` to `file` (never over an existing file). */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number; counts: Counts }> {
  if (!existsSync(dataDir)) throw failure(`there is no database to back up: ${dataDir} does not exist`);
  await assertNotLocked(dataDir, DATA_DIR_VARIABLE); // a bot creating its database leaves a half-made folder
  if ((await inspectDataDir(dataDir)) === 'new') throw failure(`there is no database to back up: ${dataDir} is empty`);
  if (existsSync(file)) throw failure(`${file} already exists: name a new file`);
  const lock = await lockFor(dataDir, 'db:backup');
  try {
    let pg: PGlite;
    try {
      pg = await PGlite.create(dataDir);
    } catch (cause) {
      throw await pgliteFailure(dataDir, cause);
    }
    try {
      const counts = await countRows(pg);
      const dump = await pg.dumpDataDir('none');
      const archive = gzip(withoutLockEntries(new Uint8Array(await dump.arrayBuffer())));
      await writeNewFile(file, archive);
      return { bytes: archive.length, counts };
    } finally {
      await pg.close();
    }
  } finally {
    await lock.release();
  }
}

/** The file system calls writeNewFile() makes (tests make `open`'s handle fail part-way). */
export interface NewFileIo {
  open(file: string, flags: 'wx'): Promise<Pick<FileHandle, 'writeFile' | 'sync' | 'close'>>;
  link(existing: string, name: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

const fsIo: NewFileIo = { open: (file, flags) => open(file, flags), link, unlink };

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * Writes `bytes` to `file`, which must not exist, so that `file` is either absent or complete: they go
 * to `<file>.partial` in the same folder (created exclusively), are flushed to disk, and only then get
 * the final name, by a hard link (which refuses an existing file). The partial file is removed whatever
 * happens. Throws StudybotError('db:data-dir') naming the file and why.
 */
export async function writeNewFile(file: string, bytes: Uint8Array, io: NewFileIo = fsIo): Promise<void> {
  const partial = `${file}.partial`;
  let handle: Awaited<ReturnType<NewFileIo['open']>>;
  try {
    handle = await io.open(partial, 'wx');
  } catch (e) {
    if (errno(e) === 'EEXIST') throw failure(`${partial} exists (a backup that was interrupted, or one running now): remove it and try again`, e);
    throw failure(`cannot write the backup ${file} (${reasonOf(e)})`, e);
  }
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await io.link(partial, file);
    } catch (e) {
      if (errno(e) === 'EEXIST') throw e;
      // A file system without hard links: a rename, after one more look for an existing file.
      if (existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
      await rename(partial, file);
    }
  } catch (e) {
    if (errno(e) === 'EEXIST') throw failure(`${file} already exists: name a new file`, e);
    throw failure(`cannot write the backup ${file} (${reasonOf(e)}); nothing was left behind`, e);
  } finally {
    await io.unlink(partial).catch(() => {});
  }
}

/** Reads and checks a backup: a (gzipped) tar of a PGlite data folder of our Postgres major. Returns the plain tar. */
export async function readBackup(file: string): Promise<Uint8Array> {
  let raw: Uint8Array;
  try {
    raw = await readFile(file);
  } catch (e) {
    throw failure(`cannot read the backup ${file} (${reasonOf(e)})`, e);
  }
  let tar: Uint8Array;
  let entries;
  try {
    tar = isGzip(raw) ? gunzip(raw) : raw;
    entries = tarEntries(tar);
  } catch (e) {
    throw failure(`${file} is not a backup made by npm run db:backup (${(e as Error).message})`, e);
  }
  const version = entryText(tar, entries, 'PG_VERSION')?.trim();
  if (!version) throw failure(`${file} is not a backup made by npm run db:backup (it holds no PG_VERSION)`);
  if (version !== PGLITE_PG_MAJOR) throw failure(`${file} holds a Postgres ${version} database; the embedded database is Postgres ${PGLITE_PG_MAJOR}`);
  return withoutLockEntries(tar);
}

export interface RestoreResult {
  counts: Counts;
  /** Where the folder's previous contents went (restore with force over a non-empty folder). */
  movedAside?: string;
}

/** Restores `file` into the embedded database folder `dataDir`. */
export async function restoreDataDir(file: string, dataDir: string, opts: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  const tar = await readBackup(file);
  if (!existsSync(dataDir)) await inspectDataDir(dataDir); // creates it
  const lock = await lockFor(dataDir, 'db:restore');
  let movedAside: string | undefined;
  const moved: string[] = [];
  try {
    const present = (await readdir(dataDir)).filter((name) => !LOCK_ENTRIES.includes(name));
    if (present.length > 0) {
      if (!opts.force) {
        const what = present.includes('PG_VERSION') ? 'holds a database' : `holds ${present.length} other entr${present.length === 1 ? 'y' : 'ies'}`;
        throw failure(`the data folder ${dataDir} is not empty (it ${what}): add --force to move its contents aside and restore, or restore into an empty folder`);
      }
      const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
      movedAside = `${path.resolve(dataDir)}.before-restore-${stamp}`;
      try {
        await mkdir(movedAside);
        for (const name of present) {
          await rename(path.join(dataDir, name), path.join(movedAside, name));
          moved.push(name);
        }
      } catch (e) {
        await putBack(moved, movedAside, dataDir);
        throw failure(`cannot move the contents of ${dataDir} aside to ${movedAside} (${reasonOf(e)}); nothing was restored: move them yourself and run the restore again`, e);
      }
    }
    let pg: PGlite | undefined;
    try {
      pg = await PGlite.create(dataDir, { loadDataDir: new Blob([tar], { type: 'application/x-tar' }) });
      return { counts: await countRows(pg), ...(movedAside ? { movedAside } : {}) };
    } catch (cause) {
      // Leave the folder as it was before the restore.
      for (const name of (await readdir(dataDir)).filter((n) => !LOCK_ENTRIES.includes(n))) await rm(path.join(dataDir, name), { recursive: true, force: true });
      if (movedAside) await putBack(moved, movedAside, dataDir);
      throw failure(`cannot restore ${file}: ${(cause as Error).message}`, cause);
    } finally {
      await pg?.close().catch(() => {});
    }
  } finally {
    await lock.release();
  }
}

async function putBack(names: string[], from: string, to: string) {
  for (const name of names) await rename(path.join(from, name), path.join(to, name)).catch(() => {});
  await rmdir(from).catch(() => {});
}
