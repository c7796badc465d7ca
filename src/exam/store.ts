// The exam's storage port; src/db/exam-store.ts implements it on Postgres/PGlite.
import type { ExamResult, ExamSession, NewSession } from './mock-exam.js';
import type { AccuracyPoint } from './charts.js';
import type { DomainTally, RecallQuestion } from './readiness.js';

export type StartExamResult = { ok: true; session: ExamSession } | { ok: false; existing: ExamSession };

export interface ExamHistoryEntry {
  sessionId: string;
  examId: string;
  startedAt: Date;
  endedAt: Date;
  asked: number;
  /** Questions answered (the rest were unanswered: wrong in the score, no evidence for readiness). */
  answered: number;
  correct: number;
  scaled: number;
  passed: boolean;
  /** False when the draw did not stand for the real exam (thin notes): no pass/fail. */
  comparable: boolean;
  /** Per domain: asked and right (the accuracy-over-time chart). */
  perDomain: { domainId: string; asked: number; correct: number }[];
}

export interface ExamDate {
  channelKey: string;
  examId: string;
  /** YYYY-MM-DD in the channel's timezone. */
  date: string;
  setBy: string;
}

export interface ExamStore {
  /** Starts a session unless the user has one not ended (one exam per user at a time: a unique index). */
  start(session: NewSession): Promise<StartExamResult>;
  /** The user's session not yet ended (it may be past its time: the caller ends it). */
  active(userKey: string): Promise<ExamSession | null>;
  get(sessionId: string): Promise<ExamSession | null>;
  /**
   * Saves answers, flags and position, when the stored version is still `session.version` and the
   * session has not ended. Returns the saved session (version + 1) or null (someone else won).
   */
  save(session: ExamSession): Promise<ExamSession | null>;
  /** Ends the session with its result, once: null when it was already ended or changed. */
  finish(session: ExamSession, result: ExamResult): Promise<ExamSession | null>;
  /** Sessions not ended whose time is up (for a sweeper that ends and reports them). */
  expired(now: Date, limit: number): Promise<ExamSession[]>;
  /** Ended sessions with their results, oldest first (at most `limit`, the latest ones). */
  history(userKey: string, examId: string, limit: number): Promise<ExamHistoryEntry[]>;
  /** The stored result of an ended session. */
  result(sessionId: string): Promise<ExamResult | null>;

  /**
   * Per user and domain: seen questions and Σ(evidence − prior) over them (readiness.ts's
   * evidenceOf: 0 when the last answer was wrong), from the latest evidence per question at `now`:
   * the user's FSRS card (R computed in the database with ts-fsrs's curve constants, over
   * fractional days), or an answer in an ended mock exam when that came later (mockEvidenceOf).
   * `channelKey`: every user who answered in that channel.
   */
  domainTallies(
    scope: { userKeys: string[] } | { channelKey: string },
    questions: RecallQuestion[],
    now: Date,
    curve: { decay: number; factor: number },
  ): Promise<Map<string, Map<string, DomainTally>>>;

  /**
   * The user's answers (every round kind) on the exam's questions, per week (Monday, in `tz`) and
   * domain, oldest first, weeks starting at or after `since`.
   */
  domainAccuracy(userKey: string, questions: Pick<RecallQuestion, 'deckId' | 'questionId' | 'domainId'>[], tz: string, since: Date): Promise<AccuracyPoint[]>;

  /** Sets (or with null removes) the channel's date for exam `examId`; other exams' dates stay. */
  setExamDate(channelKey: string, examId: string, value: { date: string; setBy: string } | null): Promise<void>;
  /** The channel's date for exam `examId`. */
  examDate(channelKey: string, examId: string): Promise<ExamDate | null>;
}
