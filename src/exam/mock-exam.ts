// The mock exam as a pure state machine: one question at a time, no feedback until the end,
// flag for review, go back, end early (unanswered count as wrong), and a time limit after which
// any step ends it. Every step returns a new session or says why it cannot be taken.
import type { Concept, Deck } from '../content/types.js';
import { conceptLinks } from '../quiz/concept-links.js';
import { optionOf, promptImagesOf } from '../quiz/question-images.js';
import type { QuestionImage } from '../quiz/store.js';
import type { Blueprint } from './blueprint.js';
import type { ExamQuestion } from './domain-map.js';
import { drawCoverage, notComparable, type NotComparable } from './exam-coverage.js';
import { toScaled } from './readiness.js';

/** A question as it was when the exam started: a result survives later deck edits. */
export interface ExamItem {
  deckId: string;
  questionId: string;
  number: string;
  domainId: string;
  prompt: string;
  /** The prompt's pictures (absent in sessions stored before pictures were shown). */
  images?: QuestionImage[];
  options: { id: string; text: string; image?: QuestionImage }[];
  correct: string[];
  explanation: string;
  /** A concept the question mentions, for the `explain` hint of a missed question. */
  concept?: { slug: string; name: string };
}

export type EndReason = 'finished' | 'ended-early' | 'time';

export interface ExamSession {
  id: string;
  userKey: string;
  channelKey: string;
  examId: string;
  items: ExamItem[];
  /** Questions asked for (`exam 50`); more than `items` when the notes had fewer. null: stored before it was kept. */
  requested: number | null;
  /** Chosen option ids per item (sorted), null while unanswered. */
  answers: (string[] | null)[];
  flagged: boolean[];
  /** The item on screen. */
  position: number;
  startedAt: Date;
  endsAt: Date;
  endedAt: Date | null;
  endReason: EndReason | null;
  /** Optimistic-lock counter: the store refuses a save made from an older version. */
  version: number;
}

export function itemOf(q: ExamQuestion): ExamItem {
  const links = conceptLinks(q.deck).get(q.question.id) ?? [];
  const concept: Concept | undefined = links.length ? q.deck.concepts.find((c) => c.slug === links[0]) : undefined;
  return {
    deckId: q.deck.id,
    questionId: q.question.id,
    number: q.question.number,
    domainId: q.domain.id,
    prompt: q.question.prompt,
    ...promptImagesOf(q.question),
    options: q.question.options.map(optionOf),
    correct: [...q.question.correct].sort(),
    explanation: q.question.explanation,
    ...(concept ? { concept: { slug: concept.slug, name: concept.name } } : {}),
  };
}

export type NewSession = Omit<ExamSession, 'id' | 'version'>;

export function newSession(args: { userKey: string; channelKey: string; examId: string; questions: ExamQuestion[]; now: Date; minutes: number; requested?: number }): NewSession {
  const n = args.questions.length;
  return {
    userKey: args.userKey,
    channelKey: args.channelKey,
    examId: args.examId,
    items: args.questions.map(itemOf),
    requested: args.requested ?? n,
    answers: Array.from({ length: n }, () => null),
    flagged: Array.from({ length: n }, () => false),
    position: 0,
    startedAt: args.now,
    endsAt: new Date(args.now.getTime() + args.minutes * 60_000),
    endedAt: null,
    endReason: null,
  };
}

export type StepRefusal = 'ended' | 'bad-item' | 'bad-choice';
export type Step = { ok: true; session: ExamSession } | { ok: false; reason: StepRefusal; session: ExamSession };

export const isOver = (s: ExamSession, now: Date): boolean => s.endedAt !== null || now.getTime() >= s.endsAt.getTime();

/** Ends the session (the time limit ends it at `endsAt`, whenever it is noticed). */
export function end(s: ExamSession, now: Date, reason: Exclude<EndReason, 'time'> = 'ended-early'): ExamSession {
  if (s.endedAt) return s;
  if (now.getTime() >= s.endsAt.getTime()) return { ...s, endedAt: s.endsAt, endReason: 'time' };
  return { ...s, endedAt: now, endReason: reason };
}

