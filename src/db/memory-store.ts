// The core's MemoryStore port (FSRS cards, src/quiz/memory.ts) on drizzle.
import { and, asc, count, desc, eq, gt, inArray, lt, lte, min, sql } from 'drizzle-orm';
import { columnsOf, GroupCommit, lastPerKey, rowsParam, type GroupCommitOptions } from './group-commit.js';
import { withUnavailableErrors } from './errors.js';
import type { Db } from './types.js';
import { inThreadRunner, type StatementRunner } from './statement-runner.js';
import { answers, memoryCards, reviewReminders, type MemoryCardRow } from './schema.js';
import type { MemoryCardRecord, MemoryStore } from '../quiz/memory.js';

const toRecord = (r: MemoryCardRow): MemoryCardRecord => ({
  userKey: r.userKey,
  deckId: r.deckId,
  questionId: r.questionId,
  card: r.card,
  before: r.before ?? null,
  lastRoundId: r.lastRoundId,
  lastReviewAt: r.lastReviewAt,
  lastRating: r.lastRating,
  reviewRoundId: r.reviewRoundId,
  due: r.due,
});

const cardKey = (userKey: string, deckId: string, questionId: string) =>
  and(eq(memoryCards.userKey, userKey), eq(memoryCards.deckId, deckId), eq(memoryCards.questionId, questionId));

type CardId = { userKey: string; deckId: string; questionId: string };
const idOf = (c: CardId) => `${c.userKey}\u0000${c.deckId}\u0000${c.questionId}`;

/**
 * Every answer reads and writes a card: concurrent reads become one select (one array parameter per
 * column), concurrent writes one upsert (one JSON parameter, run by `statements`), whatever the batch size.
 */
function cardBatches(db: Db, opts: GroupCommitOptions, statements: StatementRunner) {
  const reads = new GroupCommit<CardId, MemoryCardRow | null>(async (ids) => {
    const col = columnsOf(ids);
    const rows = await db
      .select()
      .from(memoryCards)
      .where(
        sql`(${memoryCards.userKey}, ${memoryCards.deckId}, ${memoryCards.questionId}) in
          (select * from unnest(${col((c) => c.userKey)}::text[], ${col((c) => c.deckId)}::text[], ${col((c) => c.questionId)}::text[]))`,
      );
    const byId = new Map(rows.map((r) => [idOf(r), r]));
    return ids.map((c) => byId.get(idOf(c)) ?? null);
  }, opts);
  const writes = new GroupCommit<MemoryCardRecord, void>(async (cards) => {
    // Two answers to one card in one batch: the later one wins, as it would one after the other.
    const rows = lastPerKey(cards, idOf);
    const input = rowsParam(rows, (r) => ({
      u: r.userKey, d: r.deckId, q: r.questionId, c: r.card, b: r.before, lr: r.lastRoundId,
      la: r.lastReviewAt.toISOString(), rt: r.lastRating, rr: r.reviewRoundId, du: r.due.toISOString(),
    }));
    await statements.rows(sql`
      insert into memory_cards (user_key, deck_id, question_id, card, before, last_round_id, last_review_at, last_rating,
                                review_round_id, due)
      select u, d, q, c, b, lr, la, rt, rr, du
      from json_to_recordset(${input}::json)
        as t(u text, d text, q text, c jsonb, b jsonb, lr text, la timestamptz, rt text, rr text, du timestamptz)
      on conflict (user_key, deck_id, question_id) do update set
        card = excluded.card, before = excluded.before, last_round_id = excluded.last_round_id,
        last_review_at = excluded.last_review_at, last_rating = excluded.last_rating,
        review_round_id = excluded.review_round_id, due = excluded.due`);
    return cards.map(() => undefined);
  }, opts);
  return { reads, writes };
}

