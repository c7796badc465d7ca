// Small named queries; each takes the drizzle db as its first parameter.
import { and, asc, count, desc, eq, isNull, lte, max, ne, sql } from 'drizzle-orm';
import { columnsOf } from './group-commit.js';
import type { Db } from './types.js';
import { answers, channels, rounds, users, type NewRoundRow, type RoundRow } from './schema.js';
import { scheduleChannels } from './schedule-schema.js';
import type { ChannelRef, UserRef } from '../quiz/ids.js';
import type { LeaderboardQuery, LeaderboardRow, NewAnswer } from '../quiz/store.js';

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];
const iso = (d: Date) => d.toISOString();

export async function insertChannelIfMissing(db: Db, key: string, channel: ChannelRef) {
  await db
    .insert(channels)
    .values({ channelKey: key, platform: channel.platform, workspace: channel.workspace })
    .onConflictDoNothing();
}

export async function findChannel(db: Db, key: string) {
  const [row] = await db.select().from(channels).where(eq(channels.channelKey, key));
  return row ?? null;
}

export async function updateChannelTimezone(db: Db, key: string, channel: ChannelRef, timezone: string) {
  await db
    .insert(channels)
    .values({ channelKey: key, platform: channel.platform, workspace: channel.workspace, timezone })
    .onConflictDoUpdate({ target: channels.channelKey, set: { timezone } });
}

/** Inserts or renames users in one statement (one row per key: the last name given wins). */
export async function upsertUsers(db: Db, list: { key: string; user: UserRef }[], now: Date) {
  if (!list.length) return;
  const column = columnsOf(list);
  await db.execute(sql`
    insert into users (user_key, platform, workspace, display_name, updated_at)
    select k, p, w, n, ${iso(now)}::timestamptz
    from unnest(${column((u) => u.key)}::text[], ${column((u) => u.user.platform)}::text[],
                ${column((u) => u.user.workspace)}::text[], ${column((u) => u.user.name)}::text[]) as t(k, p, w, n)
    on conflict (user_key) do update set display_name = excluded.display_name, updated_at = excluded.updated_at
    where users.display_name is distinct from excluded.display_name`);
}

export async function findUser(db: Db, key: string) {
  const [row] = await db.select().from(users).where(eq(users.userKey, key));
  return row ?? null;
}

export async function findUsersByName(db: Db, platform: string, workspace: string, name: string, limit: number) {
  return db
    .select({ userKey: users.userKey, name: users.displayName })
    .from(users)
    .where(and(eq(users.platform, platform), eq(users.workspace, workspace), sql`lower(${users.displayName}) = lower(${name})`))
    .orderBy(asc(users.userKey))
    .limit(limit);
}

/** Inserts a round; null when a unique rule (open quiz, daily date) refused it. */
export async function insertRound(db: Db, row: NewRoundRow): Promise<RoundRow | null> {
  const inserted = await db.insert(rounds).values(row).onConflictDoNothing().returning();
  return inserted[0] ?? null;
}

export async function findRound(db: Db, id: number) {
  const [row] = await db.select().from(rounds).where(eq(rounds.id, id));
  return row ?? null;
}

export async function findRoundByMessage(db: Db, messageRef: string) {
  const [row] = await db.select().from(rounds).where(eq(rounds.messageRef, messageRef));
  return row ?? null;
}

export async function findOpenQuizRound(db: Db, channelKey: string) {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.channelKey, channelKey), eq(rounds.kind, 'quiz'), isNull(rounds.closedAt)));
  return row ?? null;
}

export async function findOpenDailyRound(db: Db, channelKey: string) {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.channelKey, channelKey), eq(rounds.kind, 'daily'), isNull(rounds.closedAt)))
    .orderBy(desc(rounds.openedAt))
    .limit(1);
  return row ?? null;
}

/** Marks a round withdrawn and voids its answers' points, in one statement; null when there is no such round. */
export async function withdrawRound(db: Db, id: number) {
  const result = await db.execute(sql`
    with voided as (
      update ${answers} set points = 0, bonus = 0, on_board = false where round_id = ${id} returning 1
    )
    update ${rounds} set question = question || '{"withdrawn": true}'::jsonb where id = ${id}
    returning (select count(*) from voided)::int as voided`);
  const [done] = rowsOf<{ voided: number }>(result);
  const row = done ? await findRound(db, id) : null;
  return row ? { row, voided: Number(done!.voided) } : null;
}

export async function findDailyRound(db: Db, channelKey: string, dailyDate: string) {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.channelKey, channelKey), eq(rounds.kind, 'daily'), eq(rounds.dailyDate, dailyDate)));
  return row ?? null;
}

