// Drawing a mock exam: n questions split over the domains by weight (largest remainder), never a
// repeat, never an excluded question (the channel's open one); a domain short of questions gives
// its remaining places to the others, again by weight.
import type { Blueprint } from './blueprint.js';
import type { ExamQuestion } from './domain-map.js';
import { fullExamSize, largestRemainder } from './quotas.js';

export type Random = () => number;

export function shuffle<T>(items: T[], random: Random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** At most n questions (fewer when the decks hold fewer), mixed across domains like the real exam. */
export function drawExam(pool: ExamQuestion[], bp: Blueprint, n: number, random: Random, exclude: ReadonlySet<string> = new Set()): ExamQuestion[] {
  const unique = new Map<string, ExamQuestion>();
  for (const q of pool) if (!exclude.has(q.question.id) && !unique.has(q.question.id)) unique.set(q.question.id, q);
  const byDomain = new Map(bp.domains.map((d) => [d.id, [] as ExamQuestion[]]));
  for (const q of unique.values()) byDomain.get(q.domain.id)?.push(q);
  const quotas = largestRemainder(
    Math.min(n, unique.size),
    bp.domains.map((d) => ({ key: d.id, weight: d.weight, cap: byDomain.get(d.id)!.length })),
  );
  const drawn = bp.domains.flatMap((d) => shuffle(byDomain.get(d.id)!, random).slice(0, quotas.get(d.id) ?? 0));
  return shuffle(drawn, random);
}

/**
 * The time limit at the real exam's pace: its duration per question it asks (scored and unscored,
 * DVA-C02: 130 / 65 = 2 minutes) times n, whole minutes, at least 1.
 */
export const examMinutes = (bp: Blueprint, n: number): number => Math.max(1, Math.ceil((bp.durationMinutes * n) / fullExamSize(bp)));
