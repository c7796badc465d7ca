// The question-of-the-day timer. One node-cron task ticks every minute (in UTC); each tick reads
// every enabled channel schedule from the database, works out in luxon which channel-local dates
// are due (DST-safe, see time.ts), CLAIMS them in Postgres (unique channel + local date) and only
// then asks the core to post. Any number of processes may run it: the insert decides who posts.
// See docs/schedule.md for catch-up, stale-claim recovery and their limits.

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { isStudybotError } from '../errors.js';
import { systemClock, type Clock, type StartedRound, type Studybot } from '../quiz/api.js';
import { parseChannelKey } from '../quiz/ids.js';
import { RetryGate, rateLimitDelayMs } from './rate-limit.js';
import { schedulerLag } from '../ops/metrics.js';
import {
  beginPosting,
  claimSlots,
  deferClaim,
  existingClaims,
  findDailyRound,
  getChannelTimezone,
  getClaim,
  lastDailyDeck,
  listEnabledSchedules,
  markPosted,
  readyClaims,
  releaseClaims,
  renewLeases,
  resolveUnknown,
  settleClaim,
  staleClaims,
  takeOverClaim,
  unknownClaims,
  type ClaimKey,
  type HeldClaim,
  type NewClaim,
  type ScheduleDb,
} from './store.js';
import { rotationOrder, startFirstUsable } from './rotation.js';
import { dueSlots, parseTimeOfDay } from './time.js';

export const DEFAULT_CATCH_UP_MINUTES = 120;
export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_CONCURRENCY = 8;
const PLATFORM_RETRY_MS = [60_000, 5 * 60_000];

export interface SchedulerOptions {
  database: { db: ScheduleDb };
  bot: Pick<Studybot, 'startRound' | 'closeDueRounds' | 'sendReviewReminders' | 'recoverPost' | 'endExpiredExams'>;
  log: Logger;
  clock?: Clock;
  /** Unique per process; default `hostname:pid:random`. */
  instanceId?: string;
  /** A missed post is still made up to this long after its time (default 120). */
  catchUpMinutes?: number;
  /** How long a claim stays ours without a heartbeat (default 5 minutes; renewed every third of it). */
  leaseMs?: number;
  /** Most posts in flight at once (default 8); halved on a 429, grown back one by one on success. */
  concurrency?: number;
  /** Attempts for a post the platform refused outright (`platform:failed`, nothing stored); default 3. */
  maxAttempts?: number;
  /** Due channels claimed at a time, the next batch when the queue drains (default 2 × concurrency). */
  claimBatch?: number;
  /** node-cron expression of the tick (default every minute). */
  cron?: string;
}

export interface TickReport {
  claimed: number;
  recovered: number;
  closed: number;
}

export interface Scheduler {
  readonly instanceId: string;
  /** Starts the minute tick and runs one tick at once (catch-up and overdue closes after a restart). */
  start(): Promise<void>;
  /** One pass: claim due channels, recover stale claims, queue the posts, close due rounds. */
  tick(): Promise<TickReport>;
  /** Resolves when no post is queued or in flight (deferred retries excepted). */
  idle(): Promise<void>;
  /** Destroys the cron task and timers, hands unstarted claims back, waits for posts in flight. */
  stop(): Promise<void>;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const keyOf = (k: ClaimKey) => `${k.channelKey}|${k.localDate}`;
const gateKeyOf = (channelKey: string) => channelKey.split(':').slice(0, 2).join(':');
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const db = opts.database.db;
  const clock = opts.clock ?? systemClock;
  const log = opts.log.child({ platform: 'scheduler' });
  const instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const catchUpMs = (opts.catchUpMinutes ?? DEFAULT_CATCH_UP_MINUTES) * 60_000;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const maxConcurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const maxAttempts = opts.maxAttempts ?? 3;
  const limit = pLimit(maxConcurrency);
  const gate = new RetryGate();
  const inFlight = new Map<string, Promise<void>>();
  const retryTimers = new Map<string, NodeJS.Timeout>();
  /** Channel timezones seen by the last tick, passed to the core with each post. */
  const zones = new Map<string, string>();
  /** Deck rotations seen by the last tick (channels whose schedule names several decks). */
  const rotations = new Map<string, string[]>();
  let successesSinceCut = 0;
  let lastCutAt = 0;
  /** Due slots nobody had claimed when we last looked; claimed a batch at a time as our queue drains. */
  let backlog: NewClaim[] = [];
  let refilling: Promise<number> | null = null;
  const claimBatch = Math.max(1, opts.claimBatch ?? maxConcurrency * 2);
  let task: ScheduledTask | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let ticking: Promise<TickReport> | null = null;
  let stopping = false;

