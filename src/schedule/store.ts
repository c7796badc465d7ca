// The scheduler's queries: small functions taking the drizzle db, the same code on node-postgres
// and PGlite. Claim states:
//   claimed  – inserted (or taken over) by `owner`; nothing has been sent yet
//   posting  – the holder passed the fencing check and is calling startRound
//   posted   – the round is out; round id and message ref recorded
//   skipped  – nothing to post (deck gone, no questions); not retried
//   failed   – startRound failed in a way that may have reached the platform; not retried
//   unknown  – the holder died while posting and the outcome cannot be told; not retried
//   missed   – the catch-up window passed before anyone could post

import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { rounds } from '../db/schema.js';
import { scheduleChannels, scheduleDailyClaims, type ScheduleChannelRow, type ScheduleClaimRow } from '../db/schedule-schema.js';

export type ScheduleDb = PgDatabase<PgQueryResultHKT, any>;

export type ClaimState = 'claimed' | 'posting' | 'posted' | 'skipped' | 'failed' | 'unknown' | 'missed';

export interface ClaimKey {
  channelKey: string;
  localDate: string;
}

/** A claim held by one scheduler instance: every write is conditional on owner and fence. */
export interface HeldClaim extends ClaimKey {
  owner: string;
  fence: number;
  dueAt: Date;
  deckId: string;
  closeAfterMinutes: number;
}

const byKey = (k: ClaimKey) =>
  and(eq(scheduleDailyClaims.channelKey, k.channelKey), eq(scheduleDailyClaims.localDate, k.localDate));
const held = (c: HeldClaim) =>
  and(byKey(c), eq(scheduleDailyClaims.owner, c.owner), eq(scheduleDailyClaims.fence, c.fence));
const toHeld = (r: ScheduleClaimRow): HeldClaim => ({
  channelKey: r.channelKey,
  localDate: r.localDate,
  owner: r.owner,
  fence: r.fence,
  dueAt: r.dueAt,
  deckId: r.deckId,
  closeAfterMinutes: r.closeAfterMinutes,
});

// ---- settings ----

export async function getSchedule(db: ScheduleDb, channelKey: string): Promise<ScheduleChannelRow | null> {
  const rows = await db.select().from(scheduleChannels).where(eq(scheduleChannels.channelKey, channelKey)).limit(1);
  return rows[0] ?? null;
}

export async function saveSchedule(db: ScheduleDb, row: ScheduleChannelRow): Promise<void> {
  const { channelKey, ...rest } = row;
  await db.insert(scheduleChannels).values(row).onConflictDoUpdate({ target: scheduleChannels.channelKey, set: rest });
}

export async function listEnabledSchedules(db: ScheduleDb): Promise<ScheduleChannelRow[]> {
  return db.select().from(scheduleChannels).where(eq(scheduleChannels.enabled, true));
}

/** The timezone a channel's schedule uses (kept when the schedule is off), or null. */
export async function getChannelTimezone(db: ScheduleDb, channelKey: string): Promise<string | null> {
  const rows = await db
    .select({ timezone: scheduleChannels.timezone })
    .from(scheduleChannels)
    .where(eq(scheduleChannels.channelKey, channelKey))
    .limit(1);
  return rows[0]?.timezone ?? null;
}

// ---- claims ----

export interface NewClaim extends ClaimKey {
  dueAt: Date;
  deckId: string;
  closeAfterMinutes: number;
}

const INSERT_CHUNK = 500;

/**
 * Inserts one claim per (channel, local date); a row that already exists is left alone.
 * Returns only the claims this call inserted: those are the caller's to post.
 */
