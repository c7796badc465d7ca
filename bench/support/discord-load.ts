// Discord half of bench:load. The fake Discord (REST + gateway) and the interaction generator run in
// a child process, so dispatching thousands of interactions does not steal the bot's event loop; the
// bot (discord.js adapter → core → Postgres) runs in the parent. Ack = the interaction callback
// reaching the fake REST, timed by the fake from dispatch. The baseline is the same adapter with a
// core whose action answers at once (no database), i.e. discord.js + adapter + fake only.

import { fork, type ChildProcess } from 'node:child_process';
import { cpuMeter, type ThreadCpu } from './cpu.js';
import { raisePriority } from './priority.js';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { startDiscord } from '../../adapters/discord/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { startFakeDiscord, type FakeDiscord } from '../../test/fakes/discord-api.js';
import { GroupCommit, type BatchTiming } from '../../src/db/group-commit.js';

const APP_ID = '100000000000000001';
const GUILD = '300000000000000001';
const CHANNEL = '400000000000000001';

export interface DiscordPhaseResult {
  /** Dispatch → first interaction callback. */
  ackMs: number[];
  /** Dispatch → the answer: the callback when it carries it (reply/update), else the first follow-up after a deferral. */
  replyMs: number[];
  /** Interactions whose first callback was a deferral. */
  deferred: number;
  /** Interactions acked but never answered within 30 s. */
  noReply: number;
  sent: number;
  elapsedMs: number;
  ackedUsers: string[];
  failed: number;
  /** CPU ms over the phase: the bot process, the fake + generator child, Postgres (Linux /proc; 0 elsewhere). */
  cpuMs?: { bot: number; fake: number; postgres: number };
  /** The bot's threads over the phase: ms on a CPU and ms runnable but waiting for one (Linux). */
  threads?: ThreadCpu[];
}

type Command =
  | { cmd: 'setup' }
  | { cmd: 'open'; rate: number; seconds: number; prefix: number }
  | { cmd: 'closed'; clients: number; seconds: number; prefix: number }
  | { cmd: 'rest-per-minute' };

// ---------- child: the fake Discord and the load generator ----------

