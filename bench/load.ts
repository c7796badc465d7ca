// Load benchmark: the real bot in Slack HTTP mode (Bolt → adapter → core → Postgres) against the
// local fake Web API (in its own process, as Slack is remote), with one open round, driven by
// correctly signed clicks from thousands of distinct users (some double clicks, some Slack
// retries) sent from a separate process:
//   (a) open loop: a fixed rate (default 500 clicks/s for 10 s), ack latency p50/p95/p99/max;
//   (b) closed loop: N concurrent clients (default 200) for a fixed time, clicks/s;
// each also against a plain Bolt app that only acks, as the baseline. Then it checks the database:
// answers recorded, duplicates, lost (a user whose click was acked but has no answer row), and
// prints the Web API calls per method per minute. Then the same for Discord interactions through
// the fake gateway (bench/support/discord-load.ts; DISCORD=0 skips it). Prints figures; asserts nothing.
//
//   npm run bench:load
//   RATE=500 SECONDS=10 CLIENTS=200 MAX_WORK=8 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:load

import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { App } from '@slack/bolt';
import pino from 'pino';
import { startSlack } from '../adapters/slack/index.js';
import { DeckLibrary, explain } from '../src/content/index.js';
import { createQuizStore, openDatabase, sql } from '../src/db/index.js';
import { createStudybot } from '../src/quiz/index.js';
import { startRemoteSlackFake } from './support/slack-fake-process.js';
import { SlackTestClient, type SlackBlock } from '../test/support/slack-client.js';
import { runDiscordLoad, type DiscordPhaseResult } from './support/discord-load.js';

const SECRET = 'bench-signing-secret';

interface Job {
  /** Clicks sent first by the same client process (warm JIT and connections), not measured. */
  warmup?: { rate: number; seconds: number };
  url: string;
  responseBase: string;
  message: { ts: string; blocks: SlackBlock[] };
  mode: 'open' | 'closed';
  rate: number;
  seconds: number;
  clients: number;
  userPrefix: string;
}

interface JobResult {
  ackMs: number[];
  /** When each ack's click was sent, ms after the phase started (same order as ackMs). */
  sentAtMs: number[];
  sent: number;
  failed: number;
  elapsedMs: number;
  ackedUsers: string[];
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

// ---------- the clicking client (child process) ----------

async function runJob(job: Job): Promise<JobResult> {
  const client = new SlackTestClient(job.url, SECRET);
  const warm = job.warmup ? await runPhase(client, { ...job, ...job.warmup, mode: 'open', userPrefix: `${job.userPrefix}W` }) : null;
  const measured = await runPhase(client, job);
  return { ...measured, ackedUsers: [...(warm?.ackedUsers ?? []), ...measured.ackedUsers] };
}

async function runPhase(client: SlackTestClient, job: Job): Promise<JobResult> {
  const ackMs: number[] = [];
  const sentAtMs: number[] = [];
  const acked = new Set<string>();
  let sent = 0;
  let failed = 0;
  let seq = 0;

  // Every 20th click is followed by a double click, every 50th by a Slack retry of the same delivery.
  const clickOnce = async (): Promise<void> => {
    const i = seq++;
    const user = `${job.userPrefix}${i}`;
    const payload = SlackTestClient.blockActionsPayload({
      user: { id: user, name: `user ${i}` }, teamId: 'T1', channelId: 'C1',
      responseUrl: `${job.responseBase}${user}`, message: job.message, button: ['A', 'B', 'C', 'D'][i % 4]!,
    });
    const deliveries: Promise<void>[] = [];
    const deliver = async (opts: { retryNum?: number } = {}) => {
      const t0 = performance.now();
      sent++;
      try {
        const res = await client.interactive(payload, opts);
        ackMs.push(performance.now() - t0);
        sentAtMs.push(t0 - started);
        if (res.status === 200) acked.add(user);
        else failed++;
      } catch {
        failed++;
      }
    };
    deliveries.push(deliver());
    if (i % 20 === 7) deliveries.push(deliver());
    if (i % 50 === 13) deliveries.push(deliver({ retryNum: 1 }));
    await Promise.all(deliveries);
  };

  const started = performance.now();
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
  return { ackMs, sentAtMs, sent, failed, elapsedMs: performance.now() - started, ackedUsers: [...acked] };
}

if (process.argv.includes('--client')) {
  process.once('message', (job: Job) => {
    runJob(job).then((r) => process.send!(r, () => process.exit(0)));
  });
} else {
  await main();
}

function runInChild(job: Job): Promise<JobResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--client'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as JobResult));
    child.once('error', reject);
    child.send(job);
  });
}

