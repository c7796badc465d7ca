// A fake of Slack's Web API, response_url endpoint and (optionally) Socket Mode, on 127.0.0.1.
// It records every call (method, parsed body, time, status) so tests can assert the exact calls a
// real @slack/bolt / @slack/web-api client made, answers 429 + Retry-After on demand, and counts
// calls per method per minute (the load benchmark reuses it to show a bot stays within Slack's tiers).
// views.open checks a modal the way Slack does (limits, required fields, one use per trigger_id),
// keeps the opened view, and can build the view_submission payload Slack sends when it is submitted.
// File uploads (files upload v2): files.getUploadURLExternal hands out an upload URL on this fake,
// which takes the bytes (multipart, as @slack/web-api sends them, or raw); files.completeUploadExternal
// completes them, shared into `channel_id` when given. A response_url post with an image block
// is refused (`invalid_blocks`) unless its `slack_file.id` is a completed upload; `processFilesAfter(n)`
// makes the next n such posts be refused anyway, as Slack does while it still processes a new file.
// chat.postEphemeral to a user marked with `userLeft(channel, user)` answers `user_not_in_channel`;
// chat.postMessage to a user id posts in the app's DM with them (channel `D…`), or answers the
// error given to `refuseDms(user, error)`.
// Linked pictures (`image_url`) must be http(s) URLs of at most 3,000 characters; Slack downloads them
// while taking the message, so one on a host marked with `unreachableImageHost(host)` gets the whole
// message refused (`invalid_blocks`, "downloading image failed") by chat.postMessage, chat.update,
// chat.postEphemeral and response_url posts alike.

import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart } from './multipart.js';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for posts to a response URL. */
  method: string;
  /** Parsed body: form fields (JSON-looking values such as `blocks` decoded) or the JSON body. */
  body: Record<string, any>;
  /** The fake's clock (ms) when the call arrived. */
  time: number;
  /** HTTP status the fake answered. */
  status: number;
  /** For response_url calls: the id part of the URL (`/response/<id>`). */
  responseId?: string;
  /** What the fake answered (Web API JSON), when it answered 200. */
  response?: Record<string, any>;
  /** True when the call carried `Authorization: Bearer <the fake's token>` (the token itself is not kept). */
  authorized: boolean;
}

export interface FakeSlackUser {
  id: string;
  name?: string;
  team_id?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  [key: string]: unknown;
}

/** A file uploaded through files.getUploadURLExternal → upload URL → files.completeUploadExternal. */
export interface FakeUpload {
  id: string;
  filename: string;
  /** `length` announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  /** The bytes posted to the upload URL (null until then). */
  bytes: Buffer | null;
  /** The part's content type (multipart) or the request's. */
  contentType?: string;
  completed: boolean;
  title?: string;
  /** The channel it was shared into by files.completeUploadExternal (undefined: not shared). */
  sharedTo?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** Every version, oldest first (post, then each update). */
  history: { text: string; blocks: unknown[] }[];
  /** Message metadata given to chat.postMessage (`event_type`, `event_payload`). */
  metadata?: unknown;
}

type MethodHandler = (body: Record<string, any>, call: RecordedCall) => Record<string, unknown>;

export interface FakeSlackApiOptions {
  /** Token a call must carry; calls without it get `invalid_auth`. Default `xoxb-test`. */
  token?: string;
  /** App-level token `apps.connections.open` must carry (Socket Mode). Default `xapp-test`. */
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Clock for recorded times and message ts values. Default Date.now. */
  now?: () => number;
  /** How many times one response_url may be used (Slack: 5). */
  responseUrlUses?: number;
}

/** A modal opened with views.open, as Slack keeps it (what a view_submission echoes back). */
export interface OpenedView {
  id: string;
  team_id: string;
  trigger_id: string;
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: { type: 'plain_text'; text: string; emoji?: boolean };
  submit: { type: 'plain_text'; text: string; emoji?: boolean } | null;
  close: { type: 'plain_text'; text: string; emoji?: boolean } | null;
  blocks: Record<string, any>[];
  hash: string;
}

