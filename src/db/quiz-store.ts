// createQuizStore(): the core's QuizStore port on drizzle (node-postgres or PGlite).
import { withUnavailableErrors } from './errors.js';
import { AnswerBatcher, type AnswerBatcherOptions } from './answer-batcher.js';
import { GroupCommit, lastPerKey } from './group-commit.js';
import type { Database } from './types.js';
import { createMemoryStore } from './memory-store.js';
import { createReportStore } from './report-store.js';
import * as q from './queries.js';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { rounds, type RoundRow } from './schema.js';
import { channelKey, userKey, type ChannelRef, type UserRef } from '../quiz/ids.js';
import type { AnswerRecord, ChannelInfo, QuizStore, RoundRecord } from '../quiz/store.js';

export interface QuizStoreOptions {
  /** How long channel settings (timezone) are cached per process. Default 60 s. */
  channelCacheMs?: number;
  /** Group commit of concurrent answers, user and memory-card writes (see group-commit.ts). */
  batch?: AnswerBatcherOptions;
}

const toRound = (r: RoundRow): RoundRecord => ({
  id: String(r.id),
  channelKey: r.channelKey,
  kind: r.kind,
  deckId: r.deckId,
  questionId: r.questionId,
  question: r.question,
  ownerKey: r.ownerKey,
  messageRef: r.messageRef,
  dailyDate: r.dailyDate,
  openedAt: r.openedAt,
  closesAt: r.closesAt,
  closedAt: r.closedAt,
  revealedAt: r.revealedAt,
});

/** Round ids are positive integers; anything else (tampered action ids) is simply not found. */
const roundNumber = (id: string): number | null => (/^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null);

/** A small bounded cache: rounds never change their question, users rarely change names. */
class Bounded<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, value: V) {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
  delete(key: string) {
    this.map.delete(key);
  }
}

