// Group commit of user and memory-card writes on the real store (PGlite, and Postgres with
// TEST_DATABASE_URL): concurrent calls share statements and each caller still gets its own result;
// an answer's statement also saves its user and returns the memory card as it was before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore, sql } from '../../src/db/index.js';
import { GroupCommit, lastPerKey } from '../../src/db/group-commit.js';
import type { MemoryCardRecord } from '../../src/quiz/memory.js';
import type { NewAnswer } from '../../src/quiz/store.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { openStoredRound } from '../support/rounds.js';

describe('GroupCommit', () => {
  it('runs what arrives while a batch is in flight as the next batch, each caller getting its own result', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const group = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((n) => n * 10);
      },
      { maxInFlight: 1, maxBatch: 3 },
    );
    const first = group.submit(1);
    await Promise.resolve(); // the first batch starts alone
    const rest = [2, 3, 4, 5].map((n) => group.submit(n));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('sizes batches by the load: whatever arrives while the statements in flight run goes into one next statement', async () => {
    const batches: number[][] = [];
    const gates: (() => void)[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      await new Promise<void>((r) => gates.push(r));
      return items;
    });
    // Two lone items start two statements at once (the default in flight), so a quiet load waits for nobody.
    const a = group.submit(0);
    await Promise.resolve();
    const b = group.submit(1);
    await Promise.resolve();
    expect(batches).toEqual([[0], [1]]);
    // A burst of 300 while both run: not 4 (or any fixed number) at a time, all in the next statement.
    const burst = Array.from({ length: 300 }, (_, i) => group.submit(i + 2));
    await Promise.resolve();
    expect(batches).toHaveLength(2);
    gates.shift()!();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(batches.map((x) => x.length)).toEqual([1, 1, 300]);
    while (gates.length) gates.shift()!();
    await b;
    await new Promise((r) => setImmediate(r));
    while (gates.length) gates.shift()!();
    expect(await Promise.all(burst)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
  });

  it('resumes a large batch\'s callers a slice per event-loop turn, in order (acks are not held up behind them)', async () => {
    const group = new GroupCommit<number, number>(async (items) => items, { resumePerTurn: 10, maxInFlight: 1 });
    const resumed: number[] = [];
    const all = Array.from({ length: 35 }, (_, i) => group.submit(i).then((v) => void resumed.push(v)));
    await all[0];
    expect(resumed).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await Promise.all(all);
    expect(resumed).toEqual(Array.from({ length: 35 }, (_, i) => i));
  });

  it('reports each statement to the diagnostics hook (name, size, duration)', async () => {
    const seen: { name: string; size: number }[] = [];
    GroupCommit.observe = (t) => seen.push({ name: t.name, size: t.size });
    try {
      const group = new GroupCommit<number, number>(async (items) => items, { name: 'numbers', maxInFlight: 1 });
      await Promise.all([1, 2, 3].map((n) => group.submit(n)));
    } finally {
      GroupCommit.observe = undefined;
    }
    expect(seen).toEqual([{ name: 'numbers', size: 3 }]);
  });

  it('a failed batch rejects its callers only', async () => {
    const group = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky batch');
      return items;
    }, { maxInFlight: 1 });
    const unlucky = [group.submit(12), group.submit(13)];
    await expect(Promise.all(unlucky)).rejects.toThrow('unlucky batch');
    expect(await group.submit(14)).toBe(14);
  });

  it('lastPerKey keeps the last item per key, sorted by key', () => {
    const items = [{ k: 'b', v: 1 }, { k: 'a', v: 2 }, { k: 'b', v: 3 }];
    expect(lastPerKey(items, (i) => i.k)).toEqual([{ k: 'a', v: 2 }, { k: 'b', v: 3 }]);
  });
});

