// The clicking client of bench:load, in its own process (as Slack is remote): correctly signed
// block_actions clicks from distinct users (every 20th followed by a double click, every 50th by a
// Slack retry), at a fixed rate (open loop) or from N concurrent clients (closed loops), recording
// each ack's latency and when each user's first click was sent.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SlackTestClient, type SlackBlock } from '../../test/support/slack-client.js';
import { BUSY_PREFIX } from '../../adapters/slack/click-path.js';
import { raisePriority } from './priority.js';
import { startReplyListener, type ReplyListener } from './reply-listener.js';
import type { ReplyArrival } from './latency-table.js';

export const SECRET = 'bench-signing-secret';
/** closed-reply: how long a clicking user waits for their result before giving up (counted as no reply). */
const RESULT_WAIT_MS = 15_000;

export interface Job {
  /** Clicks sent first by the same client process (warm JIT and connections), not measured. */
  warmup?: { rate: number; seconds: number };
  url: string;
  responseBase: string;
  message: { ts: string; blocks: SlackBlock[] };
  /** closed: each client clicks again once acked; closed-reply: once its result has arrived (on `replyPort`). */
  mode: 'open' | 'closed' | 'closed-reply';
  replyPort?: number;
  rate: number;
  seconds: number;
  clients: number;
  userPrefix: string;
}

export interface JobResult {
  ackMs: number[];
  /** When each ack's click was sent, ms after the phase started (same order as ackMs). */
  sentAtMs: number[];
  sent: number;
  failed: number;
  elapsedMs: number;
  ackedUsers: string[];
  /** Wall-clock ms (timeOrigin + now) each user's first click was sent, for the reply latency. */
  clickAt: [string, number][];
  /** Failed deliveries by HTTP status or error code. */
  failures: Record<string, number>;
  /** CPU ms the clicking client used over the measured phase. */
  clientCpuMs: number;
  /** closed-reply: the replies as the clicking client received them. */
  arrivals?: ReplyArrival[];
}


async function runJob(job: Job): Promise<JobResult> {
  const client = new SlackTestClient(job.url, SECRET);
  const warm = job.warmup ? await runPhase(client, { ...job, ...job.warmup, mode: 'open', userPrefix: `${job.userPrefix}W` }) : null;
  const listener = job.mode === 'closed-reply' ? await startReplyListener(job.replyPort!, BUSY_PREFIX) : null;
  const measured = await runPhase(client, listener ? { ...job, responseBase: listener.base } : job, listener);
  if (listener) {
    measured.arrivals = listener.arrivals();
    await listener.close();
  }
  return { ...measured, ackedUsers: [...(warm?.ackedUsers ?? []), ...measured.ackedUsers], failures: { ...measured.failures, ...(warm?.failed ? { 'warm-up': warm.failed } : {}) } };
}

async function runPhase(client: SlackTestClient, job: Job, listener: ReplyListener | null = null): Promise<JobResult> {
  const ackMs: number[] = [];
  const sentAtMs: number[] = [];
  const acked = new Set<string>();
  const clickAt: [string, number][] = [];
  let sent = 0;
  let failed = 0;
  let seq = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };

  // Every 20th click is followed by a double click, every 50th by a Slack retry of the same delivery.
  const clickOnce = async (): Promise<void> => {
    const i = seq++;
    const user = `${job.userPrefix}${i}`;
    const payload = SlackTestClient.blockActionsPayload({
      user: { id: user, name: `user ${i}` }, teamId: 'T1', channelId: 'C1',
      responseUrl: `${job.responseBase}${user}`, message: job.message, button: ['A', 'B', 'C', 'D'][i % 4]!,
    });
    const deliveries: Promise<void>[] = [];
    clickAt.push([user, performance.timeOrigin + performance.now()]);
    const deliver = async (opts: { retryNum?: number } = {}) => {
      const t0 = performance.now();
      sent++;
      try {
        const res = await client.interactive(payload, opts);
        ackMs.push(performance.now() - t0);
        sentAtMs.push(t0 - started);
        if (res.status === 200) acked.add(user);
        else fail(`HTTP ${res.status}`);
      } catch (err) {
        const e = err as { cause?: { code?: string }; code?: string; message?: string };
        fail(e.cause?.code ?? e.code ?? e.message ?? 'error');
      }
    };
    deliveries.push(deliver());
    if (i % 20 === 7) deliveries.push(deliver());
    if (i % 50 === 13) deliveries.push(deliver({ retryNum: 1 }));
    await Promise.all(deliveries);
    if (listener && acked.has(user)) await listener.result(user, RESULT_WAIT_MS);
  };

  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = started + job.seconds * 1000;
  if (job.mode === 'open') {
    const inflight = new Set<Promise<void>>();
    const total = job.rate * job.seconds;
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / job.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const p = clickOnce().finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  } else {
    const worker = async () => {
      while (performance.now() < deadline) await clickOnce();
    };
    await Promise.all(Array.from({ length: job.clients }, worker));
  }
  const cpu = process.cpuUsage(cpu0);
  return { ackMs, sentAtMs, sent, failed, elapsedMs: performance.now() - started, ackedUsers: [...acked], clickAt, failures, clientCpuMs: (cpu.user + cpu.system) / 1000 };
}

if (process.argv.includes('--slack-clicker')) {
  process.once('message', (job: Job) => {
    runJob(job).then((r) => process.send!(r, () => process.exit(0)));
  });
}

export function runInChild(job: Job): Promise<JobResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--slack-clicker'], { execArgv: ['--import', 'tsx/esm'] });
  raisePriority(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as JobResult));
    child.once('error', reject);
    child.send(job);
  });
}