export interface ViewSubmissionArgs {
  user: { id: string; name?: string };
  /** The workspace the submission comes from (default: the view's team). */
  teamId?: string;
  /** Text typed into the view's plain_text_input (every one, by action_id; a string fills them all). */
  values: string | Record<string, string>;
  /** Replace the view's private_metadata (a tampered or foreign view). */
  privateMetadata?: string;
  /** Org-wide install: `team: null`, `enterprise` set, `is_enterprise_install: true`. */
  orgWide?: { enterprise: string };
  /** Replace the view's callback_id (a forged form). */
  callbackId?: string;
}

/**
 * Problems Slack would report for a modal view (`invalid_arguments` with these messages), or []
 * when it is valid. Checks the limits studybot relies on: title/submit/close 24 chars, callback_id
 * 255, private_metadata 3,000, 1–100 blocks, submit required with an input block, and
 * plain_text_input labels, placeholders and length bounds.
 */
export function modalProblems(view: unknown): string[] {
  const problems: string[] = [];
  const v = view as Record<string, any> | null;
  if (!v || typeof v !== 'object') return ['[ERROR] view must be a JSON object [json-pointer:/view]'];
  const text = (t: unknown, max: number, at: string, required: boolean) => {
    if (t === undefined || t === null) {
      if (required) problems.push(`[ERROR] missing required field [json-pointer:${at}]`);
      return;
    }
    const o = t as Record<string, unknown>;
    if (o.type !== 'plain_text') problems.push(`[ERROR] must be plain_text [json-pointer:${at}/type]`);
    if (typeof o.text !== 'string' || o.text.length === 0) problems.push(`[ERROR] must be a non-empty string [json-pointer:${at}/text]`);
    else if (o.text.length > max) problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}/text]`);
  };
  if (v.type !== 'modal') problems.push('[ERROR] must be modal [json-pointer:/view/type]');
  text(v.title, 24, '/view/title', true);
  text(v.close, 24, '/view/close', false);
  text(v.submit, 24, '/view/submit', false);
  if (v.callback_id !== undefined && (typeof v.callback_id !== 'string' || v.callback_id.length > 255)) {
    problems.push('[ERROR] must be a string of at most 255 characters [json-pointer:/view/callback_id]');
  }
  if (v.private_metadata !== undefined && (typeof v.private_metadata !== 'string' || v.private_metadata.length > 3000)) {
    problems.push('[ERROR] must be a string of at most 3000 characters [json-pointer:/view/private_metadata]');
  }
  const blocks = v.blocks as unknown;
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 100) {
    problems.push('[ERROR] must hold 1 to 100 blocks [json-pointer:/view/blocks]');
    return problems;
  }
  blocks.forEach((b: Record<string, any>, i: number) => {
    const at = `/view/blocks/${i}`;
    if (b?.type !== 'input') return;
    if (!v.submit) problems.push('[ERROR] submit is required when a view has an input block [json-pointer:/view/submit]');
    text(b.label, 2000, `${at}/label`, true);
    const e = b.element as Record<string, any> | undefined;
    if (!e || e.type !== 'plain_text_input') return problems.push(`[ERROR] unsupported input element [json-pointer:${at}/element]`);
    if (typeof e.action_id !== 'string' || !e.action_id || e.action_id.length > 255) problems.push(`[ERROR] invalid action_id [json-pointer:${at}/element/action_id]`);
    if (e.placeholder !== undefined) text(e.placeholder, 150, `${at}/element/placeholder`, false);
    const min = e.min_length as unknown;
    const max = e.max_length as unknown;
    if (min !== undefined && (!Number.isInteger(min) || (min as number) < 0 || (min as number) > 3000)) problems.push(`[ERROR] min_length must be 0 to 3000 [json-pointer:${at}/element/min_length]`);
    if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 3000)) problems.push(`[ERROR] max_length must be 1 to 3000 [json-pointer:${at}/element/max_length]`);
    if (Number.isInteger(min) && Number.isInteger(max) && (min as number) > (max as number)) problems.push(`[ERROR] min_length must not exceed max_length [json-pointer:${at}/element]`);
    return undefined;
  });
  return problems;
}

interface RateLimitRule {
  times: number;
  retryAfter: number;
}

export class FakeSlackApi {
  readonly token: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly now: () => number;
  private readonly responseUrlUses: number;
  private server!: http.Server;
  private baseUrl = '';
  private readonly recorded: RecordedCall[] = [];
  private readonly events = new EventEmitter();
  private readonly rateLimits = new Map<string, RateLimitRule>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly responseUrlCounts = new Map<string, number>();
  private readonly responseRedirects = new Map<string, string>();
  private readonly notMember = new Set<string>();
  /** `channel:user` pairs whose user is not in the channel (chat.postEphemeral: user_not_in_channel). */
  private readonly absent = new Set<string>();
  /** Users whose direct message chat.postMessage refuses, with the error. */
  private readonly refusedDms = new Map<string, string>();
  private tsCounter = 0;
  private readonly views = new Map<string, OpenedView>();
  private readonly usedTriggers = new Set<string>();
  private triggerFailures: { error: string; times: number } | null = null;
  private readonly uploadsById = new Map<string, FakeUpload>();
  private refuseFilePosts = 0;
  private readonly unreachableImageHosts = new Set<string>();
  private failingUploads = 0;
  private uploadDelayMs = 0;
  private readonly heldResponses = new Map<string, Promise<void>>();
  private uploadBase: string | null = null;
  private socketServer: WebSocketServer | null = null;
  private sockets = new Set<WebSocket>();
  private pendingAcks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();

  private constructor(opts: FakeSlackApiOptions) {
    this.token = opts.token ?? 'xoxb-test';
    this.appToken = opts.appToken ?? 'xapp-test';
    this.teamId = opts.teamId ?? 'T1';
    this.botUserId = opts.botUserId ?? 'UBOT';
    this.botId = opts.botId ?? 'BBOT';
    this.now = opts.now ?? Date.now;
    this.responseUrlUses = opts.responseUrlUses ?? 5;
    this.events.setMaxListeners(0);
  }

  static async start(opts: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
    const fake = new FakeSlackApi(opts);
    fake.server = http.createServer((req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.baseUrl = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Base URL for WebClient's `slackApiUrl` (ends in `/api/`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** A fresh response_url pointing at this fake. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** Recorded calls, optionally of one method (`response_url` for response URLs), in arrival order. */
  calls(method?: string): RecordedCall[] {
    return method ? this.recorded.filter((c) => c.method === method) : [...this.recorded];
  }

  /** Calls to one response_url id. */
  responses(responseId: string): RecordedCall[] {
    return this.recorded.filter((c) => c.method === 'response_url' && c.responseId === responseId);
  }

  /**
   * The bot is not a member of this (public) channel: it can post there (chat:write.public), but
   * conversations.history answers `not_in_channel`, as Slack does.
   */
  notMemberOf(channel: string): void {
    this.notMember.add(channel);
  }

  /** The user is not (or no longer) in this channel: chat.postEphemeral to them there answers `user_not_in_channel`. */
  userLeft(channel: string, user: string): void {
    this.absent.add(`${channel}:${user}`);
  }

  /** chat.postMessage to this user's id (a direct message) answers `error` (a deactivated user: `user_disabled`). */
  refuseDms(user: string, error = 'user_disabled'): void {
    this.refusedDms.set(user, error);
  }

  /** Posts to this response_url id get `307 Location: location` (a hostile or broken hop). */
  redirectResponse(id: string, location: string): void {
    this.responseRedirects.set(id, location);
  }

  /** Forget recorded calls (users, messages and handlers stay). */
  clearCalls(): void {
    this.recorded.length = 0;
  }

  /** The next `times` calls of `method` (or `response_url`) get HTTP 429 with `Retry-After: retryAfter` seconds. */
  rateLimit(method: string, opts: { times?: number; retryAfter?: number } = {}): void {
    this.rateLimits.set(method, { times: opts.times ?? 1, retryAfter: opts.retryAfter ?? 1 });
  }

  /** Files uploaded so far (getUploadURLExternal order). */
  uploads(): FakeUpload[] {
    return [...this.uploadsById.values()];
  }

  /** The next `times` response_url posts with an image block are refused as `invalid_blocks` (a file still processing). */
  processFilesAfter(times: number): void {
    this.refuseFilePosts = times;
  }

  /** Slack cannot download pictures from this host (`host[:port]`): messages with such an image_url are refused. */
  unreachableImageHost(host: string, unreachable = true): void {
    if (unreachable) this.unreachableImageHosts.add(host);
    else this.unreachableImageHosts.delete(host);
  }

  /** The next `times` posts of bytes to an upload URL fail with a 500 (recorded as `upload_url`). */
  failUploads(times = 1): void {
    this.failingUploads = times;
  }

  /** Hand out upload URLs under another base (e.g. `http://localhost:<port>`, still this fake); null: the fake's own. */
  uploadUrlsOn(base: string | null): void {
    this.uploadBase = base;
  }

  /**
   * Posts to this response_url id are recorded on arrival but answered only once the returned
   * function is called (a reply whose delivery is slow).
   */
  holdResponses(responseId: string): () => void {
    let release!: () => void;
    this.heldResponses.set(responseId, new Promise<void>((r) => (release = r)));
    return () => {
      this.heldResponses.delete(responseId);
      release();
    };
  }

  /** Posts of bytes to an upload URL are answered after `ms` (a slow upload); 0 turns it off. */
  delayUploads(ms: number): void {
    this.uploadDelayMs = ms;
  }

  /** Override (or add) the answer of a Web API method. */
  onMethod(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  /** Back to the fake's own answer of a method overridden with onMethod. */
  resetMethod(method: string): void {
    this.handlers.delete(method);
  }

  /**
   * The next `times` views.open calls fail with `error` (default `expired_trigger_id`, what Slack says
   * when the trigger is older than 3 seconds).
   */
  failTriggers(opts: { error?: string; times?: number } = {}): void {
    this.triggerFailures = { error: opts.error ?? 'expired_trigger_id', times: opts.times ?? 1 };
  }

  /** A modal opened through views.open, by view id (`V…`). */
  openedView(viewId: string): OpenedView | undefined {
    return this.views.get(viewId);
  }

  /** The modals opened so far, oldest first. */
  openedViews(): OpenedView[] {
    return [...this.views.values()];
  }

  /**
   * The `view_submission` payload Slack sends when `args.user` submits the opened view `viewId`
   * with `args.values` typed in: the view as Slack keeps it plus `state.values`. Sign and send it
   * with SlackTestClient.interactive().
   */
  viewSubmissionPayload(viewId: string, args: ViewSubmissionArgs): Record<string, unknown> {
    const view = this.views.get(viewId);
    if (!view) throw new Error(`no view ${viewId} was opened`);
    const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
    for (const block of view.blocks) {
      if (block.type !== 'input' || block.element?.type !== 'plain_text_input') continue;
      const actionId = String(block.element.action_id);
      const value = typeof args.values === 'string' ? args.values : (args.values[actionId] ?? null);
      (values[String(block.block_id)] ??= {})[actionId] = { type: 'plain_text_input', value };
    }
    // A Slack Connect submitter's `team` is their own workspace; the installing one stays in
    // view.app_installed_team_id. An org-wide install sends no team at all.
    const teamId = args.teamId ?? view.team_id;
    return {
      type: 'view_submission',
      team: args.orgWide ? null : { id: teamId, domain: 'test' },
      user: { id: args.user.id, username: args.user.name ?? args.user.id.toLowerCase(), name: args.user.name ?? args.user.id.toLowerCase(), team_id: teamId },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: `trigger-${randomUUID()}`,
      view: {
        id: view.id,
        team_id: view.team_id,
        type: 'modal',
        blocks: view.blocks,
        private_metadata: args.privateMetadata ?? view.private_metadata,
        callback_id: args.callbackId ?? view.callback_id,
        state: { values },
        hash: view.hash,
        title: view.title,
        clear_on_close: false,
        notify_on_close: false,
        close: view.close,
        submit: view.submit,
        previous_view_id: null,
        root_view_id: view.id,
        app_id: 'A1',
        external_id: '',
        app_installed_team_id: view.team_id,
        bot_id: this.botId,
      },
      response_urls: [],
      is_enterprise_install: !!args.orgWide,
      enterprise: args.orgWide ? { id: args.orgWide.enterprise, name: 'Example Corp' } : null,
    };
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, { team_id: this.teamId, ...user });
  }

  /** The current state of a message posted through chat.postMessage. */
  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(`${channel}:${ts}`);
  }

  /** Calls per method per clock minute: `{ 'chat.update': { 29443200: 12, … } }`. */
  callsPerMinute(): Record<string, Record<number, number>> {
    const out: Record<string, Record<number, number>> = {};
    for (const c of this.recorded) {
      const minute = Math.floor(c.time / 60_000);
      const perMethod = (out[c.method] ??= {});
      perMethod[minute] = (perMethod[minute] ?? 0) + 1;
    }
    return out;
  }

  /** Most calls of `method` inside any sliding 60-second window (what Slack's tiers limit). */
  peakPerMinute(method: string): number {
    const times = this.calls(method).map((c) => c.time);
    let peak = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= 60_000) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }

  /**
   * Resolves once `predicate` holds over the recorded calls (checked on every new call), or rejects
   * after `timeoutMs` with what was recorded, so a failing test says what did arrive.
   */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<RecordedCall[]> {
    if (predicate(this.recorded)) return Promise.resolve(this.calls());
    return new Promise((resolve, reject) => {
      const onCall = () => {
        if (!predicate(this.recorded)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve(this.calls());
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        const seen = this.recorded.map((c) => `${c.method}${c.responseId ? `(${c.responseId})` : ''}`).join(', ');
        reject(new Error(`FakeSlackApi.waitFor timed out after ${timeoutMs} ms; calls so far: [${seen}]`));
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  /** Wait until `method` has been called at least `count` times (optionally only calls matching `where`). */
  waitForCalls(method: string, count = 1, where: (c: RecordedCall) => boolean = () => true, timeoutMs?: number) {
    return this.waitFor((calls) => calls.filter((c) => c.method === method && where(c)).length >= count, timeoutMs).then(
      (calls) => calls.filter((c) => c.method === method && where(c)),
    );
  }

  // ---------------------------------------------------------------- Socket Mode

  /** Make `apps.connections.open` hand out a ws:// URL on this fake; connections get `hello`. */
  enableSocketMode(): void {
    if (this.socketServer) return;
    this.socketServer = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.socketServer!.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (msg.envelope_id) this.pendingAcks.get(msg.envelope_id)?.(msg as { envelope_id: string });
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: {}, connection_info: { app_id: 'A1' } }));
        this.events.emit('socket');
      });
    });
  }

  /** Resolves once a Socket Mode client is connected. */
  socketConnected(timeoutMs = 5000): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no Socket Mode connection')), timeoutMs);
      this.events.once('socket', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Send an envelope (`slash_commands`, `interactive`, `events_api`) to the connected client; resolves
   * with its ack (`{ envelope_id, payload? }`).
   */
  sendEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: unknown,
    opts: { retryAttempt?: number; retryReason?: string; timeoutMs?: number } = {},
  ): Promise<{ envelope_id: string; payload?: unknown }> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error('no Socket Mode client connected'));
    const envelope_id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelope_id);
        reject(new Error(`no ack for envelope ${envelope_id}`));
      }, opts.timeoutMs ?? 5000);
      this.pendingAcks.set(envelope_id, (ack) => {
        clearTimeout(timer);
        this.pendingAcks.delete(envelope_id);
        resolve(ack);
      });
      ws.send(
        JSON.stringify({
          envelope_id,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: opts.retryAttempt ?? 0,
          retry_reason: opts.retryReason ?? '',
        }),
      );
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.socketServer?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- HTTP handling

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const time = this.now();

    let method: string;
    let responseId: string | undefined;
    if (url.pathname.startsWith('/api/')) method = url.pathname.slice('/api/'.length);
    else if (url.pathname.startsWith('/upload/v1/')) return this.receiveUpload(req, res, url, rawBytes, time);
    else if (url.pathname.startsWith('/response/')) {
      method = 'response_url';
      responseId = decodeURIComponent(url.pathname.slice('/response/'.length));
    } else {
      res.writeHead(404).end();
      return;
    }
    const expectedToken = method === 'apps.connections.open' ? this.appToken : this.token;
    const authorized = req.headers.authorization === `Bearer ${expectedToken}`;
    const body = parseBody(raw, req.headers['content-type']);
    const call: RecordedCall = { method, body, time, status: 200, authorized, ...(responseId ? { responseId } : {}) };

    const limit = this.rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      call.status = 429;
      this.record(call);
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }

    if (method === 'response_url' && this.responseRedirects.has(responseId!)) {
      call.status = 307;
      this.record(call);
      res.writeHead(307, { location: this.responseRedirects.get(responseId!)! }).end();
      return;
    }
    if (method === 'response_url') {
      const used = (this.responseUrlCounts.get(responseId!) ?? 0) + 1;
      this.responseUrlCounts.set(responseId!, used);
      if (used > this.responseUrlUses) {
        call.status = 404;
        this.record(call);
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'used_url' }));
        return;
      }
      const fileProblems = this.imageBlockProblems(body.blocks);
      if (fileProblems.length) {
        call.status = 400;
        this.record(call);
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_blocks', errors: fileProblems }));
        return;
      }
      this.record(call);
      await this.heldResponses.get(responseId!);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }

    const answer = authorized || method === 'api.test' ? this.answer(method, body, call) : { ok: false, error: 'invalid_auth' };
    call.response = answer;
    this.record(call);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  /** Image blocks must reference a completed upload by `slack_file.id` (or url) and carry alt_text. */
  private imageBlockProblems(blocks: unknown): string[] {
    if (!Array.isArray(blocks)) return [];
    const problems: string[] = [];
    let hasFile = false;
    blocks.forEach((b: Record<string, any>, i: number) => {
      if (b?.type !== 'image') return;
      const at = `[json-pointer:/blocks/${i}`;
      if (typeof b.alt_text !== 'string' || !b.alt_text || b.alt_text.length > 2000) problems.push(`must be 1 to 2000 characters ${at}/alt_text]`);
      if (!b.slack_file) {
        if (typeof b.image_url !== 'string') problems.push(`missing required field: image_url or slack_file ${at}]`);
        else if (!/^https?:\/\//i.test(b.image_url) || b.image_url.length > 3000) problems.push(`must be a valid http(s) URL of at most 3000 characters ${at}/image_url]`);
        else if (this.unreachableImageHosts.has(new URL(b.image_url).host)) problems.push(`downloading image failed ${at}/image_url]`);
        if (b.title !== undefined && (b.title?.type !== 'plain_text' || !b.title.text || b.title.text.length > 2000)) problems.push(`must be plain_text of 1 to 2000 characters ${at}/title]`);
        return;
      }
      hasFile = true;
      const id = b.slack_file.id as unknown;
      if (typeof id !== 'string' || !/^F[A-Z0-9]{8,}$/.test(id)) problems.push(`input must match regex pattern: ^[F][A-Z0-9]{8,}$ ${at}/slack_file/id]`);
      else if (!this.uploadsById.get(id)?.completed) problems.push(`invalid slack file ${at}/slack_file]`);
    });
    if (hasFile && !problems.length && this.refuseFilePosts > 0) {
      this.refuseFilePosts--;
      problems.push('invalid slack file [json-pointer:/blocks/0/slack_file]');
    }
    return problems;
  }

  /** POST of a file's bytes to the URL files.getUploadURLExternal handed out. */
  private async receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer, time: number): Promise<void> {
    const id = decodeURIComponent(url.pathname.slice('/upload/v1/'.length));
    const upload = this.uploadsById.get(id);
    const authorized = req.headers.authorization === `Bearer ${this.token}`;
    const call: RecordedCall = { method: 'upload_url', body: { fileId: id, bytes: raw.length }, time, status: 200, authorized };
    if (this.failingUploads > 0) {
      this.failingUploads--;
      call.status = 500;
      this.record(call);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('upload failed');
      return;
    }
    if (!upload || req.method !== 'POST') {
      call.status = 404;
      this.record(call);
      res.writeHead(404).end();
      return;
    }
    if (this.uploadDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.uploadDelayMs));
    const part = parseMultipart(raw, req.headers['content-type'])?.find((p) => p.filename !== undefined);
    upload.bytes = part ? part.bytes : raw;
    upload.contentType = part?.contentType ?? req.headers['content-type'];
    this.record(call);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
  }

  private record(call: RecordedCall): void {
    this.recorded.push(call);
    this.events.emit('call', call);
  }

  private nextTs(): string {
    this.tsCounter++;
    return `${Math.floor(this.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, body: Record<string, any>, call: RecordedCall): Record<string, unknown> {
    const custom = this.handlers.get(method);
    if (custom) return custom(body, call);
    if (method === 'chat.postMessage' || method === 'chat.update' || method === 'chat.postEphemeral') {
      const problems = this.imageBlockProblems(body.blocks);
      if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId, team: 'Test' };
      case 'chat.postMessage': {
        if (!body.channel) return { ok: false, error: 'channel_not_found' };
        // A user id as the channel: the app's direct message with that user (a `D…` channel).
        const dmUser = /^[UW][A-Z0-9]+$/.test(String(body.channel)) ? String(body.channel) : null;
        if (dmUser && this.refusedDms.has(dmUser)) return { ok: false, error: this.refusedDms.get(dmUser)! };
        if (dmUser) body = { ...body, channel: `D${dmUser.slice(1)}` };
        const ts = this.nextTs();
        const text = String(body.text ?? '');
        const blocks = (body.blocks as unknown[]) ?? [];
        const metadata = body.metadata ?? undefined;
        this.messages.set(`${body.channel}:${ts}`, { channel: body.channel, ts, text, blocks, history: [{ text, blocks }], ...(metadata ? { metadata } : {}) });
        return { ok: true, channel: body.channel, ts, message: { type: 'message', ts, text, blocks, bot_id: this.botId } };
      }
      case 'conversations.history': {
        // Newest first, after `oldest` (exclusive), at most `limit`; metadata only when asked for.
        if (!body.channel) return { ok: false, error: 'channel_not_found' };
        if (this.notMember.has(String(body.channel))) return { ok: false, error: 'not_in_channel' };
        const oldest = Number(body.oldest ?? 0);
        const limit = Math.min(999, Number(body.limit ?? 100));
        const withMetadata = String(body.include_all_metadata) === 'true';
        const inChannel = [...this.messages.values()]
          .filter((m) => m.channel === body.channel && Number(m.ts) > oldest)
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const messages = inChannel.slice(0, limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text,
          blocks: m.blocks,
          bot_id: this.botId,
          ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
        }));
        return { ok: true, messages, has_more: inChannel.length > limit };
      }
      case 'chat.update': {
        const stored = this.messages.get(`${body.channel}:${body.ts}`);
        if (!stored) return { ok: false, error: 'message_not_found' };
        stored.text = String(body.text ?? '');
        stored.blocks = (body.blocks as unknown[]) ?? [];
        stored.history.push({ text: stored.text, blocks: stored.blocks });
        return { ok: true, channel: body.channel, ts: body.ts, text: stored.text };
      }
      case 'chat.postEphemeral':
        if (!body.channel || !body.user) return { ok: false, error: 'invalid_arguments' };
        if (this.absent.has(`${body.channel}:${body.user}`)) return { ok: false, error: 'user_not_in_channel' };
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open': {
        const trigger = body.trigger_id as unknown;
        if (typeof trigger !== 'string' || !trigger) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } };
        if (this.triggerFailures && this.triggerFailures.times > 0) {
          this.triggerFailures.times--;
          return { ok: false, error: this.triggerFailures.error };
        }
        if (this.usedTriggers.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
        const view = typeof body.view === 'string' ? tryJson(body.view) : body.view;
        const problems = modalProblems(view);
        if (problems.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        this.usedTriggers.add(trigger);
        const v = view as Record<string, any>;
        const opened: OpenedView = {
          id: `V${String(this.views.size + 1).padStart(8, '0')}`,
          team_id: this.teamId,
          trigger_id: trigger,
          type: 'modal',
          callback_id: String(v.callback_id ?? ''),
          private_metadata: String(v.private_metadata ?? ''),
          title: v.title,
          submit: v.submit ?? null,
          close: v.close ?? null,
          blocks: (v.blocks as Record<string, any>[]).map((b, i) => ({ ...b, block_id: b.block_id ?? `auto-${i}` })),
          hash: `${Math.floor(this.now() / 1000)}.${randomUUID().slice(0, 8)}`,
        };
        this.views.set(opened.id, opened);
        return { ok: true, view: { ...opened, state: { values: {} } } };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length < 1) return { ok: false, error: 'invalid_arguments' };
        const id = `F${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
        this.uploadsById.set(id, { id, filename: String(body.filename), length, ...(body.alt_text ? { altText: String(body.alt_text) } : {}), bytes: null, completed: false });
        return { ok: true, upload_url: `${this.uploadBase ?? this.baseUrl}/upload/v1/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof body.files === 'string' ? tryJson(body.files) : body.files) as { id?: string; title?: string }[] | unknown;
        if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
        const done: Record<string, unknown>[] = [];
        for (const f of files) {
          const upload = this.uploadsById.get(String(f?.id));
          if (!upload || !upload.bytes) return { ok: false, error: 'file_not_found' };
          if (upload.bytes.length !== upload.length) return { ok: false, error: 'file_size_mismatch' };
          upload.completed = true;
          if (f.title) upload.title = String(f.title);
          if (body.channel_id) upload.sharedTo = String(body.channel_id);
          done.push({ id: upload.id, name: upload.filename, title: upload.title ?? upload.filename, mimetype: '', filetype: '', size: upload.length, is_public: false, channels: [] });
        }
        return { ok: true, files: done };
      }
      case 'users.info': {
        const user = this.users.get(String(body.user));
        return user ? { ok: true, user } : { ok: false, error: 'user_not_found' };
      }
      case 'apps.connections.open':
        if (!this.socketServer) return { ok: false, error: 'socket_mode_not_enabled' };
        return { ok: true, url: `${this.baseUrl.replace('http', 'ws')}/socket?ticket=${randomUUID()}` };
      case 'api.test':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

