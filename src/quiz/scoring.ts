// Every scoring rule lives here (and in docs/core.md, which must match).
//
// - A fully correct answer scores CORRECT_POINTS (10).
// - Multi-answer questions ("Select TWO"): the user picks exactly as many options as there are
//   correct ones. All right = 10 points and counts as correct. Otherwise partial credit:
//   floor(10 × right picks / correct options) points, but the answer counts as wrong for
//   accuracy and streaks. (Select TWO with one right pick = 5 points.)
// - Daily streak bonus: the first correct answer to a question of the day (a daily round) on a
//   given day earns +2 points per day of the streak before it, at most +10. The streak counts
//   consecutive days (channel-local dates) with at least one correct answer of any kind,
//   practice included, so practising keeps a streak alive. Only the channel's study days (the
//   weekdays of its question-of-the-day schedule; every day without one) can break it: a Mon–Fri
//   team keeps its streak over the weekend, and a right answer on a day off still adds a day.
// - Leaderboards: daily and /quiz channel rounds count on the channel's board; private practice
//   rounds count in personal stats only (they could otherwise be farmed alone).
// - Quiz limits (else one person could farm the board with back-to-back quizzes, alone): a channel's
//   first SCORED_QUIZZES_PER_DAY quizzes of a day (channel time) score; later ones, and a quiz whose
//   question this channel was asked in the last REPEAT_WINDOW_DAYS days (its answer was revealed),
//   are posted "not scored". Decided when the quiz is posted and shown on it.

import type { RoundKind } from './api.js';

export const CORRECT_POINTS = 10;
export const STREAK_BONUS_PER_DAY = 2;
export const STREAK_BONUS_MAX = 10;

export interface AnswerScore {
  correct: boolean;
  /** Points before the streak bonus. */
  base: number;
}

/** Scores a set of chosen option ids against the correct ones. */
export function scoreChoice(correctIds: readonly string[], chosen: readonly string[]): AnswerScore {
  const correctSet = new Set(correctIds);
  const picked = new Set(chosen);
  const right = [...picked].filter((id) => correctSet.has(id)).length;
  const wrong = picked.size - right;
  if (correctSet.size === 0) return { correct: false, base: 0 };
  if (right === correctSet.size && wrong === 0) return { correct: true, base: CORRECT_POINTS };
  if (correctSet.size === 1) return { correct: false, base: 0 };
  return { correct: false, base: Math.floor((CORRECT_POINTS * right) / correctSet.size) };
}

export const countsOnLeaderboard = (kind: RoundKind, preview = false): boolean => kind !== 'practice' && !preview;

/** An admin's preview of a chosen question scores nothing: answering your own preview is no way to points. */
export const PREVIEW_POINTS = 0;

export const SCORED_QUIZZES_PER_DAY = 3;
export const REPEAT_WINDOW_DAYS = 30;

/** Whether answers to this question score: not an admin's preview, not a quiz posted past the quiz limits. */
export const scores = (q: { preview?: true; unscored?: string }): boolean => !q.preview && !q.unscored;

/**
 * Why a new channel quiz will not score, or null when it scores. `scoredToday`: quizzes of this
 * channel that scored, posted today (channel time); `lastAskedAt`: when this channel was last
 * asked the question (quiz or question of the day), if ever.
 */
export function quizUnscoredReason(opts: { scoredToday: number; lastAskedAt: Date | null; now: Date }): string | null {
  if (opts.lastAskedAt && opts.now.getTime() - opts.lastAskedAt.getTime() < REPEAT_WINDOW_DAYS * 86_400_000) {
    return `this channel saw its answer in the last ${REPEAT_WINDOW_DAYS} days`;
  }
  if (opts.scoredToday >= SCORED_QUIZZES_PER_DAY) return `a channel's first ${SCORED_QUIZZES_PER_DAY} quizzes of a day score, and today's are done`;
  return null;
}

/** ISO date (YYYY-MM-DD) arithmetic, timezone-free. */
export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday bit mask (Monday = bit 0 … Sunday = bit 6) of the days a streak must not miss. */
export const EVERY_DAY = 0b1111111;

/** Whether a missed `day` breaks a streak under `studyDays` (an empty mask counts as every day). */
function isStudyDay(day: string, studyDays: number): boolean {
  const mask = studyDays & EVERY_DAY || EVERY_DAY;
  const isoIndex = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (mask & (1 << isoIndex)) !== 0;
}

/** Whether the days strictly between `from` and `to` are all days off (at most a week is walked). */
function linked(from: string, to: string, studyDays: number): boolean {
  for (let day = addDays(from, 1); day < to; day = addDays(day, 1)) if (isStudyDay(day, studyDays)) return false;
  return true;
}

/** Days of the streak ending the day before `today` (days with a correct answer, linked over days off). */
export function streakBefore(correctDates: readonly string[], today: string, studyDays = EVERY_DAY): number {
  const days = new Set(correctDates);
  let n = 0;
  // A day off without an answer is skipped; the walk ends at the first study day without one
  // (within a week: the mask has a study day).
  for (let day = addDays(today, -1); days.has(day) || !isStudyDay(day, studyDays); day = addDays(day, -1)) {
    if (days.has(day)) n++;
  }
  return n;
}

/**
 * The streak bonus for a correct daily answer on `today`, given the user's recent correct dates
 * and the dates a bonus was already given.
 */
export function streakBonus(opts: {
  kind: RoundKind;
  correct: boolean;
  today: string;
  correctDates: readonly string[];
  bonusGivenOn: readonly string[];
  studyDays?: number;
}): number {
  if (opts.kind !== 'daily' || !opts.correct || opts.bonusGivenOn.includes(opts.today)) return 0;
  return Math.min(STREAK_BONUS_MAX, STREAK_BONUS_PER_DAY * streakBefore(opts.correctDates, opts.today, opts.studyDays));
}

/** How many days back the bonus needs to look: enough for the streak days that earn it, with days off between. */
export function streakLookbackDays(studyDays = EVERY_DAY): number {
  const perWeek = [0, 1, 2, 3, 4, 5, 6].filter((i) => ((studyDays & EVERY_DAY || EVERY_DAY) & (1 << i)) !== 0).length;
  return Math.ceil(((STREAK_BONUS_MAX / STREAK_BONUS_PER_DAY + 1) * 7) / perWeek) + 7;
}

/**
 * Current and best streak from ascending distinct dates with a correct answer. The current
 * streak is still alive if its last day is today, or only days off lie between it and today.
 */
export function streaks(correctDates: readonly string[], today: string, studyDays = EVERY_DAY): { current: number; best: number } {
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const day of correctDates) {
    run = prev !== null && linked(prev, day, studyDays) ? run + 1 : 1;
    best = Math.max(best, run);
    prev = day;
  }
  const alive = prev !== null && (prev === today || linked(prev, today, studyDays));
  return { current: alive ? run : 0, best };
}
