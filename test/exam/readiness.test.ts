import { describe, expect, it } from 'vitest';
import { fsrs, generatorParameters } from 'ts-fsrs';
import { fromStored, review, type StoredCard } from '../../src/quiz/memory.js';
import {
  channelReadiness,
  guessRate,
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

  it('seen questions count at R + (1 − R)·guess, R from ts-fsrs at the asking time', () => {
    const eq = examQuestions([2, 2, 0, 0]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    // Domain 1: both seen and answered right 20 days ago; domain 2: one seen and missed.
    const right = review(null, T0, 'good');
    const wrong = review(null, T0, 'again');
    const cards = new Map<string, StoredCard>([
      [key('dev', eq[0]!.question.id), right],
      [key('dev', eq[1]!.question.id), right],
      [key('dev', eq[2]!.question.id), wrong],
    ]);
    const now = days(20);
    const reference = fsrs(generatorParameters({ enable_fuzz: false }));
    const rRight = reference.get_retrievability(fromStored(right), now, false);
    const rWrong = reference.get_retrievability(fromStored(wrong), now, false);
    expect(rRight).toBeGreaterThan(rWrong);
    expect(recallOf(right, now)).toBe(rRight);
    const r = readinessFrom(bp, qs, tallyCards(qs, cards, now));
    const d1 = rRight + (1 - rRight) * 0.25;
    const d2 = (rWrong + (1 - rWrong) * 0.25 + 0.25) / 2;
    expect(r.domains[0]!.share).toBeCloseTo(d1, 12);
    expect(r.domains[1]!.share).toBeCloseTo(d2, 12);
    expect(r.domains.map((d) => d.coverage)).toEqual([1, 0.5, 0, 0]);
    // Domains 3 and 4 have no questions: they count at the mean prior.
    const fraction = 0.32 * d1 + 0.26 * d2 + 0.24 * 0.25 + 0.18 * 0.25;
    expect(r.fraction).toBeCloseTo(fraction, 12);
    expect(r.scaled).toBe(toScaled(bp, fraction));
    expect(r.coverage).toBe(0.75);
  });

  it('the band narrows as coverage grows, and always contains the prediction', () => {
    const eq = examQuestions([4, 4, 4, 4]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    const widths: number[] = [];
    for (const seen of [0, 4, 8, 16]) {
      const cards = new Map(eq.slice(0, seen).map((q) => [key('dev', q.question.id), review(null, T0, 'good')] as const));
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
    const good = review(null, T0, 'good');
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
});
