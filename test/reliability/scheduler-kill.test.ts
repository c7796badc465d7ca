// Issue 8: "Three bot processes against one database, killed and restarted at random around the
// daily post time: every channel gets exactly one question per day and every round closes", with
// real processes and SIGKILL. Each bot is a child process (support/sched-kill-bot.ts: real store,
// core, Slack ChatPort over HTTP and scheduler) on one Postgres schema, all reading one simulated
// clock (day segments: SEGMENT_MS real ms cover 07:45–09:45Z of simulated day k; the clock jumps
// between them). The parent SIGKILLs them at seeded random moments, more often around the due
// times, and — through a per-process proxy in front of the fake Web API — sometimes right inside
// chat.postMessage / chat.update (before the platform sees the call, or after it acted but before
// the process hears back), then restarts them after a short delay. After the last day every process
// is killed and one clean process runs past the close times. Invariants, from the fake's recorded
// calls and the database (see docs/schedule.md, "Exactly once"):
//   1. never two question posts for one channel and local day;
//   2. every channel and day has exactly one question and a `posted` claim, except a day whose
//      holder died inside the platform call: that claim ends `unknown` (at most once by design),
//      counted and printed here, with at most one post; no `failed`/`missed`/`skipped`, nothing left
//      in `claimed`/`posting`;
//   3. every round is closed, and every question message the bot knows is revealed (a chat.update of
//      its ts to the closed view). The one exception, again the documented `unknown` window: a
//      message that landed while its holder was being killed is never known to the bot (no ref was
//      saved), so it cannot be revealed; such messages are counted, printed and must belong to an
//      `unknown` day.
// No timing assertions. Real Postgres only: skipped without TEST_DATABASE_URL.
// Knobs (env): SCHED_KILL_SEEDS=7,42  SCHED_KILL_DAYS=3  SCHED_KILL_SEGMENT_MS=9400; for debugging,
// SCHED_KILL_LOGS=<file> keeps every process's log lines (<file>.<seed>), SCHED_KILL_LOG_LEVEL=info
// makes them more, SCHED_KILL_TRACE=1 prints every step the kill probe sees.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { sql } from 'drizzle-orm';
import { createQuizStore } from '../../src/db/index.js';
import { channelKey, type ChannelRef } from '../../src/quiz/ids.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { admin, channel, decks } from '../schedule/support.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { startBot, type BotProcess } from './support/bot-process.js';
import type { CallFate } from './support/kill-proxy.js';
import { installKillProbe, type KillProbe, type ProbeEvent } from './support/kill-probe.js';
import { CLOCK_ENV, encodePieces, simulatedClock, type ClockPiece } from './support/sim-clock.js';

const url = process.env.TEST_DATABASE_URL;
const SEEDS = (process.env.SCHED_KILL_SEEDS ?? '7,42').split(',').map(Number);
const DAYS = Number(process.env.SCHED_KILL_DAYS ?? 3);
const SEGMENT_MS = Number(process.env.SCHED_KILL_SEGMENT_MS ?? 9400);
const CHANNELS = 6;
const SLOTS = 3;

const MINUTE = 60_000;
const DAY = 86_400_000;
const FIRST_DAY = Date.parse('2026-12-01T00:00:00Z');
const hm = (h: number, m: number) => h * 60 + m;
/**
 * Simulated window of each day segment, minutes of the UTC day. A claim whose holder died at KILL_CUTOFF
 * (08:36) goes stale one lease later (about 09:02) and must be recovered before the segment ends: until
 * 09:45 that leaves some 3 s of real time. Until 09:15 it left 1 s, and one stall of a busy test host
 * (processes booting, a slow tick) ended a day `missed` when the clock jumped to the next day (CI, seed 42).
 * 09:45 is still inside every post's catch-up window (08:00 + 120 min) and before CLEAN_AT.
 */
const WINDOW = [hm(7, 45), hm(9, 45)] as const;
const SPEED = ((WINDOW[1] - WINDOW[0]) * MINUTE) / SEGMENT_MS;
/** Kills are likeliest here: the posts (08:00–08:15Z) and their reveals (20 minutes later). */
const HOT = [hm(7, 58), hm(8, 36)] as const;
/**
 * No kills from here on in a segment, and dead processes come back at once, so a claim orphaned by
 * the last kill goes stale (lease) and is recovered before the segment ends, inside the catch-up
 * window, as it would be on a real day where some process keeps running.
 */
