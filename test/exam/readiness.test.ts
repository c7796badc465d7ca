import { describe, expect, it } from 'vitest';
import { forgetting_curve } from 'ts-fsrs';
import { review, scheduler, type RatingName, type StoredCard } from '../../src/quiz/memory.js';
import {
  channelReadiness,
  guessRate,
  PRIOR_ANSWERS,
  readinessFrom,
  recallCurve,
  recallOf,
  recallQuestions,
  tallyCards,
  toScaled,
} from '../../src/exam/readiness.js';
import { question } from '../support/decks.js';
import { dva, examQuestions } from './support.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const key = (deckId: string, questionId: string) => `${deckId}\u0000${questionId}`;
/** A card after one answer at `at`: right (Good) or wrong (Again). */
const answered = (right: boolean, at = T0): { card: StoredCard; lastRating: RatingName } => ({ card: review(null, at, right ? 'good' : 'again'), lastRating: right ? 'good' : 'again' });

describe('guess rate and the prior', () => {
  it('is 1/options, or 1/C(options, k) for "select k"', () => {
    expect(guessRate(question('d', 'Q1'))).toBe(0.25);
    const two = question('d', 'Q2', { options: ['1', '2', '3', '4', '5'].map((id) => ({ id, text: id })), correct: ['1', '2'] });
    expect(guessRate(two)).toBeCloseTo(1 / 10, 12);
  });
});

