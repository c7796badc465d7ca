// After a write to the data folder fails (the disk is full: `could not write to file "pg_wal/xlogtemp.42":
// No space left on device`), PGlite's next statement spins in its wasm for ever: the event loop never
// runs again, so health checks, signals and timers all stop (found on a 48 MB tmpfs). guardPglite()
// watches every statement's error; after such a failure the instance is dead: nothing more reaches its
// wasm (every call rejects at once with the same error, even the Sync and ROLLBACK PGlite itself sends
// after the failed statement), and `onDead` runs once. The database on disk is fine: what failed was
// not committed, and a new process opens the folder once there is space.
import type { PGlite } from '@electric-sql/pglite';

/** SQLSTATE disk_full: Postgres reports ENOSPC on a data or WAL write with it. */
export const DISK_FULL_SQLSTATE = '53100';

const NO_SPACE = /no space left on device/i;
/** Postgres' wording for a failed write of a data, WAL or control file (smgr, xlog, fd.c). */
const WRITE_FAILED = /could not (write to|extend|fsync|write block \d+ in) (log )?file/i;

function* chain(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

const fields = (e: unknown) => e as { code?: unknown; message?: unknown };

/** True when the error (or a cause) says the device ran out of space. */
export function isDiskFull(err: unknown): boolean {
  for (const e of chain(err)) {
    const { code, message } = fields(e);
    if (code === DISK_FULL_SQLSTATE || code === 'ENOSPC') return true;
    if (typeof message === 'string' && NO_SPACE.test(message)) return true;
  }
  return false;
}

/** True when the error says the database could not write its files: after that, PGlite must not be used again. */
export function isWriteFailure(err: unknown): boolean {
  if (isDiskFull(err)) return true;
  for (const e of chain(err)) {
    const { message } = fields(e);
    if (typeof message === 'string' && WRITE_FAILED.test(message)) return true;
  }
  return false;
}

export interface PgliteGuard {
  /** The error every call has got since the instance died; undefined while it is usable. */
  readonly failure: Error | undefined;
  /** Runs once, when a statement fails to write (at once if that already happened). */
  onDead(handler: (failure: Error) => void): void;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Patches `client` in place. `describe` turns the failed statement's error into the error every later
 * call gets (with it as the cause), e.g. "no space left on the device holding STUDYBOT_DATA_DIR=…".
 *
 * Every statement, transaction step and close() goes through execProtocol / execProtocolStream, which
 * both end in execProtocolRawSync, the one call into the wasm Postgres: that is where calls are refused.
 */
export function guardPglite(client: PGlite, describe: (cause: unknown) => Error): PgliteGuard {
  const target = client as unknown as Record<string, Method>;
  let failure: Error | undefined;
  const handlers: ((failure: Error) => void)[] = [];
  const die = (cause: unknown) => {
    failure = describe(cause);
    for (const handler of handlers.splice(0)) handler(failure);
  };
  const rawSync = target.execProtocolRawSync!.bind(client);
  target.execProtocolRawSync = (...args) => {
    if (failure) throw failure;
    return rawSync(...args);
  };
  for (const name of ['execProtocol', 'execProtocolStream']) {
    const original = target[name]!.bind(client);
    target[name] = async (...args) => {
      if (failure) throw failure;
      try {
        return await original(...args);
      } catch (e) {
        if (!failure && isWriteFailure(e)) die(e);
        throw e;
      }
    };
  }
  return {
    get failure() {
      return failure;
    },
    onDead(handler) {
      if (failure) handler(failure);
      else handlers.push(handler);
    },
  };
}