export async function claimSlots(
  db: ScheduleDb,
  slots: NewClaim[],
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<HeldClaim[]> {
  const won: HeldClaim[] = [];
  for (let i = 0; i < slots.length; i += INSERT_CHUNK) {
    const rows = await db
      .insert(scheduleDailyClaims)
      .values(
        slots.slice(i, i + INSERT_CHUNK).map((s) => ({
          ...s,
          state: 'claimed',
          owner,
          fence: 1,
          claimedAt: now,
          leaseUntil: new Date(now.getTime() + leaseMs),
        })),
      )
      .onConflictDoNothing()
      .returning();
    won.push(...rows.map(toHeld));
  }
  return won;
}

/** Which of these keys already have a claim row (any state). */
export async function existingClaims(db: ScheduleDb, keys: ClaimKey[]): Promise<Set<string>> {
  const out = new Set<string>();
  const dates = [...new Set(keys.map((k) => k.localDate))];
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    const channelKeys = [...new Set(keys.slice(i, i + INSERT_CHUNK).map((k) => k.channelKey))];
    const rows = await db
      .select({ channelKey: scheduleDailyClaims.channelKey, localDate: scheduleDailyClaims.localDate })
      .from(scheduleDailyClaims)
      .where(and(inArray(scheduleDailyClaims.channelKey, channelKeys), inArray(scheduleDailyClaims.localDate, dates)));
    for (const r of rows) out.add(`${r.channelKey}|${r.localDate}`);
  }
  return out;
}

/**
 * The fencing check right before anything is sent: claimed → posting, only for the holder
 * with the current fence. False means the claim was taken over (or settled): do not post.
 */
export async function beginPosting(db: ScheduleDb, c: HeldClaim, now: Date, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({
      state: 'posting',
      attempts: sql`${scheduleDailyClaims.attempts} + 1`,
      leaseUntil: new Date(now.getTime() + leaseMs),
    })
    .where(and(held(c), eq(scheduleDailyClaims.state, 'claimed')))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length === 1;
}

export async function markPosted(
  db: ScheduleDb,
  c: HeldClaim,
  result: { roundId: string; messageRef: string | null; deckId?: string },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({
      state: 'posted',
      roundId: result.roundId,
      messageRef: result.messageRef,
      postedAt: now,
      lastError: null,
      ...(result.deckId ? { deckId: result.deckId } : {}),
    })
    .where(held(c))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length === 1;
}

/** Back to `claimed`, not to be tried before `notBefore` (rate limited: nothing was sent). */
export async function deferClaim(
  db: ScheduleDb,
  c: HeldClaim,
  notBefore: Date,
  now: Date,
  leaseMs: number,
  error: string,
): Promise<boolean> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({
      state: 'claimed',
      notBefore,
      leaseUntil: new Date(Math.max(now.getTime(), notBefore.getTime()) + leaseMs),
      lastError: error,
    })
    .where(held(c))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length === 1;
}

/** A final state other than posted (skipped, failed, missed, unknown). */
export async function settleClaim(
  db: ScheduleDb,
  c: HeldClaim,
  state: Exclude<ClaimState, 'claimed' | 'posting' | 'posted'>,
  error: string | null,
): Promise<boolean> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({ state, lastError: error })
    .where(held(c))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length === 1;
}

/** Heartbeat: pushes the lease of every unfinished claim this instance holds. */
export async function renewLeases(db: ScheduleDb, owner: string, now: Date, leaseMs: number): Promise<number> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({
      leaseUntil: sql`greatest(${scheduleDailyClaims.notBefore}, ${now.toISOString()}::timestamptz) + ${`${leaseMs} milliseconds`}::interval`,
    })
    .where(and(eq(scheduleDailyClaims.owner, owner), inArray(scheduleDailyClaims.state, ['claimed', 'posting'])))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length;
}

/** Unfinished claims whose holder stopped renewing the lease. */
export async function staleClaims(db: ScheduleDb, now: Date, limit = 1000): Promise<ScheduleClaimRow[]> {
  return db
    .select()
    .from(scheduleDailyClaims)
    .where(and(inArray(scheduleDailyClaims.state, ['claimed', 'posting']), lt(scheduleDailyClaims.leaseUntil, now)))
    .limit(limit);
}

/**
 * Takes over a stale claim: new owner, fence + 1, back to `claimed`. Conditional on the fence and
 * state that were read, so of several instances recovering the same claim exactly one wins, and
 * the old holder's later fenced writes (beginPosting, markPosted) no longer match.
 */
export async function takeOverClaim(
  db: ScheduleDb,
  stale: ScheduleClaimRow,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<HeldClaim | null> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({
      owner,
      fence: sql`${scheduleDailyClaims.fence} + 1`,
      state: 'claimed',
      claimedAt: now,
      leaseUntil: new Date(now.getTime() + leaseMs),
      notBefore: null,
    })
    .where(
      and(
        byKey(stale),
        eq(scheduleDailyClaims.fence, stale.fence),
        eq(scheduleDailyClaims.state, stale.state),
        lt(scheduleDailyClaims.leaseUntil, now),
      ),
    )
    .returning();
  return rows[0] ? toHeld(rows[0]) : null;
}

