// A fake of Discord's REST API and gateway on 127.0.0.1, for tests and benchmarks that run the
// real discord.js client offline (see shared TESTING.md).
//
//   const fake = await startFakeDiscord({ token: 'test-token', applicationId: 'A1' });
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
//   await client.login('test-token');            // GET /gateway/bot, then the websocket below
//   await fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' }));
//   await fake.waitForCall((c) => c.path.startsWith('/interactions/'));
//   fake.calls                                   // every REST call: method, decoded path, query, JSON body, status
//   await fake.close();
//
// What it models (enough for a bot, not all of Discord):
// - REST under `/api/v10`: gateway/bot, interaction callbacks (reply, defer, update, autocomplete,
//   modal), interaction webhooks (follow-up, edit/delete/fetch @original), channel messages (create, edit,
//   delete, fetch), application command registration (global and guild), direct messages (open a
//   DM channel with POST /users/@me/channels, then post to it). Unknown routes get 404.
// - Messages are kept per channel, so a test can read the current state of a message after edits.
// - Discord's rules that matter to a bot: an interaction can be acknowledged once (then 400, code 40060);
//   message bodies must fit Discord's limits (content 2,000, embed description 4,096, all embeds 6,000,
//   10 embeds, 5 action rows, 5 buttons a row, label 80, custom_id 100, 25 select options) or get a
//   400 with code 50035 like Discord's "Invalid Form Body"; authenticated routes check `Bot <token>`.
// - Modals (callback type 9): only as the first response to a command or component interaction,
//   checked like Discord does (custom_id ≤ 100, title ≤ 45, 1–5 text inputs in action rows or label
//   components, label ≤ 45, min/max length within 0–4,000, placeholder ≤ 100); the modal is kept in
//   the interaction's `callbacks`. `fake.payloads.modalSubmit(...)` builds the MODAL_SUBMIT
//   interaction (type 5) a user sends by filling it in, `modalSubmitFor(modal, ...)` from a shown one.
// - Faults on demand: `fake.failNext({ method, path, status: 429, retryAfter: 0.05 })` answers the
//   next matching request(s) with a 429 (Retry-After header and `retry_after` body, optionally global)
//   or any 5xx, without acting on it, and records the attempt.
// - `enforce_nonce`: a message create repeating a nonce in the same channel returns the first message.
// - Direct messages: one DM channel per user (`fake.dmChannels`); `fake.closeDms(userId)` makes
//   posts to that user's DM channel fail like Discord's 403 code 50007 "Cannot send messages to this user".
// - `failNext({ ..., afterProcessing: true })` acts on the request and then fails it (a lost response).
// - Mentions: a message create keeps the users it notified (`message.mentions`): `<@id>` in its
//   content that `allowed_mentions` lets ping (`parse` with "users", or the id in `users`; both at
//   once is a 400 like Discord's).
// - Files: multipart/form-data bodies (`payload_json` plus `files[n]`, as discord.js sends them with
//   `files: [...]`) on interaction callbacks, follow-ups, edits and channel/DM message creates; the files are recorded on the
//   call (`call.files`) and kept on the message as attachments. An embed image `attachment://name`
//   must name a file of the same request (or one the message already has), else 400 like Discord.
// - Gateway: HELLO, heartbeat ACKs, IDENTIFY → READY (intents recorded in `fake.identifies`),
//   RESUME → RESUMED for sessions it issued, `dropGateway()` to cut connections; then
//   `dispatchInteraction(payload)` sends INTERACTION_CREATE to every identified session.
// - `fake.ackLatencies` records, per interaction, the milliseconds from dispatch to its callback
//   (for benchmarks; tests should not assert on time).

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart } from './multipart.js';

