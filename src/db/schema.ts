// The whole storage model. Every row carries its tenant in its keys: channel keys
// (`slack:T1:C2`) and user keys (`slack:T1:U9`) include platform and workspace, and
// every query filters on one of them, so nothing crosses tenants.
// No enums and no foreign keys on purpose: drizzle-kit qualifies both with "public",
// which would break running the same migrations inside another schema (test isolation).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { QuestionSnapshot } from '../quiz/store.js';
import type { RatingName, StoredCard } from '../quiz/memory.js';

export const channels = pgTable('channels', {
  /** `platform:workspace:channel` */
  channelKey: text('channel_key').primaryKey(),
  platform: text('platform').notNull(),
  workspace: text('workspace').notNull(),
  /** IANA zone used for leaderboard weeks/months and streak days. */
  timezone: text('timezone').notNull().default('UTC'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  /** `platform:workspace:user` */
  userKey: text('user_key').primaryKey(),
  platform: text('platform').notNull(),
  workspace: text('workspace').notNull(),
  /** Display name as last seen: shown on boards instead of a mention, so nobody is pinged. */
  displayName: text('display_name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const rounds = pgTable(
  'rounds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelKey: text('channel_key').notNull(),
    kind: text('kind').$type<'daily' | 'quiz' | 'practice'>().notNull(),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    question: jsonb('question').$type<QuestionSnapshot>().notNull(),
    /** Practice rounds belong to one user; null for channel rounds. */
    ownerKey: text('owner_key'),
    /** Opaque ChatPort reference of the posted channel message (null for private rounds). */
    messageRef: text('message_ref'),
    /** Channel-local date of a daily round: one daily round per channel and date. */
    dailyDate: date('daily_date', { mode: 'string' }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** Set by exactly one closer (UPDATE … WHERE closed_at IS NULL). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Set once the reveal reached the channel; closed but not revealed rounds are retried. */
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
  },
  (t) => [
    check('rounds_kind_check', sql`${t.kind} in ('daily', 'quiz', 'practice')`),
    index('rounds_due_idx').on(t.closesAt).where(sql`${t.closedAt} is null`),
    index('rounds_unrevealed_idx').on(t.closedAt).where(sql`${t.revealedAt} is null and ${t.kind} <> 'practice'`),
    index('rounds_message_idx').on(t.messageRef),
    index('rounds_history_idx').on(t.channelKey, t.deckId, t.openedAt),
    index('rounds_owner_idx').on(t.ownerKey, t.deckId, t.openedAt).where(sql`${t.ownerKey} is not null`),
    uniqueIndex('rounds_one_open_quiz_uq').on(t.channelKey).where(sql`${t.kind} = 'quiz' and ${t.closedAt} is null`),
    uniqueIndex('rounds_one_daily_uq').on(t.channelKey, t.dailyDate).where(sql`${t.kind} = 'daily'`),
  ],
);

export const answers = pgTable(
  'answers',
  {
    roundId: bigint('round_id', { mode: 'number' }).notNull(),
    userKey: text('user_key').notNull(),
    channelKey: text('channel_key').notNull(),
    roundKind: text('round_kind').$type<'daily' | 'quiz' | 'practice'>().notNull(),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    /** Chosen option ids, sorted. */
    choice: text('choice').array().notNull(),
    correct: boolean('correct').notNull(),
    /** Total points including the streak bonus (see src/quiz/scoring.ts). */
    points: integer('points').notNull(),
    bonus: integer('bonus').notNull().default(0),
    /** Whether the points count on the channel leaderboard (practice does not). */
    onBoard: boolean('on_board').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    /** The answer's date in the channel's timezone (streaks). */
    localDate: date('local_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    // Exactly one answer per user per round: INSERT … ON CONFLICT DO NOTHING.
    primaryKey({ name: 'answers_pk', columns: [t.roundId, t.userKey] }),
    // Leaderboards: a range scan over one channel's period, covering user and points.
    index('answers_board_idx')
      .on(t.channelKey, t.answeredAt, t.userKey, t.points, t.correct)
      .where(sql`${t.onBoard}`),
    // Personal stats and streaks.
    index('answers_user_idx').on(t.userKey, t.answeredAt),
  ],
);

export type ChannelRow = typeof channels.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;
export type NewRoundRow = typeof rounds.$inferInsert;
export type AnswerRow = typeof answers.$inferSelect;
export type NewAnswerRow = typeof answers.$inferInsert;

/** FSRS memory per user and question (src/quiz/memory.ts): one row per card, replaced on every review. */
export const memoryCards = pgTable(
  'memory_cards',
  {
    userKey: text('user_key').notNull(),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    card: jsonb('card').$type<StoredCard>().notNull(),
    /** The card before the last review, so a Hard/Good/Easy refinement recomputes that review. */
    before: jsonb('before').$type<StoredCard>(),
    lastRoundId: text('last_round_id').notNull(),
    lastReviewAt: timestamp('last_review_at', { withTimezone: true }).notNull(),
    lastRating: text('last_rating').$type<RatingName>().notNull(),
    /** The practice round serving this card in a `/review` session. */
    reviewRoundId: text('review_round_id'),
    due: timestamp('due', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'memory_cards_pk', columns: [t.userKey, t.deckId, t.questionId] }),
    index('memory_cards_due_idx').on(t.userKey, t.deckId, t.due),
  ],
);

export type MemoryCardRow = typeof memoryCards.$inferSelect;

/** Opt-in daily review nudges (`/<deck> review remind on`): one per user and deck, sent in the channel where they opted in. */
export const reviewReminders = pgTable(
  'review_reminders',
  {
    userKey: text('user_key').notNull(),
    deckId: text('deck_id').notNull(),
    channelKey: text('channel_key').notNull(),
    enabled: boolean('enabled').notNull(),
    /** Channel-local date of the last nudge: at most one a day. */
    lastSentOn: date('last_sent_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'review_reminders_pk', columns: [t.userKey, t.deckId] }),
    index('review_reminders_enabled_idx').on(t.enabled),
  ],
);

/** Problems users reported on questions (`/<deck> report`), for content authors. */
export const questionReports = pgTable(
  'question_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    /** "Q3", as shown to users. */
    questionNumber: text('question_number').notNull(),
    /** The note file and line of the question when reported. */
    sourcePath: text('source_path').notNull(),
    sourceLine: integer('source_line').notNull(),
    reason: text('reason').notNull(),
    reporterKey: text('reporter_key').notNull(),
    /** Where it was reported; its `platform:workspace:` prefix scopes who sees it in chat. */
    channelKey: text('channel_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('question_reports_open_idx').on(t.createdAt).where(sql`${t.resolvedAt} is null`)],
);
