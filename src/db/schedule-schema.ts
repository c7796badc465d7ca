// Tables of the question-of-the-day scheduler (src/schedule). Kept apart from src/db/schema.ts
// so the scheduler can evolve its tables without touching the core's; drizzle.config.ts lists both.

import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per channel that ever had a schedule (kept when turned off: it still records the channel's timezone). */
export const scheduleChannels = pgTable(
  'schedule_channels',
  {
    /** Tenant-scoped channel key: `slack:T1:C2`. */
    channelKey: text('channel_key').primaryKey(),
    enabled: boolean('enabled').notNull(),
    /** Local wall-clock time, `HH:MM` (24 h). */
    timeOfDay: text('time_of_day').notNull(),
    /** Canonical IANA name (`Europe/Berlin`); also the channel's timezone for leaderboard periods. */
    timezone: text('timezone').notNull(),
    /** Bit set of ISO weekdays: Monday = bit 0 … Sunday = bit 6. */
    weekdays: integer('weekdays').notNull(),
    /** The deck of the next post when there is no rotation; the first deck of the rotation otherwise. */
    deckId: text('deck_id').notNull(),
    /**
     * Decks the question of the day rotates over, one per posted day in this order (null: only
     * `deck_id`). The next deck follows the deck of the channel's last daily round (src/schedule/rotation.ts).
     */
    deckIds: text('deck_ids').array(),
    closeAfterMinutes: integer('close_after_minutes').notNull(),
    /** Posts due before this instant are never made (setting a 09:00 schedule at 10:00 starts tomorrow). */
    effectiveFrom: instant('effective_from').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('schedule_channels_enabled_idx').on(t.enabled)],
);

/**
 * The exactly-once claim: one row per channel and channel-local date, inserted before anything is
 * posted. `fence` grows each time a stale claim is taken over; every later write by a holder is
 * conditional on the fence it holds, so a process that lost its claim can no longer act on it.
 */
export const scheduleDailyClaims = pgTable(
  'schedule_daily_claims',
  {
    channelKey: text('channel_key').notNull(),
    /** Channel-local date `YYYY-MM-DD`. */
    localDate: text('local_date').notNull(),
    /** claimed | posting | posted | skipped | failed | missed | unknown (see src/schedule/store.ts). */
    state: text('state').notNull(),
    /** Scheduler instance id holding the claim. */
    owner: text('owner').notNull(),
    fence: integer('fence').notNull().default(1),
    dueAt: instant('due_at').notNull(),
    claimedAt: instant('claimed_at').notNull(),
    /** The holder renews this while it works; past it, the claim is stale and may be recovered. */
    leaseUntil: instant('lease_until').notNull(),
    /** Do not try to post before this (Retry-After, back-off). */
    notBefore: instant('not_before'),
    attempts: integer('attempts').notNull().default(0),
    deckId: text('deck_id').notNull(),
    closeAfterMinutes: integer('close_after_minutes').notNull(),
    roundId: text('round_id'),
    messageRef: text('message_ref'),
    postedAt: instant('posted_at'),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ name: 'schedule_daily_claims_pk', columns: [t.channelKey, t.localDate] }),
    index('schedule_daily_claims_state_lease_idx').on(t.state, t.leaseUntil),
    index('schedule_daily_claims_owner_idx').on(t.owner, t.state),
  ],
);

export type ScheduleChannelRow = typeof scheduleChannels.$inferSelect;
export type ScheduleClaimRow = typeof scheduleDailyClaims.$inferSelect;
