// The scheduler against the real core on PGlite (and real Postgres when TEST_DATABASE_URL is set),
// driven by node-cron under fake timers and a fixed clock.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { schedulerLag } from '../../src/ops/metrics.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import { channelKey } from '../../src/quiz/ids.js';
import { createStudybot, snapshotOf, staticCatalog } from '../../src/quiz/index.js';
import { createSchedulePort, type Scheduler } from '../../src/schedule/index.js';
import { beginPosting, claimSlots, getClaim, listClaims, type HeldClaim } from '../../src/schedule/store.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import {
  FAKE_TIMERS,
  channel,
  decks,
  makeCore,
  resetScheduleTables,
  scheduler,
  settings,
  silentLog,
  walkMinutes,
  walkSeconds,
  type StartCall,
} from './support.js';

const at = (iso: string) => new Date(iso);
const keysOf = (calls: StartCall[]) => calls.map((c) => `${channelKey(c.req.channel)}|${c.req.dailyDate}`);

describe.each(dbTargets)('scheduler on $name', (target) => {
  let t: TestDatabase;
  let chat: RecordingChat;
  let calls: StartCall[];
  let running: Scheduler[];
  const extraDbs: Database[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(target, 'schedule');
  });
  afterAll(async () => {
    for (const d of extraDbs) await d.close();
    await t.close();
  });
  beforeEach(async () => {
    await resetScheduleTables(t.database);
    chat = new RecordingChat('slack');
    calls = [];
    running = [];
    vi.useFakeTimers(FAKE_TIMERS);
  });
  afterEach(async () => {
    for (const s of running) await s.stop();
    vi.useRealTimers();
  });

  /** A bot process: its own core and scheduler on the shared database. */
  function processOn(database: Database, id: string, extra: Parameters<typeof scheduler>[3] = {}) {
    const { bot, core, store } = makeCore(database, chat, calls, id);
    const s = scheduler(database, bot, id, extra);
    running.push(s);
    return { s, core, store, bot };
  }

  /** A second connection to the same database (real Postgres: its own pool; PGlite: the same instance). */
  async function sameDatabase(): Promise<Database> {
    if (!t.schema) return t.database;
    const d = await openDatabase({ url: target.url!, schema: t.schema, migrate: false, poolSize: 4 });
    extraDbs.push(d);
    return d;
  }

  it('posts at the local time of each channel, on its weekdays only', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z')); // Thu
    const cfg = settings(t.database);
    await cfg.set(channel(1), '09:00 Europe/Berlin mon-fri');
    await cfg.set(channel(2), '09:00 America/New_York weekends');
    await cfg.set(channel(3), '07:30 UTC mon,wed,fri');
    const { s } = processOn(t.database, 'p1');

    const tickAt = async (iso: string) => {
      vi.setSystemTime(at(iso));
      await s.tick();
      await s.idle();
    };
    await tickAt('2026-11-26T07:30:00Z'); // Thu 07:30 UTC: not a day of channel 3
    await tickAt('2026-11-26T07:59:00Z'); // Thu 08:59 Berlin: not yet
    expect(calls).toHaveLength(0);
    await tickAt('2026-11-26T08:00:00Z'); // Thu 09:00 Berlin
    expect(keysOf(calls)).toEqual(['slack:T1:C1|2026-11-26']);
    await tickAt('2026-11-26T14:00:00Z'); // Thu 09:00 New York: weekends only
    await tickAt('2026-11-27T07:30:00Z'); // Fri 07:30 UTC
    await tickAt('2026-11-27T08:00:00Z'); // Fri 09:00 Berlin
    await tickAt('2026-11-28T08:00:00Z'); // Sat 09:00 Berlin: weekdays only
    await tickAt('2026-11-28T14:00:00Z'); // Sat 09:00 New York
    expect(keysOf(calls)).toEqual([
      'slack:T1:C1|2026-11-26',
      'slack:T1:C3|2026-11-27',
      'slack:T1:C1|2026-11-27',
      'slack:T1:C2|2026-11-28',
    ]);
    expect(chat.posts.map((p) => channelKey(p.channel))).toEqual(['slack:T1:C1', 'slack:T1:C3', 'slack:T1:C1', 'slack:T1:C2']);
    // The question message is the core's, and the claim records it.
    const claim = await getClaim(t.database.db, { channelKey: 'slack:T1:C2', localDate: '2026-11-28' });
    expect(claim).toMatchObject({ state: 'posted', messageRef: chat.posts[3]!.ref, owner: 'p1' });
    // Default close: 8 hours after posting.
    expect(calls[3]!.req.closesAt).toEqual(at('2026-11-28T22:00:00Z'));
    expect(calls[3]!.req.timezone).toBe('America/New_York');
  });

  it('spring forward in Berlin: 02:30 does not exist, the question comes at 03:00 CEST, once', async () => {
    vi.setSystemTime(at('2026-03-29T00:50:30Z')); // 01:50:30 CET
    await settings(t.database).set(channel(1), '02:30 Europe/Berlin daily');
    const { s } = processOn(t.database, 'p1');
    await s.start();
    await walkMinutes(60, [s]); // to 02:50Z
    expect(calls).toHaveLength(1);
    expect(calls[0]!.at).toEqual(at('2026-03-29T01:00:00Z'));
    expect(calls[0]!.req.dailyDate).toBe('2026-03-29');
    expect(chat.posts).toHaveLength(1);
  });

  it('autumn in Berlin: 02:30 happens twice, the question comes once, at the first', async () => {
    vi.setSystemTime(at('2026-10-25T00:20:30Z')); // 02:20:30 CEST
    await settings(t.database).set(channel(1), '02:30 Europe/Berlin daily');
    const { s } = processOn(t.database, 'p1');
    await s.start();
    await walkMinutes(90, [s]); // through the second 02:30 (01:30Z) and beyond
    expect(calls.map((c) => c.at)).toEqual([at('2026-10-25T00:30:00Z')]);
    expect(chat.posts).toHaveLength(1);
  });

  it('New York: spring gap and autumn repeat', async () => {
    vi.setSystemTime(at('2026-03-08T06:50:30Z')); // 01:50:30 EST; clocks jump 02:00 → 03:00
    const cfg = settings(t.database);
    await cfg.set(channel(1), '02:15 America/New_York daily');
    await cfg.set(channel(2), '01:30 America/New_York daily');
    const { s } = processOn(t.database, 'p1');
    await s.start();
    await walkMinutes(20, [s]);
    expect(calls.filter((c) => c.req.channel.channel === 'C1').map((c) => c.at)).toEqual([at('2026-03-08T07:00:00Z')]);
    await s.stop();

    calls.length = 0;
    vi.setSystemTime(at('2026-11-01T05:20:30Z')); // 01:20:30 EDT; 01:00–02:00 repeats in EST
    const later = processOn(t.database, 'p2').s;
    await later.start();
    await walkMinutes(80, [later]);
    expect(calls.filter((c) => c.req.channel.channel === 'C2').map((c) => c.at)).toEqual([at('2026-11-01T05:30:00Z')]);
  });

  it('catch-up after a restart: a missed question is posted late within the window, never twice', async () => {
    vi.setSystemTime(at('2026-11-26T07:30:30Z'));
    await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily'); // 08:00Z
    await settings(t.database).set(channel(2), '08:00 Europe/Berlin daily'); // 07:00Z: already past when set
    const first = processOn(t.database, 'p1').s;
    await first.start();
    await walkMinutes(10, [first]);
    await first.stop(); // the process goes down at 07:40Z

    vi.setSystemTime(at('2026-11-26T09:10:00Z')); // back 70 minutes after 09:00 Berlin
    const lagBefore = await lagObservations();
    const second = processOn(t.database, 'p2').s;
    await second.start();
    await second.idle();
    expect(keysOf(calls)).toEqual(['slack:T1:C1|2026-11-26']);
    expect(calls[0]!.at).toEqual(at('2026-11-26T09:10:00Z'));
    // The late post is visible to operators as scheduler lag: 70 minutes, in the (900 s, +Inf) bucket.
    const lagAfter = await lagObservations();
    expect(lagAfter.count - lagBefore.count).toBe(1);
    expect(lagAfter.sum - lagBefore.sum).toBe(70 * 60);
    await walkMinutes(5, [second]);
    await second.stop();

    // A third start the same day posts nothing more.
    const third = processOn(t.database, 'p3').s;
    await third.start();
    await third.idle();
    expect(chat.posts).toHaveLength(1);
  });

  it('catch-up window: a restart after it has passed skips that day and keeps the next', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily');
    vi.setSystemTime(at('2026-11-26T10:00:00Z')); // 120 minutes after 08:00Z: the default window is over
    const late = processOn(t.database, 'p1').s;
    await late.start();
    await late.idle();
    expect(calls).toHaveLength(0);
    await late.stop();

    vi.setSystemTime(at('2026-11-27T07:59:30Z'));
    const next = processOn(t.database, 'p2', { catchUpMinutes: 30 }).s;
    await next.start();
    await walkMinutes(1, [next]);
    expect(keysOf(calls)).toEqual(['slack:T1:C1|2026-11-27']);
  });

  it.each([2, 3])('%i scheduler instances on one database post each channel exactly once', async (instances) => {
    vi.setSystemTime(at('2026-11-26T07:58:30Z'));
    const cfg = settings(t.database);
    const channels = Array.from({ length: 30 }, (_, i) => channel(i + 1, `T${i % 3}`));
    for (const c of channels) await cfg.set(c, '09:00 Europe/Berlin mon-fri');
    const procs = [];
    for (let i = 0; i < instances; i++) procs.push(processOn(await sameDatabase(), `p${i + 1}`, { concurrency: 4 }).s);
    await Promise.all(procs.map((s) => s.start()));
    await walkMinutes(4, procs);

    expect(calls).toHaveLength(channels.length);
    expect(new Set(keysOf(calls)).size).toBe(channels.length);
    expect(chat.posts).toHaveLength(channels.length);
    const claims = await listClaims(t.database.db);
    expect(claims.map((c) => c.state)).toEqual(channels.map(() => 'posted'));
  });

  it('several instances ticking at the very same instant still post once', async () => {
    vi.setSystemTime(at('2026-11-26T07:00:00Z'));
    const cfg = settings(t.database);
    for (let i = 1; i <= 20; i++) await cfg.set(channel(i), '09:00 Europe/Berlin daily');
    vi.setSystemTime(at('2026-11-26T08:00:00Z'));
    const procs = [];
    for (let i = 0; i < 3; i++) procs.push(processOn(await sameDatabase(), `p${i + 1}`).s);
    await Promise.all(procs.flatMap((s) => [s.tick(), s.tick()]));
    await Promise.all(procs.map((s) => s.idle()));
    expect(calls).toHaveLength(20);
    expect(chat.posts).toHaveLength(20);
  });

  async function lagObservations(): Promise<{ count: number; sum: number }> {
  const values = (await schedulerLag.get()).values;
  const pick = (suffix: string) => values.find((v) => v.metricName === `studybot_scheduler_lag_seconds_${suffix}`)?.value ?? 0;
  return { count: pick('count'), sum: pick('sum') };
}