describe('readiness math', () => {
  const bp = dva();

  it('a user who has seen nothing counts at the guess rate, with a wide band', () => {
    const qs = recallQuestions(examQuestions([8, 6, 6, 4]), { kind: 'guess' });
    const r = readinessFrom(bp, qs, new Map());
    expect(r.domains.map((d) => [d.domain.id, d.total, d.seen, d.share])).toEqual([
      ['1', 8, 0, 0.25],
      ['2', 6, 0, 0.25],
      ['3', 6, 0, 0.25],
      ['4', 4, 0, 0.25],
    ]);
    expect(r.scaled).toBe(325); // 100 + 900 × 0.25
    // half-width = 1.645 × √(Σ w·p(1−p)/50 + Σ w²/12) = 1.645 × √(0.00375 + 0.021667) = 0.26226
    expect(r.band).toEqual({ low: 100, high: 561 });
    expect(r.coverage).toBe(0);
  });

  it('a fixed prior replaces the guess rate for unseen questions', () => {
    const qs = recallQuestions(examQuestions([4, 4, 4, 4]), { kind: 'fixed', value: 0.5 });
    expect(readinessFrom(bp, qs, new Map()).scaled).toBe(550);
  });

  it('a right answer counts at R + (1 − R)·guess, a wrong one at 0, blended with the prior by λ = seen / (seen + 5)', () => {
    const eq = examQuestions([2, 2, 0, 0]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    // Domain 1: both answered right 20 days ago; domain 2: one seen and missed.
    const right = answered(true);
    const cards = new Map([
      [key('dev', eq[0]!.question.id), right],
      [key('dev', eq[1]!.question.id), right],
      [key('dev', eq[2]!.question.id), answered(false)],
    ]);
    const now = days(20);
    const rRight = forgetting_curve(scheduler.parameters.w, 20, right.card.stability);
    expect(recallOf(right.card, now)).toBeCloseTo(rRight, 8);
    const r = readinessFrom(bp, qs, tallyCards(qs, cards, now));
    const lambda = (seen: number) => seen / (seen + PRIOR_ANSWERS);
    const d1 = 0.25 + lambda(2) * (rRight + (1 - rRight) * 0.25 - 0.25);
    const d2 = (0.25 + lambda(1) * (0 - 0.25) + 0.25) / 2;
    expect(r.domains[0]!.share).toBeCloseTo(d1, 12);
    expect(r.domains[1]!.share).toBeCloseTo(d2, 12);
    expect(d2).toBeLessThan(0.25);
    expect(r.domains.map((d) => d.coverage)).toEqual([1, 0.5, 0, 0]);
    // Domains 3 and 4 have no questions: they count at the mean prior, and cap the score.
    const fraction = 0.32 * d1 + 0.26 * d2 + 0.24 * 0.25 + 0.18 * 0.25;
    expect(r.fraction).toBeCloseTo(fraction, 12);
    expect(r.scaled).toBe(toScaled(bp, fraction));
    expect(r.coverage).toBe(0.75);
    expect(r.uncovered.map((d) => d.id)).toEqual(['3', '4']);
    expect(r.ceiling).toBe(toScaled(bp, 0.58 + 0.42 * 0.25));
  });

  it('R counts fractional days: an answer 12 hours old has already faded (whole days would keep R = 1)', () => {
    const card = review(null, T0, 'good');
    const half = recallOf(card, new Date(T0.getTime() + 12 * 3_600_000));
    expect(half).toBeLessThan(1);
    expect(half).toBeGreaterThan(recallOf(card, days(1)));
    expect(recallOf(card, T0)).toBe(1);
  });

  it('the band narrows as coverage grows, and always contains the prediction', () => {
    const eq = examQuestions([4, 4, 4, 4]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    const widths: number[] = [];
    for (const seen of [0, 4, 8, 16]) {
      const cards = new Map(eq.slice(0, seen).map((q) => [key('dev', q.question.id), answered(true)] as const));
      const r = readinessFrom(bp, qs, tallyCards(qs, cards, days(1)));
      expect(r.band.low).toBeLessThanOrEqual(r.scaled);
      expect(r.band.high).toBeGreaterThanOrEqual(r.scaled);
      widths.push(r.band.high - r.band.low);
    }
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths[3]!).toBeLessThan(widths[0]! / 2);
  });

  it('uses the scheduler’s own forgetting curve constants', () => {
    const { decay, factor } = recallCurve();
    const card = review(null, T0, 'good');
    const t = 7;
    const mine = Math.round(Math.pow(1 + (factor * t) / card.stability, decay) * 1e8) / 1e8;
    expect(recallOf(card, days(t))).toBeCloseTo(mine, 8);
  });
});

describe('channel readiness', () => {
  it('orders members by predicted score and names the weakest domain', () => {
    const bp = dva();
    const eq = examQuestions([2, 2, 2, 2]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    const good = answered(true);
    const idsOf = (d: string) => eq.filter((q) => q.domain.id === d).map((q) => key('dev', q.question.id));
    const ann = new Map([...idsOf('1'), ...idsOf('2'), ...idsOf('4')].map((k) => [k, good] as const));
    const bob = new Map(idsOf('1').map((k) => [k, good] as const));
    const members = [
      { userKey: 'u:bob', readiness: readinessFrom(bp, qs, tallyCards(qs, bob, days(2))) },
      { userKey: 'u:ann', readiness: readinessFrom(bp, qs, tallyCards(qs, ann, days(2))) },
      { userKey: 'u:cat', readiness: readinessFrom(bp, qs, new Map()) },
    ];
    const c = channelReadiness(bp, members);
    expect(c.members.map((m) => m.userKey)).toEqual(['u:ann', 'u:bob', 'u:cat']);
    expect(c.weakest?.domain.name).toBe('Deployment');
    expect(channelReadiness(bp, []).weakest).toBeNull();
  });

  it('never names a domain without questions as the weakest: those are listed apart', () => {
    const bp = dva();
    // Domains 3 and 4 have no questions; both members answered everything in 1 and 2 right.
    const eq = examQuestions([2, 2, 0, 0]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    const all = new Map(eq.map((q) => [key('dev', q.question.id), answered(true)] as const));
    const members = ['u:ann', 'u:bob'].map((userKey) => ({ userKey, readiness: readinessFrom(bp, qs, tallyCards(qs, all, days(1))) }));
    // The empty domains' mean prior (0.25) is below the covered ones' shares…
    expect(members[0]!.readiness.domains[2]!.share).toBeLessThan(members[0]!.readiness.domains[1]!.share);
    const c = channelReadiness(bp, members);
    // …yet the weakest is a covered domain (ties go to the heavier one: 1), and 3 and 4 are named apart.
    expect(c.weakest?.domain.id).toBe('1');
    expect(c.uncovered.map((d) => d.id)).toEqual(['3', '4']);
  });
});
