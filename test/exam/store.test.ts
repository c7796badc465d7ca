import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createMemoryStore } from '../../src/db/memory-store.js';
import { answers } from '../../src/db/schema.js';
import { afterAnswer } from '../../src/quiz/memory.js';
import { answer, end, newSession, scoreExam } from '../../src/exam/mock-exam.js';
import { readinessFrom, recallCurve, recallQuestions, tallyCards, type SeenCard } from '../../src/exam/readiness.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examQuestions } from './support.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const bp = dva();
const fresh = (userKey = 'slack:T1:U1') => newSession({ userKey, channelKey: 'slack:T1:C1', examId: 'dva-c02', questions: examQuestions([2, 1, 1, 0]), now: T0, minutes: 10 });

describe.each(dbTargets)('exam store on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam');
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('one exam per user at a time; another user may start theirs', async () => {
    const store = createExamStore(t.database.db);
    const first = await store.start(fresh());
    expect(first.ok).toBe(true);
    const second = await store.start(fresh());
    expect(second).toMatchObject({ ok: false, existing: { id: first.ok ? first.session.id : '' } });
    expect((await store.start(fresh('slack:T1:U2'))).ok).toBe(true);
  });

  it('saves progress with a version check, finishes once, and lists the history', async () => {
    const store = createExamStore(t.database.db);
    const started = await store.start(fresh());
    if (!started.ok) throw new Error('not started');
    const s0 = started.session;
    expect(s0.items).toHaveLength(4);
    const step = answer(s0, at(1), 0, ['B']);
    const saved = await store.save(step.session);
    expect(saved).toMatchObject({ version: 1, position: 1, answers: [['B'], null, null, null] });
    // A click computed from the old version (a double click) is refused.
    expect(await store.save(answer(s0, at(1), 0, ['A']).session)).toBeNull();
    const ended = end(saved!, at(2));
    const result = scoreExam(ended, bp);
    expect(await store.finish(ended, result)).toMatchObject({ endReason: 'ended-early' });
    expect(await store.finish(ended, result)).toBeNull();
    expect(await store.active('slack:T1:U1')).toBeNull();
    expect(await store.result(s0.id)).toEqual(result);
    const history = await store.history('slack:T1:U1', 'dva-c02', 10);
    expect(history).toEqual([
      expect.objectContaining({ sessionId: s0.id, asked: 4, correct: result.correct, scaled: result.scaled, passed: false, perDomain: result.perDomain.map(({ domainId, asked, correct }) => ({ domainId, asked, correct })) }),
    ]);
    // A new exam can start once the old one ended.
    expect((await store.start(fresh())).ok).toBe(true);
  });

  it('finds the sessions whose time is up', async () => {
    const store = createExamStore(t.database.db);
    await store.start(fresh());
    expect(await store.expired(at(9), 10)).toEqual([]);
    expect((await store.expired(at(10), 10)).map((s) => s.userKey)).toEqual(['slack:T1:U1']);
    expect(await store.get('not-a-number')).toBeNull();
  });

  it('accuracy per domain and week from the user’s answers, in the channel’s timezone', async () => {
    const store = createExamStore(t.database.db);
    const eq = examQuestions([1, 1, 0, 0]);
    const qs = eq.map((q) => ({ deckId: 'dev', questionId: q.question.id, domainId: q.domain.id }));
    const row = (roundId: number, qi: number, correct: boolean, answeredAt: Date, userKey = 'slack:T1:U1') => ({
      roundId, userKey, channelKey: 'slack:T1:C1', roundKind: 'practice' as const, deckId: 'dev', questionId: eq[qi]!.question.id, choice: ['B'], correct, points: 0, bonus: 0, onBoard: false, answeredAt, localDate: '2026-03-01',
    });
    await t.database.db.insert(answers).values([
      row(1, 0, true, new Date('2026-03-02T10:00:00Z')), // Monday, week of 2026-03-02
      row(2, 0, false, new Date('2026-03-03T10:00:00Z')),
      row(3, 1, true, new Date('2026-03-03T11:00:00Z')),
      row(4, 0, true, new Date('2026-03-08T23:30:00Z')), // Sunday 23:30 UTC = Monday 00:30 in Berlin: the next week there
      row(5, 0, true, new Date('2026-03-03T10:00:00Z'), 'slack:T1:U2'),
      { ...row(6, 0, true, new Date('2026-03-03T10:00:00Z')), questionId: 'not-in-the-exam' },
    ]);
    const since = new Date('2026-02-01T00:00:00Z');
    expect(await store.domainAccuracy('slack:T1:U1', qs, 'UTC', since)).toEqual([
      { label: '2026-03-02', perDomain: [{ domainId: '1', asked: 3, correct: 2 }, { domainId: '2', asked: 1, correct: 1 }] },
    ]);
    expect(await store.domainAccuracy('slack:T1:U1', qs, 'Europe/Berlin', since)).toEqual([
      { label: '2026-03-02', perDomain: [{ domainId: '1', asked: 2, correct: 1 }, { domainId: '2', asked: 1, correct: 1 }] },
      { label: '2026-03-09', perDomain: [{ domainId: '1', asked: 1, correct: 1 }] },
    ]);
  });

  it('stores a channel’s date per exam; off removes only that exam’s date', async () => {
    const store = createExamStore(t.database.db);
    const C1 = 'slack:T1:C1';
    await store.setExamDate(C1, 'dva-c02', { date: '2026-04-15', setBy: 'slack:T1:U1' });
    await store.setExamDate(C1, 'dva-c02', { date: '2026-04-20', setBy: 'slack:T1:U2' });
    await store.setExamDate(C1, 'saa-c03', { date: '2026-06-01', setBy: 'slack:T1:U1' });
    await store.setExamDate('slack:T1:C2', 'dva-c02', { date: '2026-05-01', setBy: 'slack:T1:U1' });
    expect(await store.examDate(C1, 'dva-c02')).toEqual({ channelKey: C1, examId: 'dva-c02', date: '2026-04-20', setBy: 'slack:T1:U2' });
    expect(await store.examDate(C1, 'saa-c03')).toEqual({ channelKey: C1, examId: 'saa-c03', date: '2026-06-01', setBy: 'slack:T1:U1' });
    await store.setExamDate(C1, 'saa-c03', null);
    expect(await store.examDate(C1, 'saa-c03')).toBeNull();
    expect((await store.examDate(C1, 'dva-c02'))?.date).toBe('2026-04-20');
    expect((await store.examDate('slack:T1:C2', 'dva-c02'))?.date).toBe('2026-05-01');
    await store.setExamDate(C1, 'dva-c02', null);
    expect(await store.examDate(C1, 'dva-c02')).toBeNull();
  });

  it('keeps the size asked for with the session (more than drawn when the notes are thin)', async () => {
    const store = createExamStore(t.database.db);
    const started = await store.start({ ...fresh(), requested: 50 });
    if (!started.ok) throw new Error('not started');
    expect((await store.get(started.session.id))?.requested).toBe(50);
  });

  it('domain tallies computed in the database equal ts-fsrs in memory, per user and for a channel', async () => {
    const store = createExamStore(t.database.db);
    const memory = createMemoryStore(t.database.db);
    const eq = examQuestions([3, 2, 2, 1]);
    const qs = recallQuestions(eq, { kind: 'guess' });
    const cards = new Map<string, Map<string, SeenCard>>();
    const users = ['slack:T1:U1', 'slack:T1:U2'];
    // U1: four questions on different days, some wrong, one answered twice; U2: one; U3: answered in the channel, no cards of this exam.
    const plan: [string, number, number, boolean][] = [
      [users[0]!, 0, 0, true],
      [users[0]!, 0, 3, true],
      [users[0]!, 3, 1, false],
      [users[0]!, 5, 2, true],
      [users[0]!, 7, 4, false],
      [users[1]!, 1, 0, true],
    ];
    for (const [user, qi, day, correct] of plan) {
      const q = eq[qi]!;
      const when = new Date(T0.getTime() + day * 86_400_000);
      const existing = await memory.getCard(user, 'dev', q.question.id);
      const rec = afterAnswer(existing, { userKey: user, deckId: 'dev', questionId: q.question.id }, `r${day}`, when, correct);
      await memory.saveCard(rec);
      const mine = cards.get(user) ?? new Map();
      mine.set(`dev\u0000${q.question.id}`, { card: rec.card, lastRating: rec.lastRating });
      cards.set(user, mine);
    }
    // A card of a question no longer in the exam is ignored.
    await memory.saveCard(afterAnswer(null, { userKey: users[0]!, deckId: 'dev', questionId: 'gone' }, 'r', T0, true));
    const now = new Date(T0.getTime() + 12.5 * 86_400_000);
    const tallies = await store.domainTallies({ userKeys: users }, qs, now, recallCurve());
    for (const u of users) {
      const expected = tallyCards(qs, cards.get(u)!, now);
      const got = tallies.get(u)!;
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [d, e] of expected) {
        expect(got.get(d)!.seen).toBe(e.seen);
        expect(got.get(d)!.lift).toBeCloseTo(e.lift, 7);
      }
      expect(readinessFrom(bp, qs, got).scaled).toBe(readinessFrom(bp, qs, expected).scaled);
    }
    const row = (userKey: string, roundId: number, channelKey: string, onBoard = true) => ({
      roundId, userKey, channelKey, roundKind: 'quiz' as const, deckId: 'dev', questionId: 'x', choice: ['A'], correct: true, points: 10, bonus: 0, onBoard, answeredAt: T0, localDate: '2026-03-01',
    });
    await t.database.db.insert(answers).values([row(users[0]!, 1, 'slack:T1:C1'), row(users[0]!, 2, 'slack:T1:C1'), row('slack:T1:U3', 1, 'slack:T1:C1'), row(users[1]!, 3, 'slack:T1:C9')]);
    const channel = await store.domainTallies({ channelKey: 'slack:T1:C1' }, qs, now, recallCurve());
    expect([...channel.keys()].sort()).toEqual(['slack:T1:U1', 'slack:T1:U3']);
    expect(channel.get('slack:T1:U3')!.size).toBe(0);
    expect(channel.get('slack:T1:U1')!.get('1')!.seen).toBe(tallies.get('slack:T1:U1')!.get('1')!.seen);

    // Reused while fresh: a card changed without an answer (a rating refinement) is not seen yet…
    const later = new Date(now.getTime() + 60_000);
    const q7 = eq[6]!.question.id;
    await memory.saveCard(afterAnswer(null, { userKey: users[0]!, deckId: 'dev', questionId: q7 }, 'rx', now, true));
    const cached = await store.domainTallies({ channelKey: 'slack:T1:C1' }, qs, later, recallCurve());
    expect(cached.get('slack:T1:U1')!.get('3')).toEqual(channel.get('slack:T1:U1')!.get('3'));
    expect(cached.get('slack:T1:U1')!.get('3')!.seen).toBe(1);
    // …an answer since makes it recompute that member; other questions (another exam key) never reuse it.
    await t.database.db.insert(answers).values({ ...row(users[0]!, 9, 'slack:T1:C1'), answeredAt: new Date(now.getTime() + 1000) });
    const recomputed = await store.domainTallies({ channelKey: 'slack:T1:C1' }, qs, later, recallCurve());
    expect(recomputed.get('slack:T1:U1')!.get('3')!.seen).toBe(2);
    const direct = await store.domainTallies({ userKeys: [users[0]!] }, qs, later, recallCurve());
    expect(recomputed.get('slack:T1:U1')).toEqual(direct.get(users[0]!));
  });
});

describe('an exam survives a restart', () => {
  it('is found again after the database is closed and reopened, and can be continued', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'exam-restart-'));
    const first = await openDatabase({ dataDir });
    const started = await createExamStore(first.db).start(fresh());
    if (!started.ok) throw new Error('not started');
    await createExamStore(first.db).save(answer(started.session, at(1), 0, ['B']).session);
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      const store = createExamStore(second.db);
      const again = await store.active('slack:T1:U1');
      expect(again).toMatchObject({ id: started.session.id, position: 1, answers: [['B'], null, null, null], version: 1 });
      expect(again!.endsAt).toEqual(at(10));
      expect(await store.save(answer(again!, at(3), 1, ['B']).session)).toMatchObject({ version: 2 });
    } finally {
      await second.close();
    }
  }, 60_000);
});