describe.each(dbTargets)('batched user and card writes on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'group_commit');
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const card = (user: string, question: string, roundId: string, due: string): MemoryCardRecord => ({
    userKey: user,
    deckId: 'api-gateway',
    questionId: question,
    card: { due, stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, reps: 1, lapses: 0, state: 2, last_review: due } as never,
    before: null,
    lastRoundId: roundId,
    lastReviewAt: new Date('2026-03-02T09:00:00Z'),
    lastRating: 'good',
    reviewRoundId: null,
    due: new Date(due),
  });

  it('200 concurrent users and cards: all stored, the same card twice keeps the later write, reads see each one', async () => {
    const store = createQuizStore(t.database);
    const memory = store.memory!;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.saveUser({ platform: 'slack', workspace: 'T1', id: `U${i}`, name: `user ${i}`, isAdmin: false })),
    );
    // Renamed in the same burst as another write of the same key: the later name wins.
    await Promise.all([
      store.saveUser({ platform: 'slack', workspace: 'T1', id: 'U1', name: 'first name', isAdmin: false }),
      store.saveUser({ platform: 'slack', workspace: 'T1', id: 'U1', name: 'later name', isAdmin: false }),
    ]);
    expect(await store.findUser('slack:T1:U1')).toEqual({ userKey: 'slack:T1:U1', name: 'later name' });
    const users = await t.database.db.execute(sql`select count(*)::int as n from users`);
    expect((users as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(200);

    await Promise.all([
      ...Array.from({ length: 200 }, (_, i) => memory.saveCard(card(`slack:T1:U${i}`, 'q1', String(i), '2026-03-03T09:00:00.000Z'))),
      memory.saveCard(card('slack:T1:U0', 'q2', '900', '2026-03-04T09:00:00.000Z')),
      memory.saveCard(card('slack:T1:U0', 'q2', '901', '2026-03-05T09:00:00.000Z')),
    ]);
    const read = await Promise.all(Array.from({ length: 200 }, (_, i) => memory.getCard(`slack:T1:U${i}`, 'api-gateway', 'q1')));
    expect(read.map((c) => c?.lastRoundId)).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    const [later, missing] = await Promise.all([
      memory.getCard('slack:T1:U0', 'api-gateway', 'q2'),
      memory.getCard('slack:T1:U0', 'api-gateway', 'q3'),
    ]);
    expect(later?.lastRoundId).toBe('901');
    expect(later?.due.toISOString()).toBe('2026-03-05T09:00:00.000Z');
    expect(missing).toBeNull();
  });

  it('a burst of answers is one statement that saves each user and returns each card as it was before the answer', async () => {
    const store = createQuizStore(t.database);
    const now = new Date('2026-03-03T10:00:00Z');
    const round = await openStoredRound(store, now);
    // Every third user already has a card for the question; user 1 is stored under an old name.
    await Promise.all(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 === 0).map((i) => store.memory!.saveCard(card(`slack:T1:U${i}`, 'q1', `old${i}`, '2026-03-02T12:00:00.000Z'))));
    await store.saveUser({ platform: 'slack', workspace: 'T1', id: 'U1', name: 'old name', isAdmin: false });
    const answer = (i: number): NewAnswer => ({
      roundId: round.id, userKey: `slack:T1:U${i}`, channelKey: 'slack:T1:C1', roundKind: 'quiz', deckId: 'api-gateway', questionId: 'q1',
      choice: ['B'], correct: true, points: 10, bonus: 0, onBoard: true, answeredAt: now, localDate: '2026-03-03',
    });
    const user = (i: number) => ({ platform: 'slack' as const, workspace: 'T1', id: `U${i}`, name: `user ${i}`, isAdmin: false });
    const statements: string[] = [];
    GroupCommit.observe = (b) => statements.push(`${b.name}:${b.size}`);
    let results;
    try {
      results = await Promise.all([
        ...Array.from({ length: 60 }, (_, i) => store.recordAnswer(answer(i), now, { user: user(i), withCard: true })),
        store.recordAnswer(answer(5), now, { user: user(5), withCard: true }), // a double click in the same burst
      ]);
    } finally {
      GroupCommit.observe = undefined;
    }
    expect(statements).toEqual(['answers:61']);
    expect(results.slice(0, 60).map((r) => r.status)).toEqual(Array(60).fill('recorded'));
    const recorded = { roundId: round.id, userKey: 'slack:T1:U5', choice: ['B'], correct: true, points: 10, bonus: 0, answeredAt: now };
    expect(results[60]).toEqual({ status: 'duplicate', answer: recorded });
    results.slice(0, 60).forEach((r, i) => {
      const before = r.status === 'recorded' ? r.card : undefined;
      if (i % 3 === 0) {
        expect(before?.lastRoundId, `U${i}`).toBe(`old${i}`);
        expect(before?.due.toISOString()).toBe('2026-03-02T12:00:00.000Z');
        expect(before?.lastReviewAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
        expect(before?.card.stability).toBe(1);
      } else expect(before, `U${i}`).toBeNull();
    });
    expect(await store.findUser('slack:T1:U1')).toEqual({ userKey: 'slack:T1:U1', name: 'user 1' });
    const users = await t.database.db.execute(sql`select count(*)::int as n from users`);
    expect((users as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(60);
    // A later click by a user who answered gets the stored answer, not the new choice.
    const again = await store.recordAnswer({ ...answer(5), choice: ['A'], correct: false, points: 0, answeredAt: new Date(now.getTime() + 500) }, now, { user: user(5) });
    expect(again).toEqual({ status: 'duplicate', answer: recorded });
    // A name with a lone surrogate (a malformed payload) fails nobody's answer in its batch; it is stored with U+FFFD.
    const odd = await Promise.all([
      store.recordAnswer(answer(70), now, { user: { ...user(70), name: 'bad \ud800 name' } }),
      store.recordAnswer(answer(71), now, { user: user(71) }),
    ]);
    expect(odd.map((r) => r.status)).toEqual(['recorded', 'recorded']);
    expect(await store.findUser('slack:T1:U70')).toEqual({ userKey: 'slack:T1:U70', name: 'bad \ufffd name' });
    // Without withCard no card is read; a closed round still saves the user.
    await store.closeRound(round.id, now);
    const late = await store.recordAnswer(answer(99), new Date(now.getTime() + 1000), { user: user(99) });
    expect(late.status).toBe('closed');
    expect(await store.findUser('slack:T1:U99')).toEqual({ userKey: 'slack:T1:U99', name: 'user 99' });
  });
});
