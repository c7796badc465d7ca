import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, CORRECT_POINTS, scoreChoice, streakBonus, streaks } from '../../src/quiz/scoring.js';

describe('scoring', () => {
  it('gives full points to a right single answer and none to a wrong one', () => {
    expect(scoreChoice(['B'], ['B'])).toEqual({ correct: true, base: 10 });
    expect(scoreChoice(['B'], ['A'])).toEqual({ correct: false, base: 0 });
  });

  it('gives partial credit on multi-answer questions, counted as wrong', () => {
    expect(scoreChoice(['1', '2'], ['2', '1'])).toEqual({ correct: true, base: 10 });
    expect(scoreChoice(['1', '2'], ['1', '3'])).toEqual({ correct: false, base: 5 });
    expect(scoreChoice(['1', '2'], ['3', '4'])).toEqual({ correct: false, base: 0 });
    expect(scoreChoice(['A', 'B', 'C'], ['A', 'B', 'D'])).toEqual({ correct: false, base: 6 });
    expect(scoreChoice(['A', 'B', 'C'], ['A', 'D', 'E'])).toEqual({ correct: false, base: 3 });
  });

  it('never gives more than full points or counts a wrong pick as right', () => {
    const ids = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    fc.assert(
      fc.property(fc.uniqueArray(ids, { minLength: 1, maxLength: 3 }), fc.uniqueArray(ids, { minLength: 1, maxLength: 3 }), (correct, chosen) => {
        const s = scoreChoice(correct, chosen);
        expect(s.base).toBeGreaterThanOrEqual(0);
        expect(s.base).toBeLessThanOrEqual(CORRECT_POINTS);
        expect(s.correct).toBe(new Set(chosen).size === correct.length && chosen.every((c) => correct.includes(c)));
        if (s.correct) expect(s.base).toBe(CORRECT_POINTS);
      }),
    );
  });

  it('adds +2 per streak day, at most +10, once a day, on daily rounds only', () => {
    const today = '2026-03-10';
    const days = (n: number) => Array.from({ length: n }, (_, i) => addDays(today, -(i + 1))).reverse();
    const bonus = (kind: 'daily' | 'quiz' | 'practice', dates: string[], given: string[] = []) =>
      streakBonus({ kind, correct: true, today, correctDates: dates, bonusGivenOn: given });
    expect(bonus('daily', [])).toBe(0);
    expect(bonus('daily', days(1))).toBe(2);
    expect(bonus('daily', days(3))).toBe(6);
    expect(bonus('daily', days(9))).toBe(10);
    expect(bonus('daily', [addDays(today, -2)])).toBe(0); // a gap yesterday breaks the streak
    expect(bonus('quiz', days(3))).toBe(0);
    expect(bonus('practice', days(3))).toBe(0);
    expect(bonus('daily', days(3), [today])).toBe(0);
    expect(streakBonus({ kind: 'daily', correct: false, today, correctDates: days(3), bonusGivenOn: [] })).toBe(0);
  });

  it('computes current and best streaks from correct-answer days', () => {
    expect(streaks([], '2026-03-10')).toEqual({ current: 0, best: 0 });
    expect(streaks(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-09', '2026-03-10'], '2026-03-10')).toEqual({ current: 2, best: 3 });
    expect(streaks(['2026-03-08', '2026-03-09'], '2026-03-10')).toEqual({ current: 2, best: 2 }); // alive until today ends
    expect(streaks(['2026-03-07', '2026-03-08'], '2026-03-10')).toEqual({ current: 0, best: 2 });
    expect(streaks(['2026-02-28', '2026-03-01'], '2026-03-01')).toEqual({ current: 2, best: 2 }); // month boundary
  });
});
