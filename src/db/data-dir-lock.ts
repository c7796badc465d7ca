// One process at a time on an embedded database folder. PGlite has no lock of its own: two bots on one
// folder each keep their own view and overwrite each other's writes. proper-lockfile holds a lock
// folder (mkdir is atomic) whose mtime the holder refreshes; a holder that crashed stops refreshing and
// its lock goes stale. Beside it an owner file names the holder's process, so the refusal can say who
// holds the folder, and a lock whose process is gone (SIGKILL) is taken over at once instead of after the
// stale time. That pid check is only trusted for a holder in this process's own PID namespace and boot:
// a hostname does not tell them apart (containers with `--network host` or the same `hostname:`, the
// host and such a container, both often pid 1), and a pid from another namespace or an earlier boot
// names some other process or none. Such a holder's lock counts until it is stale, as one from another
// machine does. Both files live inside the data folder: in the Docker image only that folder is writable.
import { readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
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
  /** The holder's PID namespace (`pid:[4026531836]`, from /proc/self/ns/pid), where the system has them. */
  pidNs?: string;
  /** The holder's boot (/proc/sys/kernel/random/boot_id): pids start over at every boot. */
  bootId?: string;
}

/** Where this process's pid means something: its PID namespace and boot (both absent without /proc). */
export type ProcessSpace = Pick<LockOwner, 'pidNs' | 'bootId'>;

let ownSpace: Promise<ProcessSpace> | undefined;

/** This process's PID namespace and boot. */
export function processSpace(): Promise<ProcessSpace> {
  ownSpace ??= (async () => {
    const pidNs = await readlink('/proc/self/ns/pid').catch(() => undefined);
    const bootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined))?.trim();
    return { ...(pidNs ? { pidNs } : {}), ...(bootId ? { bootId } : {}) };
  })();
  return ownSpace;
}

/** True when the owner's pid can be checked from here: same host name, PID namespace and boot. */
async function inOurSpace(owner: LockOwner): Promise<boolean> {
  const own = await processSpace();
  return owner.host === hostname() && owner.pidNs === own.pidNs && owner.bootId === own.bootId;
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
 * removed). A live holder in this PID namespace and boot is trusted over the lock's age: a bot whose
 * event loop was blocked for a while (a long migration) must not lose its folder.
 */
async function liveHolder(resolved: string): Promise<LockOwner | 'unknown' | null> {
  const lockfilePath = path.join(resolved, LOCK_DIR);
  const info = await stat(lockfilePath).catch(() => null);
  if (!info) return null;
  const owner = await readOwner(resolved);
  if (owner && (await inOurSpace(owner))) {
    const gone = owner.pid === process.pid ? !heldHere.has(resolved) : !processAlive(owner.pid);
    if (!gone) return owner;
    // The holder died without releasing (SIGKILL, power loss): its lock is stale now, not in 20 s.
    await rm(lockfilePath, { recursive: true, force: true });
    return null;
  }
  // Another machine (a shared volume), another PID namespace or boot, an owner file written before
  // namespaces were recorded, or none yet: its pid cannot be checked from here, so the lock's age decides.
  return Date.now() - info.mtimeMs < LOCK_STALE_MS ? (owner ?? 'unknown') : null;
}

/** Throws the "in use by process N" refusal when another live process holds the folder. */
export async function assertNotLocked(dir: string, subject?: string): Promise<void> {
  const holder = await liveHolder(path.resolve(dir));
  if (holder) throw refusal(dir, holder === 'unknown' ? null : holder, subject, undefined, await processSpace());
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
    const holder = await readOwner(resolved);
    throw refusal(dir, holder, opts.subject, e, holder ? await processSpace() : {});
  }
  heldHere.add(resolved);
  const owner: LockOwner = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString(), ...(await processSpace()) };
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

function refusal(dir: string, owner: LockOwner | null, subject: string | undefined, cause: unknown, own: ProcessSpace): StudybotError {
  const where = !owner
    ? ''
    : owner.host !== hostname()
      ? ` on ${owner.host}`
      : owner.pidNs && owner.pidNs !== own.pidNs
        ? ' in another container or PID namespace'
        : '';
  const who = owner ? `process ${owner.pid}${where} (${owner.purpose})` : 'another process';
  return new StudybotError(
    'db:locked',
    `data folder ${dir} is in use by ${who}: stop it first (a crashed holder's lock expires within ${LOCK_STALE_MS / 1000} s)`,
    { cause, ...(subject ? { subject } : {}) },
  );
}
