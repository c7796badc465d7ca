// The Slack front door in its worker thread (adapters/slack/edge-thread.ts): what it passes on, and
// a thread that stops is replaced on the same port without losing what it had acked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RECEIVER_LIMITS, type EdgeClick, type EdgeRequest } from '../../adapters/slack/edge.js';
import { startEdge, type EdgeHandle } from '../../adapters/slack/edge-thread.js';
import { SlackTestClient } from '../support/slack-client.js';

const SECRET = 'edge-thread-secret';
const log = pino({ level: 'silent' });

const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const clickFrom = (user: string) =>
  SlackTestClient.blockActionsPayload({
    user: { id: user }, teamId: 'T1', channelId: 'C1', responseUrl: 'http://127.0.0.1:1/r',
    message: { ts: '1.2', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'ans:r1:A', value: 'ans:r1:A', text: { text: 'A' } }] }] },
    button: 'A',
  });

const payloadOf = (c: EdgeClick) => JSON.parse(new TextDecoder().decode(c.payload)) as Record<string, unknown>;

describe('the Slack front door in its own thread', () => {
  const clicks: EdgeClick[] = [];
  const requests: EdgeRequest[] = [];
  const refused: string[] = [];
  const threads: Worker[] = [];
  let edge: EdgeHandle;
  let client: SlackTestClient;

  beforeAll(async () => {
    edge = await startEdge(
      { signingSecret: SECRET, limits: DEFAULT_RECEIVER_LIMITS, endpoint: '/slack/events', port: 0, thread: 'worker', log, onThread: (w) => threads.push(w) },
      {
        click: (c) => clicks.push(c),
        request: async (r) => {
          requests.push(r);
          return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'from Bolt' }) };
        },
        refused: (reason) => refused.push(reason),
      },
    );
    client = new SlackTestClient(`http://127.0.0.1:${edge.address().port}/slack/events`, SECRET);
  });
  afterAll(() => edge?.close());

  it('acks a click and passes on its payload, response_url and kind; hands anything else over and answers what it is told; refuses a forgery', async () => {
    expect(await client.interactive(clickFrom('U1'), { retryNum: 2 })).toEqual({ status: 200, body: '' });
    await edge.sync();
    expect(clicks).toHaveLength(1);
    expect(payloadOf(clicks[0]!)).toMatchObject({ type: 'block_actions', user: { id: 'U1' } });
    expect(clicks[0]!).toMatchObject({ responseUrl: 'http://127.0.0.1:1/r', button: true });
    expect(clicks[0]!.retryNum).toBe(2);
    expect(clicks[0]!.receivedAt).toBeGreaterThan(Date.now() - 60_000);

    const res = await client.command({ command: '/apigw', text: 'help', user: { id: 'U1' }, channelId: 'C1', teamId: 'T1', responseUrl: 'http://127.0.0.1:1/r' });
    expect(res).toEqual({ status: 200, body: JSON.stringify({ text: 'from Bolt' }) });
    expect(requests).toHaveLength(1);
    expect(Buffer.from(requests[0]!.rawBody).toString()).toContain('command=%2Fapigw');
    expect(requests[0]!.headers['x-slack-signature']).toMatch(/^v0=/);

    expect((await client.interactive(clickFrom('U2'), { forge: 'bad-signature' })).status).toBe(401);
    await edge.sync();
    expect(clicks).toHaveLength(1);
    expect(refused).toContain('bad signature');
  });

  it.runIf(existsSync('/proc/thread-self'))('is named for the operating system, so its CPU shows apart from the bot\'s main thread', () => {
    const names = readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim());
    expect(names).toContain('studybot-edge');
  });

  it('a thread that stops is replaced on the same port, and clicks are acked and passed on again', async () => {
    const port = edge.address().port;
    expect(threads).toHaveLength(1);
    await threads[0]!.terminate();
    await until(() => threads.length === 2 && edge.listening, 'a new thread listening');
    expect(edge.address().port).toBe(port);
    expect(await client.interactive(clickFrom('U3'))).toEqual({ status: 200, body: '' });
    await edge.sync();
    expect(clicks.map((c) => (payloadOf(c).user as { id: string }).id)).toEqual(['U1', 'U3']);
  });
});

describe('a front-door thread that stops answering', () => {
  it('is stopped by the watchdog and replaced on the same port; clicks are acked again', async () => {
    const threads: Worker[] = [];
    const clicks: EdgeClick[] = [];
    const errors: string[] = [];
    const watched = pino({ level: 'error' }, { write: (line: string) => void errors.push(String(JSON.parse(line).msg)) });
    const edge = await startEdge(
      { signingSecret: SECRET, limits: DEFAULT_RECEIVER_LIMITS, endpoint: '/slack/events', port: 0, thread: 'worker', log: watched, watchdogMs: 300, onThread: (w) => threads.push(w) },
      { click: (c) => clicks.push(c), request: async () => ({ status: 404 }), refused: () => {} },
    );
    try {
      const port = edge.address().port;
      const client = new SlackTestClient(`http://127.0.0.1:${port}/slack/events`, SECRET);
      // Stuck for a minute: it would never exit on its own.
      threads[0]!.postMessage({ kind: 'stall', ms: 60_000 });
      await until(() => threads.length === 2 && edge.listening, 'a new thread listening');
      expect(errors).toContain('the Slack HTTP thread stopped answering; stopping it');
      expect(edge.address().port).toBe(port);
      expect(await client.interactive(clickFrom('U9'))).toEqual({ status: 200, body: '' });
      await edge.sync();
      expect(clicks.map((c) => (payloadOf(c).user as { id: string }).id)).toEqual(['U9']);
    } finally {
      await edge.close();
    }
  });
  it('is not condemned when the adapter\'s own thread was held up past the limit', async () => {
    const threads: Worker[] = [];
    const edge = await startEdge(
      { signingSecret: SECRET, limits: DEFAULT_RECEIVER_LIMITS, endpoint: '/slack/events', port: 0, thread: 'worker', log, watchdogMs: 400, onThread: (w) => threads.push(w) },
      { click: () => {}, request: async () => ({ status: 404 }), refused: () => {} },
    );
    try {
      // The front door is slow for a moment (within the limit), so the first check, asked at 200 ms, is still open...
      threads[0]!.postMessage({ kind: 'stall', ms: 500 });
      await new Promise((r) => setTimeout(r, 300));
      // ...when this thread is held up for 1.5 s: the answer, sent at 500 ms, waits here unread.
      const until = performance.now() + 1500;
      while (performance.now() < until);
      await new Promise((r) => setTimeout(r, 600));
      expect(threads).toHaveLength(1);
      expect(edge.listening).toBe(true);
    } finally {
      await edge.close();
    }
  });
});
