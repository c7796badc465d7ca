// The Slack HTTP front door, without Bolt: a server with timeouts and a connection cap that refuses
// what cannot be Slack before reading it, reads and verifies the rest, acks clicks itself and hands
// everything that passes to a sink. It runs in a worker thread of its own (edge-worker.ts) or, for
// tests that set the clock, in the caller's thread; receiver.ts connects the sink to Bolt.
//   - no or malformed signature, a timestamp older than 5 minutes or in the future → 401 at once;
//   - a declared body over the limit → 413 at once; a body that grows over it → 413 when it does;
//   - too many bodies being read and verified at once → 503 + Retry-After (Slack retries), with a
//     separate, small allowance for large bodies, so big unsigned posts cannot crowd out Slack's
//     usual few-kilobyte requests.
// Clicks (block_actions) are acked as soon as their signature checks out: their ack never carries a
// body, so Bolt has nothing to decide before it. The limits and why: docs/reliability.md.

import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

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

/** A verified click, already answered 200. */
export interface EdgeClick {
  /**
   * The payload's JSON as UTF-8 (its own ArrayBuffer, so it can be transferred): the adapter parses
   * it when the click's turn comes, so a click waiting for its turn costs the heap one buffer.
   */
  payload: Uint8Array;
  /** Where a busy note goes while the click waits (absent: the payload has none). */
  responseUrl: string | undefined;
  /** A button (a checkbox toggle or a menu gets no busy note). */
  button: boolean;
  /** `team:user`: one user's clicks keep their order while they wait. */
  user: string;
  retryNum: number | undefined;
  retryReason: string | undefined;
  /** When the request arrived, in ms since the epoch (comparable across threads). */
  receivedAt: number;
  /** Arrival → the 200 written. */
  ackMs: number;
}

/** Any other request to the endpoint, its body read in full and its signature (if any) checked. */
export interface EdgeRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawBody: Uint8Array;
}

export interface EdgeResponse {
  status: number;
  headers?: Record<string, string | number | string[]>;
  body?: string | Uint8Array;
}

export interface EdgeSink {
  click(click: EdgeClick): void;
  /** Bolt's answer to a request that is not a click. */
  request(request: EdgeRequest): Promise<EdgeResponse>;
  /** A request refused before Bolt saw it, by reason. */
  refused(reason: string): void;
}

export interface EdgeOptions {
  signingSecret: string;
  limits: ReceiverLimits;
  endpoint: string;
  /** Clock for the timestamp check (seconds since the epoch); default the system clock, like Bolt's. */
  nowSeconds?: (() => number) | undefined;
}

/** An unsigned request may only be Slack's `ssl_check=1&token=…`: never more than this. */
const UNSIGNED_LIMIT = 1024;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

type Refusal = { status: 401 | 404 | 413 | 500 | 503; reason: string };
type Head = { length: number | undefined; timestamp: string | undefined; signature: string | undefined };

const epochMs = () => performance.timeOrigin + performance.now();

export class SlackEdge {
  private server: http.Server | undefined;
  private unverified = 0;
  private unverifiedLarge = 0;
  private readonly nowSeconds: () => number;

