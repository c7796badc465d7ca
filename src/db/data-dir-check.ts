// Before the embedded database touches STUDYBOT_DATA_DIR: is it a new folder, a database, or something
// else? PGlite runs initdb over any folder without PG_VERSION, even one that holds a database whose
// PG_VERSION went missing, so a folder that is neither empty nor a database is refused here and left
// exactly as it was.
import { constants } from 'node:fs';
import { access, mkdir, readFile, readdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { megabytes } from '../content/limits/index.js';
import { StudybotError } from '../errors.js';
import { LOCK_ENTRIES } from './data-dir-lock.js';
import { isDiskFull } from './pglite-guard.js';

export const DATA_DIR_VARIABLE = 'STUDYBOT_DATA_DIR';

/** The Postgres major version of the bundled PGlite; a folder from another major cannot be opened. */
export const PGLITE_PG_MAJOR = '18';

/**
 * The least free space the embedded database starts with. Postgres writes its WAL in 16 MB segments
 * and a write that finds the device full stops the bot (pglite-guard.ts), so a start with less than a
 * few segments' room is refused, and /healthz fails below it.
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

/** Files and folders every Postgres data folder has; some of them without PG_VERSION means a damaged database. */
const POSTGRES_ENTRIES = ['base', 'global', 'pg_wal', 'pg_xact', 'postgresql.conf', 'pg_hba.conf'];

export type DataDirState = 'new' | 'database';

const dataDirError = (message: string, cause?: unknown) =>
  new StudybotError('db:data-dir', message, { subject: DATA_DIR_VARIABLE, ...(cause ? { cause } : {}) });

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/** Why a file system call failed, in words (EACCES → permission denied). */
export function reasonOf(e: unknown): string {
  switch (errno(e)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error | undefined)?.message ?? String(e);
  }
}

/**
 * Creates a missing folder one level at a time. `mkdir(…, { recursive: true })` never returns for a
 * path under /proc (Node 20), which made `STUDYBOT_DATA_DIR=/proc/x` hang with no output.
 */
async function createFolder(dir: string, shown: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const s = await stat(current).catch((e: unknown) => (errno(e) === 'ENOENT' ? null : Promise.reject(e)));
    if (s) {
      if (!s.isDirectory()) throw dataDirError(`cannot create the data folder ${shown}: ${current} is a file, not a folder`);
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw dataDirError(`cannot create the data folder ${shown} (${reasonOf(e)})`, e);
    }
  }
}

/**
 * Checks the embedded database's folder without changing anything in it (a missing folder is created).
 * Throws a one-line StudybotError('db:data-dir') naming the folder and what is wrong.
 */
export async function inspectDataDir(dir: string): Promise<DataDirState> {
  const shown = dir;
  let info;
  try {
    info = await stat(dir);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw dataDirError(`cannot use the data folder ${shown} (${reasonOf(e)})`, e);
    await createFolder(dir, shown);
    return 'new';
  }
  if (!info.isDirectory()) throw dataDirError(`the data folder ${shown} is a file, not a folder`);
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((name) => !LOCK_ENTRIES.includes(name));
  } catch (e) {
    throw dataDirError(`cannot read the data folder ${shown} (${reasonOf(e)})`, e);
  }
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw dataDirError(`the data folder ${shown} is read-only (${reasonOf(e)}): the embedded database must write there`, e);
  }
  if (entries.length === 0) return 'new';

  if (!entries.includes('PG_VERSION')) {
    const postgresLike = POSTGRES_ENTRIES.filter((name) => entries.includes(name));
    if (postgresLike.length >= 2) {
      throw dataDirError(
        `the data folder ${shown} holds a damaged database: PG_VERSION is missing (nothing was changed; restore a backup with npm run db:restore, or put the file back: it holds "${PGLITE_PG_MAJOR}")`,
      );
    }
    const sample = entries.sort().slice(0, 3).join(', ');
    throw dataDirError(
      `the data folder ${shown} is not empty and holds no database (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: ${sample}${entries.length > 3 ? ', …' : ''}); nothing was changed: point STUDYBOT_DATA_DIR at an empty or new folder`,
    );
  }
  let version: string;
  try {
    version = (await readFile(path.join(dir, 'PG_VERSION'), 'utf8')).trim();
  } catch (e) {
    throw dataDirError(`cannot read ${path.join(shown, 'PG_VERSION')} (${reasonOf(e)})`, e);
  }
  if (!/^\d+$/.test(version)) {
    throw dataDirError(`the data folder ${shown} holds a damaged database: PG_VERSION holds ${JSON.stringify(version.slice(0, 20))}, not a version number`);
  }
  if (version !== PGLITE_PG_MAJOR) {
    throw dataDirError(
      `the data folder ${shown} holds a Postgres ${version} database; the embedded database is Postgres ${PGLITE_PG_MAJOR} (nothing was changed: move the data with a SQL dump, see the README)`,
    );
  }
  const missing: string[] = [];
  for (const needed of ['global/pg_control', 'base']) {
    if (!(await stat(path.join(dir, needed)).catch(() => null))) missing.push(needed);
  }
  if (missing.length > 0) {
    throw dataDirError(`the data folder ${shown} holds a damaged database: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  }
  return 'database';
}

/** Bytes free for this process on the device holding `dir` (null when the system cannot say). */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const fs = await statfs(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/** Refuses to start the embedded database on a device with less than `min` bytes free. */
export async function assertFreeSpace(dir: string, min = MIN_FREE_BYTES, free?: number | null): Promise<void> {
  const left = free === undefined ? await freeBytes(dir) : free;
  if (left !== null && left < min) {
    throw dataDirError(
      `only ${megabytes(left)} free on the device holding the data folder ${dir}; the embedded database needs at least ${megabytes(min)} to run (nothing was changed): free space and start again`,
    );
  }
}

/**
 * A one-line reason for PGlite refusing to open a folder that passed inspectDataDir(). `free` is the
 * space left on its device (freeBytes()): a full disk makes Postgres fail to start exactly as a damaged
 * folder does ("failed to initialize properly"), and restoring a backup is the wrong advice for it.
 */
export function describePgliteFailure(dir: string, cause: unknown, free: number | null = null): StudybotError {
  const message = (cause as Error | undefined)?.message ?? String(cause);
  const code = errno(cause);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return dataDirError(`the data folder ${dir} is read-only (${reasonOf(cause)}): the embedded database must write there`, cause);
  }
  if (isDiskFull(cause) || (free !== null && free < MIN_FREE_BYTES)) {
    const left = free === null ? '' : ` (${megabytes(free)} free)`;
    return dataDirError(
      `no space left on the device holding the data folder ${dir}${left}: the embedded Postgres could not start; the database was not changed: free space and start again`,
      cause,
    );
  }
  if (/^Aborted\(/.test(message)) {
    return dataDirError(`the data folder ${dir} holds a damaged database: the embedded Postgres aborted while reading it (restore a backup with npm run db:restore)`, cause);
  }
  if (/failed to initialize properly/i.test(message)) {
    return dataDirError(`the data folder ${dir} holds a damaged database: the embedded Postgres could not start on it (files are missing or corrupt; restore a backup with npm run db:restore)`, cause);
  }
  return dataDirError(`cannot open the embedded database in ${dir}: ${message.replace(/\s+/g, ' ').trim()}`, cause);
}

/** describePgliteFailure() with the free space of the folder's device looked up. */
export async function pgliteFailure(dir: string, cause: unknown): Promise<StudybotError> {
  return describePgliteFailure(dir, cause, await freeBytes(dir));
}
