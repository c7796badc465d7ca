// The core's MemoryStore port (FSRS cards, src/quiz/memory.ts) on drizzle.
import { and, asc, count, eq, getTableColumns, gt, lte, min, sql } from 'drizzle-orm';
import { GroupCommit, lastPerKey, type GroupCommitOptions } from './group-commit.js';
import { withUnavailableErrors } from './errors.js';
import type { Db } from './index.js';
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

/** Every answer reads and writes a card: concurrent reads become one select, concurrent writes one upsert. */
function cardBatches(db: Db, opts: GroupCommitOptions) {
  const reads = new GroupCommit<CardId, MemoryCardRow | null>(async (ids) => {
    const wanted = lastPerKey(ids, idOf);
    const tuples = wanted.map((c) => sql`(${c.userKey}, ${c.deckId}, ${c.questionId})`);
    const rows = await db
      .select()
      .from(memoryCards)
      .where(sql`(${memoryCards.userKey}, ${memoryCards.deckId}, ${memoryCards.questionId}) in (${sql.join(tuples, sql`, `)})`);
    const byId = new Map(rows.map((r) => [idOf(r), r]));
    return ids.map((c) => byId.get(idOf(c)) ?? null);
  }, opts);
  const updatable = Object.entries(getTableColumns(memoryCards)).filter(([key]) => !['userKey', 'deckId', 'questionId'].includes(key));
  const fromExcluded = Object.fromEntries(updatable.map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]));
  const writes = new GroupCommit<MemoryCardRecord, void>(async (cards) => {
    // Two answers to one card in one batch: the later one wins, as it would one after the other.
    const values = lastPerKey(cards, idOf).map((r) => ({
      userKey: r.userKey,
      deckId: r.deckId,
      questionId: r.questionId,
      card: r.card,
      before: r.before,
      lastRoundId: r.lastRoundId,
      lastReviewAt: r.lastReviewAt,
      lastRating: r.lastRating,
      reviewRoundId: r.reviewRoundId,
      due: r.due,
    }));
    await db
      .insert(memoryCards)
      .values(values)
      .onConflictDoUpdate({ target: [memoryCards.userKey, memoryCards.deckId, memoryCards.questionId], set: fromExcluded });
    return cards.map(() => undefined);
  }, opts);
  return { reads, writes };
}

export function createMemoryStore(db: Db, opts: GroupCommitOptions = {}): MemoryStore {
  const batches = cardBatches(db, opts);
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

    async reviewQueue(userKey, deckId, now, limit) {
      const mine = and(eq(memoryCards.userKey, userKey), eq(memoryCards.deckId, deckId));
      const [due, [dueCount], [next]] = await Promise.all([
        db.select().from(memoryCards).where(and(mine, lte(memoryCards.due, now))).orderBy(asc(memoryCards.due), asc(memoryCards.questionId)).limit(limit),
        db.select({ n: count() }).from(memoryCards).where(and(mine, lte(memoryCards.due, now))),
        db.select({ at: min(memoryCards.due) }).from(memoryCards).where(and(mine, gt(memoryCards.due, now))),
      ]);
      return { due: due.map(toRecord), dueCount: Number(dueCount?.n ?? 0), nextDue: next?.at ? new Date(next.at) : null };
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