export function createQuizStore(database: Database, opts: QuizStoreOptions = {}): QuizStore {
  const { db } = database;
  const channelTtl = opts.channelCacheMs ?? 60_000;
  const channelCache = new Bounded<{ info: Promise<ChannelInfo>; at: number }>(10_000);
  const knownNames = new Bounded<string>(50_000);
  const roundCache = new Bounded<RoundRecord>(5_000);
  const batcher = new AnswerBatcher(database.statements, opts.batch);
  const userWrites = new GroupCommit<{ key: string; user: UserRef }, void>(async (list) => {
    await q.upsertUsers(db, lastPerKey(list, (u) => u.key), new Date());
    return list.map(() => undefined);
  }, opts.batch);

  const remember = (round: RoundRecord) => {
    roundCache.set(round.id, round);
    return round;
  };

  const store: QuizStore = {
    memory: createMemoryStore(db, opts.batch, database.statements),
    reports: createReportStore(db),

    ensureChannel(channel: ChannelRef) {
      const key = channelKey(channel);
      const cached = channelCache.get(key);
      if (cached && Date.now() - cached.at < channelTtl) return cached.info;
      // Concurrent first uses of a channel share one load.
      const load = (async (): Promise<ChannelInfo> => {
        let row = await q.findChannel(db, key);
        if (!row) {
          await q.insertChannelIfMissing(db, key, channel);
          row = await q.findChannel(db, key);
        }
        return { channelKey: key, timezone: row?.timezone ?? 'UTC' };
      })();
      channelCache.set(key, { info: load, at: Date.now() });
      load.catch(() => channelCache.delete(key));
      return load;
    },

    async setChannelTimezone(channel, timezone) {
      const key = channelKey(channel);
      await q.updateChannelTimezone(db, key, channel, timezone);
      channelCache.set(key, { info: Promise.resolve({ channelKey: key, timezone }), at: Date.now() });
    },

    async saveUser(input: UserRef) {
      const user = { ...input, name: (input.name ?? '').slice(0, 200) };
      const key = userKey(user);
      if (knownNames.get(key) === user.name) return;
      await userWrites.submit({ key, user });
      knownNames.set(key, user.name);
    },

    async findUser(key) {
      const row = await q.findUser(db, key);
      return row ? { userKey: row.userKey, name: row.displayName } : null;
    },

    async findUsersByName(platform, workspace, name, limit) {
      return q.findUsersByName(db, platform, workspace, name, limit);
    },

    async createRound(round) {
      const row = await q.insertRound(db, {
        channelKey: round.channelKey,
        kind: round.kind,
        deckId: round.question.deckId,
        questionId: round.question.id,
        question: round.question,
        ownerKey: round.ownerKey ?? null,
        dailyDate: round.dailyDate ?? null,
        openedAt: round.openedAt,
        closesAt: round.closesAt,
      });
      if (row) return { ok: true, round: remember(toRound(row)) };
      if (round.kind === 'daily' && round.dailyDate) {
        const existing = await q.findDailyRound(db, round.channelKey, round.dailyDate);
        return { ok: false, reason: 'daily-exists', existing: existing ? toRound(existing) : null };
      }
      const existing = await q.findOpenQuizRound(db, round.channelKey);
      return { ok: false, reason: 'open-quiz', existing: existing ? toRound(existing) : null };
    },

    async setRoundMessage(roundId, messageRef) {
      const id = roundNumber(roundId);
      if (id === null) return;
      await q.updateRoundMessage(db, id, messageRef);
      const cached = roundCache.get(roundId);
      if (cached) roundCache.set(roundId, { ...cached, messageRef });
    },

    async getRound(roundId, opts) {
      const cached = opts?.fresh ? undefined : roundCache.get(roundId);
      if (cached) return cached;
      const id = roundNumber(roundId);
      if (id === null) return null;
      const row = await q.findRound(db, id);
      // Only rounds with their message settled are cached (closedAt is always re-read where it matters).
      return row ? (row.messageRef || row.ownerKey ? remember(toRound(row)) : toRound(row)) : null;
    },

    async roundByMessage(messageRef) {
      const row = await q.findRoundByMessage(db, messageRef);
      return row ? toRound(row) : null;
    },

    async openQuizRound(key) {
      const row = await q.findOpenQuizRound(db, key);
      return row ? toRound(row) : null;
    },

    async openChannelQuestions(platform, workspace, deckId) {
      // Open rounds are few (rounds_due_idx covers exactly them); the prefix is the tenant of ids.ts.
      const rows = await db
        .select({ questionId: rounds.questionId, channelKey: rounds.channelKey, kind: rounds.kind, closesAt: rounds.closesAt })
        .from(rounds)
        .where(and(isNull(rounds.closedAt), isNull(rounds.ownerKey), ne(rounds.kind, 'practice'), eq(rounds.deckId, deckId), sql`starts_with(${rounds.channelKey}, ${`${platform}:${workspace}:`})`));
      return rows;
    },

    async openDailyRound(key) {
      const row = await q.findOpenDailyRound(db, key);
      return row ? toRound(row) : null;
    },

    async withdrawRound(roundId) {
      const id = roundNumber(roundId);
      const done = id === null ? null : await q.withdrawRound(db, id);
      return done ? { round: remember(toRound(done.row)), voided: done.voided } : null;
    },

    async questionHistory(scope) {
      const rows =
        'ownerKey' in scope
          ? await q.ownerQuestionHistory(db, scope.ownerKey, scope.deckId)
          : await q.channelQuestionHistory(db, scope.channelKey, scope.deckId);
      return rows.map((r) => ({ questionId: r.questionId, times: Number(r.times), lastAt: new Date(r.lastAt ?? 0) }));
    },

    scoredQuizzesSince(key, since) {
      return q.scoredQuizzesSince(db, key, since);
    },

    async discardRound(roundId) {
      const id = roundNumber(roundId);
      if (id === null) return;
      roundCache.delete(roundId);
      await q.deleteRound(db, id);
    },

    async recordAnswer(answer, now, opts) {
      const id = roundNumber(answer.roundId);
      if (id === null) {
        if (opts?.user) await store.saveUser(opts.user);
        return { status: 'not-found' };
      }
      // The user is saved in the answer's statement unless this name is already stored.
      const user = opts?.user ? { ...opts.user, name: (opts.user.name ?? '').slice(0, 200) } : undefined;
      const key = user && userKey(user);
      const saveUser = user && knownNames.get(key!) !== user.name ? { key: key!, user } : undefined;
      const { inserted, card, existing: seen } = await batcher.insert(answer, now, saveUser);
      if (saveUser) knownNames.set(saveUser.key, saveUser.user.name);
      if (inserted) {
        const record: AnswerRecord = {
          roundId: answer.roundId,
          userKey: answer.userKey,
          choice: answer.choice,
          correct: answer.correct,
          points: answer.points,
          bonus: answer.bonus,
          answeredAt: answer.answeredAt,
        };
        return { status: 'recorded', answer: record, ...(opts?.withCard ? { card } : {}) };
      }
      if (seen) return { status: 'duplicate', answer: seen };
      const existing = await q.findAnswer(db, id, answer.userKey);
      if (existing) {
        return {
          status: 'duplicate',
          answer: {
            roundId: String(existing.roundId),
            userKey: existing.userKey,
            choice: existing.choice,
            correct: existing.correct,
            points: existing.points,
            bonus: existing.bonus,
            answeredAt: existing.answeredAt,
          },
        };
      }
      const round = await q.findRound(db, id);
      if (!round || round.channelKey !== answer.channelKey) return { status: 'not-found' };
      // Shown as the close time: when it was due, or earlier if it was closed early.
      const closedAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
      return { status: 'closed', closedAt };
    },

    async userAnswer(roundId, key) {
      const id = roundNumber(roundId);
      const row = id === null ? null : await q.findAnswer(db, id, key);
      return row ? { roundId, userKey: row.userKey, choice: row.choice, correct: row.correct, points: row.points, bonus: row.bonus, answeredAt: row.answeredAt } : null;
    },

    async answerCount(roundId) {
      const id = roundNumber(roundId);
      return id === null ? 0 : Number(await q.countAnswers(db, id));
    },

    async recentCorrectDays(key, since) {
      const rows = await q.correctDaysSince(db, key, since);
      return { dates: rows.map((r) => r.day), bonusGivenOn: rows.filter((r) => r.bonus).map((r) => r.day) };
    },

    studyDays(key) {
      return q.scheduleWeekdays(db, key);
    },

    async closeRound(roundId, now) {
      const id = roundNumber(roundId);
      if (id === null) return null;
      const row = await q.markClosed(db, id, now);
      return row ? remember(toRound(row)) : null;
    },

    async claimDueRounds(now, limit) {
      return (await q.markDueClosed(db, now, limit)).map(toRound);
    },

    async unrevealedRounds(closedBefore, platforms, limit) {
      if (!platforms.length) return [];
      return (await q.findUnrevealed(db, closedBefore, platforms, limit)).map(toRound);
    },

    async markRevealed(roundId, now) {
      const id = roundNumber(roundId);
      if (id !== null) await q.markRevealed(db, id, now);
    },

    async roundResults(roundId, firstN) {
      const id = roundNumber(roundId);
      if (id === null) return { total: 0, perOption: {}, firstCorrect: [] };
      const [total, counts, first] = await Promise.all([
        q.countAnswers(db, id),
        q.optionCounts(db, id),
        q.firstCorrect(db, id, firstN),
      ]);
      return {
        total: Number(total),
        perOption: Object.fromEntries(counts.map((c) => [c.opt, Number(c.n)])),
        firstCorrect: first.map((f) => ({ userKey: f.userKey, name: f.name ?? f.userKey })),
      };
    },

    async leaderboard(query) {
      const rows = await q.leaderboardRows(db, query, query.top + 10);
      const top = rows.filter((r) => r.rank <= query.top).slice(0, query.top + 10);
      const me = rows.find((r) => r.userKey === query.userKey) ?? null;
      return { top, me };
    },

    async userStats(key, filter) {
      const [perDeck, dates] = await Promise.all([q.statsPerDeck(db, key, filter?.deckId), q.correctDates(db, key, filter?.deckId)]);
      return {
        answered: perDeck.reduce((n, d) => n + Number(d.answered), 0),
        correct: perDeck.reduce((n, d) => n + Number(d.correct), 0),
        points: perDeck.reduce((n, d) => n + Number(d.points), 0),
        boardPoints: perDeck.reduce((n, d) => n + Number(d.boardPoints), 0),
        perDeck: perDeck.map((d) => ({ deckId: d.deckId, answered: Number(d.answered), correct: Number(d.correct) })),
        correctDates: dates,
      };
    },
  };
  return withUnavailableErrors(store);
}
