// Where the group commits' statements run (answer-batcher.ts, memory-store.ts). On Postgres, a worker
// thread with its own small pool (statement-worker.ts): under a burst these statements carry every
// answer, and sending them, waking Postgres and parsing their rows cost the event loop more than
// building them (docs/reliability.md, "Fourth pass"). On PGlite, which lives in this thread, the
// drizzle handle runs them.
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Worker } from 'node:worker_threads';
import { closeModuleWorker, startModuleWorker } from '../ops/module-worker.js';
import type { Db, StatementRunner } from './types.js';

export type { StatementRunner } from './types.js';

export interface StatementWorkerData {
  url: string;
  /** Quoted schema name for search_path, when not the default. */
  searchPath?: string;
  max: number;
}

export type StatementRequest = { kind: 'run'; id: number; text: string; params: unknown[] } | { kind: 'warm'; id: number } | { kind: 'close' };
export type StatementReply =
  | { kind: 'rows'; id: number; rows: unknown[] }
  | { kind: 'error'; id: number; error: Record<string, unknown> }
  | { kind: 'closed' };

/** The drizzle handle itself (PGlite, tests). */
export function inThreadRunner(db: Db): StatementRunner {
  return {
    async rows<T>(query: SQL) {
      return ((await db.execute(query)) as unknown as { rows?: T[] }).rows ?? [];
    },
    async warm() {},
    async close() {},
  };
}

const dialect = new PgDialect();

/** An Error carrying node-postgres' fields (code, detail, constraint…), as the stores' retry and outage checks read them. */
function rebuildError(fields: Record<string, unknown>, text: string): Error {
  const err = Object.assign(new Error(String(fields.message)), fields);
  return Object.assign(new Error(`Failed query: ${text.trim().split('\n')[0]}…`, { cause: err }), { code: fields.code });
}

/**
 * A worker thread with its own pool of `max` connections. Started at the first statement; a worker
 * that stops is replaced at the next one, and the statements it had are failed as a lost connection.
 */
export function workerRunner(data: StatementWorkerData): StatementRunner {
  let worker: Worker | undefined;
  let nextId = 1;
  let closing: Promise<void> | undefined;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void; text: string }>();

  const start = (): Worker => {
    const w = startModuleWorker(import.meta.url, 'statement-worker', { workerData: data });
    w.on('message', (m: StatementReply) => {
      if (m.kind === 'closed') return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (!pending.size) w.unref();
      if (m.kind === 'rows') p.resolve(m.rows);
      else p.reject(rebuildError(m.error, p.text));
    });
    const lost = (why: string) => {
      if (worker !== w) return;
      worker = undefined;
      for (const [id, p] of pending) {
        pending.delete(id);
        // 08006 connection_failure: the stores report it as "database unavailable".
        p.reject(Object.assign(new Error(`the database connection thread stopped (${why})`), { code: '08006' }));
      }
    };
    w.once('error', (err) => lost(err.message));
    w.once('exit', (code) => lost(`exit ${code}`));
    return w;
  };

  const send = (request: (id: number) => StatementRequest, text: string): Promise<unknown[]> => {
    if (closing) return Promise.reject(Object.assign(new Error('cannot use a pool after calling end'), { code: '08003' }));
    const w = (worker ??= start());
    const id = nextId++;
    w.ref(); // a statement in flight keeps the process alive, as a socket would
    return new Promise<unknown[]>((resolve, reject) => {
      pending.set(id, { resolve, reject, text });
      w.postMessage(request(id));
    });
  };

  return {
    rows<T>(query: SQL): Promise<T[]> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return send((id) => ({ kind: 'run', id, text, params }), text) as Promise<T[]>;
    },
    async warm() {
      await send((id) => ({ kind: 'warm', id }), 'open the connections');
    },
    close() {
      closing ??= (async () => {
        if (worker) await closeModuleWorker(worker, 5_000);
      })();
      return closing;
    },
  };
}
