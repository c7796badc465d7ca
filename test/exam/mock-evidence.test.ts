// A mock exam's answers are readiness evidence (review finding: a 65-question mock left readiness
// untouched). Per question the latest evidence counts, a card's last review or an ended mock exam's
// answer, never both; unanswered items are no evidence; the FSRS cards, answers, points and streaks
// stay as they were. Real stores: PGlite, and Postgres with TEST_DATABASE_URL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import { createMemoryStore } from '../../src/db/memory-store.js';
import { answers } from '../../src/db/schema.js';
import type { ExamQuestion } from '../../src/exam/domain-map.js';
import { end, newSession, scoreExam } from '../../src/exam/mock-exam.js';
import { readinessFrom, recallCurve, recallQuestions, tallyCards, type DomainTally, type MockAnswer, type SeenCard } from '../../src/exam/readiness.js';
import { createExamService } from '../../src/exam/service.js';
import { afterAnswer } from '../../src/quiz/memory.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examDeck, examQuestions } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CH = 'slack:T1:C1';
const ANN = 'slack:T1:U1';
const PRIOR = 0.25;
const bp = dva();
const deck = examDeck([6, 5, 4, 3], 'dev');
const eq: ExamQuestion[] = examQuestions([6, 5, 4, 3], 'dev');
const qs = recallQuestions(eq, { kind: 'guess' });
const keyOf = (q: ExamQuestion) => `dev\u0000${q.question.id}`;
const RIGHT = ['B'];
const WRONG = ['A'];

