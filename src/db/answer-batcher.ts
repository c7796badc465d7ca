// Group commit for answers (group-commit.ts): concurrent clicks are written together in one
// INSERT … SELECT. Each answer keeps the same rules as
// a single insert: the round must be open at the answer's `now` (checked in the statement, the
// round row share-locked so a concurrent close waits), and the (round, user) key keeps one answer.
// The same statement saves the clicking users' names and returns each inserted answer's memory
// card as it was before (the core reviews it next): per click one round trip, not three. A click
// that finds the user's earlier answer gets that answer from the same statement (a double click's
// reply needs no second query). Each batch is one JSON parameter (rowsParam).
import { sql } from 'drizzle-orm';
import type { StatementRunner } from './statement-runner.js';
import type { AnswerRecord, NewAnswer } from '../quiz/store.js';
import type { MemoryCardRecord, RatingName, StoredCard } from '../quiz/memory.js';
import type { UserRef } from '../quiz/ids.js';
import { GroupCommit, lastPerKey, rowsParam, type GroupCommitOptions } from './group-commit.js';

/** A user saved with the answer (`key` = userKey(user)). */
export interface AnswerUser {
  key: string;
  user: UserRef;
}

interface Pending {
  answer: NewAnswer;
  now: Date;
  user?: AnswerUser | undefined;
}

/**
 * `inserted`: this call recorded the answer; `card`: then, the user's card for the question before it (null: none).
 * `existing`: not inserted because the user had answered: that answer, when the statement saw it
 * (an answer committed meanwhile by another statement is not seen: the caller looks it up).
 */
export interface AnswerInsert {
  inserted: boolean;
  card: MemoryCardRecord | null;
  existing?: AnswerRecord;
}

export type AnswerBatcherOptions = GroupCommitOptions;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

const keyOf = (a: NewAnswer) => `${a.roundId}\u0000${a.userKey}`;
const NOT_INSERTED: AnswerInsert = { inserted: false, card: null };

interface InsertedRow {
  /** 'ins': inserted by this statement (with the card before it); 'had': the user's earlier answer. */
  kind: 'ins' | 'had';
  round_id: string;
  user_key: string;
  deck_id: string;
  question_id: string;
  card: string | null;
  before: string | null;
  last_round_id: string | null;
  last_review_ms: number | null;
  last_rating: string | null;
  review_round_id: string | null;
  due_ms: number | null;
  choice: string | null;
  correct: boolean | null;
  points: number | null;
  bonus: number | null;
  answered_ms: number | null;
}

/** Dates and JSON come back as numbers and text, which every driver (pg, PGlite) returns the same way. */
function cardOf(r: InsertedRow): MemoryCardRecord | null {
  if (r.card === null) return null;
  return {
    userKey: r.user_key,
    deckId: r.deck_id,
    questionId: r.question_id,
    card: JSON.parse(r.card) as StoredCard,
    before: r.before === null ? null : (JSON.parse(r.before) as StoredCard),
    lastRoundId: r.last_round_id!,
    lastReviewAt: new Date(Number(r.last_review_ms)),
    lastRating: r.last_rating as RatingName,
    reviewRoundId: r.review_round_id,
    due: new Date(Number(r.due_ms)),
  };
}

function answerOf(r: InsertedRow): AnswerRecord {
  return {
    roundId: r.round_id,
    userKey: r.user_key,
    choice: JSON.parse(r.choice!) as string[],
    correct: r.correct!,
    points: Number(r.points),
    bonus: Number(r.bonus),
    answeredAt: new Date(Number(r.answered_ms)),
  };
}

const recordOf = (a: NewAnswer): AnswerRecord => ({
  roundId: a.roundId, userKey: a.userKey, choice: a.choice, correct: a.correct, points: a.points, bonus: a.bonus, answeredAt: a.answeredAt,
});

interface Written {
  inserted: Map<string, MemoryCardRecord | null>;
  had: Map<string, AnswerRecord>;
}

export class AnswerBatcher {
  private readonly group: GroupCommit<Pending, AnswerInsert>;

  constructor(
    private readonly statements: StatementRunner,
    opts: AnswerBatcherOptions = {},
  ) {
    this.group = new GroupCommit((batch) => this.write(batch), { name: 'answers', ...opts });
  }

  /**
   * `inserted` is true when this call inserted the answer, false when the round was closed or the
   * user had answered. `user`, when given, is saved in the same statement whatever the outcome.
   */
  insert(answer: NewAnswer, now: Date, user?: AnswerUser): Promise<AnswerInsert> {
    return this.group.submit({ answer, now, user });
  }

