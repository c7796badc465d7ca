// Parsing content files in a worker thread, so a slow or hostile file never delays a click.
// One worker, one file at a time, each with a time budget; a worker that runs over its budget or dies
// (out of memory) is replaced and that file gets an error finding.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../ops/module-worker.js';
import type { Logger } from 'pino';
import type { ParseResult } from './types.js';
import { DEFAULT_LIMITS, WORKER_LIMITS, type IntakeLimits } from './limits/index.js';
import { failedResult, parseSource } from './import/index.js';

export interface ParseJob {
  id: number;
  path: string;
  /** A file's text, or a workbook's bytes (transferred to the worker, not copied). */
  source: string | Uint8Array;
  limits: IntakeLimits;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'parsed'; id: number; result: ParseResult };

export interface ParseWorkerOptions {
  limits?: IntakeLimits;
  /** Time one file may take in the worker. */
  fileTimeoutMs?: number;
  /** Heap of the worker (MB); a file that needs more gets an error and the worker is replaced. */
  maxHeapMb?: number;
  /** An idle worker is stopped after this long (it is started again on the next change). */
  idleMs?: number;
  log?: Logger;
}

function startWorker(maxHeapMb: number): Worker {
  return startModuleWorker(import.meta.url, 'parse-worker', { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
}

/**
 * A workbook's bytes are moved to the worker, not copied: the buffer when the bytes own it whole, else a copy
 * of just those bytes (a pooled Buffer shares its memory with others). Text is copied, as it must be.
 */
function transferOf(job: ParseJob): ArrayBuffer[] {
  if (typeof job.source === 'string') return [];
  const { buffer, byteOffset, byteLength } = job.source;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return [buffer];
  job.source = new Uint8Array(job.source);
  return [job.source.buffer as ArrayBuffer];
}

interface Pending {
  job: ParseJob;
  resolve: (r: ParseResult) => void;
}

export class ParseWorker {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private queue: Pending[] = [];
  private running = false;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly limits: IntakeLimits;
  private readonly fileTimeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly idleMs: number;
  private readonly log: Logger | undefined;

  constructor(opts: ParseWorkerOptions = {}) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.fileTimeoutMs = opts.fileTimeoutMs ?? WORKER_LIMITS.fileTimeoutMs;
    this.maxHeapMb = opts.maxHeapMb ?? WORKER_LIMITS.maxHeapMb;
    this.idleMs = opts.idleMs ?? 30_000;
    this.log = opts.log;
  }

  /** Parses one file's text, or a workbook's bytes, in the worker; never rejects. The bytes are handed over to it. */
  parse(source: string | Uint8Array, path: string): Promise<ParseResult> {
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, path, source, limits: this.limits }, resolve });
      void this.drain();
    });
  }

  /** Stops the worker (queued files are parsed by a new one if more come). */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void w?.terminate();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) next.resolve(await this.run(next.job));
    } finally {
      this.running = false;
      this.worker?.unref();
      this.idleTimer = setTimeout(() => this.close(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private ensureWorker(): Promise<boolean> {
    if (this.ready && this.worker) return this.ready;
    const worker = startWorker(this.maxHeapMb);
    this.worker = worker;
    // A worker that exits for any reason is forgotten; the next file starts a new one.
    worker.once('exit', () => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.ready = undefined;
      }
    });
    this.ready = new Promise<boolean>((resolve) => {
      let started = false;
      const onMessage = (m: WorkerMessage) => {
        if (m.kind !== 'ready') return;
        started = true;
        worker.off('message', onMessage);
        resolve(true);
      };
      worker.on('message', onMessage);
      worker.once('error', (err) => {
        if (!started) this.log?.error({ err }, 'content parse worker failed to start; parsing on the main thread');
        resolve(false);
      });
      worker.once('exit', () => resolve(false));
    });
    return this.ready;
  }

  private async run(job: ParseJob): Promise<ParseResult> {
    const started = await this.ensureWorker();
    const w = this.worker;
    if (!started || !w) {
      this.close();
      return parseSource(job.source, job.path, this.limits);
    }
    w.ref();
    return new Promise<ParseResult>((resolve) => {
      const finish = (result: ParseResult, replaceWorker: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (replaceWorker && this.worker === w) this.close();
        resolve(result);
      };
      const fail = (code: 'parse-timeout' | 'parse-crashed', message: string) =>
        finish(failedResult(job.path, { path: job.path, line: 1, severity: 'error', message, code }), true);
      const onMessage = (m: WorkerMessage) => {
        if (m.kind === 'parsed' && m.id === job.id) finish(m.result, false);
      };
      const onError = (err: Error) => {
        this.log?.warn({ err, path: job.path }, 'content parse worker died');
        const memory = /memory/i.test(err.message) || (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        fail('parse-crashed', memory ? `reading this file needs more than ${this.maxHeapMb} MB; it is not read` : `reading this file crashed the parser (${err.message}); it is not read`);
      };
      const onExit = () => fail('parse-crashed', 'the parser stopped while reading this file; it is not read');
      const timer = setTimeout(() => {
        this.log?.warn({ path: job.path, budgetMs: this.fileTimeoutMs }, 'content file took too long to parse; stopped');
        fail('parse-timeout', `reading this file took longer than ${this.fileTimeoutMs / 1000} s; it is not read (simplify or split it)`);
      }, this.fileTimeoutMs);
      w.on('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      w.postMessage(job, transferOf(job));
    });
  }
}