describe.each(dbTargets)('mock exam answers as readiness evidence on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'mock_evidence');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
  });

  const store = () => createExamStore(t.database.db);
  const service = () => createExamService({ store: store(), decks: () => [deck], blueprints: () => [bp], clock: { now: () => now } });
  const tallies = async (user = ANN, at = now) => (await store().domainTallies({ userKeys: [user] }, qs, at, recallCurve())).get(user)!;

  /** `user` sits a mock exam of `items` from `start`, answering `picks` (null: unanswered), ended at `endAt`. */
  async function sit(user: string, items: ExamQuestion[], picks: (string[] | null)[], start: Date, endAt: Date) {
    const started = await store().start(newSession({ userKey: user, channelKey: CH, examId: bp.id, questions: items, now: start, minutes: 600 }));
    if (!started.ok) throw new Error('not started');
    const saved = await store().save({ ...started.session, answers: picks });
    const ended = end(saved!, endAt, picks.includes(null) ? 'ended-early' : 'finished');
    const result = scoreExam(ended, bp);
    expect(await store().finish(ended, result)).not.toBeNull();
    return result;
  }

  /** `user` answers `q` in a round (quiz, practice, review: an FSRS review) at `at`. */
  async function roundAnswer(user: string, q: ExamQuestion, right: boolean, at: Date, cards?: Map<string, SeenCard>) {
    const memory = createMemoryStore(t.database.db);
    const existing = await memory.getCard(user, 'dev', q.question.id);
    const rec = afterAnswer(existing, { userKey: user, deckId: 'dev', questionId: q.question.id }, `r-${at.getTime()}`, at, right);
    await memory.saveCard(rec);
    cards?.set(keyOf(q), { card: rec.card, lastRating: rec.lastRating });
  }

  const expectTallies = (got: Map<string, DomainTally>, expected: Map<string, DomainTally>) => {
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [d, e] of expected) {
      expect(got.get(d)!.seen, `domain ${d}`).toBe(e.seen);
      expect(got.get(d)!.lift, `domain ${d}`).toBeCloseTo(e.lift, 7);
    }
  };

  it('an ended mock exam counts per question and domain: right ones lift, wrong ones count nothing, unanswered ones are not seen', async () => {
    const before = await service().readiness(ANN, bp);
    expect(before.coverage).toBe(0);
    // All 18 questions: every third right, wrong, unanswered.
    const picks = eq.map((_, i) => [RIGHT, WRONG, null][i % 3]!);
    const result = await sit(ANN, eq, picks, T0, new Date(T0.getTime() + 30 * MIN));
    expect(result).toMatchObject({ asked: 18, correct: 6, unanswered: 6 });
    now = new Date(T0.getTime() + HOUR);
    const after = await service().readiness(ANN, bp);
    // 12 answered questions are seen, per domain as answered; the 6 unanswered are not.
    expect(after.domains.map((d) => d.seen)).toEqual([4, 4, 2, 2]);
    expect(after.coverage).toBeCloseTo(12 / 18, 10);
    const mocks = new Map<string, MockAnswer>();
    eq.forEach((q, i) => {
      if (picks[i]) mocks.set(keyOf(q), { right: picks[i] === RIGHT, at: new Date(T0.getTime() + 30 * MIN) });
    });
    const expected = tallyCards(qs, new Map(), now, mocks);
    expectTallies(await tallies(), expected);
    expect(after.scaled).toBe(readinessFrom(bp, qs, expected).scaled);
    // Every answer wrong: every domain below the prior, the score below the no-answer one.
    const allWrong = await sit('slack:T1:U2', eq, eq.map(() => WRONG), T0, new Date(T0.getTime() + 30 * MIN));
    expect(allWrong.correct).toBe(0);
    const bob = await service().readiness('slack:T1:U2', bp);
    for (const d of bob.domains) expect(d.share, d.domain.id).toBeLessThan(PRIOR);
    expect(bob.scaled).toBeLessThan(before.scaled);
  });

  it('a running exam is not evidence yet', async () => {
    const started = await store().start(newSession({ userKey: ANN, channelKey: CH, examId: bp.id, questions: eq.slice(0, 2), now: T0, minutes: 10 }));
    if (!started.ok) throw new Error('not started');
    await store().save({ ...started.session, answers: [RIGHT, WRONG] });
    expect((await tallies()).size).toBe(0);
  });

  it('the latest evidence per question counts, once: a later round answer overrides a mock answer and the other way round', async () => {
    const cards = new Map<string, SeenCard>();
    const [q1, q2, q3, q4] = eq; // all in domain 1
    // q1: right in a round the day before, then wrong in the mock → counts nothing (until answered right).
    await roundAnswer(ANN, q1!, true, new Date(T0.getTime() - DAY), cards);
    // q2: wrong in a round before, right in the mock → counts as FSRS after a Good review at the exam's end.
    await roundAnswer(ANN, q2!, false, new Date(T0.getTime() - DAY), cards);
    // q3: wrong in the mock, answered right in a round after it → the round's answer counts.
    // q4: only in the mock, right.
    const endAt = new Date(T0.getTime() + 20 * MIN);
    await sit(ANN, [q1!, q2!, q3!, q4!], [WRONG, RIGHT, WRONG, RIGHT], T0, endAt);
    await roundAnswer(ANN, q3!, true, new Date(T0.getTime() + HOUR), cards);
    now = new Date(T0.getTime() + 2 * HOUR);
    const mocks = new Map<string, MockAnswer>([q1!, q2!, q3!, q4!].map((q, i) => [keyOf(q), { right: i % 2 === 1, at: endAt }]));
    const got = await tallies();
    // Four questions seen, each once, though seven answers were given.
    expect(got.get('1')!.seen).toBe(4);
    expectTallies(got, tallyCards(qs, cards, now, mocks));
    // Each question's share of the lift, from the in-memory rule: q1 counts 0.
    const one = (q: ExamQuestion) => tallyCards(qs, new Map([...cards].filter(([k]) => k === keyOf(q))), now, new Map([...mocks].filter(([k]) => k === keyOf(q)))).get('1')!.lift;
    expect(one(q1!)).toBeCloseTo(-PRIOR, 10);
    expect(one(q2!)).toBeGreaterThan(0);
    expect(one(q3!)).toBeGreaterThan(0);
    // q1 answered right again after the mock: it counts above the prior once more.
    await roundAnswer(ANN, q1!, true, new Date(now.getTime() + MIN), cards);
    now = new Date(now.getTime() + 2 * MIN);
    expectTallies(await tallies(), tallyCards(qs, cards, now, mocks));
    expect(one(q1!)).toBeGreaterThan(0);
    expect((await tallies()).get('1')!.seen).toBe(4);
  });

  it('of two mock exams the later answer counts; the first exam’s answer to the same question no longer does', async () => {
    const q = eq[0]!;
    await sit(ANN, [q], [WRONG], T0, new Date(T0.getTime() + MIN));
    now = new Date(T0.getTime() + 2 * MIN);
    expect((await tallies()).get('1')).toEqual({ seen: 1, lift: -PRIOR });
    await sit(ANN, [q], [RIGHT], new Date(T0.getTime() + 3 * MIN), new Date(T0.getTime() + 4 * MIN));
    now = new Date(T0.getTime() + 5 * MIN);
    const got = (await tallies()).get('1')!;
    expect(got.seen).toBe(1);
    expect(got.lift).toBeGreaterThan(0);
  });

  it('leaves the FSRS cards, the answers (points, streaks, leaderboards) alone', async () => {
    await roundAnswer(ANN, eq[0]!, true, new Date(T0.getTime() - DAY));
    const snapshot = async () => ({
      cards: (await t.database.db.execute(sql`select user_key, deck_id, question_id, card, last_rating, last_review_at from memory_cards order by 1, 2, 3`)) as { rows?: unknown[] },
      answers: (await t.database.db.execute(sql`select count(*)::int as n from answers`)) as { rows?: unknown[] },
    });
    const before = await snapshot();
    await sit(ANN, eq.slice(0, 6), eq.slice(0, 6).map(() => WRONG), T0, new Date(T0.getTime() + 10 * MIN));
    const after = await snapshot();
    expect(after.cards.rows).toEqual(before.cards.rows);
    expect(after.answers.rows).toEqual([{ n: 0 }]);
    // …and readiness still sees the mock: six questions, the first one's later (mock) answer wrong.
    now = new Date(T0.getTime() + HOUR);
    const d1 = (await tallies()).get('1')!;
    expect(d1.seen).toBe(6);
    expect(d1.lift).toBeCloseTo(-6 * PRIOR, 12);
  });

  it('readiness channel: a member’s cached tallies are recomputed once a mock exam of theirs ends, even one the sweep ends at its earlier end time', async () => {
    const row = (userKey: string, roundId: number) => ({
      roundId, userKey, channelKey: CH, roundKind: 'quiz' as const, deckId: 'dev', questionId: 'x', choice: ['A'], correct: true, points: 10, bonus: 0, onBoard: true, answeredAt: new Date(T0.getTime() - DAY), localDate: '2026-03-01',
    });
    await t.database.db.insert(answers).values([row(ANN, 1), row('slack:T1:U2', 2)]);
    const channel = (at: Date) => store().domainTallies({ channelKey: CH }, qs, at, recallCurve());
    expect((await channel(T0)).get(ANN)!.size).toBe(0);
    // Started at T0 with 10 minutes: its time is up at T0+10; the tallies are cached at T0+11
    // (nothing ended yet); the sweep ends it at T0+12 with ended_at = T0+10.
    const started = await store().start(newSession({ userKey: ANN, channelKey: CH, examId: bp.id, questions: eq.slice(0, 3), now: T0, minutes: 10 }));
    if (!started.ok) throw new Error('not started');
    await store().save({ ...started.session, answers: [RIGHT, RIGHT, null] });
    expect((await channel(new Date(T0.getTime() + 11 * MIN))).get(ANN)!.size).toBe(0);
    now = new Date(T0.getTime() + 12 * MIN);
    const swept = await service().endExpired();
    expect(swept.map((o) => o.session.endedAt)).toEqual([new Date(T0.getTime() + 10 * MIN)]);
    const later = new Date(T0.getTime() + 13 * MIN);
    const recomputed = await channel(later);
    expect(recomputed.get(ANN)!.get('1')!.seen).toBe(2);
    expect(recomputed.get(ANN)).toEqual(await tallies(ANN, later));
    // Fresh again with the exam counted: reused, so a card written without an answer (not a thing
    // the cache watches) is not seen yet; had the ended exams been miscounted it would be.
    await roundAnswer(ANN, eq[10]!, true, later);
    const reused = await channel(new Date(later.getTime() + MIN));
    expect(reused.get(ANN)).toEqual(recomputed.get(ANN));
    expect(reused.get(ANN)!.has('2')).toBe(false);
  });
});