export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, percent-decoded: `/webhooks/A1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or null. */
  body: any;
  /** HTTP status the fake answered. */
  status: number;
  /** Whether an Authorization header was sent. */
  authorized: boolean;
  /** Files of a multipart body (`files[n]` parts), in order. */
  files?: FakeFile[];
}

export interface FakeFile {
  /** The form field (`files[0]`). */
  field: string;
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

/** A file kept on a message (what Discord lists in `attachments`). */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  content_type?: string;
  description?: string;
  bytes: Buffer;
}

export interface FailRule {
  method?: string;
  /** Matches the decoded path (string = exact path, or a RegExp). */
  path?: string | RegExp;
  /** 429 (with Retry-After), or any other error status (403, 500, 502…). */
  status: number;
  /** Seconds, for 429 (default 0.05). */
  retryAfter?: number;
  /** A global rate limit (X-RateLimit-Global). */
  global?: boolean;
  /** How many matching requests fail (default 1). */
  times?: number;
  /**
   * Act on the request, then answer the failure anyway (a lost response): a client that retries
   * a message create without `nonce` + `enforce_nonce` then posts twice.
   */
  afterProcessing?: boolean;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
  attachments: FakeAttachment[];
  /** Users the message notified: `<@id>` in its content that allowed_mentions lets ping (see pingedUsers). */
  mentions: string[];
  /** Set for messages that are interaction responses or follow-ups. */
  interaction_id?: string;
  edits: number;
  deleted: boolean;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId?: string;
  /** The message a component was attached to. */
  sourceMessageId?: string;
  /** Callback types received (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  callbacks: { type: number; data: any }[];
  /** The message created by the callback (type 4/5), i.e. `@original`. */
  originalMessageId?: string;
  followUpIds: string[];
  dispatchedAt: number;
}

export interface FakeDiscordOptions {
  /** When set, authenticated REST calls and IDENTIFY must carry this token. */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Heartbeat interval told in HELLO (ms). */
  heartbeatInterval?: number;
  /**
   * Guilds the bot is in. Like Discord, READY lists them as unavailable and a GUILD_CREATE per
   * guild follows (with its channels and cached members), so discord.js caches the guild and
   * builds interaction members as GuildMember objects. Default: none (no GUILD_CREATE).
   */
  guilds?: GuildPayload[];
}

/** A GUILD_CREATE payload (the fields discord.js reads); `members` are the cached members. */
export interface GuildPayload {
  id: string;
  name?: string;
  owner_id?: string;
  channels?: { id: string; name?: string; type?: number }[];
  members?: { user: UserPayload; nick?: string | null; permissions?: string; roles?: string[] }[];
}

export interface UserPayload {
  id: string;
  username?: string;
  global_name?: string | null;
}

export interface InteractionBase {
  guildId?: string;
  channelId?: string;
  user?: UserPayload;
  /** Member permission bits as a decimal string ('32' = Manage Server). Default: none. */
  permissions?: string;
  nick?: string | null;
  /** Interaction id; default a fresh snowflake. */
  id?: string;
  token?: string;
  /**
   * 'full' (default): every field Discord may send (channel object, entitlements, guild, context,
   * authorizing_integration_owners, app_permissions, version). 'minimal': only the fields the API
   * documentation's own examples show (channel_id without a channel object, no entitlements, no
   * guild object, no context, no authorizing_integration_owners).
   */
  shape?: 'full' | 'minimal';
  /** A direct-message interaction: `user` instead of `member`, no guild, a DM channel (context 1). */
  dm?: boolean;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedFooter: 2048,
  embedsTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  placeholder: 150,
  autocompleteChoices: 25,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  labelDescription: 100,
  textInputPlaceholder: 100,
  textInputLength: 4000,
} as const;

let snowflakeCounter = 0n;
/** Unique, increasing snowflake-like ids. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return ((BigInt(Date.now() - 1420070400000) << 22n) + snowflakeCounter).toString();
}

export interface FakeDiscord {
  /** REST base for discord.js: `rest: { api: fake.apiUrl }` (discord.js appends /v10). */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly calls: RecordedCall[];
  /** IDENTIFY payloads received (token replaced by `tokenMatched`). */
  readonly identifies: { intents: number; tokenMatched: boolean; shard?: [number, number] }[];
  readonly messages: Map<string, FakeMessage>;
  readonly interactions: Map<string, InteractionRecord>;
  /** Commands registered: key 'global' or the guild id. */
  readonly commands: Map<string, any[]>;
  /** DM channels opened by the bot: user id → channel id. */
  readonly dmChannels: Map<string, string>;
  /** The user does not accept direct messages from the bot (privacy settings, blocked, no shared server). */
  closeDms(userId: string): void;
  readonly ackLatencies: number[];
  /** Payload builders for INTERACTION_CREATE. */
  readonly payloads: PayloadBuilders;
  failNext(rule: FailRule): void;
  /** Calls matching method and path (exact string or RegExp on the decoded path). */
  callsTo(method: string, path: string | RegExp): RecordedCall[];
  /** Resolves with the first recorded call (past or future) that matches; rejects after timeoutMs. */
  waitForCall(predicate: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves when `count` calls match in total. */
  waitForCalls(predicate: (c: RecordedCall) => boolean, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Resolves once a gateway session is live (identified, or resumed after a drop). */
  waitForIdentify(timeoutMs?: number): Promise<void>;
  /** RESUME requests received (after a dropped connection). */
  readonly resumes: { sessionId: string; seq: number }[];
  /** Drops every gateway connection (close code 4000 by default, which clients resume after). */
  dropGateway(code?: number): void;
  /** Sends INTERACTION_CREATE to every identified session; returns the interaction id. */
  dispatchInteraction(payload: any): string;
  /** Sends any dispatch event (`t`, `d`) to every identified session (e.g. a malformed packet). */
  dispatch(event: string, data: unknown): void;
  /** Forgets a finished interaction and its reply messages (a long benchmark keeps the fake's memory flat). */
  forgetInteraction(id: string): void;
  /** Creates a message in a channel as if the bot had posted it earlier (for component payloads). */
  seedMessage(channelId: string, body: Partial<FakeMessage> & { guild_id?: string }): FakeMessage;
  /** The API shape of a stored message (what Discord returns / embeds in component interactions). */
  apiMessage(id: string): any;
  close(): Promise<void>;
}

export interface PayloadBuilders {
  /** Options: strings, numbers, booleans, or `{ user }` for a user option (resolved like Discord does). */
  chatInput(opts: InteractionBase & {
    command: string;
    subcommand?: string;
    options?: Record<string, string | number | boolean | { user: UserPayload }>;
  }): any;
  autocomplete(opts: InteractionBase & {
    command: string;
    subcommand?: string;
    focused: string;
    value: string;
    options?: Record<string, string>;
  }): any;
  button(opts: InteractionBase & { customId: string; messageId: string }): any;
  stringSelect(opts: InteractionBase & { customId: string; values: string[]; messageId: string }): any;
  /**
   * A submitted modal (MODAL_SUBMIT): its custom id and the text typed per text input custom id.
   * `messageId`: the message whose component opened it (Discord then includes that message).
   * `rows`: send the values in legacy action rows instead of label components.
   */
  modalSubmit(opts: InteractionBase & { customId: string; fields: Record<string, string>; messageId?: string; rows?: boolean }): any;
  /** The submit of a modal the bot showed (a callback type 9's data): `text` goes into its first text input. */
  modalSubmitFor(modal: any, text: string, opts?: InteractionBase & { messageId?: string }): any;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '100000000000000001';
  const botUserId = options.botUserId ?? applicationId;
  const botUser = {
    id: botUserId,
    username: options.botUsername ?? 'studybot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  const calls: RecordedCall[] = [];
  const identifies: FakeDiscord['identifies'] = [];
  const messages = new Map<string, FakeMessage>();
  const interactions = new Map<string, InteractionRecord>();
  const commands = new Map<string, any[]>();
  const dmChannels = new Map<string, string>();
  const closedDms = new Set<string>();
  const ackLatencies: number[] = [];
  const nonces = new Map<string, string>();
  const byToken = new Map<string, InteractionRecord>();
  const failRules: (FailRule & { left: number })[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const sessions = new Set<WebSocket>();
  const issuedSessions = new Set<string>();
  const resumes: { sessionId: string; seq: number }[] = [];
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (err) {
        send(res, 500, { message: String(err), code: 0 });
      }
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => onGatewayConnection(ws));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    }
  }

  function formError(res: http.ServerResponse, call: RecordedCall, problems: string[]) {
    call.status = 400;
    send(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBytes: Buffer) {
    const raw = rawBytes.toString('utf8');
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = '/api/v10';
    const rawPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const path = rawPath
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
    let body: any = null;
    let files: FakeFile[] | undefined;
    const parts = parseMultipart(rawBytes, req.headers['content-type']);
    if (parts) {
      const payload = parts.find((p) => p.name === 'payload_json');
      body = payload ? JSON.parse(payload.bytes.toString('utf8')) : null;
      files = parts
        .filter((p) => p.filename !== undefined)
        .map((p) => ({ field: p.name, filename: p.filename!, ...(p.contentType ? { contentType: p.contentType } : {}), bytes: p.bytes }));
    } else if (raw && (req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(raw);
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 200,
      authorized: typeof req.headers.authorization === 'string',
      ...(files ? { files } : {}),
    };
    calls.push(call);
    try {
      route(req, res, call);
    } finally {
      notify();
    }
  }

  function matchFail(call: RecordedCall): (FailRule & { left: number }) | undefined {
    const i = failRules.findIndex(
      (r) =>
        (!r.method || r.method.toUpperCase() === call.method) &&
        (!r.path || (typeof r.path === 'string' ? r.path === call.path : r.path.test(call.path))),
    );
    if (i < 0) return undefined;
    const rule = failRules[i]!;
    rule.left -= 1;
    if (rule.left <= 0) failRules.splice(i, 1);
    return rule;
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse, call: RecordedCall, noFaults = false) {
    const { method, path, body } = call;
    const fail = noFaults ? undefined : matchFail(call);
    if (fail?.afterProcessing) {
      const sink = { writeHead: () => sink, end: () => sink } as unknown as http.ServerResponse;
      route(req, sink, { ...call }, true);
    }
    if (fail) {
      call.status = fail.status;
      if (fail.status === 429) {
        const retryAfter = fail.retryAfter ?? 0.05;
        const headers: Record<string, string> = {
          'retry-after': String(retryAfter),
          'x-ratelimit-scope': fail.global ? 'global' : 'user',
        };
        if (fail.global) headers['x-ratelimit-global'] = 'true';
        return send(res, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: !!fail.global }, headers);
      }
      return send(res, fail.status, { message: `${fail.status}: injected failure`, code: 0 });
    }

    const parts = path.split('/').filter(Boolean);
    const needsAuth = !(parts[0] === 'interactions' || parts[0] === 'webhooks');
    if (needsAuth && options.token !== undefined && req.headers.authorization !== `Bot ${options.token}`) {
      call.status = 401;
      return send(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    const notFound = (code = 0, message = '404: Not Found') => {
      call.status = 404;
      send(res, 404, { message, code });
    };
    const ok = (payload?: unknown, status = 200) => {
      call.status = payload === undefined ? 204 : status;
      send(res, call.status, payload);
    };

    // GET /gateway/bot, /gateway
    if (method === 'GET' && path === '/gateway/bot') {
      return ok({
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/gateway') return ok({ url: gatewayUrl });
    if (method === 'GET' && path === '/users/@me') return ok(botUser);

    // POST /users/@me/channels { recipient_id }: opens (or returns) the DM channel with a user.
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = body?.recipient_id;
      if (typeof recipient !== 'string' || !/^\d{1,20}$/.test(recipient)) return formError(res, call, ['recipient_id: not a snowflake']);
      let channelId = dmChannels.get(recipient);
      if (!channelId) dmChannels.set(recipient, (channelId = snowflake()));
      return ok({ id: channelId, type: 1, flags: 0, last_message_id: null, recipients: [user({ id: recipient })] });
    }

    // POST /interactions/:id/:token/callback
    if (parts[0] === 'interactions' && parts[3] === 'callback' && method === 'POST') {
      const rec = interactions.get(parts[1]!);
      if (!rec || rec.token !== parts[2]) return notFound(10062, 'Unknown interaction');
      if (rec.callbacks.length > 0) {
        call.status = 400;
        return send(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      const type = body?.type as number;
      const data = body?.data ?? {};
      if (type === 9) {
        // Discord: a modal answers a command or a component, never an autocomplete or a modal submit.
        if (rec.type !== 2 && rec.type !== 3) return formError(res, call, [`a modal cannot answer an interaction of type ${rec.type}`]);
        const problems = validateModal(data);
        if (problems.length) return formError(res, call, problems);
      }
      if (type === 4 || type === 7) {
        const kept = type === 7 && rec.sourceMessageId ? messages.get(rec.sourceMessageId)?.attachments : undefined;
        const problems = [...validateMessageBody(data, type === 4), ...attachmentProblems(data, call.files, kept)];
        if (problems.length) return formError(res, call, problems);
      }
      if (type === 8) {
        const choices = data.choices ?? [];
        if (choices.length > LIMITS.autocompleteChoices) return formError(res, call, ['choices: more than 25']);
        for (const c of choices) {
          if (String(c.name).length > 100 || String(c.value).length > 100) return formError(res, call, ['choice too long']);
        }
      }
      rec.callbacks.push({ type, data });
      ackLatencies.push(Date.now() - rec.dispatchedAt);
      if (type === 4 || type === 5) {
        const msg = createMessage(rec.channelId, rec.guildId, type === 4 ? data : { content: '', flags: data.flags ?? 0 }, type === 4 ? call.files : undefined);
        msg.interaction_id = rec.id;
        rec.originalMessageId = msg.id;
      } else if (type === 7 && rec.sourceMessageId) {
        editMessage(messages.get(rec.sourceMessageId)!, data, call.files);
      }
      if (type === 6 || type === 7) rec.originalMessageId = rec.sourceMessageId;
      if (call.query.with_response === 'true') {
        const resource = rec.originalMessageId ? { type, message: apiMessage(rec.originalMessageId) } : { type };
        return ok({ interaction: { id: rec.id, type: rec.type }, resource });
      }
      return ok();
    }

    // /webhooks/:app/:token[/messages/:id]
    if (parts[0] === 'webhooks') {
      const [, app, token, sub, messageId] = parts;
      if (app !== applicationId) return notFound(10015, 'Unknown Webhook');
      const rec = token ? byToken.get(token) : undefined;
      if (!rec) return notFound(10015, 'Unknown Webhook');
      if (!rec.callbacks.length) return notFound(10015, 'Unknown Webhook');
      if (method === 'POST' && !sub) {
        const problems = [...validateMessageBody(body ?? {}), ...attachmentProblems(body ?? {}, call.files)];
        if (problems.length) return formError(res, call, problems);
        const msg = createMessage(rec.channelId, rec.guildId, body ?? {}, call.files);
        msg.interaction_id = rec.id;
        rec.followUpIds.push(msg.id);
        return ok(apiMessage(msg.id));
      }
      if (sub === 'messages' && messageId) {
        const id = messageId === '@original' ? rec.originalMessageId : messageId;
        const msg = id ? messages.get(id) : undefined;
        if (!msg || msg.deleted) return notFound(10008, 'Unknown Message');
        if (method === 'GET') return ok(apiMessage(msg.id));
        if (method === 'DELETE') {
          msg.deleted = true;
          return ok();
        }
        if (method === 'PATCH') {
          const problems = [...validateMessageBody(body ?? {}, false), ...attachmentProblems(body ?? {}, call.files, msg.attachments)];
          if (problems.length) return formError(res, call, problems);
          editMessage(msg, body ?? {}, call.files);
          return ok(apiMessage(msg.id));
        }
      }
      return notFound();
    }

    // /channels/:channel/messages[/:message]
    if (parts[0] === 'channels' && parts[2] === 'messages') {
      const channelId = parts[1]!;
      const messageId = parts[3];
      if (!messageId && method === 'GET') {
        // Newest first, ids after `after`, at most `limit` (Discord: 1–100, default 50).
        const after = BigInt(call.query.after ?? '0');
        const limit = Math.min(100, Number(call.query.limit ?? 50));
        const list = [...messages.values()]
          .filter((m) => m.channel_id === channelId && !m.deleted && BigInt(m.id) > after)
          .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
          .slice(0, limit);
        return ok(list.map((m) => apiMessage(m.id)));
      }
      if (!messageId && method === 'POST') {
        const dmUser = [...dmChannels].find(([, id]) => id === channelId)?.[0];
        if (dmUser && closedDms.has(dmUser)) {
          call.status = 403;
          return send(res, 403, { message: 'Cannot send messages to this user', code: 50007 });
        }
        const problems = [...validateMessageBody(body ?? {}), ...attachmentProblems(body ?? {}, call.files)];
        if (problems.length) return formError(res, call, problems);
        const nonceKey = body?.nonce !== undefined && body?.enforce_nonce ? `${channelId}:${body.nonce}` : null;
        const existing = nonceKey ? nonces.get(nonceKey) : undefined;
        if (existing) return ok(apiMessage(existing));
        const msg = createMessage(channelId, undefined, body ?? {}, call.files);
        if (nonceKey) nonces.set(nonceKey, msg.id);
        return ok(apiMessage(msg.id));
      }
      if (messageId) {
        const msg = messages.get(messageId);
        if (!msg || msg.deleted || msg.channel_id !== channelId) return notFound(10008, 'Unknown Message');
        if (method === 'GET') return ok(apiMessage(msg.id));
        if (method === 'DELETE') {
          msg.deleted = true;
          return ok();
        }
        if (method === 'PATCH') {
          const problems = validateMessageBody(body ?? {}, false);
          if (problems.length) return formError(res, call, problems);
          editMessage(msg, body ?? {});
          return ok(apiMessage(msg.id));
        }
      }
      return notFound();
    }

    // /applications/:app/commands, /applications/:app/guilds/:guild/commands
    if (parts[0] === 'applications' && parts[1] === applicationId) {
      const key = parts[2] === 'guilds' && parts[4] === 'commands' ? parts[3]! : parts[2] === 'commands' && parts.length === 3 ? 'global' : null;
      if (key) {
        if (method === 'GET') return ok(commands.get(key) ?? []);
        if (method === 'PUT') {
          const list = (Array.isArray(body) ? body : []).map((c: any) => ({
            ...c,
            id: snowflake(),
            application_id: applicationId,
            version: snowflake(),
            ...(key === 'global' ? {} : { guild_id: key }),
          }));
          commands.set(key, list);
          return ok(list);
        }
      }
    }
    return notFound();
  }

  /** The uploaded files as attachments; `body.attachments[i]` (id = file index) may add a description. */
  function attachmentsOf(body: any, files: FakeFile[] | undefined): FakeAttachment[] {
    return (files ?? []).map((f, i) => {
      const meta = (body.attachments ?? []).find((a: any) => String(a.id) === String(i));
      return {
        id: snowflake(),
        filename: f.filename,
        size: f.bytes.length,
        ...(f.contentType ? { content_type: f.contentType } : {}),
        ...(meta?.description ? { description: String(meta.description) } : {}),
        bytes: f.bytes,
      };
    });
  }

  function createMessage(channelId: string, guildId: string | undefined, body: any, files?: FakeFile[]): FakeMessage {
    const msg: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      attachments: attachmentsOf(body, files),
      mentions: pingedUsers(body),
      edits: 0,
      deleted: false,
    };
    messages.set(msg.id, msg);
    return msg;
  }

  function editMessage(msg: FakeMessage, body: any, files?: FakeFile[]) {
    if ('content' in body) msg.content = body.content ?? '';
    if ('embeds' in body) msg.embeds = body.embeds ?? [];
    if ('components' in body) msg.components = body.components ?? [];
    // Like Discord: a body with `attachments` keeps only the listed existing ones (by id), plus the new files.
    if ('attachments' in body || files?.length) {
      const keep = Array.isArray(body.attachments) ? new Set(body.attachments.map((a: any) => String(a.id))) : null;
      msg.attachments = [...msg.attachments.filter((a) => !keep || keep.has(a.id)), ...attachmentsOf(body, files)];
    }
    msg.edits += 1;
  }

  function apiMessage(id: string): any {
    const msg = messages.get(id);
    if (!msg) throw new Error(`no message ${id}`);
    return {
      id: msg.id,
      type: msg.interaction_id ? 20 : 0,
      channel_id: msg.channel_id,
      ...(msg.guild_id ? { guild_id: msg.guild_id } : {}),
      author: botUser,
      content: msg.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: msg.edits ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: msg.attachments.map(({ bytes: _bytes, ...a }) => ({ ...a, url: `${base}/attachments/${msg.channel_id}/${a.id}/${a.filename}`, proxy_url: `${base}/attachments/${msg.channel_id}/${a.id}/${a.filename}` })),
      embeds: msg.embeds,
      components: msg.components,
      pinned: false,
      flags: msg.flags,
      ...(msg.interaction_id ? { webhook_id: applicationId, application_id: applicationId } : {}),
    };
  }

  function onGatewayConnection(ws: WebSocket) {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatInterval ?? 41250 }, s: null, t: null }));
    ws.on('message', (data) => {
      let packet: any;
      try {
        packet = JSON.parse(data.toString());
      } catch {
        return ws.close(4002, 'Decode error');
      }
      if (packet.op === 1) return ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (packet.op === 2) {
        const tokenMatched = options.token === undefined || packet.d?.token === options.token;
        identifies.push({ intents: packet.d?.intents, tokenMatched, shard: packet.d?.shard });
        if (!tokenMatched) {
          notify();
          return ws.close(4004, 'Authentication failed.');
        }
        sessions.add(ws);
        const sessionId = `session-${snowflake()}`;
        issuedSessions.add(sessionId);
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++seq,
            d: {
              v: 10,
              user: botUser,
              guilds: (options.guilds ?? []).map((g) => ({ id: g.id, unavailable: true })),
              session_id: sessionId,
              resume_gateway_url: gatewayUrl,
              shard: packet.d?.shard,
              application: { id: applicationId, flags: 0 },
              private_channels: [],
              relationships: [],
              user_settings: {},
              presences: [],
            },
          }),
        );
        for (const g of options.guilds ?? []) ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++seq, d: guildCreate(g) }));
        notify();
        return;
      }
      if (packet.op === 6) {
        // Resume: a session we issued continues (we keep no replay buffer: nothing is missed
        // because dispatchInteraction refuses to send while no session is connected).
        resumes.push({ sessionId: packet.d?.session_id, seq: packet.d?.seq });
        if (!issuedSessions.has(packet.d?.session_id) || (options.token !== undefined && packet.d?.token !== options.token)) {
          return ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
        }
        sessions.add(ws);
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++seq, d: {} }));
        notify();
        return;
      }
    });
    ws.on('close', () => sessions.delete(ws));
  }

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const w = () => {
        const v = check();
        if (v !== undefined) {
          clearTimeout(timer);
          waiters.delete(w);
          resolve(v);
        }
      };
      waiters.add(w);
    });
  }

  const user = (u?: UserPayload) => ({
    id: u?.id ?? '200000000000000001',
    username: u?.username ?? 'alice',
    global_name: u?.global_name ?? null,
    discriminator: '0',
    avatar: null,
  });

  const member = (o: { user?: UserPayload; nick?: string | null; permissions?: string; roles?: string[] }) => ({
    user: user(o.user),
    nick: o.nick ?? null,
    roles: o.roles ?? [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    permissions: o.permissions ?? '0',
  });

  function guildCreate(g: GuildPayload) {
    if ('roles' in g) return g; // a complete GUILD_CREATE payload (a fixture): sent as it is
    const channels = g.channels ?? [{ id: '400000000000000001', name: 'study', type: 0 }];
    const members = (g.members ?? []).map((m) => {
      const { permissions: _p, ...rest } = member(m); // members in GUILD_CREATE carry no permissions
      return rest;
    });
    return {
      id: g.id,
      name: g.name ?? 'Study server',
      icon: null,
      owner_id: g.owner_id ?? '200000000000000009',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: g.id, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: '2024-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: members.length + 1,
      voice_states: [],
      members,
      channels: channels.map((c, position) => ({
        id: c.id,
        type: c.type ?? 0,
        guild_id: g.id,
        name: c.name ?? 'study',
        position,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  function baseInteraction(type: number, o: InteractionBase, data: any, extra: any = {}) {
    const guildId = o.guildId ?? '300000000000000001';
    const channelId = o.channelId ?? '400000000000000001';
    if (o.dm) {
      // A DM: `user` instead of `member`, no guild fields, the DM channel with its recipient.
      const dmUser = user(o.user);
      return {
        id: o.id ?? snowflake(),
        application_id: applicationId,
        type,
        data,
        channel_id: channelId,
        ...(o.shape === 'minimal' ? {} : { channel: { id: channelId, type: 1, flags: 0, last_message_id: null, recipients: [dmUser] } }),
        user: dmUser,
        token: o.token ?? `itoken-${snowflake()}`,
        version: 1,
        app_permissions: '0',
        locale: 'en-US',
        ...(o.shape === 'minimal' ? {} : { entitlements: [], authorizing_integration_owners: { '0': applicationId }, context: 1 }),
        ...extra,
      };
    }
    if (o.shape === 'minimal') {
      return {
        id: o.id ?? snowflake(),
        application_id: applicationId,
        type,
        data,
        guild_id: guildId,
        channel_id: channelId,
        member: member(o),
        token: o.token ?? `itoken-${snowflake()}`,
        version: 1,
        app_permissions: '2248473465835073',
        locale: 'en-US',
        guild_locale: 'en-US',
        ...extra,
      };
    }
    return {
      id: o.id ?? snowflake(),
      application_id: applicationId,
      type,
      data,
      guild_id: guildId,
      guild: { id: guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: 'study', flags: 0 },
      member: member(o),
      token: o.token ?? `itoken-${snowflake()}`,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      ...extra,
    };
  }

  type OptionValue = string | number | boolean | { user: UserPayload };
  const optionList = (opts: Record<string, OptionValue> | undefined, focused?: string) =>
    Object.entries(opts ?? {}).map(([name, value]) =>
      typeof value === 'object'
        ? { name, type: 6, value: value.user.id }
        : {
            name,
            type: typeof value === 'number' ? 10 : typeof value === 'boolean' ? 5 : 3,
            value,
            ...(focused === name ? { focused: true } : {}),
          },
    );
  const resolvedUsers = (opts: Record<string, OptionValue> | undefined) => {
    const users = Object.values(opts ?? {}).flatMap((v) => (typeof v === 'object' ? [user(v.user)] : []));
    return users.length ? { resolved: { users: Object.fromEntries(users.map((u) => [u.id, u])) } } : {};
  };

  const payloads: PayloadBuilders = {
    chatInput(o) {
      const options = optionList(o.options);
      return baseInteraction(2, o, {
        id: snowflake(),
        name: o.command,
        type: 1,
        options: o.subcommand ? [{ name: o.subcommand, type: 1, options }] : options,
        ...resolvedUsers(o.options),
      });
    },
    autocomplete(o) {
      const options = optionList({ ...(o.options ?? {}), [o.focused]: o.value }, o.focused);
      return baseInteraction(4, o, {
        id: snowflake(),
        name: o.command,
        type: 1,
        options: o.subcommand ? [{ name: o.subcommand, type: 1, options }] : options,
      });
    },
    button(o) {
      return baseInteraction(3, o, { custom_id: o.customId, component_type: 2 }, { message: apiMessage(o.messageId) });
    },
    stringSelect(o) {
      return baseInteraction(
        3,
        o,
        { custom_id: o.customId, component_type: 3, values: o.values },
        { message: apiMessage(o.messageId) },
      );
    },
    modalSubmit(o) {
      let n = 0; // Discord numbers every component of the modal
      const components = Object.entries(o.fields).map(([customId, value]) => {
        const id = ++n;
        const input = { type: 4, id: ++n, custom_id: customId, value };
        return o.rows ? { type: 1, id, components: [input] } : { type: 18, id, component: input };
      });
      return baseInteraction(5, o, { custom_id: o.customId, components }, o.messageId ? { message: apiMessage(o.messageId) } : {});
    },
    modalSubmitFor(modal, text, o = {}) {
      const inputs = textInputsOf(modal);
      if (!inputs.length) throw new Error('fake discord: that modal has no text input');
      const fields = Object.fromEntries(inputs.map((c, i) => [c.custom_id as string, i === 0 ? text : '']));
      const rows = (modal.components ?? []).some((c: any) => c.type === 1);
      return payloads.modalSubmit({ ...o, customId: modal.custom_id, fields, rows });
    },
  };

  const fake: FakeDiscord = {
    apiUrl: `${base}/api`,
    gatewayUrl,
    applicationId,
    botUserId,
    calls,
    identifies,
    resumes,
    dropGateway(code = 4000) {
      for (const ws of sessions) ws.close(code, 'fake: dropped');
      sessions.clear();
    },
    messages,
    interactions,
    commands,
    dmChannels,
    closeDms(userId) {
      closedDms.add(userId);
    },
    ackLatencies,
    payloads,
    failNext(rule) {
      failRules.push({ ...rule, left: rule.times ?? 1 });
    },
    callsTo(method, path) {
      return calls.filter(
        (c) => c.method === method.toUpperCase() && (typeof path === 'string' ? c.path === path : path.test(c.path)),
      );
    },
    waitForCall(predicate, timeoutMs = 5000) {
      return waitUntil(() => calls.find(predicate), timeoutMs, 'a matching REST call');
    },
    waitForCalls(predicate, count, timeoutMs = 5000) {
      return waitUntil(
        () => {
          const found = calls.filter(predicate);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} matching REST calls`,
      );
    },
    waitForIdentify(timeoutMs = 5000) {
      return waitUntil(() => (sessions.size > 0 ? true : undefined), timeoutMs, 'IDENTIFY').then(() => undefined);
    },
    dispatchInteraction(payload) {
      if (sessions.size === 0) throw new Error('fake discord: no identified gateway session');
      const rec: InteractionRecord = {
        id: payload.id,
        token: payload.token,
        type: payload.type,
        channelId: payload.channel_id,
        guildId: payload.guild_id,
        sourceMessageId: payload.message?.id,
        callbacks: [],
        followUpIds: [],
        dispatchedAt: Date.now(),
      };
      interactions.set(rec.id, rec);
      byToken.set(rec.token, rec);
      const packet = JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++seq, d: payload });
      for (const ws of sessions) ws.send(packet);
      return payload.id;
    },
    forgetInteraction(id) {
      const rec = interactions.get(id);
      if (!rec) return;
      interactions.delete(id);
      byToken.delete(rec.token);
      for (const m of [rec.originalMessageId, ...rec.followUpIds]) if (m && m !== rec.sourceMessageId) messages.delete(m);
    },
    dispatch(event, data) {
      if (sessions.size === 0) throw new Error('fake discord: no identified gateway session');
      const packet = JSON.stringify({ op: 0, t: event, s: ++seq, d: data });
      for (const ws of sessions) ws.send(packet);
    },
    seedMessage(channelId, body) {
      const msg = createMessage(channelId, body.guild_id, body);
      return msg;
    },
    apiMessage,
    async close() {
      for (const ws of sessions) ws.terminate();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The text inputs of a modal, in order, from action rows or label components. */
function textInputsOf(modal: any): any[] {
  return (modal?.components ?? []).flatMap((c: any) =>
    c.type === 1 ? (c.components ?? []) : c.type === 18 && c.component ? [c.component] : [],
  ).filter((c: any) => c.type === 4);
}

/** Checks a modal (interaction callback type 9 data) against Discord's rules; returns the problems. */
export function validateModal(data: any): string[] {
  const problems: string[] = [];
  const len = (v: unknown) => (typeof v === 'string' ? v.length : -1);
  const customId = len(data?.custom_id);
  if (customId < 1 || customId > LIMITS.customId) problems.push(`modal custom_id length ${customId}`);
  const title = len(data?.title);
  if (title < 1 || title > LIMITS.modalTitle) problems.push(`modal title length ${title}`);
  const top: any[] = Array.isArray(data?.components) ? data.components : [];
  if (top.length < 1 || top.length > LIMITS.modalComponents) problems.push(`modal components: ${top.length}, must be 1-5`);
  const ids = new Set<string>();
  const checkInput = (c: any, legacyLabel: boolean) => {
    if (c?.type !== 4) return void problems.push(`unsupported modal component type ${c?.type}`);
    const id = len(c.custom_id);
    if (id < 1 || id > LIMITS.customId) problems.push(`text input custom_id length ${id}`);
    else if (ids.has(c.custom_id)) problems.push(`duplicate custom_id ${c.custom_id}`);
    ids.add(c.custom_id);
    if (c.style !== 1 && c.style !== 2) problems.push(`text input style ${c.style}`);
    if (legacyLabel) {
      const label = len(c.label);
      if (label < 1 || label > LIMITS.textInputLabel) problems.push(`text input label length ${label}`);
    }
    const min = c.min_length ?? 0;
    const max = c.max_length ?? LIMITS.textInputLength;
    if (!Number.isInteger(min) || min < 0 || min > LIMITS.textInputLength) problems.push(`text input min_length ${min}`);
    if (!Number.isInteger(max) || max < 1 || max > LIMITS.textInputLength) problems.push(`text input max_length ${max}`);
    if (min > max) problems.push(`text input min_length ${min} > max_length ${max}`);
    if (c.placeholder !== undefined && len(c.placeholder) > LIMITS.textInputPlaceholder) problems.push(`text input placeholder length ${len(c.placeholder)}`);
    if (c.value !== undefined && len(c.value) > LIMITS.textInputLength) problems.push(`text input value length ${len(c.value)}`);
    if (c.required !== undefined && typeof c.required !== 'boolean') problems.push('text input required must be a boolean');
  };
  for (const c of top) {
    if (c?.type === 1) {
      const inner: any[] = c.components ?? [];
      if (inner.length !== 1) problems.push(`a modal action row holds exactly one text input, not ${inner.length}`);
      for (const x of inner) checkInput(x, true);
    } else if (c?.type === 18) {
      const label = len(c.label);
      if (label < 1 || label > LIMITS.textInputLabel) problems.push(`label length ${label}`);
      if (c.description !== undefined && len(c.description) > LIMITS.labelDescription) problems.push(`label description length ${len(c.description)}`);
      checkInput(c.component, false);
    } else {
      problems.push(`unsupported top-level modal component type ${c?.type}`);
    }
  }
  return problems;
}

/** Checks a message body against Discord's limits; returns the problems (empty when valid). */
/** Embed images `attachment://name` must name a file sent with the request (or one already on the message). */
/**
 * Users a message create notifies, as Discord decides: each `<@id>` / `<@!id>` of the content,
 * when `allowed_mentions` is absent (everything pings), its `parse` has "users", or its `users`
 * lists the id. Embeds never ping.
 */
export function pingedUsers(body: any): string[] {
  const ids = [...String(body?.content ?? '').matchAll(/<@!?(\d{1,20})>/g)].map((m) => m[1]!);
  const allowed = body?.allowed_mentions;
  const ok = (id: string) => !allowed || (Array.isArray(allowed.parse) && allowed.parse.includes('users')) || (Array.isArray(allowed.users) && allowed.users.includes(id));
  return [...new Set(ids.filter(ok))];
}

export function attachmentProblems(body: any, files: FakeFile[] | undefined, kept: { filename: string }[] = []): string[] {
  const names = new Set([...(files ?? []).map((f) => f.filename), ...kept.map((a) => a.filename)]);
  const problems: string[] = [];
  for (const e of body.embeds ?? []) {
    for (const url of [e.image?.url, e.thumbnail?.url]) {
      if (typeof url === 'string' && url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length))) problems.push(`embed image ${url}: no such attachment`);
    }
  }
  if ((files ?? []).length > 10) problems.push(`files: ${files!.length} > 10`);
  return problems;
}

