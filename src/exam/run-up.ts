// The run-up to a channel's exam date (`exam-date`, issue 14): the countdown on the question of the
// day, the group's weakest domain favoured in the last RUN_UP_DAYS days (question of the day and
// `review`), and FSRS due dates brought before the exam. Rules and wording: docs/learning.md.
import { DateTime, IANAZone } from 'luxon';
import type { Deck } from '../content/types.js';
import type { Clock } from '../quiz/api.js';
import type { MemoryCardRecord } from '../quiz/memory.js';
import { localDate } from '../quiz/time.js';
import type { Blueprint } from './blueprint.js';
import type { ExamDeps } from './deps.js';
import { examIdOf, mapExam } from './domain-map.js';
import { countdownLine } from './render-exam.js';
import { createExamService } from './service.js';

/** Within this many days of the exam the weakest domain is favoured. */
export const RUN_UP_DAYS = 30;
/** The question of the day comes from the weakest domain with this probability (when it has a fresh question). */
export const WEAK_DOMAIN_SHARE = 0.5;

export interface RunUp {
  bp: Blueprint;
  /** The exam date and today, YYYY-MM-DD in the channel's timezone. */
  date: string;
  today: string;
  daysLeft: number;
  tz: string;
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
const zoneOf = (tz: string) => (IANAZone.isValidZone(tz) ? tz : 'UTC');

/**
 * The channel's exam date for this deck's exam, from today (channel time) up to and including the
 * exam day; null when the deck belongs to no exam, the channel has no date for it, or it has passed.
 */
export async function runUpOf(exams: ExamDeps | undefined, deck: Deck, channelKey: string, tz: string, now: Date): Promise<RunUp | null> {
  const examId = exams && examIdOf(deck);
  const bp = examId ? exams.blueprints().find((b) => b.id === examId) : undefined;
  if (!exams || !bp) return null;
  const set = await exams.store.examDate(channelKey, bp.id);
  if (!set) return null;
  const today = localDate(now, tz);
  const daysLeft = Math.round(dayNumber(set.date) - dayNumber(today));
  return daysLeft < 0 ? null : { bp, date: set.date, today, daysLeft, tz };
}

export const countdownOf = (r: RunUp): string => countdownLine(r.bp, r.date, r.today);

export const inRunUp = (r: RunUp | null): r is RunUp => !!r && r.daysLeft <= RUN_UP_DAYS;

/**
 * The deck's questions in the weakest domain of the channel's group (lowest mean predicted share
 * over the members, as `readiness channel` shows it); null when nobody answered there yet or the
 * deck has no question in that domain.
 */
export async function weakDomainQuestions(
  exams: ExamDeps,
  deps: { decks: () => Deck[]; clock: Clock },
  deck: Deck,
  channelKey: string,
  r: RunUp,
): Promise<{ domainId: string; name: string; ids: ReadonlySet<string> } | null> {
  const service = createExamService({ store: exams.store, decks: deps.decks, blueprints: exams.blueprints, clock: deps.clock, ...(exams.prior ? { prior: exams.prior } : {}) });
  const { weakest } = await service.channel(channelKey, r.bp);
  if (!weakest) return null;
  const ids = new Set(mapExam([deck], r.bp).questions.filter((q) => q.domain.id === weakest.domain.id).map((q) => q.question.id));
  return ids.size ? { domainId: weakest.domain.id, name: weakest.domain.name, ids } : null;
}

/**
 * A card due on or after the exam day is brought to 00:00 (channel time) of the day before, so it
 * is reviewed before the exam. Not when that moment has already come (the exam is today or
 * tomorrow): the card would be due again at once, after every answer.
 */
export function dueBeforeExam(r: RunUp, due: Date, now: Date): Date {
  const zone = zoneOf(r.tz);
  const examDay = DateTime.fromISO(r.date, { zone }).startOf('day');
  const dayBefore = examDay.minus({ days: 1 }).toJSDate();
  if (due.getTime() < examDay.toMillis() || dayBefore.getTime() <= now.getTime()) return due;
  return dayBefore;
}

/** 00:00 of the channel's today. */
export const startOfToday = (r: RunUp): Date => DateTime.fromISO(r.today, { zone: zoneOf(r.tz) }).startOf('day').toJSDate();

/** The card with its due date brought before the exam (see dueBeforeExam); unchanged otherwise. */
export function cardBeforeExam(r: RunUp | null, record: MemoryCardRecord, now: Date): MemoryCardRecord {
  if (!r) return record;
  const due = dueBeforeExam(r, record.due, now);
  if (due.getTime() === record.due.getTime()) return record;
  return { ...record, due, card: { ...record.card, due: due.toISOString() } };
}
