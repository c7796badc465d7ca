// Group commit for answers (group-commit.ts): concurrent clicks are written together in one
// INSERT … SELECT. Each answer keeps the same rules as
// a single insert: the round must be open at the answer's `now` (checked in the statement, the
// round row share-locked so a concurrent close waits), and the (round, user) key keeps one answer.
import { sql } from 'drizzle-orm';
import type { Db } from './types.js';
import type { NewAnswer } from '../quiz/store.js';
import { columnsOf, GroupCommit, type GroupCommitOptions } from './group-commit.js';

interface Pending {
  answer: NewAnswer;
  now: Date;
}

export type AnswerBatcherOptions = GroupCommitOptions;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];
const keyOf = (a: NewAnswer) => `${a.roundId}\u0000${a.userKey}`;

export class AnswerBatcher {
  private readonly group: GroupCommit<Pending, boolean>;

  constructor(
    private readonly db: Db,
    opts: AnswerBatcherOptions = {},
  ) {
    this.group = new GroupCommit((batch) => this.write(batch), { name: 'answers', ...opts });
  }

  /** Resolves true when this call inserted the answer, false when the round was closed or the user had answered. */
  insert(answer: NewAnswer, now: Date): Promise<boolean> {
    return this.group.submit({ answer, now });
  }

  private async write(batch: Pending[]): Promise<boolean[]> {
    // The same (round, user) twice in one batch: the first one competes, the others are duplicates.
    const seen = new Set<string>();
    const unique: Pending[] = [];
    const first = batch.map((p) => {
      const k = keyOf(p.answer);
      if (seen.has(k)) return false;
      seen.add(k);
      unique.push(p);
      return true;
    });
    let inserted: Set<string> | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        inserted = await this.insertMany(unique);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw err;
      }
    }
    return batch.map((p, i) => first[i]! && inserted.has(keyOf(p.answer)));
  }

  private async insertMany(batch: Pending[]): Promise<Set<string>> {
    const column = columnsOf(batch);
    const input = sql`select * from unnest(
        ${column((p) => Number(p.answer.roundId))}::bigint[], ${column((p) => p.answer.userKey)}::text[],
        ${column((p) => p.answer.channelKey)}::text[], ${column((p) => p.answer.roundKind)}::text[],
        ${column((p) => p.answer.deckId)}::text[], ${column((p) => p.answer.questionId)}::text[],
        ${column((p) => JSON.stringify(p.answer.choice))}::text[], ${column((p) => p.answer.correct)}::boolean[],
        ${column((p) => p.answer.points)}::int[], ${column((p) => p.answer.bonus)}::int[],
        ${column((p) => p.answer.onBoard)}::boolean[], ${column((p) => p.answer.answeredAt.toISOString())}::timestamptz[],
        ${column((p) => p.answer.localDate)}::date[], ${column((p) => p.now.toISOString())}::timestamptz[])`;
    // An explicit id list keeps the lookup on the primary key whatever the planner thinks of the input.
    const roundIds = sql.param([...new Set(batch.map((p) => Number(p.answer.roundId)))]);
    const result = await this.db.execute(sql`
      with input (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct, points, bonus,
                  on_board, answered_at, local_date, now) as (
        ${input}
      ), open_rounds as (
        -- id order, like the closers: share locks never deadlock with a multi-round close
        select id, channel_key, closes_at from rounds
        where id = any(${roundIds}::bigint[]) and closed_at is null
        order by id
        for share
      ), ins as (
        insert into answers (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct,
                             points, bonus, on_board, answered_at, local_date)
        select i.round_id, i.user_key, i.channel_key, i.round_kind, i.deck_id, i.question_id,
               array(select jsonb_array_elements_text(i.choice::jsonb)), i.correct,
               i.points, i.bonus, i.on_board, i.answered_at, i.local_date
        from input i join open_rounds r on r.id = i.round_id and r.channel_key = i.channel_key and r.closes_at > i.now
        on conflict (round_id, user_key) do nothing
        returning round_id, user_key
      )
      select round_id::text as round_id, user_key from ins`);
    return new Set(rowsOf<{ round_id: string; user_key: string }>(result).map((r) => `${r.round_id}\u0000${r.user_key}`));
  }
}
