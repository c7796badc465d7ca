// The core's storage port. src/db implements it (createQuizStore) on Postgres or PGlite;
// the core never sees SQL. Keys are tenant-scoped strings from ids.ts
// (`slack:T1:C2` channels, `slack:T1:U9` users).

import type { RoundKind } from './api.js';
import type { ChannelRef, UserRef } from './ids.js';
import type { MemoryCardRecord, MemoryStore } from './memory.js';
import type { ReportStore } from './reports.js';

/** A question as it was when its round started: reveals survive later deck edits. */
/** A picture of a question or option: its resolved URL and alt text (see src/content/types.ts). */
export interface QuestionImage {
  url: string;
  alt: string;
}

export interface QuestionSnapshot {
  id: string;
  deckId: string;
  deckTitle: string;
  number: string;
  prompt: string;
  /** The prompt's pictures (absent in rounds stored before pictures were shown). */
  images?: QuestionImage[];
  options: { id: string; text: string; image?: QuestionImage }[];
  correct: string[];
  explanation: string;
  /** The explanation's pictures (absent in rounds stored before they were shown). */
  explanationImages?: QuestionImage[];
  /** Flashcards only (no options): served as a card, never scored. */
  kind?: 'flashcard';
  answerText?: string;
  /** An admin's preview of a chosen question (`quiz <n>`, admins only): never scored. */
  preview?: true;
  /** Withdrawn by an admin (`quiz withdraw`): its answers score nothing and its answer is never revealed. */
  withdrawn?: true;
  /** A quiz posted past the quiz limits (scoring.ts quizUnscoredReason): never scored; why, shown on it. */
  unscored?: string;
  /** Question of the day in a channel with an exam date: "DVA-C02 exam in 12 days (2027-01-15)." */
  countdown?: string;
}

export interface RoundRecord {
  id: string;
  channelKey: string;
  kind: RoundKind;
  deckId: string;
  questionId: string;
  question: QuestionSnapshot;
  /** The user a practice round belongs to; null for channel rounds. */
  ownerKey: string | null;
  messageRef: string | null;
  dailyDate: string | null;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  revealedAt: Date | null;
}

export interface OpenChannelQuestion {
  questionId: string;
  channelKey: string;
  kind: RoundKind;
  closesAt: Date;
}

export interface NewRound {
  channelKey: string;
  kind: RoundKind;
  question: QuestionSnapshot;
  ownerKey?: string | null;
  dailyDate?: string | null;
  openedAt: Date;
  closesAt: Date;
}

export type CreateRoundResult =
  | { ok: true; round: RoundRecord }
  /** A uniqueness rule refused it: one open quiz per channel, one daily round per channel and date. */
  | { ok: false; reason: 'open-quiz' | 'daily-exists'; existing: RoundRecord | null };

export interface NewAnswer {
  roundId: string;
  userKey: string;
  channelKey: string;
  roundKind: RoundKind;
  deckId: string;
  questionId: string;
  /** Chosen option ids, sorted. */
  choice: string[];
  correct: boolean;
  points: number;
  bonus: number;
  onBoard: boolean;
  answeredAt: Date;
  /** Channel-local date (YYYY-MM-DD). */
  localDate: string;
}

export interface AnswerRecord {
  roundId: string;
  userKey: string;
  choice: string[];
  correct: boolean;
  points: number;
  bonus: number;
  answeredAt: Date;
}

export type RecordAnswerResult =
  /**
   * `card`: asked with `withCard`, the user's memory card for this question as it was before this
   * answer (null: none yet); absent: not read (ask `memory.getCard`).
   */
  | { status: 'recorded'; answer: AnswerRecord; card?: MemoryCardRecord | null }
  /** This user already answered this round (retry, double click, second try): the first answer stands. */
  | { status: 'duplicate'; answer: AnswerRecord }
  /** The round was closed (or past its close time) when the answer arrived. */
  | { status: 'closed'; closedAt: Date }
  | { status: 'not-found' };

/**
 * What an answer click needs besides the answer, asked together so a store can do it in the
 * answer's own statement (one round trip per click instead of three under a burst).
 */
export interface RecordAnswerOptions {
  /** Save this user (display name) as `saveUser` would, whatever the answer's outcome. */
  user?: UserRef;
  /** Read the user's memory card for the question, as it was before this answer (`card` in the result). */
  withCard?: boolean;
}

export interface ChannelInfo {
  channelKey: string;
  timezone: string;
}

export interface RoundResults {
  total: number;
  /** Option id → how many answers included it. */
  perOption: Record<string, number>;
  /** The first correct answerers, earliest first. */
  firstCorrect: { userKey: string; name: string }[];
}

export interface LeaderboardRow {
  userKey: string;
  name: string;
  points: number;
  correct: number;
  answered: number;
  /** Competition ranking: ties share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
}

export interface LeaderboardQuery {
  channelKey: string;
  /** Start of the period; null = all time. */
  since: Date | null;
  /** The caller, whose row is returned too when outside the top. */
  userKey: string;
  top: number;
  /** Only answers to this deck's questions (by deck id); all decks when absent. */
  deckId?: string;
}