describe('a process that dies between claim and post', () => {
    const slot = (c: number, owner = 'dead'): Promise<HeldClaim[]> =>
      claimSlots(
        t.database.db,
        [{ channelKey: `slack:T1:C${c}`, localDate: '2026-11-26', dueAt: at('2026-11-26T08:00:00Z'), deckId: 'api-gateway', closeAfterMinutes: 480 }],
        owner,
        at('2026-11-26T08:00:00Z'),
        5 * 60_000,
      );

    /** What a holder that died inside the platform call leaves: the day's round stored, no message. */
    const storeRoundWithoutMessage = async () => {
      const { store } = processOn(t.database, 'dead-process');
      const deck = apiGatewayDeck();
      await store.ensureChannel(channel(1));
      const created = await store.createRound({
        channelKey: 'slack:T1:C1',
        kind: 'daily',
        question: snapshotOf(deck, deck.questions[0]!),
        dailyDate: '2026-11-26',
        openedAt: at('2026-11-26T08:00:00Z'),
        closesAt: at('2026-11-26T16:00:00Z'),
      });
      expect(created.ok).toBe(true);
      return { store, created };
    };

    beforeEach(async () => {
      vi.setSystemTime(at('2026-11-26T07:00:00Z'));
      await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily');
      vi.setSystemTime(at('2026-11-26T08:00:00Z'));
    });

    it('a claim that never reached posting is taken over when its lease runs out, and posted once', async () => {
      const [dead] = await slot(1); // the dead process claimed at 08:00Z, lease 5 minutes
      vi.setSystemTime(at('2026-11-26T08:00:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(4, [s]); // 08:04Z: lease still valid
      expect(calls).toHaveLength(0);
      await walkMinutes(2, [s]); // 08:06Z: stale, taken over
      expect(keysOf(calls)).toEqual(['slack:T1:C1|2026-11-26']);
      expect(await getClaim(t.database.db, dead!)).toMatchObject({ state: 'posted', owner: 'p2', fence: 2 });
      // The old holder wakes up: its fencing check fails, so it cannot post.
      expect(await beginPosting(t.database.db, dead!, new Date(), 60_000)).toBe(false);
      await walkMinutes(10, [s]);
      expect(chat.posts).toHaveLength(1);
    });

    it('a holder that died in posting before the core stored anything: retaken and posted', async () => {
      const [dead] = await slot(1);
      expect(await beginPosting(t.database.db, dead!, at('2026-11-26T08:00:00Z'), 5 * 60_000)).toBe(true);
      vi.setSystemTime(at('2026-11-26T08:05:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(1, [s]);
      expect(calls).toHaveLength(1);
      expect(chat.posts).toHaveLength(1);
      expect((await getClaim(t.database.db, dead!))!.state).toBe('posted');
    });

    it('a holder that died after the core posted: the post is recorded, not repeated', async () => {
      const [dead] = await slot(1);
      await beginPosting(t.database.db, dead!, at('2026-11-26T08:00:00Z'), 5 * 60_000);
      const { core } = processOn(t.database, 'dead-process');
      const started = await core.startRound({
        channel: channel(1),
        kind: 'daily',
        deckId: 'api-gateway',
        closesAt: at('2026-11-26T16:00:00Z'),
        dailyDate: '2026-11-26',
      });
      // …and died before recording it.
      vi.setSystemTime(at('2026-11-26T08:05:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(3, [s]);
      expect(calls).toHaveLength(0);
      expect(chat.posts).toHaveLength(1);
      expect(await getClaim(t.database.db, dead!)).toMatchObject({
        state: 'posted',
        roundId: started.roundId,
        messageRef: started.messageRef,
      });
    });

    it('a holder that died in the middle of the platform call: outcome unknown, not posted again', async () => {
      const [dead] = await slot(1);
      await beginPosting(t.database.db, dead!, at('2026-11-26T08:00:00Z'), 5 * 60_000);
      const { store, created } = await storeRoundWithoutMessage();
      vi.setSystemTime(at('2026-11-26T08:05:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(3, [s]);
      expect(calls).toHaveLength(0);
      expect(chat.posts).toHaveLength(0);
      expect((await getClaim(t.database.db, dead!))!.state).toBe('unknown');

      // The holder was only frozen: it finishes its post and the core saves the reference.
      if (!created.ok) throw new Error('round not created');
      await store.setRoundMessage(created.round.id, 'slack:T1:C1:1764144000.000100');
      await walkMinutes(1, [s]);
      expect(await getClaim(t.database.db, dead!)).toMatchObject({
        state: 'posted',
        roundId: created.round.id,
        messageRef: 'slack:T1:C1:1764144000.000100',
      });
      expect(calls).toHaveLength(0);
    });

    it('a holder that died inside the platform call after the post landed: found on the platform, recorded, revealed at close', async () => {
      const [dead] = await slot(1);
      await beginPosting(t.database.db, dead!, at('2026-11-26T08:00:00Z'), 5 * 60_000);
      const { created } = await storeRoundWithoutMessage();
      if (!created.ok) throw new Error('round not created');
      // What the platform shows: the question, with the round's buttons; the response never came back.
      const visible = await chat.post(channel(1), {
        text: 'Question of the day',
        blocks: [{ type: 'text', text: 'Question of the day' }],
        actions: [{ type: 'buttons', buttons: [{ id: `a:${created.round.id}:A`, label: 'A' }, { id: `p:${created.round.id}`, label: 'Report a problem' }] }],
      });
      vi.setSystemTime(at('2026-11-26T08:05:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(1, [s]);
      expect(calls).toHaveLength(0);
      expect(chat.posts).toHaveLength(1); // nothing posted again
      expect(await getClaim(t.database.db, dead!)).toMatchObject({ state: 'posted', roundId: created.round.id, messageRef: visible });
      vi.setSystemTime(at('2026-11-26T15:58:00Z'));
      await walkMinutes(4, [s]); // the round closes at 16:00Z and is revealed in that message
      expect(textOf(chat.message(visible).view)).toContain('closed');
    });

    it('a claim back in `claimed` whose round was stored without a message: settled unknown, never posted again', async () => {
      // A holder died inside the platform call, its recoverer took the claim over (back to `claimed`)
      // and died too, or failed to mark it `unknown`: the next holder must not post the stored round.
      const [dead] = await slot(1);
      await storeRoundWithoutMessage();
      expect((await getClaim(t.database.db, dead!))!.state).toBe('claimed');
      vi.setSystemTime(at('2026-11-26T08:05:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await walkMinutes(3, [s]);
      expect(calls).toHaveLength(0);
      expect(chat.posts).toHaveLength(0);
      expect((await getClaim(t.database.db, dead!))!.state).toBe('unknown');
    });

    it('a stale claim found after the catch-up window is marked missed', async () => {
      const [dead] = await slot(1);
      vi.setSystemTime(at('2026-11-26T10:00:30Z'));
      const { s } = processOn(t.database, 'p2');
      await s.start();
      await s.idle();
      expect(calls).toHaveLength(0);
      expect((await getClaim(t.database.db, dead!))!.state).toBe('missed');
    });
  });

  it('closes and reveals on time, also after a restart (the close time lives in the database)', async () => {
    vi.setSystemTime(at('2026-11-26T07:59:30Z'));
    await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily close 1h');
    const first = processOn(t.database, 'p1').s;
    await first.start();
    await walkMinutes(1, [first]);
    expect(calls[0]!.req.closesAt).toEqual(at('2026-11-26T09:00:00Z'));
    const ref1 = chat.posts[0]!.ref;
    await walkMinutes(59, [first]); // 08:59Z
    expect(textOf(chat.message(ref1).view)).not.toContain('Answer:');
    await walkMinutes(1, [first]); // 09:00Z: closed and revealed by the running process
    expect(textOf(chat.message(ref1).view)).toContain('Answer:');
    await first.stop();

    vi.setSystemTime(at('2026-11-27T07:59:30Z'));
    const second = processOn(t.database, 'p2').s;
    await second.start();
    await walkMinutes(20, [second]);
    const ref2 = chat.posts[1]!.ref;
    await second.stop(); // down at 08:20Z; the round closes at 09:00Z

    vi.setSystemTime(at('2026-11-27T09:30:00Z'));
    const third = processOn(t.database, 'p3').s;
    await third.start(); // its first tick closes what is overdue
    await third.idle();
    expect(textOf(chat.message(ref2).view)).toContain('Answer:');
    expect(chat.posts).toHaveLength(2);
  });

  it('a 429 with Retry-After slows the fan-out down and retries; nothing is lost or doubled', async () => {
    vi.setSystemTime(at('2026-11-26T07:00:00Z'));
    const cfg = settings(t.database);
    for (let i = 1; i <= 12; i++) await cfg.set(channel(i), '09:00 Europe/Berlin daily');
    vi.setSystemTime(at('2026-11-26T07:59:30Z'));
    const rateLimited = Object.assign(new Error('ratelimited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 3 });
    chat.failNext(5, rateLimited);
    const { s } = processOn(t.database, 'p1', { concurrency: 4 });
    await s.start();
    await walkMinutes(1, [s]);
    // Some were refused with 429 and wait for Retry-After.
    expect(chat.posts.length).toBeLessThan(12);
    const waiting = (await listClaims(t.database.db)).filter((c) => c.state === 'claimed');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting[0]!.lastError).toContain('rate limited');
    await walkSeconds(10, [s]);
    expect(chat.posts).toHaveLength(12);
    expect(new Set(chat.posts.map((p) => channelKey(p.channel))).size).toBe(12);
    expect((await listClaims(t.database.db)).every((c) => c.state === 'posted')).toBe(true);
  });

  it('a refused post (platform error, nothing stored) is retried a minute later', async () => {
    vi.setSystemTime(at('2026-11-26T07:59:30Z'));
    await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily');
    chat.failNext(1, new Error('internal_error'));
    const { s } = processOn(t.database, 'p1');
    await s.start();
    await walkMinutes(1, [s]);
    expect(chat.posts).toHaveLength(0);
    expect((await listClaims(t.database.db))[0]).toMatchObject({ state: 'claimed', attempts: 1 });
    await walkMinutes(1, [s]);
    expect(chat.posts).toHaveLength(1);
    expect((await listClaims(t.database.db))[0]).toMatchObject({ state: 'posted', attempts: 2 });
  });

  it('a deck without playable questions skips the day with a reason instead of retrying', async () => {
    vi.setSystemTime(at('2026-11-26T07:59:30Z'));
    await settings(t.database).set(channel(1), '09:00 Europe/Berlin daily');
    // The deck disappears from the library after the schedule was set.
    const core = createStudybot({ store: createQuizStore(t.database), decks: staticCatalog([]), log: silentLog });
    core.attachChat(chat);
    const other = scheduler(t.database, core, 'p-empty');
    running.push(other);
    await other.start();
    await walkMinutes(1, [other]);
    expect(chat.posts).toHaveLength(0);
    expect((await listClaims(t.database.db))[0]).toMatchObject({ state: 'skipped' });
  });

  it('stop() waits for the post in flight and hands unstarted claims over', async () => {
    vi.setSystemTime(at('2026-11-26T07:00:00Z'));
    const cfg = settings(t.database);
    for (let i = 1; i <= 3; i++) await cfg.set(channel(i), '09:00 Europe/Berlin daily');
    vi.setSystemTime(at('2026-11-26T08:00:00Z'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { bot } = makeCore(t.database, chat, calls, 'slow');
    let entered = 0;
    const slowBot = {
      ...bot,
      startRound: async (req: Parameters<typeof bot.startRound>[0]) => {
        entered++;
        await gate;
        return bot.startRound(req);
      },
    };
    const slow = scheduler(t.database, slowBot, 'slow', { concurrency: 1 });
    await slow.tick();
    while (entered === 0) await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = slow.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(calls).toHaveLength(1);
    const claims = await listClaims(t.database.db);
    expect(claims.filter((c) => c.state === 'posted')).toHaveLength(1);
    // The two it never started are released at once: another process takes them over now.
    const { s } = processOn(t.database, 'p2');
    await s.tick();
    await s.idle();
    expect(chat.posts).toHaveLength(3);
    expect(new Set(keysOf(calls)).size).toBe(3);
  });

  it('end to end through the core: an admin schedules, the question comes, a user answers, it is revealed', async () => {
    vi.setSystemTime(at('2026-11-26T07:00:00Z'));
    const store = createQuizStore(t.database, { channelCacheMs: 0 });
    const schedulePort = createSchedulePort({ database: t.database, decks, channelTimezones: store });
    const core = createStudybot({ store, decks, schedule: schedulePort, log: silentLog });
    core.attachChat(chat);
    const talk = new Conversation(core, chat, channel(1));
    const ada = talk.user('UADMIN', 'Ada', true);
    const bob = talk.user('UBOB', 'Bob');

    const refused = await talk.say(bob, 'schedule 09:00 Europe/Berlin mon-fri');
    expect(textOf(refused[0]!.view)).toContain('Only admins can change the question-of-the-day schedule');
    expect(textOf(refused[0]!.view)).toContain('ask whoever runs the bot to add your id `slack:T1:UBOB`');
    const set = await talk.say(ada, 'schedule 09:00 Europe/Berlin mon-fri close 2h');
    expect(textOf(set[0]!.view)).toContain('Question of the day scheduled');
    expect(textOf(set[0]!.view)).toContain('Next question: Thu 26 Nov, 09:00');

    const s = scheduler(t.database, core, 'p1');
    running.push(s);
    vi.setSystemTime(at('2026-11-26T07:59:30Z'));
    await s.start();
    await walkMinutes(1, [s]);
    expect(chat.posts).toHaveLength(1);
    const ref = chat.posts[0]!.ref;
    const round = await store.roundByMessage(ref);
    expect(round?.dailyDate).toBe('2026-11-26');
    const correct = round!.question.correct;
    await (correct.length > 1 ? talk.choose(bob, ref, correct) : talk.click(bob, ref, correct[0]!));
    await walkMinutes(120, [s]); // closes at 10:00Z
    const revealed = textOf(chat.message(ref).view);
    expect(revealed).toContain('Answer:');
    expect(revealed).toContain('First right: Bob');
  });
});
