import { describe, expect, it } from 'vitest';
import { drawExam, examMinutes } from '../../src/exam/draw.js';
import { largestRemainder } from '../../src/exam/quotas.js';
import { answer, end, goTo, isOver, newSession, scoreExam, setFlag, type ExamSession } from '../../src/exam/mock-exam.js';
import { apiGatewayDeck } from '../support/decks.js';
import { mapExam } from '../../src/exam/domain-map.js';
import { dva, examQuestions, seeded } from './support.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const countBy = <T>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [f(x)]: (m[f(x)] ?? 0) + 1 }), {});

describe('drawing by domain weight', () => {
  const bp = dva();

  it('largest remainder: 50 questions → 16, 13, 12, 9; 10 → 3, 3, 2, 2', () => {
    const w = (cap = 99) => bp.domains.map((d) => ({ key: d.id, weight: d.weight, cap }));
    expect([...largestRemainder(50, w()).values()]).toEqual([16, 13, 12, 9]);
    expect([...largestRemainder(10, w()).values()]).toEqual([3, 3, 2, 2]);
    expect([...largestRemainder(3, w()).values()]).toEqual([1, 1, 1, 0]);
  });

  it('a short domain gives its places to the others, by weight', () => {
    const caps = [99, 1, 99, 99];
    const seats = largestRemainder(10, bp.domains.map((d, i) => ({ key: d.id, weight: d.weight, cap: caps[i]! })));
    expect([...seats.values()]).toEqual([4, 1, 3, 2]);
  });

  it('draws without repeats, never the excluded question, in the blueprint’s proportions', () => {
    const pool = examQuestions([30, 30, 30, 30]);
    const exclude = new Set([pool[0]!.question.id]);
    for (let seed = 1; seed <= 20; seed++) {
      const drawn = drawExam([...pool, ...pool], bp, 50, seeded(seed), exclude);
      expect(drawn).toHaveLength(50);
      expect(new Set(drawn.map((q) => q.question.id)).size).toBe(50);
      expect(drawn.some((q) => exclude.has(q.question.id))).toBe(false);
      expect(countBy(drawn, (q) => q.domain.id)).toEqual({ '1': 16, '2': 13, '3': 12, '4': 9 });
    }
  });

  it('draws what there is when the decks hold fewer questions than asked', () => {
    const drawn = drawExam(examQuestions([2, 1, 0, 0]), bp, 10, seeded(1));
    expect(drawn).toHaveLength(3);
  });

  it('mixes the domains rather than serving them in blocks', () => {
    const drawn = drawExam(examQuestions([30, 30, 30, 30]), bp, 20, seeded(7));
    const firstFive = new Set(drawn.slice(0, 5).map((q) => q.domain.id));
    expect(firstFive.size).toBeGreaterThan(1);
  });

  it("paces like the real exam: 130 minutes for its 65 questions (50 scored + 15 unscored), 2 per question", () => {
    expect(bp).toMatchObject({ scoredQuestions: 50, unscoredQuestions: 15, durationMinutes: 130 });
    expect([65, 50, 10, 3, 1].map((n) => examMinutes(bp, n))).toEqual([130, 100, 20, 6, 2]);
  });
});

describe('the mock exam state machine', () => {
  const bp = dva();
  const start = (): ExamSession => ({
    ...newSession({ userKey: 'u', channelKey: 'c', examId: 'dva-c02', questions: examQuestions([1, 1, 1, 0]), now: T0, minutes: 8 }),
    id: '1',
    version: 0,
  });
  const ok = (r: ReturnType<typeof answer>) => {
    expect(r.ok).toBe(true);
    return r.session;
  };

  it('answers move on; flags and going back keep answers; no feedback until the end', () => {
    let s = start();
    s = ok(answer(s, at(1), 0, ['B']));
    expect(s.position).toBe(1);
    s = ok(setFlag(s, at(2), 1, true));
    // Flagging again (a double click, an old screen's button) keeps it flagged.
    s = ok(setFlag(s, at(2), 1, true));
    s = ok(answer(s, at(2), 1, ['A']));
    s = ok(goTo(s, at(3), 0));
    expect(s.position).toBe(0);
    s = ok(answer(s, at(3), 0, ['C']));
    expect(s.answers).toEqual([['C'], ['A'], null]);
    expect(s.flagged).toEqual([false, true, false]);
    s = ok(answer(s, at(4), 0, ['B']));
    s = end(s, at(5), 'finished');
    const r = scoreExam(s, bp);
    expect(r).toMatchObject({ asked: 3, correct: 1, unanswered: 1, endReason: 'finished', passed: false, seconds: 300 });
    expect(r.scaled).toBe(400); // 100 + 900 × 1/3
    expect(r.perDomain).toEqual([
      { domainId: '1', name: 'Development with AWS Services', asked: 1, correct: 1 },
      { domainId: '2', name: 'Security', asked: 1, correct: 0 },
      { domainId: '3', name: 'Deployment', asked: 1, correct: 0 },
    ]);
    expect(r.missed.map((m) => [m.index, m.chosen])).toEqual([
      [1, ['A']],
      [2, null],
    ]);
    expect(r.missed[0]!.item).toMatchObject({ correct: ['B'], explanation: expect.stringContaining('Because') });
  });

  it('refuses a wrong-sized or unknown choice, and an item out of range', () => {
    const s = start();
    expect(answer(s, at(1), 0, ['Z'])).toMatchObject({ ok: false, reason: 'bad-choice' });
    expect(answer(s, at(1), 0, ['A', 'B'])).toMatchObject({ ok: false, reason: 'bad-choice' });
    expect(answer(s, at(1), 3, ['A'])).toMatchObject({ ok: false, reason: 'bad-item' });
    expect(goTo(s, at(1), -1)).toMatchObject({ ok: false, reason: 'bad-item' });
  });

  it('a "select TWO" question needs both, in any order, and is right only when exact', () => {
    const deck = apiGatewayDeck({ meta: { exam: 'dva-c02', domain: '1' } });
    const q2 = mapExam([deck], bp).questions.filter((q) => q.question.number === 'Q2');
    let s: ExamSession = { ...newSession({ userKey: 'u', channelKey: 'c', examId: 'dva-c02', questions: q2, now: T0, minutes: 3 }), id: '1', version: 0 };
    expect(answer(s, at(1), 0, ['2'])).toMatchObject({ ok: false, reason: 'bad-choice' });
    s = ok(answer(s, at(1), 0, ['2', '1']));
    expect(scoreExam(end(s, at(2)), bp).correct).toBe(1);
  });

  it('ends itself at the time limit: a late step is refused and the exam ends at its end time', () => {
    let s = start();
    s = ok(answer(s, at(1), 0, ['B']));
    expect(isOver(s, at(8))).toBe(true);
    const late = answer(s, at(9), 1, ['B']);
    expect(late).toMatchObject({ ok: false, reason: 'ended' });
    expect(late.session.endReason).toBe('time');
    expect(late.session.endedAt).toEqual(at(8));
    expect(late.session.answers).toEqual([['B'], null, null]);
    expect(scoreExam(late.session, bp)).toMatchObject({ correct: 1, endReason: 'time', seconds: 480 });
  });

  it('ending early counts the unanswered as wrong', () => {
    const s = end(start(), at(1));
    expect(s.endReason).toBe('ended-early');
    expect(scoreExam(s, bp)).toMatchObject({ correct: 0, unanswered: 3, scaled: 100, passed: false });
    expect(end(s, at(2))).toBe(s);
  });
});