export interface UserStatsRecord {
  answered: number;
  correct: number;
  points: number;
  /** The part of `points` scored on channel leaderboards (the rest is practice). */
  boardPoints: number;
  perDeck: { deckId: string; answered: number; correct: number }[];
  /** Distinct local dates (YYYY-MM-DD, ascending) with at least one correct answer. */
  correctDates: string[];
}

export interface RecentCorrectDays {
  /** Local dates (ascending) with at least one correct answer since the given time. */
  dates: string[];
  /** Whether today's daily streak bonus was already given. */
  bonusGivenOn: string[];
}

export interface QuizStore {
  /** FSRS memory cards (spaced repetition). Optional: without it answers update no memory and `review` is unavailable. */
  memory?: MemoryStore;
  /** Question reports. Optional: without it `report` and `reports` are unavailable. */
  reports?: ReportStore;
  /** Creates the channel row on first use; returns its settings. */
  ensureChannel(channel: ChannelRef): Promise<ChannelInfo>;
  setChannelTimezone(channel: ChannelRef, timezone: string): Promise<void>;
  /** Remembers the user's display name (shown on boards and reveals instead of a mention). */
  saveUser(user: UserRef): Promise<void>;
  findUser(userKey: string): Promise<{ userKey: string; name: string } | null>;
  /** Users of one workspace whose display name is `name` (case-insensitive), at most `limit`. */
  findUsersByName(platform: string, workspace: string, name: string, limit: number): Promise<{ userKey: string; name: string }[]>;

  createRound(round: NewRound): Promise<CreateRoundResult>;
  setRoundMessage(roundId: string, messageRef: string): Promise<void>;
  /** A round by id. Without `fresh`, close/reveal state may be stale (the question never is). */
  getRound(roundId: string, opts?: { fresh?: boolean }): Promise<RoundRecord | null>;
  /** The channel round whose question message is `messageRef`. */
  roundByMessage(messageRef: string): Promise<RoundRecord | null>;
  /** The open (not closed) quiz round of a channel, if any. */
  openQuizRound(channelKey: string): Promise<RoundRecord | null>;
  /**
   * Questions of the channel rounds (question of the day, quizzes) not yet closed in any channel of
   * one workspace/guild, on one deck: private study holds them back until they close.
   */
  openChannelQuestions(platform: string, workspace: string, deckId: string): Promise<OpenChannelQuestion[]>;
  /** The channel's open (not closed) question of the day, the newest if several. */
  openDailyRound(channelKey: string): Promise<RoundRecord | null>;
  /**
   * Withdraws a closed round (`quiz withdraw`): marks its question withdrawn and takes every answer's
   * points off (0 points, no bonus, off the board). Returns the round as withdrawn and how many answers it voided.
   */
  withdrawRound(roundId: string): Promise<{ round: RoundRecord; voided: number } | null>;
  /** How often each question was asked: in a channel (channel rounds) or to one user (practice). */
  questionHistory(
    scope: { channelKey: string; deckId: string } | { ownerKey: string; deckId: string },
  ): Promise<{ questionId: string; times: number; lastAt: Date }[]>;
  /** When this channel's quizzes opened since `since` that score (neither previews nor posted unscored). */
  scoredQuizzesSince(channelKey: string, since: Date): Promise<Date[]>;
  /** Deletes a round nobody could see (its message could not be posted). */
  discardRound(roundId: string): Promise<void>;

  /**
   * Exactly one answer per user and round, enforced by the database; refused when the round is
   * closed or past its close time at `now`, decided in the same statement as the insert.
   */
  recordAnswer(answer: NewAnswer, now: Date, opts?: RecordAnswerOptions): Promise<RecordAnswerResult>;
  answerCount(roundId: string): Promise<number>;
  /** This user's answer to a round, if any (what they chose, e.g. for `mistakes`). */
  userAnswer(roundId: string, userKey: string): Promise<AnswerRecord | null>;
  recentCorrectDays(userKey: string, since: Date): Promise<RecentCorrectDays>;
  /**
   * The weekdays of the channel's question-of-the-day schedule (ISO bit mask, Monday = bit 0),
   * kept while it is turned off; null when it never had one. Streaks count these days (scoring.ts).
   */
  studyDays(channelKey: string): Promise<number | null>;

  /** Claims the close of one round; null if it was already closed (another process won). */
  closeRound(roundId: string, now: Date): Promise<RoundRecord | null>;
  /** Claims every open round whose close time has passed (each claimed by exactly one caller). */
  claimDueRounds(now: Date, limit: number): Promise<RoundRecord[]>;
  /** Channel rounds on these platforms, closed before `closedBefore`, whose reveal never reached the channel. */
  unrevealedRounds(closedBefore: Date, platforms: string[], limit: number): Promise<RoundRecord[]>;
  markRevealed(roundId: string, now: Date): Promise<void>;
  roundResults(roundId: string, firstCorrect: number): Promise<RoundResults>;

  leaderboard(query: LeaderboardQuery): Promise<{ top: LeaderboardRow[]; me: LeaderboardRow | null }>;
  /** With `deckId`, only answers to that deck's questions (streak days too). */
  userStats(userKey: string, filter?: { deckId?: string }): Promise<UserStatsRecord>;
}