export async function updateRoundMessage(db: Db, id: number, messageRef: string) {
  await db.update(rounds).set({ messageRef }).where(eq(rounds.id, id));
}

export async function deleteRound(db: Db, id: number) {
  await db.delete(answers).where(eq(answers.roundId, id));
  await db.delete(rounds).where(eq(rounds.id, id));
}

export async function channelQuestionHistory(db: Db, channelKey: string, deckId: string) {
  return db
    .select({ questionId: rounds.questionId, times: count(), lastAt: max(rounds.openedAt) })
    .from(rounds)
    .where(and(eq(rounds.channelKey, channelKey), eq(rounds.deckId, deckId), ne(rounds.kind, 'practice')))
    .groupBy(rounds.questionId);
}

export async function scheduleWeekdays(db: Db, channelKey: string): Promise<number | null> {
  const [row] = await db.select({ weekdays: scheduleChannels.weekdays }).from(scheduleChannels).where(eq(scheduleChannels.channelKey, channelKey));
  return row?.weekdays ?? null;
}

export async function scoredQuizzesSince(db: Db, channelKey: string, since: Date) {
  const rows = await db
    .select({ openedAt: rounds.openedAt })
    .from(rounds)
    .where(
      and(
        eq(rounds.channelKey, channelKey),
        eq(rounds.kind, 'quiz'),
        sql`${rounds.openedAt} >= ${iso(since)}::timestamptz and ${rounds.question}->>'preview' is null and ${rounds.question}->>'unscored' is null and ${rounds.question}->>'withdrawn' is null`,
      ),
    );
  return rows.map((r) => r.openedAt);
}

export async function ownerQuestionHistory(db: Db, ownerKey: string, deckId: string) {
  return db
    .select({ questionId: rounds.questionId, times: count(), lastAt: max(rounds.openedAt) })
    .from(rounds)
    .where(and(eq(rounds.ownerKey, ownerKey), eq(rounds.deckId, deckId)))
    .groupBy(rounds.questionId);
}

/**
 * One statement: the round must exist in this channel and be open at `now` (FOR SHARE, so a
 * concurrent close waits for this insert, and an insert after a close sees it closed), and the
 * (round, user) primary key keeps exactly one answer whatever the concurrency.
 */
export async function insertAnswerIfOpen(db: Db, a: NewAnswer, now: Date): Promise<{ inserted: boolean }> {
  const choice = sql`array[${sql.join(
    a.choice.map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`;
  const result = await db.execute(sql`
    with open_round as (
      select id from ${rounds}
      where id = ${Number(a.roundId)} and channel_key = ${a.channelKey}
        and closed_at is null and closes_at > ${iso(now)}::timestamptz
      for share
    ), ins as (
      insert into ${answers} (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice,
                              correct, points, bonus, on_board, answered_at, local_date)
      select id, ${a.userKey}, ${a.channelKey}, ${a.roundKind}, ${a.deckId}, ${a.questionId}, ${choice},
             ${a.correct}, ${a.points}, ${a.bonus}, ${a.onBoard}, ${iso(a.answeredAt)}::timestamptz, ${a.localDate}::date
      from open_round
      on conflict (round_id, user_key) do nothing
      returning 1
    )
    select count(*)::int as inserted from ins`);
  const [row] = rowsOf<{ inserted: number }>(result);
  return { inserted: Number(row?.inserted ?? 0) === 1 };
}

export async function findAnswer(db: Db, roundId: number, userKey: string) {
  const [row] = await db
    .select()
    .from(answers)
    .where(and(eq(answers.roundId, roundId), eq(answers.userKey, userKey)));
  return row ?? null;
}

export async function countAnswers(db: Db, roundId: number) {
  const [row] = await db.select({ n: count() }).from(answers).where(eq(answers.roundId, roundId));
  return row?.n ?? 0;
}

export async function correctDaysSince(db: Db, userKey: string, since: Date) {
  const result = await db.execute(sql`
    select local_date::text as day, bool_or(bonus > 0) as bonus
    from ${answers}
    where user_key = ${userKey} and answered_at >= ${iso(since)}::timestamptz and correct
    group by local_date order by local_date`);
  return rowsOf<{ day: string; bonus: boolean }>(result);
}

/** Claims a close: only the first caller gets the row back. */
export async function markClosed(db: Db, id: number, now: Date) {
  const [row] = await db
    .update(rounds)
    .set({ closedAt: now })
    .where(and(eq(rounds.id, id), isNull(rounds.closedAt)))
    .returning();
  return row ?? null;
}

