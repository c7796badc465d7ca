// The Slack HTTP endpoint under hostile traffic, through the real Bolt app behind the hardened
// receiver (adapters/slack/receiver.ts), on real sockets: oversized, unsigned and future-dated
// bodies are refused before they are read, concurrent unverified bodies are capped, a body sent a
// byte at a time is cut off, the connection count is capped, and real, signed requests keep being
// served throughout. Nothing here asserts a duration: "before it is read" is shown by an answer that
// arrives while the client still holds most of the body back.

import http from 'node:http';
import net from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RECEIVER_LIMITS, startSlack, type ReceiverLimits, type SlackAdapter } from '../../adapters/slack/index.js';
import type { ActionInvocation, CommandInvocation, CommandSpec, Reply, Studybot } from '../../src/quiz/api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient, signSlackRequest, type SlackBlock } from '../support/slack-client.js';

const log = pino({ level: 'silent' });
const SECRET = 'limits-signing-secret';
const text = (t: string): Reply => ({ visibility: 'private', view: { text: t, blocks: [{ type: 'text', text: t }] } });

class RecordingBot implements Studybot {
  commandsSeen: CommandInvocation[] = [];
  actionsSeen: ActionInvocation[] = [];
  async command(inv: CommandInvocation) {
    this.commandsSeen.push(inv);
    return [text(`ran ${inv.text}`)];
  }
  async action(inv: ActionInvocation) {
    this.actionsSeen.push(inv);
    return [text(`clicked ${inv.actionId}`)];
  }
  async autocomplete() {
    return [];
  }
  commands() {
    const spec: CommandSpec = { name: 'apigw', description: 'API Gateway', deckId: 'api-gateway', subcommands: [] };
    return [spec];
  }
  attachChat() {}
  startRound(): never {
    throw new Error('not used');
  }
  async closeDueRounds() {
    return 0;
  }
  async flush() {}
}

let fake: FakeSlackApi;
let bot: RecordingBot;
let slack: SlackAdapter | undefined;
let client: SlackTestClient;
let port: number;
let seq = 0;

beforeAll(async () => {
  fake = await FakeSlackApi.start();
});
afterAll(async () => {
  await fake?.close();
});
afterEach(async () => {
  await slack?.stop();
  slack = undefined;
});

async function start(limits: Partial<ReceiverLimits> = {}) {
  bot = new RecordingBot();
  slack = await startSlack({
    config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'BBOT', botUserId: 'UBOT', receiverLimits: limits },
    bot,
    log,
  });
  port = (slack.server!.address() as { port: number }).port;
  client = new SlackTestClient(`http://127.0.0.1:${port}/slack/events`, SECRET);
}

/** A real, signed slash command; resolves with its HTTP status once its reply reached the fake. */
async function realCommand(): Promise<{ status: number; replies: string[] }> {
  const id = `real-${++seq}`;
  const res = await client.command({ command: '/apigw', text: `help ${id}`, user: { id: 'UREAL' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl(id) });
  await slack!.idle();
  return { status: res.status, replies: fake.responses(id).map((c) => String(c.body.text)) };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Headers Slack would send for a body of `length` bytes, signed over `signedBody` (a forgery unless it is the body). */
function slackHeaders(length: number | undefined, opts: { signedBody?: string; ts?: number; unsigned?: boolean } = {}): Record<string, string> {
  const ts = opts.ts ?? nowSeconds();
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    ...(opts.unsigned ? {} : { 'x-slack-signature': signSlackRequest(SECRET, ts, opts.signedBody ?? 'something else') }),
    ...(length === undefined ? {} : { 'content-length': String(length) }),
  };
}

/**
 * POSTs on a fresh connection, sends only `first` bytes of the body and holds the rest back.
 * Resolves with the status of an answer that comes while the body is still incomplete.
 */
function partialPost(headers: Record<string, string>, first: Buffer | string): { answer: Promise<number>; retryAfter: Promise<string | undefined>; req: http.ClientRequest } {
  const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent: false });
  let retryAfter: (v: string | undefined) => void = () => {};
  const answer = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      retryAfter(res.headers['retry-after']);
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  answer.catch(() => {}); // a held request is destroyed by the test or closed by the server: not an answer
  req.on('error', () => {});
  req.write(first);
  return { answer, retryAfter: new Promise((resolve) => (retryAfter = resolve)), req };
}