/** Claims left `unknown` that are still recent enough to be worth re-checking against the core's round. */
export async function unknownClaims(db: ScheduleDb, dueSince: Date, limit = 100): Promise<ScheduleClaimRow[]> {
  return db
    .select()
    .from(scheduleDailyClaims)
    .where(and(eq(scheduleDailyClaims.state, 'unknown'), gte(scheduleDailyClaims.dueAt, dueSince)))
    .limit(limit);
}

/** An `unknown` claim whose round turned out to have its message: record it as posted. */
export async function resolveUnknown(
  db: ScheduleDb,
  claim: ScheduleClaimRow,
  round: { roundId: string; messageRef: string },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({ state: 'posted', roundId: round.roundId, messageRef: round.messageRef, postedAt: now, lastError: null })
    .where(and(byKey(claim), eq(scheduleDailyClaims.state, 'unknown'), eq(scheduleDailyClaims.fence, claim.fence)))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length === 1;
}

/** On shutdown: unstarted claims of this instance become stale at once, for another instance to take over. */
export async function releaseClaims(db: ScheduleDb, owner: string, now: Date): Promise<number> {
  const rows = await db
    .update(scheduleDailyClaims)
    .set({ leaseUntil: new Date(now.getTime() - 1) })
    .where(and(eq(scheduleDailyClaims.owner, owner), eq(scheduleDailyClaims.state, 'claimed')))
    .returning({ fence: scheduleDailyClaims.fence });
  return rows.length;
}

/** Claims this instance holds in `claimed` that may be tried now (deferred ones whose time came). */
export async function readyClaims(db: ScheduleDb, owner: string, now: Date): Promise<HeldClaim[]> {
  const rows = await db
    .select()
    .from(scheduleDailyClaims)
    .where(
      and(
        eq(scheduleDailyClaims.owner, owner),
        eq(scheduleDailyClaims.state, 'claimed'),
        sql`(${scheduleDailyClaims.notBefore} is null or ${scheduleDailyClaims.notBefore} <= ${now.toISOString()}::timestamptz)`,
      ),
    );
  return rows.map(toHeld);
}

export async function getClaim(db: ScheduleDb, key: ClaimKey): Promise<ScheduleClaimRow | null> {
  const rows = await db.select().from(scheduleDailyClaims).where(byKey(key)).limit(1);
  return rows[0] ?? null;
}

export async function listClaims(db: ScheduleDb, channelKey?: string): Promise<ScheduleClaimRow[]> {
  const q = db.select().from(scheduleDailyClaims);
  return channelKey ? q.where(eq(scheduleDailyClaims.channelKey, channelKey)) : q;
}

/**
 * The core's daily round for a channel and date (rounds has a unique key on them), read to tell
 * whether a holder that died while posting got as far as the core: the core stores the round
 * before it posts and discards it when the post fails.
 */
export async function findDailyRound(
  db: ScheduleDb,
  key: ClaimKey,
): Promise<{ roundId: string; messageRef: string | null } | null> {
  const rows = await db
    .select({ id: rounds.id, messageRef: rounds.messageRef })
    .from(rounds)
    .where(and(eq(rounds.channelKey, key.channelKey), eq(rounds.kind, 'daily'), eq(rounds.dailyDate, key.localDate)))
    .limit(1);
  const r = rows[0];
  return r ? { roundId: String(r.id), messageRef: r.messageRef } : null;
}

/**
 * The deck of the channel's latest daily round (before `beforeDate`, a local date, when given):
 * what the deck rotation continues from. Served by the unique (channel, daily date) index.
 */
export async function lastDailyDeck(db: ScheduleDb, channelKey: string, beforeDate?: string): Promise<string | null> {
  const rows = await db
    .select({ deckId: rounds.deckId })
    .from(rounds)
    .where(
      and(
        eq(rounds.channelKey, channelKey),
        eq(rounds.kind, 'daily'),
        beforeDate ? lt(rounds.dailyDate, beforeDate) : sql`${rounds.dailyDate} is not null`,
      ),
    )
    .orderBy(desc(rounds.dailyDate))
    .limit(1);
  return rows[0]?.deckId ?? null;
}
