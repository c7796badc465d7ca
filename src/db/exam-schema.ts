// Tables of the exam feature (src/exam): mock exam sessions with their results, and exam dates.
// Kept apart from schema.ts; drizzle.config.ts lists it. No enums, no foreign keys (see there).
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ExamItem, ExamResult } from '../exam/mock-exam.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const examSessions = pgTable(
  'exam_sessions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userKey: text('user_key').notNull(),
    /** Where it was started (private replies and the time-up notice go there). */
    channelKey: text('channel_key').notNull(),
    examId: text('exam_id').notNull(),
    /** The drawn questions as they were at the start. */
    items: jsonb('items').$type<ExamItem[]>().notNull(),
    /** Questions asked for (more than `items` when the notes had fewer); null in sessions stored before. */
    requested: integer('requested'),
    answers: jsonb('answers').$type<(string[] | null)[]>().notNull(),
    flagged: jsonb('flagged').$type<boolean[]>().notNull(),
    position: integer('position').notNull().default(0),
    startedAt: instant('started_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    endedAt: instant('ended_at'),
    endReason: text('end_reason').$type<'finished' | 'ended-early' | 'time'>(),
    /** Bumped by every save: a save from an older version is refused (double clicks, two tabs). */
    version: integer('version').notNull().default(0),
    result: jsonb('result').$type<ExamResult>(),
    scaled: integer('scaled'),
  },
  (t) => [
    check('exam_sessions_end_reason_check', sql`${t.endReason} is null or ${t.endReason} in ('finished', 'ended-early', 'time')`),
    // One exam per user at a time.
    uniqueIndex('exam_sessions_one_open_uq').on(t.userKey).where(sql`${t.endedAt} is null`),
    index('exam_sessions_history_idx').on(t.userKey, t.examId, t.startedAt).where(sql`${t.endedAt} is not null`),
    index('exam_sessions_expiry_idx').on(t.endsAt).where(sql`${t.endedAt} is null`),
  ],
);

/**
 * A channel's date for one exam (`/<deck> exam-date`): the countdown and the run-up favour weak
 * domains. One row per channel and exam: a channel studying for two exams keeps both dates.
 */
export const examDates = pgTable(
  'exam_dates',
  {
    channelKey: text('channel_key').notNull(),
    examId: text('exam_id').notNull(),
    examDate: date('exam_date', { mode: 'string' }).notNull(),
    setBy: text('set_by').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'exam_dates_pk', columns: [t.channelKey, t.examId] })],
);

/**
 * A member's cached tallies: per domain, and how many mock exams of theirs had ended (their answers
 * count too). Rows of older tally versions hold only the per-domain map; their `exam_key` (which
 * names the version) never matches again, so they are never read.
 */
export interface CachedTallies {
  domains: Record<string, { seen: number; lift: number }>;
  endedExams: number;
}

/**
 * Per-user domain tallies of readiness, reused by `readiness channel` while fresh: computed less
 * than an hour ago, no answer by that user since (an answer is what changes a card) and no mock
 * exam of theirs ended since (`CachedTallies.endedExams`).
 * `exam_key` names the exam and the exact question list and priors the tallies were computed for.
 */
export const examTallies = pgTable(
  'exam_tallies',
  {
    userKey: text('user_key').notNull(),
    examKey: text('exam_key').notNull(),
    computedAt: instant('computed_at').notNull(),
    tallies: jsonb('tallies').$type<CachedTallies>().notNull(),
  },
  (t) => [primaryKey({ name: 'exam_tallies_pk', columns: [t.userKey, t.examKey] })],
);

export type ExamSessionRow = typeof examSessions.$inferSelect;