const KILL_CUTOFF = hm(8, 36);
/** Scheduler lease in real time (heartbeat every HEARTBEAT_MS), i.e. LEASE_REAL_MS × SPEED simulated. */
const LEASE_REAL_MS = 2000;
const HEARTBEAT_MS = 400;
const TICK_MS = 150;
/** The clean run after the last day: from 09:50Z (past every close time, inside every catch-up window), 60× real time. */
const CLEAN_AT = hm(9, 50);
const CLEAN_SPEED = 60;
/** Chance that a call in the kill window kills its process inside the call (half before, half after the platform acts). */
const POST_KILL = 0.08;
const UPDATE_KILL = 0.2;
/** Besides, the first post of day 0 is always killed after Slack posted it (the visible `unknown` case). */
const FORCED_POST_FATE: Record<number, CallFate> = { 0: 'after' };
/**
 * Chance that a step of a daily post (kill-probe.ts) kills the process that made it, right after its
 * commit, including right after taking over a stale claim (the double-post case below, now fixed).
 */
const STEP_KILL: Record<string, number> = {
  claimed: 0.06,
  posting: 0.06,
  'round-stored': 0.06,
  'message-saved': 0.06,
  'taken-over:claimed': 0.15,
  'taken-over:posting': 0.15,
};
/** Mean real uptime between random kills, per process. */
const MEAN_UPTIME = { hot: 1200, warm: 4000 } as const;

