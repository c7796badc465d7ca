// Group commit: calls that arrive while earlier statements are in flight are run together in one
// statement (one round trip, one WAL flush), so a burst of 500 clicks costs a handful of
// statements instead of 500. A microtask, not a timer, starts a batch: nobody waits for a window.
// Batches are sized by the load: with few statements in flight (default 2) everything that
// arrives meanwhile goes into the next one, so the batch grows with the arrival rate and the
// statement rate stays flat (a fixed cap of small batches made Postgres commit once per click).

import { sql } from 'drizzle-orm';

export interface GroupCommitOptions {
  /** Most items in one statement (default 2000; the statements pass one array per column, so size costs no parameters). */
  maxBatch?: number;
  /** Statements in flight at once (default 2: one running while the next fills). */
  maxInFlight?: number;
  /**
   * Callers resumed per event-loop turn when a batch returns (default 32): the rest wait for the
   * next turn, so a 500-item batch does not run 500 continuations in one go while requests wait
   * to be acked.
   */
  resumePerTurn?: number;
  /** A name for diagnostics. */
  name?: string;
}

interface Pending<I, O> {
  item: I;
  at: number;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/** One statement of a group commit, for diagnostics (`bench:load STAGES=1`). */
export interface BatchTiming {
  name: string;
  size: number;
  /** Statement start → results. */
  ms: number;
  /** The oldest item's wait from submit to the statement's start. */
  waitMs: number;
}

export class GroupCommit<I, O> {
  /** Diagnostics hook: called once per statement when set. */
  static observe: ((t: BatchTiming) => void) | undefined;

  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly name: string;
  private readonly resumePerTurn: number;

  /** `run` gets the batch in arrival order and returns one result per item, in the same order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 2000);
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 2);
    this.name = opts.name ?? 'users/cards';
    this.resumePerTurn = Math.max(1, opts.resumePerTurn ?? 32);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, at: performance.now(), resolve, reject });
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
    const started = performance.now();
    const observe = GroupCommit.observe;
    this.run(batch.map((p) => p.item))
      .then((outs) => {
        observe?.({ name: this.name, size: batch.length, ms: performance.now() - started, waitMs: started - batch[0]!.at });
        this.resume(batch, (p, i) => p.resolve(outs[i] as O));
      })
      .catch((err: unknown) => this.resume(batch, (p) => p.reject(err)))
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }

  /** Settles the batch's callers `resumePerTurn` at a time, one slice per event-loop turn (setImmediate). */
  private resume(batch: Pending<I, O>[], settle: (p: Pending<I, O>, i: number) => void, from = 0): void {
    const to = Math.min(batch.length, from + this.resumePerTurn);
    for (let i = from; i < to; i++) settle(batch[i]!, i);
    if (to < batch.length) setImmediate(() => this.resume(batch, settle, to));
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

/**
 * Every row in one JSON parameter, for `json_to_recordset($1::json) as t(col type, …)`: one
 * parameter whatever the batch size, serialised by JSON.stringify (arrays of text per column cost
 * the driver an escaped copy of every value, JSON text twice over).
 */
export function rowsParam<R>(rows: readonly R[], pick: (row: R) => Record<string, unknown>) {
  const values = rows.map(pick);
  const json = JSON.stringify(values);
  // A lone surrogate (a malformed payload's name) is written as an escape Postgres refuses, which would
  // fail the whole batch; it becomes U+FFFD instead, as UTF-8 encoding does to any other parameter.
  return sql.param(SURROGATE_ESCAPE.test(json) ? JSON.stringify(values, (_key, v: unknown) => (typeof v === 'string' ? v.toWellFormed() : v)) : json);
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
