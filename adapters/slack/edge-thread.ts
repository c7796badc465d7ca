// Starts the Slack HTTP front door (edge.ts) in a worker thread of its own (edge-worker.ts), or in
// this thread, and gives both the same handle. A worker that stops is replaced on the same port, and
// so is one that stops answering (a watchdog: a thread stuck in a loop acks nothing, and would
// otherwise never exit).
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { closeModuleWorker, startModuleWorker } from '../../src/ops/module-worker.js';
import { SlackEdge, type EdgeClick, type EdgeOptions, type EdgeRequest, type EdgeResponse, type EdgeSink, type ReceiverLimits } from './edge.js';

export interface EdgeWorkerData {
  signingSecret: string;
  limits: ReceiverLimits;
  endpoint: string;
  port: number;
}

export type EdgeToMain =
  | { kind: 'click'; click: EdgeClick }
  | { kind: 'request'; id: number; request: EdgeRequest }
  | { kind: 'refused'; reason: string }
  | { kind: 'synced'; id: number }
  | { kind: 'listening'; port: number }
  | { kind: 'failed'; message: string; code?: string }
  | { kind: 'closed' };

export type EdgeFromMain =
  | { kind: 'response'; id: number; response: EdgeResponse }
  | { kind: 'sync'; id: number }
  | { kind: 'close' }
  /** Tests only: the thread's loop is held busy this long (a stuck thread, for the watchdog). */
  | { kind: 'stall'; ms: number };

/** The front door as the adapter sees it, wherever it runs. */
export interface EdgeHandle {
  readonly listening: boolean;
  address(): AddressInfo;
  /** Resolves once every click and request the front door passed on so far has reached the sink. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StartEdgeOptions extends EdgeOptions {
  port: number;
  /** 'worker' (the default in production): its own thread; 'inline': this thread (a test's clock needs it). */
  thread: 'worker' | 'inline';
  log: Logger;
  /** Called with each worker thread started (tests stop one to see it replaced). */
  onThread?: (worker: Worker) => void;
  /** A thread that has not answered a check for this long is stopped and replaced (default 10 s). */
  watchdogMs?: number;
}

const addressOf = (port: number): AddressInfo => ({ address: '::', family: 'IPv6', port });

export async function startEdge(opts: StartEdgeOptions, sink: EdgeSink): Promise<EdgeHandle> {
  if (opts.thread === 'inline') {
    const edge = new SlackEdge(opts, sink);
    const port = await edge.listen(opts.port);
    return {
      get listening() {
        return edge.listening;
      },
      address: () => addressOf(port),
      sync: async () => {},
      close: () => edge.close(),
    };
  }
  return new EdgeWorker(opts, sink).start();
}

class EdgeWorker {
  private worker: Worker | undefined;
  private port: number;
  private up = false;
  private closing: Promise<void> | undefined;
  private nextSync = 0;
  private spawnedAt = 0;
  private readonly syncs = new Map<number, () => void>();

  constructor(
    private readonly opts: StartEdgeOptions,
    private readonly sink: EdgeSink,
  ) {
    this.port = opts.port;
  }

  async start(): Promise<EdgeHandle> {
    this.port = await this.spawn();
    const edge = this;
    return {
      get listening() {
        return edge.up;
      },
      address: () => addressOf(edge.port),
      sync: () => edge.sync(),
      close: () => edge.close(),
    };
  }

  /** A worker listening on the port; rejects as `server.listen` would (EADDRINUSE…). */
  private spawn(): Promise<number> {
    const data: EdgeWorkerData = { signingSecret: this.opts.signingSecret, limits: this.opts.limits, endpoint: this.opts.endpoint, port: this.port };
    const w = startModuleWorker(import.meta.url, 'edge-worker', { workerData: data });
    this.worker = w;
    this.spawnedAt = performance.now();
    this.opts.onThread?.(w);
    return new Promise((resolve, reject) => {
      w.on('message', (m: EdgeToMain) => {
        switch (m.kind) {
          case 'click':
            this.sink.click(m.click);
            break;
          case 'request':
            this.sink.request(m.request).then(
              (response) => w.postMessage({ kind: 'response', id: m.id, response } satisfies EdgeFromMain),
              () => w.postMessage({ kind: 'response', id: m.id, response: { status: 500 } } satisfies EdgeFromMain),
            );
            break;
          case 'refused':
            this.sink.refused(m.reason);
            break;
          case 'synced':
            this.syncs.get(m.id)?.();
            this.syncs.delete(m.id);
            break;
          case 'listening':
            this.up = true;
            this.watch(w);
            resolve(m.port);
            break;
          case 'failed':
            reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
            void w.terminate();
            break;
          case 'closed':
            break;
        }
      });
      w.once('error', (err) => this.opts.log.error({ err }, 'the Slack HTTP thread failed'));
      w.once('exit', (code) => {
        if (this.worker !== w) return;
        this.worker = undefined;
        const wasUp = this.up;
        this.up = false;
        for (const done of this.syncs.values()) done();
        this.syncs.clear();
        reject(new Error(`the Slack HTTP thread stopped before listening (exit ${code})`));
        if (wasUp && !this.closing) this.replace(code);
      });
    });
  }

  /** A thread that stopped while serving is started again on the same port, at most once a second. */
  private replace(code: number): void {
    this.opts.log.error({ exitCode: code, port: this.port }, 'the Slack HTTP thread stopped; starting it again');
    const retry = () => {
      if (this.closing) return;
      this.spawn().catch((err: unknown) => {
        this.opts.log.error({ err }, 'the Slack HTTP thread could not start again; retrying in 1 s');
        setTimeout(retry, 1000).unref();
      });
    };
    setTimeout(retry, Math.max(0, 1000 - (performance.now() - this.spawnedAt))).unref();
  }

  /**
   * Checks every half period that the thread answers; one silent for a whole period is stopped (and
   * replaced on exit). When this thread was itself held up, its answer may be waiting unread here:
   * the wait starts again rather than condemn a thread that did answer.
   */
  private watch(w: Worker): void {
    const limitMs = this.opts.watchdogMs ?? 10_000;
    const periodMs = Math.max(10, limitMs / 2);
    let askedAt: number | undefined;
    let lastTick = performance.now();
    const timer = setInterval(() => {
      if (this.worker !== w || this.closing) {
        clearInterval(timer);
        return;
      }
      const now = performance.now();
      if (askedAt !== undefined && now - lastTick > 2 * periodMs) askedAt = now;
      lastTick = now;
      if (askedAt === undefined) {
        askedAt = performance.now();
        void this.sync().then(() => (askedAt = undefined));
      } else if (performance.now() - askedAt > limitMs) {
        clearInterval(timer);
        this.opts.log.error({ silentMs: Math.round(performance.now() - askedAt), port: this.port }, 'the Slack HTTP thread stopped answering; stopping it');
        void w.terminate();
      }
    }, periodMs);
    timer.unref();
  }

  private sync(): Promise<void> {
    const w = this.worker;
    if (!w) return Promise.resolve();
    const id = ++this.nextSync;
    return new Promise((resolve) => {
      this.syncs.set(id, resolve);
      w.postMessage({ kind: 'sync', id } satisfies EdgeFromMain);
    });
  }

  private close(): Promise<void> {
    this.closing ??= (async () => {
      const w = this.worker;
      if (!w) return;
      // Open requests get their answers first; a thread that does not answer at all is stopped.
      await closeModuleWorker(w, 10_000);
      this.up = false;
    })();
    return this.closing;
  }
}