async function childMain() {
  const fake = await startFakeDiscord({ token: 'bench-token', applicationId: APP_ID });
  let buttons: { custom_id: string }[] = [];
  let messageId = '';
  interface Timing { ackMs: number | null; replyMs: number | null; deferred: boolean }
  interface Waiting { t0: number; ackMs: number | null; deferred: boolean; done: (t: Timing) => void }
  const pending = new Map<string, Waiting>();
  // One shared poll resolves finished interactions (the fake exposes no per-call event).
  const poll = setInterval(() => {
    const now = performance.now();
    for (const [id, w] of pending) {
      const rec = fake.interactions.get(id);
      if (!rec || !rec.callbacks.length) continue;
      if (w.ackMs === null) {
        w.ackMs = now - w.t0;
        w.deferred = rec.callbacks[0]!.type === 5 || rec.callbacks[0]!.type === 6;
      }
      if (!w.deferred || rec.followUpIds.length || rec.callbacks.length > 1) {
        pending.delete(id);
        w.done({ ackMs: w.ackMs, replyMs: now - w.t0, deferred: w.deferred });
      }
    }
  }, 1);

  // Each phase starts with the fake as it was after setup: the interactions, reply messages and
  // calls of earlier phases are tallied and dropped, so the phase run last (the baseline) does not
  // pay for a fake grown by the ones before it.
  const dispatched: string[] = [];
  const restTally: Record<string, number> = {};
  const trim = () => {
    for (const [kind, n] of Object.entries(restCounts(fake))) restTally[kind] = (restTally[kind] ?? 0) + n;
    fake.calls.length = 0;
    for (const id of dispatched.splice(0)) fake.forgetInteraction(id);
  };

  const click = (user: number, dup: boolean): Promise<Timing> => {
    const payload = fake.payloads.button({
      customId: buttons[user % buttons.length]!.custom_id, messageId, guildId: GUILD, channelId: CHANNEL,
      user: { id: String(500000000000000000n + BigInt(user)), username: `u${user}` },
    });
    const t0 = performance.now();
    const id = fake.dispatchInteraction(payload);
    dispatched.push(id);
    const p = new Promise<Timing>((resolve) => {
      const w: Waiting = { t0, ackMs: null, deferred: false, done: resolve };
      pending.set(id, w);
      setTimeout(() => pending.has(id) && (pending.delete(id), resolve({ ackMs: w.ackMs, replyMs: null, deferred: w.deferred })), 30_000).unref();
    });
    void dup;
    return p;
  };

  const phase = async (run: (clickOnce: () => Promise<void>) => Promise<void>): Promise<DiscordPhaseResult> => {
    const ackMs: number[] = [];
    const replyMs: number[] = [];
    const acked = new Set<string>();
    let sent = 0;
    let failed = 0;
    let deferred = 0;
    let noReply = 0;
    let seq = 0;
    const clickOnce = async () => {
      const i = seq++;
      const user = currentPrefix + i;
      const one = async () => {
        sent++;
        const t = await click(user, false);
        if (t.ackMs === null) failed++;
        else {
          ackMs.push(t.ackMs);
          acked.add(String(500000000000000000n + BigInt(user)));
          if (t.deferred) deferred++;
          if (t.replyMs === null) noReply++;
          else replyMs.push(t.replyMs);
        }
      };
      // Every 20th user double clicks (Discord sends two distinct interactions).
      await Promise.all(i % 20 === 7 ? [one(), one()] : [one()]);
    };
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await run(clickOnce);
    const cpu = process.cpuUsage(cpu0);
    trim();
    return { cpuMs: { bot: 0, fake: (cpu.user + cpu.system) / 1000, postgres: 0 }, ackMs, replyMs, deferred, noReply, sent, failed, elapsedMs: performance.now() - started, ackedUsers: [...acked] };
  };
  let currentPrefix = 0;

  process.on('message', async (m: Command) => {
    if (m.cmd === 'setup') {
      fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'quiz', options: {}, guildId: GUILD, channelId: CHANNEL })); // a plain, scored quiz
      await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages` && c.status === 200, 30_000);
      const msg = [...fake.messages.values()].find((x) => x.channel_id === CHANNEL && !x.interaction_id)!;
      messageId = msg.id;
      buttons = (msg.components as any)[0].components;
      process.send!({ roundId: buttons[0]!.custom_id.split(':')[1] });
    } else if (m.cmd === 'open') {
      currentPrefix = m.prefix;
      const r = await phase(async (clickOnce) => {
        const inflight: Promise<void>[] = [];
        const started = performance.now();
        for (let n = 0; n < m.rate * m.seconds; n++) {
          const wait = started + (n * 1000) / m.rate - performance.now();
          if (wait > 1) await new Promise((res) => setTimeout(res, wait));
          inflight.push(clickOnce());
        }
        await Promise.all(inflight);
      });
      process.send!(r);
    } else if (m.cmd === 'closed') {
      currentPrefix = m.prefix;
      const r = await phase(async (clickOnce) => {
        const deadline = performance.now() + m.seconds * 1000;
        await Promise.all(Array.from({ length: m.clients }, async () => {
          while (performance.now() < deadline) await clickOnce();
        }));
      });
      process.send!(r);
    } else if (m.cmd === 'rest-per-minute') {
      trim();
      process.send!(restTally);
    }
  });
  process.once('disconnect', () => {
    clearInterval(poll);
    void fake.close().then(() => process.exit(0));
  });
  process.send!({ apiUrl: fake.apiUrl });
}

/** REST calls by route kind so far (the fake keeps no call times; the phases together last under a minute). */
function restCounts(fake: FakeDiscord): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of fake.calls) {
    const path = c.path.replace(/\/\d{5,}/g, '/:id').replace(/^\/(interactions|webhooks)\/:id\/[^/]+/, '/$1/:id/:token');
    const kind = `${c.method} ${path}`;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

if (process.argv.includes('--discord-fake')) await childMain();

// ---------- parent: the bot ----------

function ask<T>(child: ChildProcess, msg: Command): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(msg);
  });
}

/** A phase run by the child, with the bot's and Postgres' CPU over it. */
async function withCpu(child: ChildProcess, msg: Command): Promise<DiscordPhaseResult> {
  const used = cpuMeter();
  const r = await ask<DiscordPhaseResult>(child, msg);
  const { bot, postgres, threads } = used();
  return { ...r, threads, cpuMs: { bot, fake: r.cpuMs?.fake ?? 0, postgres } };
}

/**
 * Before each closed loop: a full garbage collection and a quiet second, so neither closed loop pays
 * for the garbage or the leftover writes of the phases before it (the baseline runs last).
 */
async function settle(): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.collectGarbage');
  } finally {
    session.disconnect();
  }
  await new Promise((r) => setTimeout(r, 1000));
}

/** CPU_PROFILE_DISCORD(_BASE)=<file>: a V8 CPU profile of the bot process over one closed phase. */
async function startProfile(file: string | undefined): Promise<Session | undefined> {
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Session | undefined, file: string | undefined, what: string): Promise<void> {
  if (!session || !file) return;
  const { profile } = await session.post('Profiler.stop');
  await writeFile(file, JSON.stringify(profile));
  session.disconnect();
  console.log(`CPU profile of the ${what} written to ${file}`);
}

export interface DiscordLoadResult {
  open: DiscordPhaseResult;
  closed: DiscordPhaseResult;
  openBase: DiscordPhaseResult;
  closedBase: DiscordPhaseResult;
  roundId: string;
  restCalls: Record<string, number>;
  /** Group-commit statements during the studybot closed loop. */
  statements: BatchTiming[];
  /** What the adapter-only baseline replied: studybot's own reply, or a one-line text. */
  baselineReply: 'studybot' | 'minimal';
}

export async function runDiscordLoad(opts: { bot: Studybot; log: Logger; rate: number; seconds: number; clients: number }): Promise<DiscordLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--discord-fake'], { execArgv: ['--import', 'tsx/esm'] });
  raisePriority(child);
  try {
    const { apiUrl } = await new Promise<{ apiUrl: string }>((resolve) => child.once('message', (m) => resolve(m as { apiUrl: string })));
    const config = { token: 'bench-token', applicationId: APP_ID, apiUrl };

    // The adapter-only baseline sends the reply studybot sent (its embed and buttons), so the
    // difference between the two is the core and the database, not a smaller message.
    // BASELINE=minimal: a one-line "Recorded" instead (the figure before 2026-12-06 22:45).
    let studybotReply: Awaited<ReturnType<Studybot['action']>> | undefined;
    const watched: Studybot = {
      ...opts.bot,
      // Once a reply is kept, clicks go straight to the bot (no extra promise per click).
      action: (inv) =>
        studybotReply
          ? opts.bot.action(inv)
          : opts.bot.action(inv).then((replies) => {
              studybotReply ??= replies.some((r) => r.recorded) ? replies : undefined;
              return replies;
            }),
    };
    let discord = await startDiscord({ config, bot: watched, log: opts.log });
    const { roundId } = await ask<{ roundId: string }>(child, { cmd: 'setup' });
    await discord.idle();
    // 2 s at 100/s first (JIT, connections, pools), as for Slack; those users count in the lost check.
    const warm = await ask<DiscordPhaseResult>(child, { cmd: 'open', rate: 100, seconds: 2, prefix: 500_000 });
    await discord.idle();
    const measured = await ask<DiscordPhaseResult>(child, { cmd: 'open', rate: opts.rate, seconds: opts.seconds, prefix: 1_000_000 });
    const open = { ...measured, ackedUsers: [...warm.ackedUsers, ...measured.ackedUsers] };
    await discord.idle();
    await settle();
    const profiler = await startProfile(process.env.CPU_PROFILE_DISCORD);
    const statements: BatchTiming[] = [];
    GroupCommit.observe = (t) => statements.push(t);
    const closed = await withCpu(child, { cmd: 'closed', clients: opts.clients, seconds: opts.seconds, prefix: 2_000_000 });
    GroupCommit.observe = undefined;
    await discord.idle();
    await stopProfile(profiler, process.env.CPU_PROFILE_DISCORD, 'Discord closed loop (studybot)');
    await opts.bot.flush();
    const restCalls = await ask<Record<string, number>>(child, { cmd: 'rest-per-minute' });
    await discord.stop();

    const minimal = process.env.BASELINE === 'minimal' || !studybotReply;
    const baselineReply = minimal ? [{ visibility: 'private' as const, view: { text: 'Recorded', blocks: [{ type: 'text' as const, text: 'Recorded' }] } }] : studybotReply!;
    const scripted: Studybot = { ...opts.bot, action: async () => baselineReply };
    discord = await startDiscord({ config, bot: scripted, log: opts.log });
    await ask<DiscordPhaseResult>(child, { cmd: 'open', rate: 100, seconds: 2, prefix: 2_500_000 });
    const openBase = await ask<DiscordPhaseResult>(child, { cmd: 'open', rate: opts.rate, seconds: opts.seconds, prefix: 3_000_000 });
    await settle();
    const baseProfiler = await startProfile(process.env.CPU_PROFILE_DISCORD_BASE);
    const closedBase = await withCpu(child, { cmd: 'closed', clients: opts.clients, seconds: opts.seconds, prefix: 4_000_000 });
    await stopProfile(baseProfiler, process.env.CPU_PROFILE_DISCORD_BASE, 'Discord closed loop (adapter only)');
    await discord.stop();
    return { open, closed, openBase, closedBase, roundId, restCalls, statements, baselineReply: minimal ? 'minimal' : 'studybot' };
  } finally {
    child.disconnect();
  }
}
