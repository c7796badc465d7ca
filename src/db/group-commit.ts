// Group commit: calls that arrive while earlier statements are in flight are run together in one
// statement (one round trip, one WAL flush), so a burst of 200 clicks costs a handful of
// statements instead of 200. A microtask, not a timer, starts a batch: nobody waits for a window,
// and batches grow by themselves under load while earlier statements are in flight.

import { sql } from 'drizzle-orm';

export interface GroupCommitOptions {
  /** Most items in one statement (default 250). */
  maxBatch?: number;
  /** Statements in flight at once (default 4; keep below the pool size). */
  maxInFlight?: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  /** `run` gets the batch in arrival order and returns one result per item, in the same order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 250;
    this.maxInFlight = opts.maxInFlight ?? 4;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight || !this.queue.length) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      while (this.inFlight < this.maxInFlight && this.queue.length) this.flush(this.queue.splice(0, this.maxBatch));
    });
  }

  private flush(batch: Pending<I, O>[]) {
    this.inFlight++;
    this.run(batch.map((p) => p.item))
      .then((outs) => batch.forEach((p, i) => p.resolve(outs[i] as O)))
      .catch((err: unknown) => batch.forEach((p) => p.reject(err)))
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }
}

/**
 * Column parameters for `unnest($1::t[], $2::t[], …)`: `columnsOf(rows)(r => r.x)` is one array
 * parameter holding every row's x, so a batched statement's text and parameter count stay the same
 * whatever the batch size (building it stays cheap).
 */
export function columnsOf<R>(rows: readonly R[]) {
  return <T>(pick: (row: R) => T) => sql.param(rows.map(pick));
}

/**
 * The last item per key (a multi-row upsert may not touch one row twice), sorted by key: concurrent
 * batches then lock shared rows in the same order and cannot deadlock each other.
 */
export function lastPerKey<T>(items: T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}
