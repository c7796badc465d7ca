// How an exam's questions split over its domains by weight, and the real exam's size: shared by the
// draw (src/exam/draw.ts) and the notes' coverage findings (domain-map.ts, exam-coverage.ts).
import type { Blueprint } from './blueprint.js';

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

/** The real exam's size: scored and unscored questions (you cannot tell them apart while sitting it). */
export const fullExamSize = (bp: Blueprint): number => bp.scoredQuestions + bp.unscoredQuestions;
