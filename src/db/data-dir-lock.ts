// One process at a time on an embedded database folder. PGlite has no lock of its own: two bots on one
// folder each keep their own view and overwrite each other's writes. proper-lockfile holds a lock
// folder (mkdir is atomic) whose mtime the holder refreshes; a holder that crashed stops refreshing and
// its lock goes stale. Beside it an owner file names the holder's process, so a lock whose process is
// gone (SIGKILL) is taken over at once instead of after the stale time, and the refusal can say who
// holds the folder. Both live inside the data folder: in the Docker image only that folder is writable.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { StudybotError } from '../errors.js';

export const LOCK_DIR = 'studybot.lock';
export const LOCK_OWNER = 'studybot.lock.owner';
/** Entries of a data folder that belong to the lock, not to the database. */
export const LOCK_ENTRIES = [LOCK_DIR, LOCK_OWNER];

/** A lock not refreshed for this long belongs to a process that is gone (or frozen). */
export const LOCK_STALE_MS = 20_000;

export interface LockOwner {
  pid: number;
  host: string;
  /** What holds the folder: `the bot`, `db:backup`, … */
  purpose: string;
  since: string;
}

export interface DataDirLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Named in the refusal other processes get (default `studybot`). */
  purpose?: string;
  /** Called when the lock was lost while held (its folder removed, or not refreshed in time). Default: throw. */
  onLost?: (err: Error) => void;
  /** The variable that names the folder, for the error's subject. */
  subject?: string;
}

/** Folders this process holds (a second open in the same process is refused too). */
const heldHere = new Set<string>();

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

async function readOwner(dir: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path.join(dir, LOCK_OWNER), 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM'; // exists, but belongs to another user
  }
}

/**
 * Who holds the folder's lock: null when nobody (or a holder known to be gone, whose lock is then
 * removed). A live holder on this machine is trusted over the lock's age: a bot whose event loop was
 * blocked for a while (a long migration) must not lose its folder.
 */
async function liveHolder(resolved: string): Promise<LockOwner | 'unknown' | null> {
  const lockfilePath = path.join(resolved, LOCK_DIR);
  const info = await stat(lockfilePath).catch(() => null);
  if (!info) return null;
  const owner = await readOwner(resolved);
  if (owner && owner.host === hostname()) {
    const gone = owner.pid === process.pid ? !heldHere.has(resolved) : !processAlive(owner.pid);
    if (!gone) return owner;
    // The holder died without releasing (SIGKILL, power loss): its lock is stale now, not in 20 s.
    await rm(lockfilePath, { recursive: true, force: true });
    return null;
  }
  // Another machine (a shared volume) or no owner file yet: the lock's age decides.
  return Date.now() - info.mtimeMs < LOCK_STALE_MS ? (owner ?? 'unknown') : null;
}

/** Throws the "in use by process N" refusal when another live process holds the folder. */
export async function assertNotLocked(dir: string, subject?: string): Promise<void> {
  const holder = await liveHolder(path.resolve(dir));
  if (holder) throw refusal(dir, holder === 'unknown' ? null : holder, subject, undefined);
}

/**
 * Locks the data folder `dir` (which must exist) for this process, or throws
 * StudybotError('db:locked'): "data folder ./data is in use by process 1234 (the bot)".
 */
export async function lockDataDir(dir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const resolved = path.resolve(dir);
  const purpose = opts.purpose ?? 'studybot';
  await assertNotLocked(dir, opts.subject);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(resolved, {
      lockfilePath: path.join(resolved, LOCK_DIR),
      realpath: false,
      stale: LOCK_STALE_MS,
      retries: 0,
      onCompromised:
        opts.onLost ??
        ((err: Error) => {
          throw new StudybotError('db:locked', `lost the lock on the data folder ${dir}: ${err.message}`, { cause: err, subject: opts.subject });
        }),
    });
  } catch (e) {
    if (errno(e) !== 'ELOCKED') throw e;
    throw refusal(dir, await readOwner(resolved), opts.subject, e);
  }
  heldHere.add(resolved);
  const owner: LockOwner = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  try {
    await writeFile(path.join(resolved, LOCK_OWNER), `${JSON.stringify(owner)}\n`);
  } catch (e) {
    heldHere.delete(resolved);
    await release().catch(() => {});
    throw e;
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      heldHere.delete(resolved);
      await rm(path.join(resolved, LOCK_OWNER), { force: true }).catch(() => {});
      await release().catch((e: unknown) => {
        if (errno(e) !== 'ERELEASED' && errno(e) !== 'ENOENT') throw e;
      });
    },
  };
}

function refusal(dir: string, owner: LockOwner | null, subject: string | undefined, cause: unknown): StudybotError {
  const who = owner
    ? `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''} (${owner.purpose})`
    : 'another process';
  return new StudybotError(
    'db:locked',
    `data folder ${dir} is in use by ${who}: stop it first (a crashed holder's lock expires within ${LOCK_STALE_MS / 1000} s)`,
    { cause, ...(subject ? { subject } : {}) },
  );
}