export function validateMessageBody(body: any, create = true): string[] {
  const problems: string[] = [];
  // Discord: "parse" and "users" are mutually exclusive for users, and at most 100 ids.
  const allowed = body.allowed_mentions;
  if (allowed?.users !== undefined) {
    if (!Array.isArray(allowed.users) || allowed.users.length > 100) problems.push('allowed_mentions.users: at most 100 ids');
    else if (Array.isArray(allowed.parse) && allowed.parse.includes('users')) problems.push('allowed_mentions: parse "users" and users are mutually exclusive');
  }
  const content: string = body.content ?? '';
  if (content.length > LIMITS.content) problems.push(`content: ${content.length} > ${LIMITS.content}`);
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: ${embeds.length} > ${LIMITS.embeds}`);
  let total = 0;
  for (const e of embeds) {
    const title = e.title ?? '';
    const desc = e.description ?? '';
    if (title.length > LIMITS.embedTitle) problems.push(`embed title ${title.length}`);
    if (desc.length > LIMITS.embedDescription) problems.push(`embed description ${desc.length}`);
    // Discord: "Not a well formed URL." / "Scheme is not supported" for anything but http(s) and attachment://.
    const image = e.image?.url;
    if (image !== undefined && (typeof image !== 'string' || !/^(https?:\/\/\S+|attachment:\/\/\S+)$/i.test(image))) problems.push(`embed image url ${String(image).slice(0, 40)}: not a well formed URL`);
    total += title.length + desc.length + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0);
    const fields: any[] = e.fields ?? [];
    if (fields.length > LIMITS.embedFields) problems.push(`embed fields ${fields.length}`);
    for (const f of fields) {
      if (!f.name || f.name.length > LIMITS.fieldName) problems.push(`field name ${f.name?.length ?? 0}`);
      if (!f.value || f.value.length > LIMITS.fieldValue) problems.push(`field value ${f.value?.length ?? 0}`);
      total += (f.name?.length ?? 0) + (f.value?.length ?? 0);
    }
  }
  if (total > LIMITS.embedsTotal) problems.push(`embeds total ${total} > ${LIMITS.embedsTotal}`);
  const rows: any[] = body.components ?? [];
  if (rows.length > LIMITS.rows) problems.push(`rows: ${rows.length} > ${LIMITS.rows}`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== 1) problems.push('top-level component is not an action row');
    const comps: any[] = row.components ?? [];
    if (comps.length === 0) problems.push('empty action row');
    const hasSelect = comps.some((c) => c.type === 3);
    if (hasSelect && comps.length > 1) problems.push('a select must be alone in its row');
    if (comps.length > LIMITS.buttonsPerRow) problems.push(`row with ${comps.length} components`);
    for (const c of comps) {
      if (c.custom_id !== undefined) {
        if (c.custom_id.length === 0 || c.custom_id.length > LIMITS.customId) problems.push(`custom_id length ${c.custom_id.length}`);
        if (ids.has(c.custom_id)) problems.push(`duplicate custom_id ${c.custom_id}`);
        ids.add(c.custom_id);
      }
      if (c.type === 2 && (c.label ?? '').length > LIMITS.label) problems.push(`button label ${c.label.length}`);
      if (c.type === 3) {
        const opts: any[] = c.options ?? [];
        if (opts.length === 0 || opts.length > LIMITS.selectOptions) problems.push(`select options ${opts.length}`);
        for (const o of opts) {
          if (!o.label || o.label.length > LIMITS.selectOptionLabel) problems.push(`option label ${o.label?.length ?? 0}`);
          if (!o.value || o.value.length > LIMITS.selectOptionValue) problems.push(`option value ${o.value?.length ?? 0}`);
        }
        const min = c.min_values ?? 1;
        const max = c.max_values ?? 1;
        if (min < 0 || max < 1 || min > max || max > opts.length) problems.push(`select min/max ${min}/${max}`);
        if ((c.placeholder ?? '').length > LIMITS.placeholder) problems.push(`placeholder ${c.placeholder.length}`);
      }
    }
  }
  if (create && !content && embeds.length === 0 && rows.length === 0) {
    problems.push('Cannot send an empty message');
  }
  return problems;
}
