// The HTTP front door for Slack: Bolt's own HTTPReceiver does the routing, the signature check and
// the ack, but only after reading (up to 4 MB) and hashing every body. This receiver runs in front
// of it, on a server with timeouts and a connection cap, and refuses what cannot be Slack before
// reading it:
//   - no or malformed signature, a timestamp older than 5 minutes or in the future → 401 at once;
//   - a declared body over the limit → 413 at once; a body that grows over it → 413 when it does;
//   - too many bodies being read and verified at once → 503 + Retry-After (Slack retries), with a
//     separate, small allowance for large bodies, so big unsigned posts cannot crowd out Slack's
//     usual few-kilobyte requests.
// A body that passes is hashed as it arrives (one pass), verified, and handed to Bolt already
// buffered; Bolt checks the signature again and handles it as usual. The limits and why they
// were chosen: docs/reliability.md, "Slack limits".
// Clicks (block_actions) are acked here, as soon as their signature checks out: their ack never
// carries a body, so Bolt has nothing to decide before it. The click then goes to Bolt
// (`processEvent`, with an ack that does nothing) after this event-loop turn, so every request that
// arrived together is acked before any click's work runs (docs/reliability.md, issue 15).

import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, HTTPReceiver, type App, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { ackLatency } from '../../src/ops/metrics.js';

export interface ReceiverLimits {
  /** Largest body accepted (bytes). */
  bodyLimitBytes: number;
  /** Bodies declared larger than this (or of unknown length) count as large. */
  largeBodyBytes: number;
  /** Bodies being read and verified at once, in all. */
  maxUnverified: number;
  /** Of those, large bodies. */
  maxUnverifiedLarge: number;
  /** How far ahead of our clock a request timestamp may be. */
  futureSkewSeconds: number;
  /** How old a request timestamp may be (Bolt's own window). */
  maxAgeSeconds: number;
  /** Whole request (headers and body) must arrive within this (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** Headers must arrive within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are dropped by the server. */
  maxConnections: number;
}

export const DEFAULT_RECEIVER_LIMITS: ReceiverLimits = {
  bodyLimitBytes: 1536 * 1024,
  largeBodyBytes: 64 * 1024,
  maxUnverified: 256,
  maxUnverifiedLarge: 8,
  futureSkewSeconds: 60,
  maxAgeSeconds: 5 * 60,
  requestTimeoutMs: 5000,
  headersTimeoutMs: 3000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 512,
};

/** An unsigned request may only be Slack's `ssl_check=1&token=…`: never more than this. */
const UNSIGNED_LIMIT = 1024;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

type Refusal = { status: 401 | 413 | 503; reason: string };

export interface HardenedReceiverOptions {
  signingSecret: string;
  log: Logger;
  limits?: Partial<ReceiverLimits>;
  /** Clock for the timestamp check (seconds since the epoch); default the system clock, like Bolt's. */
  nowSeconds?: () => number;
  endpoint?: string;
}

export class HardenedReceiver implements Receiver {
  readonly limits: ReceiverLimits;
  private readonly inner: HTTPReceiver;
  private readonly log: Logger;
  private readonly nowSeconds: () => number;
  private readonly endpoint: string;
  private server: http.Server | undefined;
  private app: App | undefined;
  /** Clicks acked here whose handling by Bolt has not finished. */
  private readonly clicks = new Set<Promise<void>>();
  private unverified = 0;
  private unverifiedLarge = 0;
  private readonly refusals = new Map<string, number>();
  private lastRefusalLog = 0;