/** `statements`: where the batched card writes run (default: `db` itself). */
export function createMemoryStore(db: Db, opts: GroupCommitOptions = {}, statements: StatementRunner = inThreadRunner(db)): MemoryStore {
  const batches = cardBatches(db, opts, statements);
  const store: MemoryStore = {
    async getCard(userKey, deckId, questionId) {
      const row = await batches.reads.submit({ userKey, deckId, questionId });
      return row ? toRecord(row) : null;
    },

    async saveCard(r) {
      await batches.writes.submit(r);
    },

    async setReviewRound(userKey, deckId, questionId, roundId) {
      await db.update(memoryCards).set({ reviewRoundId: roundId }).where(cardKey(userKey, deckId, questionId));
    },

    async reviewQueue(userKey, deckId, now, limit, questionIds) {
      // One array parameter, whatever the deck's size (cards of other questions are not counted).
      const mine = and(eq(memoryCards.userKey, userKey), eq(memoryCards.deckId, deckId), sql`${memoryCards.questionId} = any(${sql.param([...questionIds])}::text[])`);
      const [due, [dueCount], [next]] = await Promise.all([
        db.select().from(memoryCards).where(and(mine, lte(memoryCards.due, now))).orderBy(asc(memoryCards.due), asc(memoryCards.questionId)).limit(limit),
        db.select({ n: count() }).from(memoryCards).where(and(mine, lte(memoryCards.due, now))),
        db.select({ at: min(memoryCards.due) }).from(memoryCards).where(and(mine, gt(memoryCards.due, now))),
      ]);
      return { due: due.map(toRecord), dueCount: Number(dueCount?.n ?? 0), nextDue: next?.at ? new Date(next.at) : null };
    },

    async orphanCards(userKey, deckId, loadedIds, limit) {
      const rows = await db
        .select()
        .from(memoryCards)
        .where(and(eq(memoryCards.userKey, userKey), eq(memoryCards.deckId, deckId), sql`not (${memoryCards.questionId} = any(${sql.param([...loadedIds])}::text[]))`))
        .orderBy(desc(memoryCards.lastReviewAt), asc(memoryCards.questionId))
        .limit(limit);
      return rows.map(toRecord);
    },

    async moveCard(userKey, deckId, fromQuestionId, toQuestionId) {
      // One statement: a card answered meanwhile under the new id is never overwritten.
      const moved = await db
        .update(memoryCards)
        .set({ questionId: toQuestionId, reviewRoundId: null })
        .where(
          and(
            cardKey(userKey, deckId, fromQuestionId),
            sql`not exists (select 1 from memory_cards m where m.user_key = ${userKey} and m.deck_id = ${deckId} and m.question_id = ${toQuestionId})`,
          ),
        )
        .returning({ questionId: memoryCards.questionId });
      return moved.length > 0;
    },

    async upcoming(userKey, deckId, questionIds, now, reviewedBefore, limit) {
      if (!questionIds.length) return [];
      const rows = await db
        .select()
        .from(memoryCards)
        .where(and(eq(memoryCards.userKey, userKey), eq(memoryCards.deckId, deckId), inArray(memoryCards.questionId, [...questionIds]), gt(memoryCards.due, now), lt(memoryCards.lastReviewAt, reviewedBefore)))
        .orderBy(asc(memoryCards.due), asc(memoryCards.questionId))
        .limit(limit);
      return rows.map(toRecord);
    },

    async questionTallies(scope) {
      const where = 'userKey' in scope ? eq(answers.userKey, scope.userKey) : eq(answers.channelKey, scope.channelKey);
      const rows = await db
        .select({
          deckId: answers.deckId,
          questionId: answers.questionId,
          answered: count(),
          wrong: sql<number>`count(*) filter (where not ${answers.correct})`,
        })
        .from(answers)
        .where(where)
        .groupBy(answers.deckId, answers.questionId);
      return rows.map((r) => ({ deckId: r.deckId, questionId: r.questionId, answered: Number(r.answered), wrong: Number(r.wrong) }));
    },

    async setReminder(userKey, deckId, channelKey, enabled) {
      await db
        .insert(reviewReminders)
        .values({ userKey, deckId, channelKey, enabled })
        .onConflictDoUpdate({ target: [reviewReminders.userKey, reviewReminders.deckId], set: { channelKey, enabled, updatedAt: sql`now()` } });
    },

    async enabledReminders(limit) {
      const rows = await db
        .select({ userKey: reviewReminders.userKey, deckId: reviewReminders.deckId, channelKey: reviewReminders.channelKey, lastSentOn: reviewReminders.lastSentOn })
        .from(reviewReminders)
        .where(eq(reviewReminders.enabled, true))
        .orderBy(sql`${reviewReminders.lastSentOn} asc nulls first`, asc(reviewReminders.userKey))
        .limit(limit);
      return rows;
    },

    async claimReminder(userKey, deckId, localDate) {
      const claimed = await db
        .update(reviewReminders)
        .set({ lastSentOn: localDate })
        .where(
          and(
            eq(reviewReminders.userKey, userKey),
            eq(reviewReminders.deckId, deckId),
            eq(reviewReminders.enabled, true),
            sql`${reviewReminders.lastSentOn} is distinct from ${localDate}::date`,
          ),
        )
        .returning({ userKey: reviewReminders.userKey });
      return claimed.length > 0;
    },
  };
  return withUnavailableErrors(store);
}
