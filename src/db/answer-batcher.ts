// Group commit for answers (group-commit.ts): concurrent clicks are written together in one
// INSERT … SELECT. Each answer keeps the same rules as
// a single insert: the round must be open at the answer's `now` (checked in the statement, the
// round row share-locked so a concurrent close waits), and the (round, user) key keeps one answer.
// The same statement saves the clicking users' names and returns each inserted answer's memory
// card as it was before (the core reviews it next): per click one round trip, not three.
import { sql } from 'drizzle-orm';
import type { Db } from './types.js';
import type { NewAnswer } from '../quiz/store.js';
import type { MemoryCardRecord, RatingName, StoredCard } from '../quiz/memory.js';
import type { UserRef } from '../quiz/ids.js';
import { columnsOf, GroupCommit, lastPerKey, type GroupCommitOptions } from './group-commit.js';

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

/** `inserted`: this call recorded the answer; `card`: then, the user's card for the question before it (null: none). */
export interface AnswerInsert {
  inserted: boolean;
  card: MemoryCardRecord | null;
}

export type AnswerBatcherOptions = GroupCommitOptions;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];
const keyOf = (a: NewAnswer) => `${a.roundId}\u0000${a.userKey}`;
const NOT_INSERTED: AnswerInsert = { inserted: false, card: null };

interface InsertedRow {
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

export class AnswerBatcher {
  private readonly group: GroupCommit<Pending, AnswerInsert>;

  constructor(
    private readonly db: Db,
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
    const seen = new Set<string>();
    const unique: Pending[] = [];
    const first = batch.map((p) => {
      const k = keyOf(p.answer);
      if (seen.has(k)) return false;
      seen.add(k);
      unique.push(p);
      return true;
    });
    let inserted: Map<string, MemoryCardRecord | null> | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        inserted = await this.insertMany(unique, lastPerKey(batch.flatMap((p) => (p.user ? [p.user] : [])), (u) => u.key));
        break;
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw err;
      }
    }
    return batch.map((p, i) => {
      const k = keyOf(p.answer);
      return first[i]! && inserted.has(k) ? { inserted: true, card: inserted.get(k)! } : NOT_INSERTED;
    });
  }

  private async insertMany(batch: Pending[], users: AnswerUser[]): Promise<Map<string, MemoryCardRecord | null>> {
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
    const user = columnsOf(users);
    const result = await this.db.execute(sql`
      with input (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct, points, bonus,
                  on_board, answered_at, local_date, now) as (
        ${input}
      ), saved_users as (
        -- the same upsert as saveUser (queries.ts, upsertUsers); keys sorted, so batches lock users in one order
        insert into users (user_key, platform, workspace, display_name, updated_at)
        select k, p, w, n, now()
        from unnest(${user((u) => u.key)}::text[], ${user((u) => u.user.platform)}::text[],
                    ${user((u) => u.user.workspace)}::text[], ${user((u) => u.user.name)}::text[]) as t(k, p, w, n)
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
               array(select jsonb_array_elements_text(i.choice::jsonb)), i.correct,
               i.points, i.bonus, i.on_board, i.answered_at, i.local_date
        from input i join open_rounds r on r.id = i.round_id and r.channel_key = i.channel_key and r.closes_at > i.now
        -- users first (a one-time filter), then rounds and answers: one lock order for every batch
        where (select count(*) from saved_users) >= 0
        on conflict (round_id, user_key) do nothing
        returning round_id, user_key, deck_id, question_id
      )
      -- the statement's snapshot: each card as it was before this batch
      select ins.round_id::text as round_id, ins.user_key, ins.deck_id, ins.question_id,
             m.card::text as card, m.before::text as before, m.last_round_id, m.last_rating, m.review_round_id,
             (extract(epoch from m.last_review_at) * 1000)::float8 as last_review_ms,
             (extract(epoch from m.due) * 1000)::float8 as due_ms
      from ins left join memory_cards m on m.user_key = ins.user_key and m.deck_id = ins.deck_id and m.question_id = ins.question_id`);
    return new Map(rowsOf<InsertedRow>(result).map((r) => [`${r.round_id}\u0000${r.user_key}`, cardOf(r)]));
  }
}
