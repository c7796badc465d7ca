// Load benchmark: the real bot in Slack HTTP mode (Bolt → adapter → core → Postgres) against the
// local fake Web API (in its own process, as Slack is remote), with one open round, driven by
// correctly signed clicks from thousands of distinct users (some double clicks, some Slack
// retries) sent from a separate process:
//   (a) open loop: a fixed rate (default 500 clicks/s for 10 s);
//   (b) closed loop: N concurrent clients (default 200) for a fixed time, each clicking again once acked;
//   (c) closed loop: the same, each clicking again once its result has arrived (what a person does:
//       throughput counted by results, no backlog behind the acks);
// each also against a plain Bolt app that only acks, as the baseline (the goal's), and the closed loop
// also against a plain Bolt app that acks and then sends studybot's own result through the same
// response_url client (no core, no database: what the reply itself costs). For each it prints ack latency
// and click → private reply latency: the fake records (wall clock, shared by the processes) when each
// user's result reaches their response_url; a busy note sent first is counted apart. Then it checks
// the database: answers recorded, duplicates, lost (a user whose click was acked but has no answer
// row), users without a result, the Web API calls per method per minute. Then the same for Discord
// interactions through the fake gateway (bench/support/discord-load.ts; DISCORD=0 skips it), where
// the interaction callback is the private reply. Prints figures; asserts nothing.
//
//   npm run bench:load                                   # RATE=500 SECONDS=10 CLIENTS=200
//   HOG=1 npm run bench:load                             # one busy-looping process beside the bot
//   STAGES=1 CLOSED=0 DISCORD=0 npm run bench:load       # where a click's time goes (queue, core, statements, send)
//   STAGES=closed DISCORD=0 npm run bench:load           # the same over the studybot closed loop (b); STAGES=result: (c)
//   CLOSED=result DISCORD=0 npm run bench:load           # of the closed loops only the baseline and (c)
//   EDGE=inline …                                        # Slack's HTTP front door on the bot's thread (before 2026-12-07)
//   BENCH_NICE=0 …                                       # generators and fakes at the default priority (bench/support/priority.ts)
//   STAGES=1 CPU_PROFILE=/tmp/open.cpuprofile …          # V8 profile of the bot over the Slack open loop
//   STAGES=result HEAP_PROFILE=/tmp/c.heapprofile …      # what the bot allocates over the loop STAGES names (sampled)
//   CPU_PROFILE_DISCORD=/tmp/d.cpuprofile CPU_PROFILE_DISCORD_BASE=/tmp/db.cpuprofile …  # the same over the Discord closed loops
//   MAX_CLICKS=64 GROUP_IN_FLIGHT=4 TIMELINE=1 BENCH_DATABASE_URL=postgres://… npm run bench:load
//   DECKS=40 CLOSED=result DISCORD=0 npm run bench:load    # a content folder of 40 decks (40 slash commands)
//   SLACK=0 BASELINE=minimal npm run bench:load            # Discord only; its baseline replying one line, not studybot's reply

import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import pino from 'pino';
import { startSlack } from '../adapters/slack/index.js';
import { DeckLibrary, explain } from '../src/content/index.js';
import { createQuizStore, openDatabase, sql } from '../src/db/index.js';
import { createStudybot } from '../src/quiz/index.js';
import { startRemoteSlackFake } from './support/slack-fake-process.js';
import { freePort } from './support/reply-listener.js';
import { SlackTestClient, type SlackBlock } from '../test/support/slack-client.js';
import { runDiscordLoad, type DiscordPhaseResult } from './support/discord-load.js';
import { pct, printTable, replyStats, type ReplyStats, type Row } from './support/latency-table.js';
import { priorityNote } from './support/priority.js';
import { StageRecorder } from './support/stages.js';
import { cpuLine, cpuMeter, hostCpuMs, stealSince } from './support/cpu.js';
import { BUSY_PREFIX } from '../adapters/slack/click-path.js';
import { responseUrlClient } from '../adapters/slack/respond-fetch.js';
import { runInChild, SECRET, type Job, type JobResult } from './support/slack-clicker.js';

