// Three bot processes (each its own core, scheduler and connection pool) on one database, stopped
// and restarted at random minutes around the daily post time, over several days. Invariants: every
// channel gets exactly one question per day, and every round closes (revealed) in the end.
// Seeded, so a failure replays; fake timers and a fixed clock, no real waiting.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import type { Scheduler } from '../../src/schedule/index.js';
import { RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { FAKE_TIMERS, channel, makeCore, resetScheduleTables, scheduler, settings, walkMinutes, type StartCall } from '../schedule/support.js';

const CHANNELS = 6;
const DAYS = 3;

function prng(seed: number) {
  return () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
}

describe.each(dbTargets)('three schedulers killed and restarted around post time ($name)', (target) => {
  let t: TestDatabase;
  const pools: Database[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(target, 'rel_sched_chaos');
    for (let i = 0; i < 3; i++) {
      pools.push(t.schema ? await openDatabase({ url: target.url!, schema: t.schema, migrate: false, poolSize: 3 }) : t.database);
    }
  }, 60_000);
  afterAll(async () => {
    for (const d of pools) if (d !== t.database) await d.close();
    await t.close();
  });
  beforeEach(async () => {
    await resetScheduleTables(t.database);
    vi.useFakeTimers(FAKE_TIMERS);
  });
  afterEach(() => vi.useRealTimers());

  it.each([11, 23])('seed %i: one question per channel per day, every round closed', async (seed) => {
    const random = prng(seed);
    const chat = new RecordingChat('slack');
    const calls: StartCall[] = [];
    vi.setSystemTime(new Date('2026-11-26T07:00:00Z'));
    const cfg = settings(t.database);
    // 09:00 Berlin = 08:00Z; two channels elsewhere so the due times are spread.
    for (let i = 1; i <= CHANNELS; i++) {
      const tz = i % 3 === 0 ? 'Europe/London' : 'Europe/Berlin';
      await cfg.set(channel(i), `${i % 3 === 0 ? '08:00' : '09:00'} ${tz} daily close 30m`);
    }

    const live: (Scheduler | null)[] = [null, null, null];
    let generation = 0;
    const startProcess = async (slot: number) => {
      const { bot } = makeCore(pools[slot]!, chat, calls, `p${slot + 1}-${++generation}`);
      const s = scheduler(pools[slot]!, bot, `p${slot + 1}-${generation}`);
      await s.start();
      live[slot] = s;
    };
    const stopProcess = async (slot: number) => {
      const s = live[slot];
      live[slot] = null;
      if (s) await s.stop();
    };

    for (let day = 0; day < DAYS; day++) {
      vi.setSystemTime(new Date(Date.parse('2026-11-26T07:50:00Z') + day * 86_400_000));
      for (let slot = 0; slot < 3; slot++) if (random() < 0.7) await startProcess(slot);
      // 07:50Z → 09:00Z, minute by minute; each minute each process may die or come back.
      for (let minute = 0; minute < 70; minute++) {
        for (let slot = 0; slot < 3; slot++) {
          const r = random();
          if (live[slot] && r < 0.12) await stopProcess(slot);
          else if (!live[slot] && r < 0.3) await startProcess(slot);
        }
        if (live.every((s) => !s) && minute % 10 === 9) await startProcess(Math.floor(random() * 3));
        await walkMinutes(1, live.filter((s): s is Scheduler => !!s));
      }
      for (let slot = 0; slot < 3; slot++) await stopProcess(slot);
    }
    // One process comes back after the last day to close anything that was due while all were down.
    await startProcess(0);
    await walkMinutes(2, [live[0]!]);
    await stopProcess(0);

    const perDay = new Map<string, number>();
    for (const c of calls) {
      const key = `${c.req.channel.channel}|${c.req.dailyDate}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    expect([...perDay.values()].filter((n) => n !== 1)).toEqual([]);
    expect(perDay.size).toBe(CHANNELS * DAYS);
    expect(chat.posts).toHaveLength(CHANNELS * DAYS);
    const unrevealed = chat.posts.filter((p) => !textOf(chat.message(p.ref).view).includes('Answer:'));
    expect(unrevealed.map((p) => p.ref)).toEqual([]);
  }, 120_000);
});