  private async write(batch: Pending[]): Promise<AnswerInsert[]> {
    // The same (round, user) twice in one batch: the first one competes, the others are duplicates.
    const unique: Pending[] = [];
    const firstOf = new Map<string, Pending>();
    for (const p of batch) {
      const k = keyOf(p.answer);
      if (firstOf.has(k)) continue;
      firstOf.set(k, p);
      unique.push(p);
    }
    let written: Written | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        written = await this.insertMany(unique, lastPerKey(batch.flatMap((p) => (p.user ? [p.user] : [])), (u) => u.key));
        break;
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw err;
      }
    }
    const { inserted, had } = written;
    return batch.map((p) => {
      const k = keyOf(p.answer);
      const first = firstOf.get(k)!;
      if (inserted.has(k)) return first === p ? { inserted: true, card: inserted.get(k)! } : { ...NOT_INSERTED, existing: recordOf(first.answer) };
      const existing = had.get(k);
      return existing ? { ...NOT_INSERTED, existing } : NOT_INSERTED;
    });
  }

  private async insertMany(batch: Pending[], users: AnswerUser[]): Promise<Written> {
    const input = rowsParam(batch, (p) => ({
      round_id: Number(p.answer.roundId), user_key: p.answer.userKey, channel_key: p.answer.channelKey,
      round_kind: p.answer.roundKind, deck_id: p.answer.deckId, question_id: p.answer.questionId, choice: p.answer.choice,
      correct: p.answer.correct, points: p.answer.points, bonus: p.answer.bonus, on_board: p.answer.onBoard,
      answered_at: p.answer.answeredAt.toISOString(), local_date: p.answer.localDate, now: p.now.toISOString(),
    }));
    // An explicit id list keeps the lookup on the primary key whatever the planner thinks of the input.
    const roundIds = sql.param([...new Set(batch.map((p) => Number(p.answer.roundId)))]);
    const savedUsers = rowsParam(users, (u) => ({ k: u.key, p: u.user.platform, w: u.user.workspace, n: u.user.name }));
    const rows = await this.statements.rows<InsertedRow>(sql`
      with input as (
        select * from json_to_recordset(${input}::json) as t(round_id bigint, user_key text, channel_key text, round_kind text,
          deck_id text, question_id text, choice text[], correct boolean, points int, bonus int, on_board boolean,
          answered_at timestamptz, local_date date, now timestamptz)
      ), saved_users as (
        -- the same upsert as saveUser (queries.ts, upsertUsers); keys sorted, so batches lock users in one order
        insert into users (user_key, platform, workspace, display_name, updated_at)
        select k, p, w, n, now()
        from json_to_recordset(${savedUsers}::json) as t(k text, p text, w text, n text)
        on conflict (user_key) do update set display_name = excluded.display_name, updated_at = excluded.updated_at
        where users.display_name is distinct from excluded.display_name
        returning 1
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
               i.choice, i.correct,
               i.points, i.bonus, i.on_board, i.answered_at, i.local_date
        from input i join open_rounds r on r.id = i.round_id and r.channel_key = i.channel_key and r.closes_at > i.now
        -- users first (a one-time filter), then rounds and answers: one lock order for every batch
        where (select count(*) from saved_users) >= 0
        on conflict (round_id, user_key) do nothing
        returning round_id, user_key, deck_id, question_id
      ), had as (
        -- answers given before this statement (its snapshot): a double click's reply needs no second query.
        -- One primary-key probe per input row: "limit 1" keeps the subquery a lookup, where a plain join
        -- (input estimated at 100 rows) was planned as a hash join over a sequential scan of every answer.
        select a.round_id, a.user_key, a.choice, a.correct, a.points, a.bonus, a.answered_at
        from input i cross join lateral (
          select * from answers a where a.round_id = i.round_id and a.user_key = i.user_key limit 1
        ) a
      )
      -- the statement's snapshot: each card as it was before this batch
      select 'ins' as kind, ins.round_id::text as round_id, ins.user_key, ins.deck_id, ins.question_id,
             m.card::text as card, m.before::text as before, m.last_round_id, m.last_rating, m.review_round_id,
             (extract(epoch from m.last_review_at) * 1000)::float8 as last_review_ms,
             (extract(epoch from m.due) * 1000)::float8 as due_ms,
             null::text as choice, null::boolean as correct, null::int as points, null::int as bonus, null::float8 as answered_ms
      from ins left join memory_cards m on m.user_key = ins.user_key and m.deck_id = ins.deck_id and m.question_id = ins.question_id
      union all
      select 'had', round_id::text, user_key, null, null, null, null, null, null, null, null, null,
             array_to_json(choice)::text, correct, points, bonus, (extract(epoch from answered_at) * 1000)::float8
      from had`);
    const inserted = new Map<string, MemoryCardRecord | null>();
    const had = new Map<string, AnswerRecord>();
    for (const r of rows) {
      const k = `${r.round_id}\u0000${r.user_key}`;
      if (r.kind === 'ins') inserted.set(k, cardOf(r));
      else had.set(k, answerOf(r));
    }
    return { inserted, had };
  }
}