  constructor(private readonly opts: HardenedReceiverOptions) {
    this.limits = { ...DEFAULT_RECEIVER_LIMITS, ...opts.limits };
    this.log = opts.log;
    this.nowSeconds = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.endpoint = opts.endpoint ?? '/slack/events';
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

  start(port: number): Promise<http.Server> {
    const l = this.limits;
    const server = http.createServer({
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      keepAliveTimeout: l.keepAliveTimeoutMs,
      // How often Node looks for requests past those timeouts (default 30 s: far too coarse here).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(l.headersTimeoutMs / 3))),
    });
    server.maxConnections = l.maxConnections;
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.onRequest(req, res));
    server.on('drop', () => this.count('connection cap reached (dropped)'));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      this.refuse(res, { status: 401, reason: 'malformed request' });
      return;
    }
    if (req.method !== 'POST' || path !== this.endpoint) {
      this.dispatch(req, res); // Bolt answers 404
      return;
    }
    const checked = this.checkHeaders(req);
    if ('status' in checked) {
      this.refuse(res, checked);
      return;
    }
    const large = checked.length === undefined || checked.length > this.limits.largeBodyBytes;
    if (this.unverified >= this.limits.maxUnverified || (large && this.unverifiedLarge >= this.limits.maxUnverifiedLarge)) {
      this.refuse(res, { status: 503, reason: large ? 'too many large bodies at once' : 'too many requests at once' });
      return;
    }
    this.readAndVerify(req, res, checked, large, performance.now());
  }

  /** Everything that can be decided from the headers alone. */
  private checkHeaders(req: http.IncomingMessage): Refusal | { length: number | undefined; timestamp: string | undefined; signature: string | undefined } {
    const declared = req.headers['content-length'];
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) return { status: 413, reason: 'unreadable content-length' };
    const signature = req.headers['x-slack-signature'];
    const limit = signature === undefined ? UNSIGNED_LIMIT : this.limits.bodyLimitBytes;
    if (length !== undefined && length > limit) return { status: signature === undefined ? 401 : 413, reason: signature === undefined ? 'unsigned body' : 'body over the limit' };
    if (signature === undefined) return { length, timestamp: undefined, signature: undefined }; // ssl_check at most: Bolt decides
    if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { status: 401, reason: 'malformed signature' };
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { status: 401, reason: 'malformed timestamp' };
    const age = this.nowSeconds() - Number(timestamp);
    if (age > this.limits.maxAgeSeconds) return { status: 401, reason: 'stale timestamp' };
    if (-age > this.limits.futureSkewSeconds) return { status: 401, reason: 'timestamp in the future' };
    return { length, timestamp, signature };
  }

  private readAndVerify(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    head: { timestamp: string | undefined; signature: string | undefined },
    large: boolean,
    receivedAt: number,
  ): void {
    this.unverified++;
    if (large) this.unverifiedLarge++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.unverified--;
      if (large) this.unverifiedLarge--;
    };
    const limit = head.signature ? this.limits.bodyLimitBytes : UNSIGNED_LIMIT;
    const hmac = head.signature ? createHmac('sha256', this.opts.signingSecret).update(`v0:${head.timestamp}:`) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        release();
        this.refuse(res, head.signature ? { status: 413, reason: 'body over the limit' } : { status: 401, reason: 'unsigned body' });
        return;
      }
      hmac?.update(chunk);
      chunks.push(chunk);
    };
    const onEnd = () => {
      release();
      if (hmac && !sameSignature(hmac.digest('hex'), head.signature!.slice(3))) {
        this.refuse(res, { status: 401, reason: 'bad signature' });
        return;
      }
      const rawBody = Buffer.concat(chunks, size);
      const click = hmac ? blockActions(req, rawBody) : undefined;
      if (click) {
        this.ackClick(req, res, click, receivedAt);
        return;
      }
      (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
      this.dispatch(req, res);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('close', release); // aborted, timed out or done: the slot is free either way
    req.once('error', release);
  }

  /** A verified click: 200 now (what Bolt's ack would send), Bolt's handling after this turn's other requests. */
  private ackClick(req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>, receivedAt: number): void {
    res.writeHead(200).end();
    ackLatency.observe({ platform: 'slack', kind: 'action' }, (performance.now() - receivedAt) / 1000);
    const event = {
      body,
      ack: async () => {},
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: { ackedAt: performance.now() },
    };
    const handled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.app?.processEvent(event))
      .catch((err: unknown) => this.log.error({ err }, 'Bolt could not handle a click'))
      .finally(() => this.clicks.delete(handled));
    this.clicks.add(handled);
  }

  /** Resolves when every click acked here so far has been handed to Bolt and handled. */
  async idle(): Promise<void> {
    while (this.clicks.size > 0) await Promise.allSettled([...this.clicks]);
  }

  /** Bolt's own handling (routing, verification of the buffered body, ack), isolated from this server. */
  private dispatch(req: http.IncomingMessage, res: http.ServerResponse): void {
    try {
      this.inner.requestListener(req, res);
    } catch (err) {
      // Bolt throws for paths it does not serve (HTTPReceiverDeferredRequestError).
      if (!res.headersSent) res.writeHead(404).end();
      this.log.debug({ err }, 'request Bolt did not handle');
    }
  }

  /** Answer and close the connection without reading the rest of the body. */
  private refuse(res: http.ServerResponse, refusal: Refusal): void {
    this.count(refusal.reason);
    if (res.headersSent) return;
    res.shouldKeepAlive = false;
    res.writeHead(refusal.status, { connection: 'close', ...(refusal.status === 503 ? { 'retry-after': '1' } : {}) }).end();
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
 * The payload of a form-encoded block_actions request (how Slack sends clicks), else undefined:
 * everything else, and anything that does not parse, goes to Bolt as it is.
 */
function blockActions(req: http.IncomingMessage, rawBody: Buffer): Record<string, unknown> | undefined {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  if (rawBody.subarray(0, 8).toString('latin1') !== 'payload=') return undefined;
  try {
    const { payload } = parseQuery(rawBody.toString('utf8'));
    const body: unknown = typeof payload === 'string' ? JSON.parse(payload) : undefined;
    return body && typeof body === 'object' && (body as { type?: unknown }).type === 'block_actions' ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sameSignature(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
