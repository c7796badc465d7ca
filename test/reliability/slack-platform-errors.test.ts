// Slack's Web API answering 429 and 5xx to the Slack ChatPort (the path the core posts, edits
// and reveals through). A small proxy in front of the fake Web API injects the faults: a 5xx
// before Slack acted (safe to retry) and a 5xx after Slack acted (a lost response: Slack has no
// idempotency key, so a retry would post twice). Invariant: retried with backoff when safe,
// never posted twice. (Discord's port: test/discord/adapter.test.ts, 429 and lost 5xx with a nonce.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';

/** status 0: the connection is dropped instead of answered. */
type Fault = { method: string; status: number; afterForwarding: boolean; times: number };

describe('Slack ChatPort under 429 and 5xx', () => {
  let fake: FakeSlackApi;
  let proxy: http.Server;
  let slack: SlackAdapter;
  const faults: Fault[] = [];
  const attempts: string[] = [];
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'CERR' };
  const view = { text: 'Quiz', blocks: [{ type: 'text' as const, text: 'Quiz' }] };

  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    const target = new URL(fake.apiUrl);
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = req.url!.replace(/^\/api\//, '').split('?')[0]!;
        attempts.push(method);
        const fault = faults.find((f) => f.method === method && f.times > 0);
        if (fault) fault.times--;
        const fail = () =>
          fault!.status === 0 ? res.socket?.destroy() : res.writeHead(fault!.status, { 'content-type': 'text/plain' }).end('upstream error');
        if (fault && !fault.afterForwarding) return fail();
        const up = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (upRes) => {
            const body: Buffer[] = [];
            upRes.on('data', (c: Buffer) => body.push(c));
            upRes.on('end', () => (fault ? fail() : res.writeHead(upRes.statusCode!, upRes.headers).end(Buffer.concat(body))));
          },
        );
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const bot = { attachChat: () => {}, commands: () => [] } as unknown as Studybot;
    slack = await startSlack({
      config: {
        botToken: fake.token, signingSecret: 's', apiUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/`, port: 0,
        botId: 'BBOT', botUserId: 'UBOT', retryConfig: { retries: 3, minTimeout: 1, maxTimeout: 5 },
      },
      bot,
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await slack?.stop();
    await new Promise((r) => proxy?.close(r));
    await fake?.close();
  });
  beforeEach(() => {
    faults.length = 0;
    attempts.length = 0;
    fake.clearCalls();
  });

  const posted = () => fake.calls('chat.postMessage').filter((c) => c.status === 200 && c.response?.ok);

  it('429 with Retry-After on post and update: waited out and retried, one message, one edit', async () => {
    fake.rateLimit('chat.postMessage', { times: 2, retryAfter: 0 });
    const ref = await slack.chat.post(channel, view);
    fake.rateLimit('chat.update', { times: 1, retryAfter: 0 });
    await slack.chat.update(ref, { ...view, text: 'Quiz (closed)' });
    expect(posted()).toHaveLength(1);
    expect(fake.calls('chat.update').filter((c) => c.status === 200)).toHaveLength(1);
  });

  it('5xx before Slack acted: retried with backoff, posted once', async () => {
    faults.push({ method: 'chat.postMessage', status: 503, afterForwarding: false, times: 2 });
    await slack.chat.post(channel, view);
    expect(attempts.filter((m) => m === 'chat.postMessage')).toHaveLength(3);
    expect(posted()).toHaveLength(1);
  });

  // chat.postMessage has no idempotency key: the adapter tags each post with a nonce in its message
  // metadata and, after an ambiguous failure, looks for it in the channel's history before posting again.
  it('5xx after Slack posted (lost response): found in history by its nonce, never posted twice', async () => {
    faults.push({ method: 'chat.postMessage', status: 502, afterForwarding: true, times: 1 });
    const ref = await slack.chat.post(channel, view);
    expect(posted()).toHaveLength(1);
    expect(ref).toBe(`slack:T1:CERR:${posted()[0]!.response!.ts}`);
    expect(attempts.filter((m) => m === 'chat.postMessage')).toHaveLength(1);
    expect(attempts).toContain('conversations.history');
  });

  it('connection dropped after Slack posted: the same, one message', async () => {
    faults.push({ method: 'chat.postMessage', status: 0, afterForwarding: true, times: 1 });
    const ref = await slack.chat.post(channel, view);
    expect(posted()).toHaveLength(1);
    expect(ref).toBe(`slack:T1:CERR:${posted()[0]!.response!.ts}`);
  });

  it('connection dropped before Slack acted: not in history, so posted again, once', async () => {
    faults.push({ method: 'chat.postMessage', status: 0, afterForwarding: false, times: 1 });
    await slack.chat.post(channel, view);
    expect(attempts.filter((m) => m === 'chat.postMessage')).toHaveLength(2);
    expect(posted()).toHaveLength(1);
  });

  it('without history access an ambiguous failure is not retried: an error, never a second post', async () => {
    fake.onMethod('conversations.history', () => ({ ok: false, error: 'missing_scope', needed: 'channels:history' }));
    try {
      faults.push({ method: 'chat.postMessage', status: 502, afterForwarding: true, times: 1 });
      await expect(slack.chat.post(channel, view)).rejects.toThrow(/Could not reach Slack/);
      expect(posted()).toHaveLength(1);
      expect(attempts.filter((m) => m === 'chat.postMessage')).toHaveLength(1);
    } finally {
      fake.onMethod('conversations.history', undefined as never); // the fake's own history again
    }
  });

  it('a refusal (ok: false) is final: no retry, a clear error', async () => {
    fake.onMethod('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    try {
      await expect(slack.chat.post(channel, view)).rejects.toThrow(/invite me/);
      expect(attempts.filter((m) => m === 'chat.postMessage')).toHaveLength(1);
    } finally {
      fake.onMethod('chat.postMessage', undefined as never);
    }
  });

  it('an edit answered 5xx is retried: edits are idempotent', async () => {
    const ref = await slack.chat.post(channel, view);
    faults.push({ method: 'chat.update', status: 500, afterForwarding: false, times: 1 });
    await slack.chat.update(ref, { ...view, text: 'Quiz (closed)' });
    expect(fake.calls('chat.update').filter((c) => c.status === 200)).toHaveLength(1);
  });
});
