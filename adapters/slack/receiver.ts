// The Slack HTTP receiver Bolt runs with. Its front door (edge.ts: limits, refusals, signature
// check, the click's ack) runs in a worker thread of its own (edge-thread.ts), so accepting
// connections and acking never wait behind the core's work on this thread. What passes comes here:
//   - a click (block_actions), already acked, waits its turn as bytes (waiting-clicks.ts: a few
//     hundred run at once; a long wait gets the busy note), then goes to Bolt (`processEvent`, with
//     an ack that does nothing);
//   - anything else goes through Bolt's own HTTPReceiver (routing, a second signature check, the
//     ack and its body), on a request and response that stand in for the socket; its answer goes
//     back to the front door.
// Refusals are logged here, as counts. The limits and why: docs/reliability.md, "Slack limits".

import type http from 'node:http';
import { Readable } from 'node:stream';
import { HTTPReceiver, type App, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { DEFAULT_RECEIVER_LIMITS, type EdgeClick, type EdgeRequest, type EdgeResponse, type ReceiverLimits } from './edge.js';
import { startEdge, type EdgeHandle } from './edge-thread.js';
import { WaitingClicks, type WaitingClicksOptions } from './waiting-clicks.js';
import { ackLatency } from '../../src/ops/metrics.js';

export { DEFAULT_RECEIVER_LIMITS, type ReceiverLimits } from './edge.js';
export type { EdgeHandle } from './edge-thread.js';

export interface HardenedReceiverOptions {
  signingSecret: string;
  log: Logger;
  limits?: Partial<ReceiverLimits>;
  /** Clock for the timestamp check (seconds since the epoch); default the system clock, like Bolt's. Needs `thread: 'inline'`. */
  nowSeconds?: () => number;
  endpoint?: string;
  /** Where the front door runs: its own worker thread (default), or this one ('inline'; the default when `nowSeconds` is set). */
  thread?: 'worker' | 'inline';
  /** Clicks waiting for their turn: how many run at once, when a waiting one gets the busy note, and how it is sent. */
  clicks?: Omit<WaitingClicksOptions, 'log'>;
}

const utf8 = new TextDecoder();

export class HardenedReceiver implements Receiver {
  readonly limits: ReceiverLimits;
  private readonly inner: HTTPReceiver;
  private readonly log: Logger;
  private readonly endpoint: string;
  private edge: EdgeHandle | undefined;
  private app: App | undefined;
  /** Clicks acked by the front door whose handling by Bolt has not finished. */
  private readonly clicks = new Set<Promise<void>>();
  private readonly waiting: WaitingClicks;
  private readonly refusals = new Map<string, number>();
  private lastRefusalLog = 0;

  constructor(private readonly opts: HardenedReceiverOptions) {
    this.limits = { ...DEFAULT_RECEIVER_LIMITS, ...opts.limits };
    this.log = opts.log;
    this.endpoint = opts.endpoint ?? '/slack/events';
    this.waiting = new WaitingClicks((click, note) => this.handOver(click, note), { ...opts.clicks, log: opts.log });
    this.inner = new HTTPReceiver({
      signingSecret: opts.signingSecret,
      endpoints: [this.endpoint],
      logger: boltLogger(opts.log),
      bodyLimit: this.limits.bodyLimitBytes,
    });
  }

  init(app: App): void {
    this.app = app;
    this.inner.init(app);
  }

  async start(port: number): Promise<EdgeHandle> {
    const thread = this.opts.thread ?? (this.opts.nowSeconds ? 'inline' : 'worker');
    if (thread === 'worker' && this.opts.nowSeconds) throw new Error('a receiver clock (nowSeconds) cannot cross into the worker thread: use thread "inline"');
    this.edge = await startEdge(
      { signingSecret: this.opts.signingSecret, limits: this.limits, endpoint: this.endpoint, nowSeconds: this.opts.nowSeconds, port, thread, log: this.log },
      { click: (c) => this.onClick(c), request: (r) => this.onRequest(r), refused: (reason) => this.count(reason) },
    );
    return this.edge;
  }

  async stop(): Promise<void> {
    const edge = this.edge;
    if (!edge) return;
    this.edge = undefined;
    await edge.close();
  }

  /** A click the front door acked: it waits its turn, then goes to Bolt. */
  private onClick(click: EdgeClick): void {
    ackLatency.observe({ platform: 'slack', kind: 'action' }, click.ackMs / 1000);
    const handled = this.waiting.push(click).finally(() => this.clicks.delete(handled));
    this.clicks.add(handled);
  }

  private async handOver(click: EdgeClick, busyNote: Promise<unknown> | undefined): Promise<void> {
    const event = {
      body: JSON.parse(utf8.decode(click.payload)) as Record<string, unknown>,
      ack: async () => {},
      retryNum: click.retryNum,
      retryReason: click.retryReason,
      // When the click arrived, on this thread's clock (the click path times its busy note from it),
      // and the busy note sent while it waited, if any.
      customProperties: { ackedAt: click.receivedAt - performance.timeOrigin, ...(busyNote ? { busyNote } : {}) },
    };
    try {
      await this.app?.processEvent(event);
    } catch (err) {
      this.log.error({ err }, 'Bolt could not handle a click');
    }
  }

  /** Resolves when every click acked so far has been handed to Bolt and handled. */
  async idle(): Promise<void> {
    await this.edge?.sync();
    while (this.clicks.size > 0) await Promise.allSettled([...this.clicks]);
  }

  /** Bolt's own handling (routing, verification of the buffered body, ack) of a request that is not a click. */
  private onRequest(request: EdgeRequest): Promise<EdgeResponse> {
    const { req, res, answer } = exchange(request);
    try {
      this.inner.requestListener(req, res);
    } catch (err) {
      // Bolt throws for paths it does not serve (HTTPReceiverDeferredRequestError).
      if (!res.headersSent) res.writeHead(404).end();
      this.log.debug({ err }, 'request Bolt did not handle');
    }
    return answer;
  }

  /** Refusals are logged as counts at most every 10 s, so a flood cannot flood the log. */
  private count(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1);
    const now = Date.now();
    if (now - this.lastRefusalLog < 10_000) return;
    this.lastRefusalLog = now;
    this.log.warn({ refused: Object.fromEntries(this.refusals) }, 'Slack endpoint refused requests before reading them');
    this.refusals.clear();
  }
}

/**
 * The request Bolt's HTTPReceiver reads (method, url, headers and the body, already buffered) and a
 * response that records what it answers: writeHead and end are all Bolt's receiver calls.
 */
function exchange(r: EdgeRequest): { req: http.IncomingMessage; res: http.ServerResponse; answer: Promise<EdgeResponse> } {
  const rawBody = Buffer.from(r.rawBody.buffer, r.rawBody.byteOffset, r.rawBody.byteLength);
  const req = Object.assign(Readable.from([]), { method: r.method, url: r.url, headers: r.headers, rawBody });
  let settle!: (answer: EdgeResponse) => void;
  const answer = new Promise<EdgeResponse>((resolve) => (settle = resolve));
  let status = 200;
  const headers: Record<string, string | number | string[]> = {};
  const res = {
    headersSent: false,
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = value;
      return res;
    },
    writeHead(code: number, more?: Record<string, string | number | string[]>) {
      status = code;
      Object.assign(headers, more);
      res.headersSent = true;
      return res;
    },
    end(body?: string | Uint8Array) {
      res.headersSent = true;
      settle({ status, headers, ...(body === undefined ? {} : { body }) });
      return res;
    },
  };
  return { req: req as unknown as http.IncomingMessage, res: res as unknown as http.ServerResponse, answer };
}
