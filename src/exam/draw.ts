// Drawing a mock exam: n questions split over the domains by weight (largest remainder), never a
// repeat, never an excluded question (the channel's open one); a domain short of questions gives
// its remaining places to the others, again by weight.
import type { Blueprint } from './blueprint.js';
import type { ExamQuestion } from './domain-map.js';

export type Random = () => number;

/** Seats per key by largest remainder: floor(total × w / Σw), then one more to the largest remainders. */
export function largestRemainder(total: number, weights: { key: string; weight: number; cap: number }[]): Map<string, number> {
  const out = new Map(weights.map((w) => [w.key, 0]));
  let left = total;
  // Each pass fills what it can; a capped key leaves its share to the next pass.
  for (let pass = 0; left > 0 && pass < weights.length + 1; pass++) {
    const open = weights.filter((w) => out.get(w.key)! < w.cap);
    const sum = open.reduce((s, w) => s + w.weight, 0);
    if (!open.length || sum <= 0) break;
    const exact = open.map((w) => ({ w, q: (left * w.weight) / sum }));
    const seats = exact.map((e) => ({ ...e, n: Math.min(Math.floor(e.q), e.w.cap - out.get(e.w.key)!) }));
    let given = seats.reduce((s, e) => s + e.n, 0);
    const byRemainder = [...seats].sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || b.w.weight - a.w.weight);
    for (const e of byRemainder) {
      if (given >= left) break;
      if (out.get(e.w.key)! + e.n < e.w.cap) {
        e.n += 1;
        given += 1;
      }
    }
    for (const e of seats) out.set(e.w.key, out.get(e.w.key)! + e.n);
    left -= given;
  }
  return out;
}

/** Questions per domain an n-question exam draws when every domain has enough: n split by weight. */
export const examQuotas = (bp: Blueprint, n: number): Map<string, number> =>
  largestRemainder(n, bp.domains.map((d) => ({ key: d.id, weight: d.weight, cap: Number.POSITIVE_INFINITY })));

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

/** The real exam's size: scored and unscored questions (you cannot tell them apart while sitting it). */
export const fullExamSize = (bp: Blueprint): number => bp.scoredQuestions + bp.unscoredQuestions;

/**
 * The time limit at the real exam's pace: its duration per question it asks (scored and unscored,
 * DVA-C02: 130 / 65 = 2 minutes) times n, whole minutes, at least 1.
 */
export const examMinutes = (bp: Blueprint, n: number): number => Math.max(1, Math.ceil((bp.durationMinutes * n) / fullExamSize(bp)));