/** A signed POST of a whole body on a fresh connection (large bodies: fetch would race the server's early answer). */
function fullPost(body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The largest block_actions Slack can send for a studybot message: 48 sections of 3,000 CJK characters, 25 + 1 buttons. */
function largestClick(): string {
  const text = '語'.repeat(3000);
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < 48; i++) blocks.push({ type: 'section', block_id: `s${i}`, text: { type: 'mrkdwn', text, verbatim: false } });
  blocks.push({
    type: 'actions',
    block_id: 'answers',
    elements: Array.from({ length: 25 }, (_, i) => ({ type: 'button', action_id: `a:1234567890123456:${i}`, value: `a:1234567890123456:${i}`, text: { text: `${i}${'語'.repeat(70)}` } })),
  });
  blocks.push({ type: 'actions', block_id: 'report', elements: [{ type: 'button', action_id: 'p:1234567890123456', value: 'p:1234567890123456', text: { text: 'Report a problem' } }] });
  const payload = SlackTestClient.blockActionsPayload({
    user: { id: 'U0123456789', name: 'someone' }, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('largest'),
    message: { ts: '1764151200.000100', blocks }, button: `7${'語'.repeat(70)}`,
  });
  (payload.message as Record<string, unknown>).text = '語'.repeat(3000);
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('Slack HTTP limits (hardened receiver in front of Bolt)', () => {
  it('the largest payload a studybot message can produce is accepted and handled; one byte over the limit is 413', async () => {
    await start();
    const body = largestClick();
    const size = Buffer.byteLength(body);
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(size).toBeLessThanOrEqual(DEFAULT_RECEIVER_LIMITS.bodyLimitBytes);
    expect(await fullPost(body, slackHeaders(size, { signedBody: body }))).toBe(200);
    await slack!.idle();
    expect(bot.actionsSeen.map((a) => a.actionId)).toEqual(['a:1234567890123456:7']);

    const over = DEFAULT_RECEIVER_LIMITS.bodyLimitBytes + 1;
    const { answer, req } = partialPost(slackHeaders(over), 'payload=');
    expect(await answer).toBe(413);
    req.destroy();
    expect((await realCommand()).status).toBe(200);
  });

  it('a body over the limit is refused before it is read: declared (413 after 8 of 2,000,000 bytes) or growing (chunked)', async () => {
    await start();
    const declared = partialPost(slackHeaders(2_000_000), 'payload=');
    expect(await declared.answer).toBe(413);
    declared.req.destroy();

    const chunked = partialPost({ ...slackHeaders(undefined), 'transfer-encoding': 'chunked' }, Buffer.alloc(DEFAULT_RECEIVER_LIMITS.bodyLimitBytes + 1, 'a'));
    expect(await chunked.answer).toBe(413);
    chunked.req.destroy();
    expect(bot.actionsSeen).toEqual([]);
  });

  it('unsigned or malformed requests get 401 before the body is read; the core never runs', async () => {
    await start();
    const unsigned = partialPost(slackHeaders(1_000_000, { unsigned: true }), 'payload=');
    expect(await unsigned.answer).toBe(401);
    unsigned.req.destroy();
    const badSignature = partialPost({ ...slackHeaders(500_000), 'x-slack-signature': 'v0=not-hex' }, 'payload=');
    expect(await badSignature.answer).toBe(401);
    badSignature.req.destroy();
    const stale = partialPost(slackHeaders(500_000, { ts: nowSeconds() - 6 * 60 }), 'payload=');
    expect(await stale.answer).toBe(401);
    stale.req.destroy();
    expect(bot.commandsSeen).toEqual([]);
    expect(bot.actionsSeen).toEqual([]);
    // Slack's unsigned SSL check still gets its 200 (Bolt answers it); a payload smuggled into it runs nothing.
    const check = 'ssl_check=1&token=legacy';
    expect(await fullPost(check, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(check.length) })).toBe(200);
    const smuggled = `ssl_check=1&command=%2Fapigw&text=quiz&team_id=T1&channel_id=C1&user_id=UX&response_url=${encodeURIComponent(fake.responseUrl('smuggled'))}`;
    expect(await fullPost(smuggled, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(smuggled.length) })).toBe(200);
    await slack!.idle();
    expect(bot.commandsSeen).toEqual([]);
  });

  it('a correctly signed request stamped a year ahead is refused (401); a few seconds ahead is fine', async () => {
    await start();
    const future = SlackTestClient.commandBody({ command: '/apigw', text: 'future', user: { id: 'UF' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl('future') }).toString();
    const yearAhead = nowSeconds() + 365 * 86_400;
    expect(await fullPost(future, slackHeaders(Buffer.byteLength(future), { signedBody: future, ts: yearAhead }))).toBe(401);
    const slightlyAhead = nowSeconds() + 5;
    expect(await fullPost(future, slackHeaders(Buffer.byteLength(future), { signedBody: future, ts: slightlyAhead }))).toBe(200);
    await slack!.idle();
    expect(bot.commandsSeen.map((c) => c.text)).toEqual(['future']);
  });

  it('large bodies being read at once are capped (503 + Retry-After); small, real requests are still served', async () => {
    await start({ maxUnverifiedLarge: 2 });
    const held = [partialPost(slackHeaders(1_000_000), 'payload='), partialPost(slackHeaders(1_000_000), 'payload=')];
    // Both are being read (a real command after them proves the server saw them first).
    const first = await realCommand();
    expect(first.replies).toEqual([`ran help real-${seq}`]);
    const third = partialPost(slackHeaders(1_000_000), 'payload=');
    expect(await third.answer).toBe(503);
    expect(await third.retryAfter).toBe('1');
    third.req.destroy();
    const served = await realCommand();
    expect(served.status).toBe(200);
    expect(served.replies).toEqual([`ran help real-${seq}`]);
    // The held ones end (client gone): their slots are free again, so a large body is read and judged.
    for (const h of held) h.req.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const forged = 'payload=' + 'x'.repeat(100_000);
    expect(await fullPost(forged, slackHeaders(forged.length))).toBe(401);
  });

  it('a body sent one byte at a time is cut off by the request timeout while real requests keep being served', async () => {
    await start({ requestTimeoutMs: 1000, headersTimeoutMs: 600 });
    const length = 400;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const head = Object.entries(slackHeaders(length)).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    socket.write(`POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n\r\n`);
    let sent = 0;
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    const drip = setInterval(() => {
      if (sent < length && !socket.destroyed) {
        socket.write('a');
        sent++;
      }
    }, 25);
    try {
      // Real requests are answered while the slow body drips in.
      for (let i = 0; i < 3; i++) expect((await realCommand()).status).toBe(200);
      await closed;
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    expect(sent).toBeLessThan(length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(bot.actionsSeen).toEqual([]);
    expect((await realCommand()).status).toBe(200);
  });

  it('connections over the cap are dropped; once they go, real requests are served again', async () => {
    await start({ maxConnections: 3 });
    const idle = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => resolve(s));
            s.on('error', () => {});
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 50));
    const extra = net.connect(port, '127.0.0.1');
    extra.on('error', () => {});
    extra.on('connect', () => extra.write('POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n'));
    let got = '';
    extra.on('data', (d) => (got += String(d)));
    await new Promise<void>((resolve) => extra.once('close', () => resolve()));
    expect(got).toBe(''); // dropped, never answered
    for (const s of idle) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const served = await realCommand();
    expect(served.status).toBe(200);
    expect(served.replies).toHaveLength(1);
  });
});