await main();

/**
 * DECKS=N: the content folder plus N-1 copies of its first deck under other commands (apigw2, …):
 * a team with many decks, each a slash command the adapter registers.
 */
async function contentFolder(decks: number): Promise<string> {
  if (decks <= 1) return 'content';
  const dir = await mkdtemp(join(os.tmpdir(), 'bench-decks-'));
  await cp('content', dir, { recursive: true });
  const note = await readFile('content/api-gateway.md', 'utf8');
  for (let i = 2; i <= decks; i++) await writeFile(join(dir, `api-gateway-${i}.md`), note.replace(/^command: apigw$/m, `command: apigw${i}`));
  return dir;
}

/** HOG=1: one CPU-bound process beside the bot for the whole run (a busy host). */
function startHog(): ChildProcess {
  const hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  hog.unref();
  return hog;
}

async function main() {
  const rate = Number(process.env.RATE ?? 500);
  const seconds = Number(process.env.SECONDS ?? 10);
  const clients = Number(process.env.CLIENTS ?? 200);
  const busyHost = process.env.HOG === '1';
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_load_${process.pid}`;
  const log = pino({ level: 'silent' });
  const hog = busyHost ? startHog() : null;
  // STAGES=1: where a click's time goes in the open loop; STAGES=closed / result: in the studybot closed loop (b) / (c).
  const stages = ['1', 'closed', 'result'].includes(process.env.STAGES ?? '') ? new StageRecorder() : null;

  const database = await openDatabase({ url, schema, log });
  await database.statements.warm();
  const fake = await startRemoteSlackFake();
  // The closed loop in which users wait for their result gets its replies on its own port (reply-listener.ts).
  const replyPort = await freePort();
  const responseUrlHosts = [new URL(fake.apiUrl).host, `127.0.0.1:${replyPort}`];
  const deckCount = Number(process.env.DECKS ?? 1);
  const decks = await DeckLibrary.load(await contentFolder(deckCount), { log });
  // GROUP_IN_FLIGHT: statements in flight per group commit (default: the store's).
  const batch = process.env.GROUP_IN_FLIGHT ? { batch: { maxInFlight: Number(process.env.GROUP_IN_FLIGHT) } } : {};
  // A plain, scored `quiz` (random 0: the deck's first question, single-answer) as everyone would get it.
  const core = createStudybot({ store: createQuizStore(database, batch), decks, explain, log, quizMinutes: 60, random: () => 0 });
  const bot = stages ? stages.wrap(core) : core;
  const slack = await startSlack({
    config: {
      botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'B1', botUserId: 'UBOT', responseUrlHosts,
      ...(process.env.MAX_WORK ? { maxConcurrentWork: Number(process.env.MAX_WORK) } : {}),
      ...(process.env.MAX_CLICKS ? { maxConcurrentClicks: Number(process.env.MAX_CLICKS) } : {}),
      ...(process.env.EDGE === 'inline' ? { httpThread: 'inline' as const } : {}),
    },
    bot,
    log,
  });
  const botUrl = `http://127.0.0.1:${(slack.server!.address() as { port: number }).port}/slack/events`;

  const baseline = new App({ token: 'xoxb-baseline', signingSecret: SECRET, botId: 'B2', botUserId: 'UBASE', logLevel: undefined });
  baseline.action(/.*/, async ({ ack }) => ack());
  const baselineServer = (await baseline.start(0)) as unknown as import('node:http').Server;
  const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as { port: number }).port}/slack/events`;

  // Plain Bolt replying: acks, then sends studybot's result (the message the fake recorded) the way
  // studybot does (responseUrlClient: undici request on one keep-alive pool).
  let sampleReply: Record<string, unknown> = { text: 'Recorded' };
  const replyingSends = new Set<Promise<unknown>>();
  const replies = responseUrlClient({ apiUrl: fake.apiUrl, allowedHosts: responseUrlHosts });
  const replying = new App({ token: 'xoxb-replying', signingSecret: SECRET, botId: 'B3', botUserId: 'UREPLY', logLevel: undefined });
  replying.action(/.*/, async ({ ack, body }) => {
    await ack();
    const sent = replies.post((body as { response_url: string }).response_url, sampleReply).finally(() => replyingSends.delete(sent));
    replyingSends.add(sent);
    await sent;
  });
  const replyingServer = (await replying.start(0)) as unknown as import('node:http').Server;
  const replyingUrl = `http://127.0.0.1:${(replyingServer.address() as { port: number }).port}/slack/events`;

  const hostStart = hostCpuMs();
  try {
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(
      `bench:load — ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${load}, database ${database.kind}` +
        `, ${priorityNote}${deckCount > 1 ? `, DECKS=${deckCount}` : ''}${busyHost ? ', HOG=1 (one busy-looping process beside the bot)' : ''}${process.env.NODE_OPTIONS ? `, NODE_OPTIONS=${process.env.NODE_OPTIONS}` : ''}`,
    );
    const goals = busyHost ? { ack: 250, reply: 3000 } : { ack: 50, reply: 1000 };
    // SLACK=0 skips the Slack phases (a quick look at Discord alone).
    if (process.env.SLACK !== '0') {
      await new SlackTestClient(botUrl, SECRET).command({
        command: '/apigw', text: 'quiz', user: { id: 'UHOST' }, channelId: 'C1', teamId: 'T1', responseUrl: `${fake.responseBase}start`,
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
      const replies = async (r: JobResult, prefix = 'U') => replyStats(r.clickAt, await fake.replies(prefix, BUSY_PREFIX), new Set(r.ackedUsers));

      // Each open loop is preceded by 2 s at 100/s from the same client process (JIT, keep-alive
      // connections and pools warm on both sides); those users count in the lost check too.
      // WARMUP_RATE / WARMUP_SECONDS change it (to tell a cold-start transient from the steady state).
      const warmup = { rate: Number(process.env.WARMUP_RATE ?? 100), seconds: Number(process.env.WARMUP_SECONDS ?? 2) };
      if (process.env.STAGES === '1') await stages?.start();
      const openBot = await runInChild({ ...job(botUrl, 'open', 'UO'), warmup });
      await slack.idle();
      if (process.env.STAGES === '1') await stages?.stop();
      const openBotReplies = await replies(openBot);
      sampleReply = (await fake.sampleResult('UO', BUSY_PREFIX)) ?? sampleReply;
      const openBase = await runInChild({ ...job(baselineUrl, 'open', 'BO'), warmup });
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
      // CLOSED=0 skips the closed loops (a quick open-loop look); CLOSED=result keeps only the baseline
      // and the loops in which each user waits for their result.
      const none: JobResult = { ackMs: [], sentAtMs: [], sent: 0, failed: 0, elapsedMs: 1, ackedUsers: [], clickAt: [], failures: {}, clientCpuMs: 0 };
      const closed = process.env.CLOSED !== '0' && process.env.CLOSED !== 'result';
      const byResult = process.env.CLOSED !== '0';
      if (process.env.STAGES === 'closed') await stages?.start();
      const closedBotMeter = cpuMeter({ fake: fake.pid });
      const closedBot = closed ? await runInChild(job(botUrl, 'closed', 'UC')) : none;
      await slack.idle();
      const closedBotCpu = closedBotMeter();
      if (process.env.STAGES === 'closed') await stages?.stop();
      // Acks are not the work: the bot acks a click before handling it. Its work is done when the
      // last reply has gone out (idle), so that is when its closed loop really ends.
      const sinceFirstClick = (r: JobResult) => (closed && r.clickAt[0] ? performance.timeOrigin + performance.now() - r.clickAt[0][1] : NaN);
      const closedDoneMs = sinceFirstClick(closedBot);
      const closedBotReplies = await replies(closedBot);
      const closedBaseMeter = cpuMeter({ fake: fake.pid });
      const closedBase = byResult ? await runInChild(job(baselineUrl, 'closed', 'BC')) : none;
      const closedBaseCpu = closedBaseMeter();
      const closedReplyingMeter = cpuMeter({ fake: fake.pid });
      const closedReplying = closed ? await runInChild(job(replyingUrl, 'closed', 'RC')) : none;
      while (replyingSends.size) await Promise.allSettled([...replyingSends]);
      const closedReplyingDoneMs = sinceFirstClick(closedReplying);
      const closedReplyingCpu = closedReplyingMeter();
      const closedReplyingReplies = await replies(closedReplying, 'RC');
      // (c) Each user clicks again only once their result has arrived: the loop a person makes, so the
      // bot's throughput here is counted by results, with no backlog behind the acks.
      const resultJob = (target: string, prefix: string): Job => ({ ...job(target, 'closed-reply', prefix), replyPort });
      const ownReplies = (r: JobResult) => replyStats(r.clickAt, r.arrivals ?? [], new Set(r.ackedUsers));
      const waitBotMeter = cpuMeter({ fake: fake.pid });
      if (process.env.STAGES === 'result') await stages?.start();
      const waitBot = byResult ? await runInChild(resultJob(botUrl, 'UW')) : none;
      await slack.idle();
      if (process.env.STAGES === 'result') await stages?.stop();
      const waitBotCpu = waitBotMeter();
      const waitReplyingMeter = cpuMeter({ fake: fake.pid });
      const waitReplying = byResult ? await runInChild(resultJob(replyingUrl, 'RW')) : none;
      while (replyingSends.size) await Promise.allSettled([...replyingSends]);
      const waitReplyingCpu = waitReplyingMeter();
      const [waitBotReplies, waitReplyingReplies] = [ownReplies(waitBot), ownReplies(waitReplying)];
      await bot.flush();

      const row = (label: string, r: JobResult, reply?: ReplyStats): Row => ({ label, count: r.sent, elapsedMs: r.elapsedMs, ackMs: r.ackMs, failed: r.failed, ...(reply ? { reply } : {}) });
      printTable(`Slack (HTTP, ${database.kind}): deliveries, ack latency, click → private reply (the result; a busy note first is counted apart)`, [
        row(`(a) open ${rate}/s, studybot`, openBot, openBotReplies),
        row(`(a) open ${rate}/s, plain Bolt`, openBase),
        row(`(b) closed ${clients} clients, studybot`, closedBot, closedBotReplies),
        row(`(b) closed ${clients} clients, plain Bolt`, closedBase),
        row(`(b) closed ${clients} clients, plain Bolt replying`, closedReplying, closedReplyingReplies),
        row(`(c) closed ${clients} users waiting for their result, studybot`, waitBot, waitBotReplies),
        row(`(c) closed ${clients} users waiting for their result, plain Bolt replying`, waitReplying, waitReplyingReplies),
      ].filter((r) => r.count > 0));
      stages?.print();
      for (const [label, r] of [['open, studybot', openBot], ['open, plain Bolt', openBase], ['closed, studybot', closedBot], ['closed, plain Bolt', closedBase], ['closed, plain Bolt replying', closedReplying], ['waiting, studybot', waitBot], ['waiting, plain Bolt replying', waitReplying]] as const) {
        if (r.failed) console.log(`failed deliveries (${label}): ${Object.entries(r.failures).map(([k, n]) => `${k} ${n}`).join(', ')}`);
      }

      const baseRate = closedBase.sent / closedBase.elapsedMs;
      const ratio = closedBot.sent / closedBot.elapsedMs / baseRate;
      const doneRatio = closedBot.sent / closedDoneMs / baseRate;
      const replyingRate = closedReplying.sent / closedReplyingDoneMs;
      if (closed) console.log(
        `\nclosed-loop throughput: acks ${(ratio * 100).toFixed(0)}% of the plain-Bolt baseline; clicks handled (until the last reply went out, ` +
          `${((closedDoneMs - closedBot.elapsedMs) / 1000).toFixed(1)} s after the last ack) ${(doneRatio * 100).toFixed(0)}% (goal ≥ 70%); ` +
          `plain Bolt replying handles ${((replyingRate / baseRate) * 100).toFixed(0)}% of the baseline, studybot ${(((closedBot.sent / closedDoneMs) / replyingRate) * 100).toFixed(0)}% of plain Bolt replying`,
      );
      if (byResult) {
        const waitRate = (r: JobResult) => r.sent / r.elapsedMs;
        console.log(
          `closed loop, each user waiting for their result: studybot ${((waitRate(waitBot) / baseRate) * 100).toFixed(0)}% of the plain-Bolt baseline (goal ≥ 70%); ` +
            `plain Bolt replying ${((waitRate(waitReplying) / baseRate) * 100).toFixed(0)}%, studybot ${((waitRate(waitBot) / waitRate(waitReplying)) * 100).toFixed(0)}% of it`,
        );
        const cpuRows = [['studybot', closedBot, closedBotCpu], ['plain Bolt', closedBase, closedBaseCpu], ['plain Bolt replying', closedReplying, closedReplyingCpu],
          ['studybot, users waiting for their result', waitBot, waitBotCpu], ['plain Bolt replying, users waiting for their result', waitReplying, waitReplyingCpu]] as const;
        for (const [label, r, used] of cpuRows.filter(([, r]) => r.sent > 0)) {
          console.log(`  ${cpuLine(label, r.sent, { bot: used.bot, Postgres: used.postgres, 'stand-in Slack': used.others.fake!, 'clicking client': r.clientCpuMs }, used.threads)}`);
        }
      }
      console.log(
        `open loop: ack p99 ${pct(openBot.ackMs, 99).toFixed(1)} ms (goal < ${goals.ack} ms), ` +
          `click → reply p99 ${pct(openBotReplies.resultMs, 99).toFixed(0)} ms (goal < ${goals.reply} ms)`,
      );

      const acked = new Set([...openBot.ackedUsers, ...closedBot.ackedUsers, ...waitBot.ackedUsers]);
      const rows = (await database.db.execute(
        sql.raw(`select user_key from answers where round_id = ${Number(roundId)}`),
      )) as unknown as { rows?: { user_key: string }[] } | { user_key: string }[];
      const list = (Array.isArray(rows) ? rows : rows.rows ?? []).map((r) => r.user_key);
      const recorded = new Set(list);
      const lost = [...acked].filter((u) => !recorded.has(`slack:T1:${u}`));
      console.log(
        `users acked: ${acked.size}; answers recorded: ${list.length}; duplicates: ${list.length - recorded.size}; lost: ${lost.length}; ` +
          `measured users without a result reply: ${openBotReplies.noReply + closedBotReplies.noReply + waitBotReplies.noReply}`,
      );

      const peaks = Object.entries(await fake.peaks())
        .map(([m, n]) => `${m} ${n}/min`)
        .join(', ');
      console.log(`Web API calls, peak per method per minute: ${peaks || 'none'} (Slack: chat.update ~50/min, chat.postEphemeral ~100/min; response_url is per click and not rate-limited per workspace)`);
    }

    if (process.env.DISCORD !== '0') {
      await slack.stop();
      const d = await runDiscordLoad({ bot, log, rate, seconds, clients });
      const dRow = (label: string, r: DiscordPhaseResult, withReply: boolean): Row => ({
        label, count: r.sent, elapsedMs: r.elapsedMs, ackMs: r.ackMs, failed: r.failed,
        ...(withReply ? { reply: { resultMs: r.replyMs, firstMs: r.replyMs, busy: r.deferred, noReply: r.noReply } } : {}),
      });
      printTable(
        'Discord (gateway, fake REST): ack = first interaction callback; reply = the callback when it carries the answer, else the first follow-up after a deferral',
        [
          dRow(`(a) open ${rate}/s, studybot`, d.open, true),
          dRow(`(a) open ${rate}/s, adapter only`, d.openBase, true),
          dRow(`(b) closed ${clients}, studybot`, d.closed, true),
          dRow(`(b) closed ${clients}, adapter only`, d.closedBase, true),
        ],
        'deferred',
      );
      const dRatio = (d.closed.sent / d.closed.elapsedMs) / (d.closedBase.sent / d.closedBase.elapsedMs);
      console.log(
        `\nclosed-loop throughput: ${(dRatio * 100).toFixed(0)}% of the adapter-only baseline (replying ${d.baselineReply === 'studybot' ? "studybot's own reply" : 'one line'}; goal ≥ 70%); ` +
          `open loop: callback p99 ${pct(d.open.ackMs, 99).toFixed(0)} ms, reply p99 ${pct(d.open.replyMs, 99).toFixed(0)} ms (goal < ${goals.reply} ms)`,
      );
      for (const [label, r] of [['studybot', d.closed], ['adapter only', d.closedBase]] as const) {
        if (!r.cpuMs) continue;
        const per = (ms: number) => `${((ms / Math.max(1, r.sent)) * 1000).toFixed(0)} µs`;
        console.log(
          `closed loop CPU per interaction, ${label}: bot ${per(r.cpuMs.bot)}, fake Discord + clients ${per(r.cpuMs.fake)}, Postgres ${per(r.cpuMs.postgres)} ` +
            `(over ${(r.elapsedMs / 1000).toFixed(1)} s: bot ${(r.cpuMs.bot / r.elapsedMs * 100).toFixed(0)} %, fake ${(r.cpuMs.fake / r.elapsedMs * 100).toFixed(0)} %, Postgres ${(r.cpuMs.postgres / r.elapsedMs * 100).toFixed(0)} % of one core)`,
        );
        if (r.threads?.length)
          console.log(`  bot threads per interaction (on a CPU / waiting for one): ${r.threads.map((t) => `${t.name} ${per(t.runMs)} / ${per(t.waitMs)}`).join(', ')}`);
      }
      for (const name of new Set(d.statements.map((b) => b.name))) {
        const bs = d.statements.filter((b) => b.name === name);
        console.log(
          `closed loop group commit "${name}": ${bs.length} statements for ${d.closed.sent} interactions, batch p50 ${pct(bs.map((b) => b.size), 50)} ` +
            `max ${Math.max(...bs.map((b) => b.size))}; statement p50 ${pct(bs.map((b) => b.ms), 50).toFixed(1)} p99 ${pct(bs.map((b) => b.ms), 99).toFixed(1)} ms; wait p99 ${pct(bs.map((b) => b.waitMs), 99).toFixed(1)} ms`,
        );
      }
      const dAcked = new Set([...d.open.ackedUsers, ...d.closed.ackedUsers]);
      const dRows = (await database.db.execute(sql.raw(`select user_key from answers where round_id = ${Number(d.roundId)}`))) as unknown as { rows?: { user_key: string }[] };
      const dList = (dRows.rows ?? []).map((r) => r.user_key);
      const dRecorded = new Set(dList.map((k) => k.split(':').at(-1)));
      const dLost = [...dAcked].filter((u) => !dRecorded.has(u));
      console.log(`users acked: ${dAcked.size}; answers recorded: ${dList.length}; duplicates: ${dList.length - new Set(dList).size}; lost: ${dLost.length}`);
      console.log(`REST calls during the studybot phases (< 1 min, so these bound the per-minute rate): ${Object.entries(d.restCalls).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    // A slow run on a virtual machine is often its host's: time the hypervisor gave to other machines.
    console.log(`\nhost over the run: ${stealSince(hostStart)}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // The bot's process (with the in-process baselines): the young generation's size trades memory for GC time.
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(`bot process: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, new space now ${((young?.space_size ?? 0) / 2 ** 20).toFixed(0)} MB, node flags ${process.execArgv.filter((a) => a.startsWith('--max-semi')).join(' ') || '(none)'}`);
  } finally {
    hog?.kill();
    await slack.stop().catch(() => undefined);
    await baseline.stop();
    await replying.stop();
    fake.close();
    await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`)).catch(() => undefined);
    await database.close();
  }
}