  const now = () => clock.now();

  function enqueue(c: HeldClaim): void {
    const key = keyOf(c);
    if (stopping || inFlight.has(key)) return;
    const timer = retryTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      retryTimers.delete(key);
    }
    const job = limit(() => post(c))
      .catch((err) => log.error({ err, channel: c.channelKey, date: c.localDate }, 'daily post failed unexpectedly'))
      .finally(() => {
        inFlight.delete(key);
        if (backlog.length && limit.pendingCount < claimBatch / 2) void refill();
      });
    inFlight.set(key, job);
  }

  function retryLater(c: HeldClaim, ms: number): void {
    const key = keyOf(c);
    if (stopping || retryTimers.has(key)) return;
    retryTimers.set(
      key,
      setTimeout(() => {
        retryTimers.delete(key);
        // A tick may have queued it meanwhile (readyClaims); enqueue ignores duplicates.
        setImmediate(() => enqueue(c));
      }, ms),
    );
  }

  /** Halve the fan-out on a 429 (once per second: one burst of 429s is one signal). */
  function slowDown(t: Date): void {
    successesSinceCut = 0;
    if (t.getTime() - lastCutAt < 1000) return;
    lastCutAt = t.getTime();
    limit.concurrency = Math.max(1, Math.floor(limit.concurrency / 2));
  }

  function speedUp(): void {
    if (limit.concurrency >= maxConcurrency) return;
    if (++successesSinceCut >= 5) {
      successesSinceCut = 0;
      limit.concurrency += 1;
    }
  }

  async function post(c: HeldClaim): Promise<void> {
    if (stopping) return;
    const t = now();
    if (t.getTime() - c.dueAt.getTime() >= catchUpMs) {
      await settleClaim(db, c, 'missed', 'catch-up window passed before the post could be made');
      log.warn({ channel: c.channelKey, date: c.localDate }, 'daily question missed: catch-up window passed');
      return;
    }
    const wait = gate.remaining(gateKeyOf(c.channelKey), t);
    if (wait > 0) {
      if (await deferClaim(db, c, new Date(t.getTime() + wait), t, leaseMs, 'waiting for the platform rate limit')) {
        retryLater(c, wait);
      }
      return;
    }
    const channel = parseChannelKey(c.channelKey);
    if (!channel) {
      await settleClaim(db, c, 'skipped', `not a channel key: ${c.channelKey}`);
      return;
    }
    // Fencing check: from here on the claim is ours alone, or we stop.
    if (!(await beginPosting(db, c, t, leaseMs))) {
      log.info({ channel: c.channelKey, date: c.localDate }, 'claim was taken over or settled elsewhere; not posting');
      return;
    }
    try {
      // A round already stored for this day means an earlier holder reached the core and died around
      // the platform call, and its claim came back as `claimed` (taken over, then that holder died
      // too, or marking it `unknown` failed). Whether that post is visible is unknown: never post again.
      const existing = await findDailyRound(db, c);
      if (existing?.messageRef) {
        await markPosted(db, c, existing, t);
        return;
      }
      if (existing) {
        await settleClaim(db, c, 'unknown', 'a round was stored for this day without a message; not posted again');
        log.error({ channel: c.channelKey, date: c.localDate }, 'daily post outcome unknown; not retried to avoid a double post');
        return;
      }
      const timezone = zones.get(c.channelKey) ?? (await getChannelTimezone(db, c.channelKey)) ?? undefined;
      const started = await startWithRotation(c, (deckId) =>
        opts.bot.startRound({
          channel,
          kind: 'daily',
          deckId,
          closesAt: new Date(t.getTime() + c.closeAfterMinutes * 60_000),
          dailyDate: c.localDate,
          ...(timezone ? { timezone } : {}),
        }),
      );
      speedUp();
      const postedAt = now();
      schedulerLag.observe(Math.max(0, postedAt.getTime() - c.dueAt.getTime()) / 1000);
      if (!(await markPosted(db, c, started, postedAt))) {
        log.warn({ channel: c.channelKey, date: c.localDate }, 'posted, but the claim had been taken over meanwhile');
      } else {
        log.info({ channel: c.channelKey, date: c.localDate, roundId: started.roundId }, 'daily question posted');
      }
    } catch (err) {
      await failed(c, err);
    }
  }

  /** The claim's deck, or for a rotating schedule the decks from the one after the last daily round's. */
  async function startWithRotation(c: HeldClaim, start: (deckId: string) => Promise<StartedRound>) {
    const rotation = rotations.get(c.channelKey);
    const order = rotation ? rotationOrder(rotation, await lastDailyDeck(db, c.channelKey, c.localDate)) : [c.deckId];
    return startFirstUsable(order, start, (deckId, err) => log.warn({ channel: c.channelKey, date: c.localDate, deckId, err }, 'rotation deck skipped'));
  }

  async function failed(c: HeldClaim, err: unknown): Promise<void> {
    const t = now();
    const delay = rateLimitDelayMs(err);
    if (delay !== null) {
      // A 429 means nothing was posted: slow the whole fan-out down and try this one again later.
      gate.pause(gateKeyOf(c.channelKey), t, delay);
      slowDown(t);
      if (await deferClaim(db, c, new Date(t.getTime() + delay), t, leaseMs, `rate limited: ${message(err)}`)) {
        retryLater(c, delay);
      }
      log.info({ channel: c.channelKey, retryInMs: delay, concurrency: limit.concurrency }, 'rate limited; retrying later');
      return;
    }
    // The core refuses a second daily round per channel and date: if one is out, record it.
    const round = await findDailyRound(db, c).catch(() => null);
    if (round?.messageRef) {
      await markPosted(db, c, round, t);
      return;
    }
    if (isStudybotError(err) && err.code.startsWith('quiz:')) {
      await settleClaim(db, c, 'skipped', message(err));
      log.warn({ channel: c.channelKey, date: c.localDate, err }, 'daily question skipped');
      return;
    }
    const attempts = await attemptsOf(c);
    if (!round && isStudybotError(err) && err.code === 'platform:failed' && attempts < maxAttempts) {
      // The platform answered with an error and the core discarded the round: nothing is visible.
      const wait = PLATFORM_RETRY_MS[Math.min(attempts - 1, PLATFORM_RETRY_MS.length - 1)] ?? 60_000;
      if (await deferClaim(db, c, new Date(t.getTime() + wait), t, leaseMs, message(err))) retryLater(c, wait);
      log.warn({ channel: c.channelKey, date: c.localDate, err, attempts }, 'daily post refused by the platform; retrying');
      return;
    }
    await settleClaim(db, c, 'failed', message(err));
    log.error({ channel: c.channelKey, date: c.localDate, err }, 'daily question could not be posted');
  }

  async function attemptsOf(c: HeldClaim): Promise<number> {
    return (await getClaim(db, c))?.attempts ?? maxAttempts;
  }

  async function recoverStale(t: Date): Promise<HeldClaim[]> {
    const out: HeldClaim[] = [];
    for (const s of await staleClaims(db, t)) {
      if (inFlight.has(keyOf(s))) continue;
      const tooLate = t.getTime() - s.dueAt.getTime() >= catchUpMs;
      const round = s.state === 'posting' ? await findDailyRound(db, s) : null;
      const c = await takeOverClaim(db, s, instanceId, t, leaseMs);
      if (!c) continue; // another instance recovered it first
      const ctx = { channel: s.channelKey, date: s.localDate, previousOwner: s.owner, state: s.state };
      if (round?.messageRef) {
        await markPosted(db, c, round, t);
        log.info(ctx, 'stale claim: the round had been posted; recorded it');
      } else if (round) {
        // The core stored the round, then its holder died around the platform call: it may or may
        // not be visible. Posting again could double it, so stop and tell the operator.
        await settleClaim(db, c, 'unknown', 'holder died while posting; round stored without a message');
        log.error(ctx, 'stale claim: post outcome unknown; not retried to avoid a double post');
      } else if (tooLate) {
        await settleClaim(db, c, 'missed', 'holder died; catch-up window passed');
        log.warn(ctx, 'stale claim past the catch-up window: missed');
      } else {
        // No round stored: the holder never reached the core's insert, so nothing was posted.
        log.warn(ctx, 'stale claim taken over');
        out.push(c);
      }
    }
    // A holder thought dead may have finished after all (a long pause), or its post landed and only
    // the answer was lost: the platform shows the message (found by the round's buttons). Either way
    // the day was posted: record it, so the round is revealed at close. Nothing is ever re-posted here.
    for (const u of await unknownClaims(db, new Date(t.getTime() - catchUpMs))) {
      const round = await findDailyRound(db, u);
      if (round && !round.messageRef && opts.bot.recoverPost) {
        round.messageRef = await opts.bot.recoverPost(round.roundId).catch((err: unknown) => {
          log.warn({ err, channel: u.channelKey, date: u.localDate }, 'could not look for the lost daily post');
          return null;
        });
      }
      if (round?.messageRef && (await resolveUnknown(db, u, { roundId: round.roundId, messageRef: round.messageRef }, t))) {
        log.info({ channel: u.channelKey, date: u.localDate }, 'unknown daily post turned out posted');
      }
    }
    return out;
  }

  async function closeRounds(): Promise<number> {
    try {
      return await opts.bot.closeDueRounds();
    } catch (err) {
      log.error({ err }, 'closing due rounds failed');
      return 0;
    }
  }

  async function runTick(): Promise<TickReport> {
    const t = now();
    const slots: NewClaim[] = [];
    for (const s of await listEnabledSchedules(db)) {
      const time = parseTimeOfDay(s.timeOfDay);
      if (!time) continue;
      zones.set(s.channelKey, s.timezone);
      if (s.deckIds && s.deckIds.length > 1) rotations.set(s.channelKey, s.deckIds);
      else rotations.delete(s.channelKey);
      const rule = { time, zone: s.timezone, weekdays: s.weekdays, effectiveFrom: s.effectiveFrom };
      for (const slot of dueSlots(rule, t, catchUpMs)) {
        slots.push({ channelKey: s.channelKey, ...slot, deckId: s.deckId, closeAfterMinutes: s.closeAfterMinutes });
      }
    }
    const taken = slots.length ? await existingClaims(db, slots) : new Set<string>();
    // Shuffled, so instances claiming at once mostly try different rows.
    backlog = shuffle(slots.filter((s) => !taken.has(keyOf(s))));
    const won = await refill();
    const recovered = await recoverStale(t);
    const ready = await readyClaims(db, instanceId, t);
    for (const c of [...recovered, ...ready]) enqueue(c);
    const closed = await closeRounds();
    // Daily review nudges (issue 9): the core sends at most one per user and day, whoever ticks.
    await opts.bot.sendReviewReminders?.().catch((err) => log.error({ err }, 'review reminders failed'));
    // Mock exams whose time ran out end themselves (issue 14); each is ended and told once, whoever ticks.
    await opts.bot.endExpiredExams?.().catch((err) => log.error({ err }, 'ending expired exams failed'));
    return { claimed: won, recovered: recovered.length, closed };
  }

  /**
   * Claims the next batch of the backlog (skipping chunks other instances took) and queues it.
   * Claiming a batch at a time, as the queue drains, spreads a big minute over all instances.
   */
  function refill(): Promise<number> {
    refilling ??= (async () => {
      let won = 0;
      try {
        while (!stopping && backlog.length && won === 0) {
          const batch = backlog.splice(0, claimBatch);
          const claimed = await claimSlots(db, batch, instanceId, now(), leaseMs);
          for (const c of claimed) enqueue(c);
          won += claimed.length;
        }
      } catch (err) {
        log.error({ err }, 'claiming due channels failed');
      }
      if (won) log.info({ claimed: won, backlog: backlog.length }, 'claimed daily questions');
      return won;
    })().finally(() => {
      refilling = null;
    });
    return refilling;
  }

  function tick(): Promise<TickReport> {
    if (stopping) return Promise.resolve({ claimed: 0, recovered: 0, closed: 0 });
    // Ticks never overlap within a process; a tick asked for while one runs shares its result.
    ticking ??= runTick().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0 || ticking || refilling) {
      await Promise.allSettled([...inFlight.values(), ...(ticking ? [ticking] : []), ...(refilling ? [refilling] : [])]);
    }
  }

  return {
    instanceId,
    async start() {
      if (task) return;
      task = cron.schedule(
        opts.cron ?? '* * * * *',
        () =>
          tick().catch((err) => {
            log.error({ err }, 'scheduler tick failed');
          }),
        { name: `studybot-schedule-${instanceId}`, timezone: 'UTC', noOverlap: true },
      );
      heartbeat = setInterval(() => {
        renewLeases(db, instanceId, now(), leaseMs).catch((err) => log.warn({ err }, 'lease renewal failed'));
      }, Math.max(1000, Math.floor(leaseMs / 3)));
      await tick().catch((err) => log.error({ err }, 'scheduler tick failed'));
    },
    tick,
    idle,
    async stop() {
      stopping = true;
      backlog = [];
      if (task) await task.destroy();
      task = null;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      for (const timer of retryTimers.values()) clearTimeout(timer);
      retryTimers.clear();
      // Queued jobs see `stopping` and return at once.
      await Promise.allSettled([...(ticking ? [ticking] : []), ...(refilling ? [refilling] : []), ...inFlight.values()]);
      // Claims we hold but never started: hand them over now rather than after the lease.
      await releaseClaims(db, instanceId, now()).catch((err) => log.warn({ err }, 'could not release claims'));
    },
  };
}
