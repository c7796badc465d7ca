// The answers' group-commit statement (src/db/answer-batcher.ts) must find a user's earlier answer
// by its primary key, whatever the table holds: planned as a plain join (its JSON input estimated at
// 100 rows), a table of a few thousand to ~20,000 answers, a team's first year, was scanned whole for
// every batch (4 ms at 20,000). PGlite, and Postgres with TEST_DATABASE_URL: the planner is Postgres'
// own in both.
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore, sql } from '../../src/db/index.js';
import { AnswerBatcher } from '../../src/db/answer-batcher.js';
import { inThreadRunner } from '../../src/db/statement-runner.js';
import type { NewAnswer } from '../../src/quiz/store.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { openStoredRound } from '../support/rounds.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const scans = (node: PlanNode): string[] => [`${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`, ...(node.Plans ?? []).flatMap(scans)];

describe.each(dbTargets)('the answers statement on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'answer_plan');
  }, 60_000);
  afterAll(() => t?.close());

  it('probes each clicking user\'s earlier answer by key, with 5,000 answers in the table, and still finds it', async () => {
    const store = createQuizStore(t.database);
    const now = new Date('2026-03-03T10:00:00Z');
    const round = await openStoredRound(store, now);
    const roundId = Number(round.id);
    await t.database.db.execute(sql`
      insert into answers (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct, points, bonus, on_board, answered_at, local_date)
      select ${roundId}, 'slack:T1:U' || n, 'slack:T1:C1', 'quiz', 'api-gateway', 'q1', array['B'], true, 10, 0, true, ${now.toISOString()}::timestamptz, '2026-03-03'
      from generate_series(1, 5000) n`);
    await t.database.db.execute(sql`analyze answers`);

    const statements: SQL[] = [];
    const inThread = inThreadRunner(t.database.db);
    const batcher = new AnswerBatcher({ ...inThread, rows: (q) => (statements.push(q), inThread.rows(q)) });
    const answer = (user: string): NewAnswer => ({
      roundId: round.id, userKey: user, channelKey: 'slack:T1:C1', roundKind: 'quiz', deckId: 'api-gateway', questionId: 'q1',
      choice: ['A'], correct: false, points: 0, bonus: 0, onBoard: true, answeredAt: now, localDate: '2026-03-03',
    });
    // U7 answered before (in the 20,000); NEW has not.
    const [earlier, fresh] = await Promise.all([batcher.insert(answer('slack:T1:U7'), now), batcher.insert(answer('slack:T1:NEW'), now)]);
    expect(earlier).toMatchObject({ inserted: false, existing: { userKey: 'slack:T1:U7', choice: ['B'], correct: true, points: 10 } });
    expect(fresh).toMatchObject({ inserted: true });

    expect(statements).toHaveLength(1);
    const explained = (await t.database.db.execute(sql`explain (format json) ${statements[0]!}`)) as unknown as { rows: Record<string, unknown>[] };
    const raw = Object.values(explained.rows[0]!)[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const nodes = scans(plan[0]!.Plan);
    expect(nodes.filter((n) => n.endsWith(' on answers'))).not.toContain('Seq Scan on answers');
    expect(nodes).toContain('Index Scan on answers');
  });
});