// ---------- the bot, the baseline and the report ----------

async function main() {
  const rate = Number(process.env.RATE ?? 500);
  const seconds = Number(process.env.SECONDS ?? 10);
  const clients = Number(process.env.CLIENTS ?? 200);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_load_${process.pid}`;
  const log = pino({ level: 'silent' });

  const database = await openDatabase({ url, schema, log });
  const fake = await startRemoteSlackFake();
  const decks = await DeckLibrary.load('content', { log });
  const bot = createStudybot({ store: createQuizStore(database), decks, explain, log, quizMinutes: 60 });
  const slack = await startSlack({
    config: {
      botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'B1', botUserId: 'UBOT',
      ...(process.env.MAX_WORK ? { maxConcurrentWork: Number(process.env.MAX_WORK) } : {}),
    },
    bot,
    log,
  });
  const botUrl = `http://127.0.0.1:${(slack.server!.address() as { port: number }).port}/slack/events`;

  const baseline = new App({ token: 'xoxb-baseline', signingSecret: SECRET, botId: 'B2', botUserId: 'UBASE', logLevel: undefined });
  baseline.action(/.*/, async ({ ack }) => ack());
  const baselineServer = (await baseline.start(0)) as unknown as import('node:http').Server;
  const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as { port: number }).port}/slack/events`;

  try {
    await new SlackTestClient(botUrl, SECRET).command({
      command: '/apigw', text: 'quiz 1', user: { id: 'UHOST' }, channelId: 'C1', teamId: 'T1', responseUrl: `${fake.responseBase}start`,
    });
    await slack.idle();
    const post = await fake.firstPost();
    if (!post) throw new Error('the quiz question was not posted');
    const message = { ts: post.ts, blocks: post.blocks as SlackBlock[] };
    const roundId = JSON.stringify(message.blocks).match(/"a:(\d+):/)?.[1];
    await fake.clearCalls();

    const job = (target: string, mode: Job['mode'], userPrefix: string): Job => ({
      url: target, responseBase: fake.responseBase, message, mode, rate, seconds, clients, userPrefix,
    });
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`bench:load — ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${load}, database ${database.kind}`);

    const report = (label: string, r: JobResult) =>
      console.log(
        `${label.padEnd(34)} ${String(r.sent).padStart(6)} deliveries in ${(r.elapsedMs / 1000).toFixed(1)} s = ${((r.sent / r.elapsedMs) * 1000).toFixed(0).padStart(5)}/s; ` +
          `ack p50 ${pct(r.ackMs, 50).toFixed(1)} p95 ${pct(r.ackMs, 95).toFixed(1)} p99 ${pct(r.ackMs, 99).toFixed(1)} max ${Math.max(...r.ackMs).toFixed(1)} ms; failed ${r.failed}`,
      );

    // Each open loop is preceded by 2 s at 100/s from the same client process (JIT, keep-alive
    // connections and pools warm on both sides); those users count in the lost check too.
    const warmup = { rate: 100, seconds: 2 };
    const openBot = await runInChild({ ...job(botUrl, 'open', 'UO'), warmup });
    await slack.idle();
    report(`(a) open loop ${rate}/s, studybot`, openBot);
    const openBase = await runInChild({ ...job(baselineUrl, 'open', 'BO'), warmup });
    report(`(a) open loop ${rate}/s, plain Bolt`, openBase);
    if (process.env.TIMELINE) {
      // Where in the run the slow acks were: p99 and max per second of the open loop.
      for (const [label, r] of [['studybot', openBot], ['plain Bolt', openBase]] as const) {
        const bySecond = new Map<number, number[]>();
        r.ackMs.forEach((ms, i) => {
          const s = Math.floor(r.sentAtMs[i]! / 1000);
          bySecond.set(s, [...(bySecond.get(s) ?? []), ms]);
        });
        const cells = [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([s, xs]) => `${s}s p99 ${pct(xs, 99).toFixed(0)}/max ${Math.max(...xs).toFixed(0)}`);
        console.log(`    timeline ${label}: ${cells.join(' · ')}`);
      }
    }
    const closedBot = await runInChild(job(botUrl, 'closed', 'UC'));
    await slack.idle();
    report(`(b) closed loop ${clients} clients, studybot`, closedBot);
    const closedBase = await runInChild(job(baselineUrl, 'closed', 'BC'));
    report(`(b) closed loop ${clients} clients, plain Bolt`, closedBase);
    await bot.flush();

    const ratio = (closedBot.sent / closedBot.elapsedMs) / (closedBase.sent / closedBase.elapsedMs);
    console.log(`closed-loop throughput: ${(ratio * 100).toFixed(0)}% of the plain-Bolt baseline (goal ≥ 50%)`);
    console.log(`open-loop p99: ${pct(openBot.ackMs, 99).toFixed(1)} ms (goal < 50 ms)`);

    const acked = new Set([...openBot.ackedUsers, ...closedBot.ackedUsers]);
    const rows = (await database.db.execute(
      sql.raw(`select user_key from answers where round_id = ${Number(roundId)}`),
    )) as unknown as { rows?: { user_key: string }[] } | { user_key: string }[];
    const list = (Array.isArray(rows) ? rows : rows.rows ?? []).map((r) => r.user_key);
    const recorded = new Set(list);
    const lost = [...acked].filter((u) => !recorded.has(`slack:T1:${u}`));
    console.log(`users acked: ${acked.size}; answers recorded: ${list.length}; duplicates: ${list.length - recorded.size}; lost: ${lost.length}`);

    const peaks = Object.entries(await fake.peaks())
      .map(([m, n]) => `${m} ${n}/min`)
      .join(', ');
    console.log(`Web API calls, peak per method per minute: ${peaks || 'none'} (Slack: chat.update ~50/min, chat.postEphemeral ~100/min; response_url is per click and not rate-limited per workspace)`);

    if (process.env.DISCORD !== '0') {
      await slack.stop();
      console.log('--- Discord: interactions through the fake gateway (ack = interaction callback reaching the fake REST) ---');
      const d = await runDiscordLoad({ bot, log, rate, seconds, clients });
      const dReport = (label: string, r: DiscordPhaseResult) =>
        console.log(
          `${label.padEnd(34)} ${String(r.sent).padStart(6)} interactions in ${(r.elapsedMs / 1000).toFixed(1)} s = ${((r.sent / r.elapsedMs) * 1000).toFixed(0).padStart(5)}/s; ` +
            `ack p50 ${pct(r.ackMs, 50).toFixed(0)} p95 ${pct(r.ackMs, 95).toFixed(0)} p99 ${pct(r.ackMs, 99).toFixed(0)} max ${Math.max(...r.ackMs).toFixed(0)} ms; no callback ${r.failed}`,
        );
      dReport(`(a) open loop ${rate}/s, studybot`, d.open);
      dReport(`(a) open loop ${rate}/s, adapter only`, d.openBase);
      dReport(`(b) closed loop ${clients} clients, studybot`, d.closed);
      dReport(`(b) closed loop ${clients} clients, adapter only`, d.closedBase);
      const dRatio = (d.closed.sent / d.closed.elapsedMs) / (d.closedBase.sent / d.closedBase.elapsedMs);
      console.log(`closed-loop throughput: ${(dRatio * 100).toFixed(0)}% of the adapter-only baseline; open-loop p99 ${pct(d.open.ackMs, 99).toFixed(0)} ms`);
      const dAcked = new Set([...d.open.ackedUsers, ...d.closed.ackedUsers]);
      const dRows = (await database.db.execute(sql.raw(`select user_key from answers where round_id = ${Number(d.roundId)}`))) as unknown as { rows?: { user_key: string }[] };
      const dList = (dRows.rows ?? []).map((r) => r.user_key);
      const dRecorded = new Set(dList.map((k) => k.split(':').at(-1)));
      const dLost = [...dAcked].filter((u) => !dRecorded.has(u));
      console.log(`users acked: ${dAcked.size}; answers recorded: ${dList.length}; duplicates: ${dList.length - new Set(dList).size}; lost: ${dLost.length}`);
      console.log(`REST calls during the studybot phases (< 1 min, so these bound the per-minute rate): ${Object.entries(d.restCalls).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  } finally {
    await slack.stop().catch(() => undefined);
    await baseline.stop();
    fake.close();
    await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`)).catch(() => undefined);
    await database.close();
  }
}
