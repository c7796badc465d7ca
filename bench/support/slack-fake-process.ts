// Runs the fake Slack Web API (test/fakes/slack-api.ts) in its own process for bench:load, so the
// fake's work (every click's response_url post, the live-count chat.update calls) does not run on
// the bot's event loop: real Slack is remote. The parent talks to it over IPC.

import { fork, type ChildProcess } from 'node:child_process';
import { raisePriority } from './priority.js';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../../test/fakes/slack-api.js';
import { recordArrival, type ReplyArrival } from './latency-table.js';

type Request =
  | { id: number; op: 'first-post' }
  | { id: number; op: 'clear' }
  | { id: number; op: 'peaks' }
  | { id: number; op: 'replies'; prefix: string; busyPrefix: string }
  | { id: number; op: 'sample-result'; prefix: string; busyPrefix: string };

if (process.argv.includes('--slack-fake')) {
  const fake = await FakeSlackApi.start({ now: () => performance.timeOrigin + performance.now() });
  process.on('message', (m: Request) => {
    let result: unknown = null;
    if (m.op === 'first-post') {
      const post = fake.calls('chat.postMessage')[0];
      result = post?.response?.ok ? { ts: String(post.response.ts), blocks: post.body.blocks } : null;
    } else if (m.op === 'sample-result') {
      const call = fake.calls('response_url').find((c) => c.status === 200 && c.responseId?.startsWith(m.prefix) && !String((c.body as { text?: unknown }).text ?? '').startsWith(m.busyPrefix));
      result = call?.body ?? null;
    } else if (m.op === 'replies') {
      const byId = new Map<string, ReplyArrival>();
      for (const c of fake.calls('response_url')) {
        if (c.status !== 200 || !c.responseId?.startsWith(m.prefix)) continue;
        recordArrival(byId, c.responseId, c.time, !String((c.body as { text?: unknown }).text ?? '').startsWith(m.busyPrefix));
      }
      result = [...byId.values()];
    } else if (m.op === 'clear') fake.clearCalls();
    else if (m.op === 'peaks') {
      result = Object.fromEntries(Object.keys(fake.callsPerMinute()).map((method) => [method, fake.peakPerMinute(method)]));
    }
    process.send!({ id: m.id, result });
  });
  process.once('disconnect', () => void fake.close().then(() => process.exit(0)));
  process.send!({ ready: true, token: fake.token, apiUrl: fake.apiUrl, responseBase: fake.responseUrl('') });
}

export interface RemoteSlackFake {
  /** The stand-in's process (its CPU is counted by bench:load). */
  pid: number | undefined;
  token: string;
  apiUrl: string;
  /** Prefix of a response_url: append an id. */
  responseBase: string;
  firstPost(): Promise<{ ts: string; blocks: unknown[] } | null>;
  clearCalls(): Promise<void>;
  /** Most calls per method in any sliding 60-second window. */
  peaks(): Promise<Record<string, number>>;
  /** Private replies that arrived for response_url ids starting with `prefix`. */
  replies(prefix: string, busyPrefix: string): Promise<ReplyArrival[]>;
  /** The body of one result (not a busy note) sent to a response_url id starting with `prefix`. */
  sampleResult(prefix: string, busyPrefix: string): Promise<Record<string, unknown> | null>;
  close(): void;
}

export async function startRemoteSlackFake(): Promise<RemoteSlackFake> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--slack-fake'], { execArgv: ['--import', 'tsx/esm'] });
  raisePriority(child);
  const waiting = new Map<number, (r: unknown) => void>();
  let seq = 0;
  const hello = await new Promise<{ token: string; apiUrl: string; responseBase: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve(m as { token: string; apiUrl: string; responseBase: string }));
  });
  child.on('message', (m: { id?: number; result?: unknown }) => {
    if (m.id !== undefined) waiting.get(m.id)?.(m.result), waiting.delete(m.id);
  });
  const ask = <T>(op: Request['op'], args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = ++seq;
      waiting.set(id, resolve as (r: unknown) => void);
      child.send({ id, op, ...args });
    });
  return {
    ...hello,
    pid: child.pid,
    firstPost: () => ask('first-post'),
    clearCalls: () => ask('clear'),
    peaks: () => ask('peaks'),
    replies: (prefix, busyPrefix) => ask('replies', { prefix, busyPrefix }),
    sampleResult: (prefix, busyPrefix) => ask('sample-result', { prefix, busyPrefix }),
    close: () => child.disconnect(),
  };
}