  constructor(
    private readonly opts: EdgeOptions,
    private readonly sink: EdgeSink,
  ) {
    this.nowSeconds = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Listens on `port` (0: any free one) and resolves with the port. */
  listen(port: number): Promise<number> {
    const l = this.opts.limits;
    const server = http.createServer({
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      keepAliveTimeout: l.keepAliveTimeoutMs,
      // How often Node looks for requests past those timeouts (default 30 s: far too coarse here).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(l.headersTimeoutMs / 3))),
    });
    server.maxConnections = l.maxConnections;
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.onRequest(req, res));
    server.on('drop', () => this.sink.refused('connection cap reached (dropped)'));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedAt = epochMs();
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      this.refuse(res, { status: 401, reason: 'malformed request' });
      return;
    }
    if (req.method !== 'POST' || path !== this.opts.endpoint) {
      // What Bolt answers for a path it does not serve.
      res.writeHead(404).end();
      return;
    }
    const checked = this.checkHeaders(req);
    if ('status' in checked) {
      this.refuse(res, checked);
      return;
    }
    const l = this.opts.limits;
    const large = checked.length === undefined || checked.length > l.largeBodyBytes;
    if (this.unverified >= l.maxUnverified || (large && this.unverifiedLarge >= l.maxUnverifiedLarge)) {
      this.refuse(res, { status: 503, reason: large ? 'too many large bodies at once' : 'too many requests at once' });
      return;
    }
    this.readAndVerify(req, res, checked, large, receivedAt);
  }

  /** Everything that can be decided from the headers alone. */
  private checkHeaders(req: http.IncomingMessage): Refusal | Head {
    const l = this.opts.limits;
    const declared = req.headers['content-length'];
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) return { status: 413, reason: 'unreadable content-length' };
    const signature = req.headers['x-slack-signature'];
    const limit = signature === undefined ? UNSIGNED_LIMIT : l.bodyLimitBytes;
    if (length !== undefined && length > limit) return { status: signature === undefined ? 401 : 413, reason: signature === undefined ? 'unsigned body' : 'body over the limit' };
    if (signature === undefined) return { length, timestamp: undefined, signature: undefined }; // ssl_check at most: Bolt decides
    if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { status: 401, reason: 'malformed signature' };
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { status: 401, reason: 'malformed timestamp' };
    const age = this.nowSeconds() - Number(timestamp);
    if (age > l.maxAgeSeconds) return { status: 401, reason: 'stale timestamp' };
    if (-age > l.futureSkewSeconds) return { status: 401, reason: 'timestamp in the future' };
    return { length, timestamp, signature };
  }

  private readAndVerify(req: http.IncomingMessage, res: http.ServerResponse, head: Head, large: boolean, receivedAt: number): void {
    this.unverified++;
    if (large) this.unverifiedLarge++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.unverified--;
      if (large) this.unverifiedLarge--;
    };
    const limit = head.signature ? this.opts.limits.bodyLimitBytes : UNSIGNED_LIMIT;
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
      if (click) this.ackClick(req, res, click, receivedAt);
      else this.forward(req, res, rawBody);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('close', release); // aborted, timed out or done: the slot is free either way
    req.once('error', release);
  }

  /** A verified click: 200 now (what Bolt's ack would send), then to the sink. */
  private ackClick(req: http.IncomingMessage, res: http.ServerResponse, click: ParsedClick, receivedAt: number): void {
    res.writeHead(200).end();
    const responseUrl = typeof click.body.response_url === 'string' ? click.body.response_url : undefined;
    const first = Array.isArray(click.body.actions) ? (click.body.actions[0] as { type?: unknown } | undefined) : undefined;
    this.sink.click({
      payload: utf8.encode(click.json), responseUrl, button: first?.type === 'button', user: clickUser(click.body),
      retryNum: retryNum(req), retryReason: header(req, 'x-slack-retry-reason'), receivedAt, ackMs: epochMs() - receivedAt,
    });
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer): void {
    this.sink.request({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, rawBody }).then(
      (answer) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(answer.status, answer.headers).end(answer.body);
      },
      () => this.refuse(res, { status: 500, reason: 'Bolt could not answer' }),
    );
  }

  /** Answer and close the connection without reading the rest of the body. */
  private refuse(res: http.ServerResponse, refusal: Refusal): void {
    this.sink.refused(refusal.reason);
    if (res.headersSent) return;
    res.shouldKeepAlive = false;
    res.writeHead(refusal.status, { connection: 'close', ...(refusal.status === 503 ? { 'retry-after': '1' } : {}) }).end();
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Slack's x-slack-retry-num, as Bolt's extractRetryNumFromHTTPRequest reads it (Bolt is not loaded in this thread). */
function retryNum(req: http.IncomingMessage): number | undefined {
  const v = header(req, 'x-slack-retry-num');
  return v === undefined ? undefined : Number.parseInt(v, 10);
}

const utf8 = new TextEncoder();

/** Whose click it is, `team:user`: one user's clicks are kept in order by this key (here and in click-path.ts). */
export function clickUser(body: { team?: unknown; user?: unknown }): string {
  const user = (body.user ?? {}) as { id?: unknown; team_id?: unknown };
  const team = (body.team as { id?: unknown } | null | undefined)?.id ?? user.team_id;
  return `${String(team)}:${String(user.id)}`;
}

interface ParsedClick {
  json: string;
  body: Record<string, unknown>;
}

/**
 * The payload of a form-encoded block_actions request (how Slack sends clicks), else undefined:
 * everything else, and anything that does not parse, goes to Bolt as it is.
 */
function blockActions(req: http.IncomingMessage, rawBody: Buffer): ParsedClick | undefined {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  if (rawBody.subarray(0, 8).toString('latin1') !== 'payload=') return undefined;
  try {
    const { payload } = parseQuery(rawBody.toString('utf8'));
    if (typeof payload !== 'string') return undefined;
    const body: unknown = JSON.parse(payload);
    return body && typeof body === 'object' && (body as { type?: unknown }).type === 'block_actions' ? { json: payload, body: body as Record<string, unknown> } : undefined;
  } catch {
    return undefined;
  }
}

function sameSignature(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