function prng(seed: number) {
  let s = seed % 2147483647 || 1;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

const minuteOfDay = (ms: number) => Math.floor((((ms % DAY) + DAY) % DAY) / MINUTE);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const days = Array.from({ length: DAYS }, (_, k) => isoDate(FIRST_DAY + k * DAY));
const channels: ChannelRef[] = Array.from({ length: CHANNELS }, (_, i) => channel(i + 1));
/**
 * C1, C3, C5 at 09:00, 09:06, 09:12 Berlin (08:00, 08:06, 08:12Z in December); C2, C4, C6 at 03:03,
 * 03:09, 03:15 New York (08:03, 08:09, 08:15Z). Local dates are the UTC dates. Rounds close after 20 minutes.
 */
const scheduleOf = (i: number) =>
  i % 2 === 0 ? `09:${String(i * 3).padStart(2, '0')} Europe/Berlin daily close 20m` : `03:${String(i * 3).padStart(2, '0')} America/New_York daily close 20m`;

const ANSWER_CONTROL = /"action_id":"[ams]:(\d+)/;
const roundIdOf = (blocks: unknown) => JSON.stringify(blocks ?? []).match(ANSWER_CONTROL)?.[1] ?? null;
const isClosedView = (blocks: unknown) => {
  const json = JSON.stringify(blocks ?? []);
  return json.includes(' · closed*') && !ANSWER_CONTROL.test(json);
};

interface ClaimRow {
  channel_key: string;
  local_date: string;
  state: string;
  owner: string;
  fence: number;
  round_id: string | null;
  message_ref: string | null;
  last_error: string | null;
}
interface RoundRow {
  id: string;
  channel_key: string;
  kind: string;
  daily_date: string | null;
  message_ref: string | null;
  closed_at: Date | null;
  revealed_at: Date | null;
}

describe.skipIf(!url)('bot processes SIGKILLed and restarted around the daily post time (real Postgres)', () => {
  let t: TestDatabase;
  let fake: FakeSlackApi | undefined;
  let probe: KillProbe | undefined;
  let onProbe: (e: ProbeEvent) => void = () => {};
  const processes: BotProcess[] = [];

  const rows = async <T>(query: string): Promise<T[]> => ((await t.database.db.execute(sql.raw(query))) as { rows?: T[] }).rows ?? [];
  /** Environment of a bot process: this test's schema, the fake's token, the shared clock, a lease of LEASE_REAL_MS. */
  const botEnv = (api: FakeSlackApi, pieces: ClockPiece[], speed: number) => ({
    DATABASE_URL: url!,
    DB_SCHEMA: t.schema!,
    SLACK_TOKEN: api.token,
    LEASE_MS: String(Math.round(LEASE_REAL_MS * speed)),
    TICK_MS: String(TICK_MS),
    HEARTBEAT_MS: String(HEARTBEAT_MS),
    BOT_LOG_LEVEL: process.env.SCHED_KILL_LOG_LEVEL ?? 'warn',
    [CLOCK_ENV]: encodePieces(pieces),
  });
  const within = <T>(what: string, p: Promise<T>, timeoutMs = 15_000): Promise<T> =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs).unref())]);
  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    t = await openTestDatabase({ name: 'postgres', url: url! }, 'rel_sched_kill');
    probe = await installKillProbe(url!, t.schema!, (e) => onProbe(e));
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) p.kill();
    await Promise.all(processes.map(async (p) => {
      await p.exited;
      await p.close();
    }));
    await fake?.close();
    await probe?.close();
    await t?.close();
  }, 60_000);

  it.each(SEEDS)(
    'seed %i: one question per channel and day (or an `unknown` claim), every round closed and revealed',
    async (seed) => {
      const started = Date.now();
      await t.reset();
      const killRandom = prng(seed);
      const fateRandom = prng(seed * 7919 + 1);

      // The shared clock: fixed at day 0, 07:45Z until the first segment starts.
      let pieces: ClockPiece[] = [{ fromReal: 0, simAt: FIRST_DAY + WINDOW[0] * MINUTE, speed: 0 }];
      let clock = simulatedClock(pieces);
      await fake?.close();
      fake = await FakeSlackApi.start({ now: () => clock.now().getTime() });
      const api = fake;

      // Schedules, set by an admin at 07:00Z on day 0 (so day 0's posts are due).
      const settingsClock = { now: () => new Date(FIRST_DAY + hm(7, 0) * MINUTE) };
      const port = createSchedulePort({ database: t.database, decks, channelTimezones: createQuizStore(t.database, { channelCacheMs: 0 }), clock: settingsClock });
      for (const [i, c] of channels.entries()) {
        await port.command({ channel: c, user: admin(c), deckId: 'api-gateway', args: scheduleOf(i) });
        expect(await port.get(c)).toMatchObject({ enabled: true, closeAfterMinutes: 20 });
      }

      const T0 = Date.now() + 900; // the processes boot meanwhile
      pieces = [
        ...days.map((_, k) => ({ fromReal: T0 + k * SEGMENT_MS, simAt: FIRST_DAY + k * DAY + WINDOW[0] * MINUTE, speed: SPEED })),
        { fromReal: T0 + DAYS * SEGMENT_MS, simAt: FIRST_DAY + (DAYS - 1) * DAY + CLEAN_AT * MINUTE, speed: CLEAN_SPEED },
      ];
      clock = simulatedClock(pieces);
      const env = botEnv(api, pieces, SPEED);
      const mine: BotProcess[] = [];
      onTestFailed(() => {
        const errors = mine.flatMap((p) => p.logs().split('\n').filter((l) => /"level":(50|60)/.test(l)));
        console.log(`seed ${seed}: ${errors.length} error lines from the bot processes (last 30):\n${errors.slice(-30).join('\n')}`);
      });

      const stats = {
        started: 0,
        randomKills: 0,
        insideCall: {} as Record<string, number>,
        /** Steps seen (kill-probe.ts) and kills right after one. */
        steps: {} as Record<string, number>,
        afterStep: {} as Record<string, number>,
        /** Stale claims taken over from a process that was still running (its lease ran out: a stall, not a kill). */
        liveHolderTakeovers: 0,
        /** Calls made inside the kill window (each could be killed). */
        exposed: {} as Record<string, number>,
        aliveMs: [0, 0, 0, 0],
      };
      const inKillWindow = () => {
        const m = minuteOfDay(clock.now().getTime());
        return m >= WINDOW[0] && m < KILL_CUTOFF;
      };
      const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
      const byInstance = new Map<string, BotProcess>();
      const forced = new Set<number>();
      onProbe = (e) => {
        const step = e.step === 'taken-over' ? `taken-over:${e.from}` : e.step;
        bump(stats.steps, step);
        if (process.env.SCHED_KILL_TRACE) console.log(new Date(clock.now()).toISOString(), Date.now() % 100000, JSON.stringify(e));
        if (e.step === 'taken-over' && byInstance.get(e.prev ?? '')?.alive()) stats.liveHolderTakeovers++;
        const victim = byInstance.get(e.owner);
        if (!victim?.alive() || !inKillWindow() || !(fateRandom() < (STEP_KILL[step] ?? 0))) return;
        victim.kill();
        bump(stats.afterStep, step);
      };
      const decide = (method: string): CallFate => {
        if (!inKillWindow()) return 'pass';
        bump(stats.exposed, method);
        const day = Math.floor((clock.now().getTime() - FIRST_DAY) / DAY);
        const must = FORCED_POST_FATE[day];
        if (method === 'chat.postMessage' && must && !forced.has(day)) {
          forced.add(day);
          return must;
        }
        const p = method === 'chat.postMessage' ? POST_KILL : method === 'chat.update' ? UPDATE_KILL : 0;
        const r = fateRandom();
        return r < p / 2 ? 'before' : r < p ? 'after' : 'pass';
      };
      const launch = async (name: string, withKills: boolean) => {
        const p = await startBot({
          instanceId: name,
          apiBase: api.url,
          env,
          ...(withKills ? { decide } : {}),
          onProxyKill: (method, fate) => bump(stats.insideCall, `${method}:${fate}`),
        });
        processes.push(p);
        mine.push(p);
        byInstance.set(name, p);
        stats.started++;
        return p;
      };

      // ---- the day segments: kill and restart at random ----
      const slots = Array.from({ length: SLOTS }, (_, i) => ({ proc: null as BotProcess | null, gen: 0, restartAt: 0, name: `s${i + 1}` }));
      for (const s of slots) s.proc = await launch(`${s.name}-g${++s.gen}`, true);
      const end = T0 + DAYS * SEGMENT_MS - 100;
      let last = Date.now();
      while (Date.now() < end) {
        await new Promise((r) => setTimeout(r, 25));
        const now = Date.now();
        const dt = Math.min(now - last, 200);
        last = now;
        const m = minuteOfDay(clock.now().getTime());
        const phase = now < T0 ? 'boot' : m >= KILL_CUTOFF ? 'calm' : m >= HOT[0] && m < HOT[1] ? 'hot' : 'warm';
        stats.aliveMs[slots.filter((s) => s.proc?.alive()).length]! += dt;
        for (const s of slots) {
          if (s.proc && !s.proc.alive()) {
            s.proc = null; // killed inside a call (proxy) or right after a step (probe)
            s.restartAt = now + (phase === 'calm' ? 0 : 100 + killRandom() * 700);
          }
          if (s.proc) {
            // Booting processes (about 0.7 s of tsx and imports) are left alone: a kill there proves little.
            if ((phase === 'hot' || phase === 'warm') && s.proc.isReady() && killRandom() < dt / MEAN_UPTIME[phase]) {
              s.proc.kill();
              stats.randomKills++;
              s.proc = null;
              s.restartAt = now + 100 + killRandom() * 700;
            }
          } else if (now >= s.restartAt || phase === 'calm') {
            s.proc = await launch(`${s.name}-g${++s.gen}`, true);
          }
        }
      }
      for (const s of slots) s.proc?.kill();
      await Promise.all(mine.map((p) => p.exited));

      // ---- one clean process past the close times ----
      const clean = await launch('clean', false);
      await clean.ready;
      const deadline = Date.now() + 30_000;
      let settledTwice = 0;
      while (settledTwice < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        const [open] = await rows<{ claims: number; rounds: number; unrevealed: number }>(
          `select (select count(*)::int from schedule_daily_claims where state in ('claimed', 'posting')) as claims,
                  (select count(*)::int from rounds where closed_at is null) as rounds,
                  (select count(*)::int from rounds where message_ref is not null and revealed_at is null) as unrevealed`,
        );
        settledTwice = open && open.claims + open.rounds + open.unrevealed === 0 ? settledTwice + 1 : 0;
      }
      expect(await clean.stop()).toBe('0');
      for (const p of mine) await p.close();
      if (process.env.SCHED_KILL_LOGS) writeFileSync(`${process.env.SCHED_KILL_LOGS}.${seed}`, mine.map((p) => p.logs()).join(''));

      // ---- what happened ----
      const claims = await rows<ClaimRow>(
        'select channel_key, local_date::text as local_date, state, owner, fence, round_id, message_ref, last_error from schedule_daily_claims',
      );
      const rounds = await rows<RoundRow>(
        'select id::text as id, channel_key, kind, daily_date::text as daily_date, message_ref, closed_at, revealed_at from rounds',
      );
      const roundById = new Map(rounds.map((r) => [r.id, r]));
      const claimByKey = new Map(claims.map((c) => [`${c.channel_key}|${c.local_date}`, c]));
      const questionPosts = api
        .calls('chat.postMessage')
        .filter((c) => c.status === 200 && c.response?.ok && roundIdOf(c.body.blocks))
        .map((c) => ({ channel: String(c.body.channel), ts: String(c.response!.ts), roundId: roundIdOf(c.body.blocks)! }));
      const updates = api.calls('chat.update').filter((c) => c.status === 200 && c.response?.ok);
      const refOf = (p: { channel: string; ts: string }) => `slack:T1:${p.channel}:${p.ts}`;
      const knownRefs = new Set(rounds.map((r) => r.message_ref).filter((r): r is string => !!r));

      // Every question post belongs to a stored daily round of its channel.
      const postsByDay = new Map<string, typeof questionPosts>();
      const strayPosts: string[] = [];
      for (const p of questionPosts) {
        const round = roundById.get(p.roundId);
        if (!round || round.kind !== 'daily' || !round.daily_date || round.channel_key !== `slack:T1:${p.channel}`) {
          strayPosts.push(`${p.channel} ${p.ts} round ${p.roundId}: ${JSON.stringify(round ?? null)}`);
          continue;
        }
        const key = `${round.channel_key}|${round.daily_date}`;
        postsByDay.set(key, [...(postsByDay.get(key) ?? []), p]);
      }

      const states: Record<string, number> = {};
      for (const c of claims) states[c.state] = (states[c.state] ?? 0) + 1;
      const unknownDays = claims.filter((c) => c.state === 'unknown').map((c) => {
        const posts = postsByDay.get(`${c.channel_key}|${c.local_date}`) ?? [];
        return `${c.channel_key} ${c.local_date}: ${posts.length ? `visible (ts ${posts.map((p) => p.ts).join(', ')}), never revealed` : 'nothing visible'}`;
      });
      const orphans = questionPosts.filter((p) => !knownRefs.has(refOf(p)));
      const alive = stats.aliveMs.map((ms) => `${Math.round((ms * 100) / Math.max(1, stats.aliveMs.reduce((a, b) => a + b)))}%`);
      console.log(
        [
          `scheduler-kill seed ${seed}: ${DAYS} days × ${CHANNELS} channels, ${Math.round((Date.now() - started) / 100) / 10} s`,
          `  processes started ${stats.started} (restarts ${stats.started - SLOTS - 1}), random SIGKILLs ${stats.randomKills}, killed inside a call ${JSON.stringify(stats.insideCall)} of ${JSON.stringify(stats.exposed)} exposed`,
          `  killed right after a step ${JSON.stringify(stats.afterStep)} of steps ${JSON.stringify(stats.steps)}`,
          `  time with 0/1/2/3 processes alive: ${alive.join(' / ')}; claims taken over from a live process: ${stats.liveHolderTakeovers}`,
          `  claims ${JSON.stringify(states)}; question posts ${questionPosts.length}, reveal edits ${updates.length}`,
          `  unknown claims ${unknownDays.length}${unknownDays.length ? `:\n    ${unknownDays.join('\n    ')}` : ''}`,
        ].join('\n'),
      );

      // 1. Never two question posts for one channel and day.
      expect(strayPosts).toEqual([]);
      const doubles = [...postsByDay].filter(([, posts]) => posts.length > 1).map(([key, posts]) => `${key}: ${posts.map((p) => p.ts).join(', ')}`);
      expect(doubles).toEqual([]);

      // 2. Exactly one question per channel and day, unless the claim is `unknown`; no other outcome.
      const problems: string[] = [];
      for (const c of channels) {
        for (const day of days) {
          const key = `${channelKey(c)}|${day}`;
          const claim = claimByKey.get(key);
          const posts = postsByDay.get(key) ?? [];
          if (!claim) {
            problems.push(`${key}: no claim, ${posts.length} posts`);
          } else if (claim.state === 'posted') {
            const round = claim.round_id ? roundById.get(claim.round_id) : undefined;
            if (posts.length !== 1) problems.push(`${key}: posted, but ${posts.length} question posts`);
            else if (!round || round.message_ref !== claim.message_ref || claim.message_ref !== refOf(posts[0]!)) {
              problems.push(`${key}: posted claim ${claim.message_ref} / round ${round?.message_ref} / post ${refOf(posts[0]!)} disagree`);
            }
          } else if (claim.state !== 'unknown') {
            problems.push(`${key}: claim ${claim.state} (${claim.last_error}), ${posts.length} posts`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(claims).toHaveLength(CHANNELS * DAYS);

      // 3. Every round closed; every message the bot knows revealed; unknown messages only on `unknown` days.
      expect(rounds.filter((r) => !r.closed_at).map((r) => r.id)).toEqual([]);
      const unrevealed: string[] = [];
      for (const r of rounds) {
        if (!r.message_ref) continue;
        const [, , ch, ts] = r.message_ref.split(':');
        const message = api.message(ch!, ts!);
        const edited = updates.some((u) => u.body.channel === ch && u.body.ts === ts && isClosedView(u.body.blocks));
        if (!r.revealed_at || !message || !isClosedView(message.blocks) || !edited) unrevealed.push(`${r.message_ref} (round ${r.id})`);
      }
      expect(unrevealed).toEqual([]);
      const orphansOffUnknown = orphans.filter((p) => {
        const round = roundById.get(p.roundId);
        return claimByKey.get(`${round?.channel_key}|${round?.daily_date}`)?.state !== 'unknown';
      });
      expect(orphansOffUnknown.map(refOf)).toEqual([]);
    },
    180_000,
  );

  // Found while choosing the kill points above (they never kill a process right after it took over
  // a stale `posting` claim, or the seeds would fail at random), pinned down here with real processes.
  // A holder dies inside chat.postMessage after Slack posted (claim `posting`, round stored without
  // its message: the documented `unknown` case). A recoverer takes the claim over — takeOverClaim()
  // resets it to `claimed` — and dies before its next statement, settleClaim(…, 'unknown'). The claim
  // is now an ordinary `claimed` claim with a round behind it. The next process to recover it looks
  // for a round only when the stale state is `posting` (scheduler.ts, recoverStale), so it takes it
  // over and posts; the core's startRound finds the daily round without a message and posts it again
  // ("claimed earlier but never posted"): a second visible question for that channel and day, which
  // docs/schedule.md rules out ("no second post"). The recoverer's death is pinned between its two
  // statements by making the settle fail (a trigger raising on `unknown`, present only while the
  // recoverer runs) and SIGKILLing it when it commits the takeover: the database is then exactly as
  // if the SIGKILL had landed in between.
  describe('a recoverer killed between taking over a `posting` claim and settling it `unknown`', () => {
    const outcome: { posts: string[]; claim?: ClaimRow; recovererKilled: boolean } = { posts: [], recovererKilled: false };
    const c1 = channel(1);
    const key = `${channelKey(c1)}|${isoDate(FIRST_DAY)}`;

    it('scenario: holder killed after Slack posted, recoverer killed after its takeover, a third process recovers', async () => {
      await t.reset();
      const speed = 600;
      const pieces: ClockPiece[] = [{ fromReal: Date.now() + 800, simAt: FIRST_DAY + hm(7, 59) * MINUTE, speed }];
      const clock = simulatedClock(pieces);
      await fake?.close();
      fake = await FakeSlackApi.start({ now: () => clock.now().getTime() });
      const api = fake;
      const port = createSchedulePort({
        database: t.database,
        decks,
        channelTimezones: createQuizStore(t.database, { channelCacheMs: 0 }),
        clock: { now: () => new Date(FIRST_DAY + hm(7, 0) * MINUTE) },
      });
      await port.command({ channel: c1, user: admin(c1), deckId: 'api-gateway', args: '09:00 Europe/Berlin daily close 20m' });
      const env = botEnv(api, pieces, speed);
      const claim = async () => (await rows<ClaimRow>(`select channel_key, local_date, state, owner, fence, round_id, message_ref, last_error from schedule_daily_claims`))[0];
      const questionPosts = () => api.calls('chat.postMessage').filter((c) => c.response?.ok && roundIdOf(c.body.blocks)).map((c) => String(c.response!.ts));
      const start = async (instanceId: string, decide?: (method: string) => CallFate) => {
        const p = await startBot({ instanceId, apiBase: api.url, env, ...(decide ? { decide } : {}) });
        processes.push(p);
        return p;
      };

      // A: killed inside chat.postMessage, after Slack posted.
      let fired = false;
      const a = await start('holder', (method) => (method === 'chat.postMessage' && !fired ? ((fired = true), 'after') : 'pass'));
      expect(await within('the holder to be killed inside chat.postMessage', a.exited)).toBe('SIGKILL');
      await a.close();
      expect(await claim()).toMatchObject({ state: 'posting', owner: 'holder', fence: 1 });
      expect(await rows(`select id from rounds where message_ref is null`)).toHaveLength(1);
      expect(questionPosts()).toHaveLength(1);

      // B: takes the stale claim over and dies before settling it.
      const s = `"${t.schema}"`;
      await rows(`create function ${s}.settle_dies() returns trigger language plpgsql as $$
        begin raise exception 'the recoverer died here'; end $$;
        create trigger settle_dies before update on ${s}.schedule_daily_claims for each row
          when (new.state = 'unknown') execute function ${s}.settle_dies()`);
      let b: BotProcess | undefined;
      onProbe = (e) => {
        if (e.step === 'taken-over' && e.owner === 'recoverer' && e.from === 'posting') {
          outcome.recovererKilled = true;
          b?.kill();
        }
      };
      b = await start('recoverer');
      expect(await within('the recoverer to take the claim over and be killed', b.exited)).toBe('SIGKILL');
      await b.close();
      onProbe = () => {};
      await rows(`drop trigger settle_dies on ${s}.schedule_daily_claims; drop function ${s}.settle_dies()`);
      expect(outcome.recovererKilled).toBe(true);
      expect(await claim()).toMatchObject({ state: 'claimed', owner: 'recoverer', fence: 2 });

      // C: a healthy process recovers the claim once its lease runs out.
      const c = await start('third');
      await waitFor('the claim to settle', async () => !['claimed', 'posting'].includes((await claim())?.state ?? 'claimed'));
      expect(await c.stop()).toBe('0');
      await c.close();
      outcome.claim = await claim();
      outcome.posts = questionPosts();
      console.log(`recoverer killed after its takeover: claim ${outcome.claim?.state} (owner ${outcome.claim?.owner}), question posts for ${key}: ${outcome.posts.length}`);
    }, 60_000);

    // Was a bug (two question posts for one channel and day), found by this file: the recoverer's claim
    // came back as `claimed` and the next holder posted the stored round again. The same happened without
    // any kill when only the recoverer's settle UPDATE failed. Fixed in src/schedule/scheduler.ts post():
    // after beginPosting, a round already stored for the day is recorded (with a message) or settles the
    // claim `unknown` (without one), so no path posts a stored round twice.
    it('posts that day at most once: the stored round is not posted a second time', () => {
      expect(outcome.claim?.channel_key).toBe(channelKey(c1));
      // Settled `unknown` first; a later tick may already have found the landed post (findPosted) and
      // recorded it. Either way: that one post, never a second.
      expect(['unknown', 'posted']).toContain(outcome.claim?.state);
      expect(outcome.posts).toHaveLength(1);
      if (outcome.claim?.state === 'posted') expect(outcome.claim.message_ref).toContain(outcome.posts[0]!);
    });
  });
});