/**
 * Claims due rounds. No SKIP LOCKED: answer inserts hold a share lock on their round, and a busy
 * round must still close on time. A concurrent closer waits, re-checks `closed_at is null` and
 * gets nothing back, so each round is claimed exactly once.
 */
export async function markDueClosed(db: Db, now: Date, limit: number): Promise<RoundRow[]> {
  // Locked in id order, like answer batches, so the two never deadlock.
  const due = db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(isNull(rounds.closedAt), lte(rounds.closesAt, now)))
    .orderBy(asc(rounds.id))
    .limit(limit)
    .for('update');
  return db
    .update(rounds)
    .set({ closedAt: now })
    .where(and(sql`${rounds.id} in ${due}`, isNull(rounds.closedAt)))
    .returning();
}

export async function findUnrevealed(db: Db, closedBefore: Date, platforms: string[], limit: number) {
  const onPlatforms = sql.join(
    platforms.map((p) => sql`${rounds.channelKey} like ${`${p}:%`}`),
    sql` or `,
  );
  return db
    .select()
    .from(rounds)
    .where(
      and(
        sql`${rounds.revealedAt} is null and ${rounds.kind} <> 'practice' and ${rounds.messageRef} is not null`,
        lte(rounds.closedAt, closedBefore),
        sql`(${onPlatforms})`,
      ),
    )
    .orderBy(asc(rounds.closedAt))
    .limit(limit);
}

export async function markRevealed(db: Db, id: number, now: Date) {
  await db.update(rounds).set({ revealedAt: now }).where(eq(rounds.id, id));
}

export async function optionCounts(db: Db, roundId: number) {
  const result = await db.execute(sql`
    select opt, count(*)::int as n from ${answers}, unnest(choice) as opt
    where round_id = ${roundId} group by opt`);
  return rowsOf<{ opt: string; n: number }>(result);
}

export async function firstCorrect(db: Db, roundId: number, limit: number) {
  return db
    .select({ userKey: answers.userKey, name: users.displayName })
    .from(answers)
    .leftJoin(users, eq(users.userKey, answers.userKey))
    .where(and(eq(answers.roundId, roundId), eq(answers.correct, true)))
    .orderBy(asc(answers.answeredAt), asc(answers.userKey))
    .limit(limit);
}

/** Points per user on one channel's board over a period, ranked 1, 2, 2, 4. */
export async function leaderboardRows(db: Db, q: LeaderboardQuery, cap: number) {
  const period = q.since ? sql`and answered_at >= ${iso(q.since)}::timestamptz` : sql``;
  const deck = q.deckId ? sql`and deck_id = ${q.deckId}` : sql``;
  const result = await db.execute(sql`
    with totals as (
      select user_key, sum(points)::int as points,
             count(*) filter (where correct)::int as correct, count(*)::int as answered
      from ${answers}
      where channel_key = ${q.channelKey} and on_board ${period} ${deck}
      group by user_key
    ), ranked as (
      select totals.*, (rank() over (order by points desc))::int as rank from totals
    ), picked as (
      (select * from ranked where rank <= ${q.top} order by rank, user_key limit ${cap})
      union
      (select * from ranked where user_key = ${q.userKey})
    )
    select picked.user_key as "userKey", coalesce(u.display_name, picked.user_key) as name,
           picked.points, picked.correct, picked.answered, picked.rank
    from picked left join ${users} u on u.user_key = picked.user_key
    order by picked.rank, lower(coalesce(u.display_name, picked.user_key)), picked.user_key`);
  return rowsOf<LeaderboardRow>(result).map((r) => ({
    ...r,
    points: Number(r.points),
    correct: Number(r.correct),
    answered: Number(r.answered),
    rank: Number(r.rank),
  }));
}

export async function statsPerDeck(db: Db, userKey: string, deckId?: string) {
  const deck = deckId ? sql`and deck_id = ${deckId}` : sql``;
  const result = await db.execute(sql`
    select deck_id as "deckId", count(*)::int as answered, count(*) filter (where correct)::int as correct,
           coalesce(sum(points), 0)::int as points, coalesce(sum(points) filter (where on_board), 0)::int as "boardPoints"
    from ${answers} where user_key = ${userKey} ${deck} group by deck_id order by deck_id`);
  return rowsOf<{ deckId: string; answered: number; correct: number; points: number; boardPoints: number }>(result);
}

export async function correctDates(db: Db, userKey: string, deckId?: string) {
  const deck = deckId ? sql`and deck_id = ${deckId}` : sql``;
  const result = await db.execute(sql`
    select distinct local_date::text as day from ${answers}
    where user_key = ${userKey} and correct ${deck} order by day`);
  return rowsOf<{ day: string }>(result).map((r) => r.day);
}