/** Applies a step unless the exam is over; an exam past its time is ended instead (and says so). */
function step(s: ExamSession, now: Date, item: number, change: (s: ExamSession) => ExamSession | StepRefusal): Step {
  if (isOver(s, now)) return { ok: false, reason: 'ended', session: end(s, now) };
  if (!Number.isInteger(item) || item < 0 || item >= s.items.length) return { ok: false, reason: 'bad-item', session: s };
  const next = change(s);
  return typeof next === 'string' ? { ok: false, reason: next, session: s } : { ok: true, session: next };
}

/** Records (or changes) the answer to item `item` and moves to the next unanswered item after it. */
export function answer(s: ExamSession, now: Date, item: number, choice: string[]): Step {
  return step(s, now, item, (cur) => {
    const it = cur.items[item]!;
    const picked = [...new Set(choice)].sort();
    if (!picked.length || picked.some((c) => !it.options.some((o) => o.id === c))) return 'bad-choice';
    if (picked.length !== Math.max(1, it.correct.length)) return 'bad-choice';
    const answers = cur.answers.map((a, i) => (i === item ? picked : a));
    return { ...cur, answers, position: Math.min(item + 1, cur.items.length - 1) };
  });
}

/** Flags item `item` for review, or unflags it: sets the state wanted (twice is the same as once). */
export const setFlag = (s: ExamSession, now: Date, item: number, flagged: boolean): Step =>
  step(s, now, item, (cur) => ({ ...cur, flagged: cur.flagged.map((f, i) => (i === item ? flagged : f)), position: item }));

/** Shows item `item` (back, next, or a flagged one from the review list). */
export const goTo = (s: ExamSession, now: Date, item: number): Step => step(s, now, item, (cur) => ({ ...cur, position: item }));

export interface DomainScore {
  domainId: string;
  name: string;
  asked: number;
  correct: number;
}

export interface MissedItem {
  index: number;
  item: ExamItem;
  /** null: unanswered. */
  chosen: string[] | null;
}

export interface ExamResult {
  examId: string;
  asked: number;
  correct: number;
  unanswered: number;
  scaled: number;
  passingScore: number;
  passed: boolean;
  endReason: EndReason;
  perDomain: DomainScore[];
  missed: MissedItem[];
  /** Seconds from start to end. */
  seconds: number;
  /** Set when the draw does not stand for the real exam (thin notes): no pass/fail is shown. */
  notComparable?: NotComparable;
}

const sameChoice = (a: string[] | null, b: string[]) => a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/** The session's draw against the blueprint (a session stored before `requested` was kept counts as asked). */
export const coverageOf = (s: Pick<ExamSession, 'items' | 'requested'>, bp: Blueprint) =>
  drawCoverage(bp, s.requested ?? s.items.length, s.items.map((it) => it.domainId));

/** Scores an ended session: right only when exactly the right options were picked (no partial credit, like the real exam). */
export function scoreExam(s: ExamSession, bp: Blueprint): ExamResult {
  const right = s.items.map((it, i) => sameChoice(s.answers[i] ?? null, it.correct));
  const correct = right.filter(Boolean).length;
  const perDomain = bp.domains
    .map((d) => {
      const idx = s.items.flatMap((it, i) => (it.domainId === d.id ? [i] : []));
      return { domainId: d.id, name: d.name, asked: idx.length, correct: idx.filter((i) => right[i]).length };
    })
    .filter((d) => d.asked > 0);
  const scaled = toScaled(bp, s.items.length ? correct / s.items.length : 0);
  const endedAt = s.endedAt ?? s.endsAt;
  const apart = notComparable(coverageOf(s, bp));
  return {
    examId: s.examId,
    asked: s.items.length,
    correct,
    unanswered: s.answers.filter((a) => a === null).length,
    scaled,
    passingScore: bp.passingScore,
    passed: scaled >= bp.passingScore,
    endReason: s.endReason ?? 'time',
    perDomain,
    missed: s.items.flatMap((item, index) => (right[index] ? [] : [{ index, item, chosen: s.answers[index] ?? null }])),
    seconds: Math.max(0, Math.round((endedAt.getTime() - s.startedAt.getTime()) / 1000)),
    ...(apart ? { notComparable: apart } : {}),
  };
}

/** Deck lookups the renderers need for an item (its deck may have been removed since). */
export type DeckLookup = (deckId: string) => Deck | undefined;
