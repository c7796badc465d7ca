// The exam's storage port (src/exam/store.ts) on drizzle: sessions, results, exam dates, and the
// readiness query over the FSRS cards of memory_cards.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { AccuracyPoint } from '../exam/charts.js';
import type { ExamResult, ExamSession } from '../exam/mock-exam.js';
import { addMockEvidence, type DomainTally, type RecallQuestion } from '../exam/readiness.js';
import type { StoredCard } from '../quiz/memory.js';
import type { ExamStore } from '../exam/store.js';
import { withUnavailableErrors } from './errors.js';
import { examDates, examSessions, type CachedTallies, type ExamSessionRow } from './exam-schema.js';
import { columnsOf } from './group-commit.js';
const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];
import type { Db } from './types.js';

const toSession = (r: ExamSessionRow): ExamSession => ({
  id: String(r.id),
  userKey: r.userKey,
  channelKey: r.channelKey,
  examId: r.examId,
  items: r.items,
  requested: r.requested,
  answers: r.answers,
  flagged: r.flagged,
  position: r.position,
  startedAt: r.startedAt,
  endsAt: r.endsAt,
  endedAt: r.endedAt,
  endReason: r.endReason,
  version: r.version,
});

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) if ((e as { code?: unknown }).code === '23505') return true;
  return false;
};

/**
 * readiness.ts's recallOf in SQL: ts-fsrs's forgetting curve R = (1 + factor·t/S)^decay over the
 * fractional days t since the last review, rounded to 8 places. Every stored card has been reviewed
 * at least once (never New), and `last_review_at` is its `last_review` as a real column: one JSON
 * field read per row, not three.
 */
const recallSql = (now: Date, curve: { decay: number; factor: number }) => sql`
  coalesce(round(1e8 * power(1 + ${curve.factor}::float8
          * greatest(extract(epoch from (${now.toISOString()}::timestamptz - c.last_review_at)) / 86400, 0)
          / nullif((c.card->'stability')::float8, 0), ${curve.decay}::float8)) / 1e8, 0)`;

/** Bumped when what a tally means changes, so cached tallies of the old meaning are not reused. */
const TALLY_VERSION = 'evidence-v3-mock';

/** A member's tallies stay usable this long when they have not answered since (a card changes only on an answer). */
const TALLY_TTL_MS = 60 * 60_000;

/** Ended mock exams counted for a user (the caller adds the user condition). */
const endedExamsSql = (now: Date, select = '') =>
  sql`select ${sql.raw(select)} count(*)::int as n from exam_sessions s where s.ended_at is not null and s.ended_at <= ${now.toISOString()}::timestamptz`;

/** Names the exact question list, priors and curve the tallies were computed for. */
function examKeyOf(questions: RecallQuestion[], curve: { decay: number; factor: number }): string {
  const h = createHash('sha256').update(`${TALLY_VERSION}:${curve.decay}:${curve.factor}`);
  for (const q of questions) h.update(`\u0000${q.deckId}\u0001${q.questionId}\u0001${q.domainId}\u0001${q.guess}\u0001${q.prior}`);
  return h.digest('hex');
}

/**
 * Each user's latest answer per question in ended mock exams (`mock` rows: user_key, deck_id,
 * question_id, is_right, ended_at). Unanswered items are not evidence. Right means exactly the options the
 * item held as right when the exam was drawn (both arrays are stored sorted), as its result scored it.
 */
const mockAnswersSql = (users: string[], decks: string[], now: Date) => sql`
  mock as (
    select distinct on (s.user_key, it.item->>'deckId', it.item->>'questionId')
           s.user_key, it.item->>'deckId' as deck_id, it.item->>'questionId' as question_id,
           (s.answers -> (it.n::int - 1)) = (it.item -> 'correct') as is_right, s.ended_at
    from exam_sessions s
    cross join lateral jsonb_array_elements(s.items) with ordinality as it(item, n)
    where s.user_key = any(${sql.param(users)}::text[]) and s.ended_at is not null and s.ended_at <= ${now.toISOString()}::timestamptz
      and it.item->>'deckId' = any(${sql.param(decks)}::text[])
      and jsonb_typeof(s.answers -> (it.n::int - 1)) = 'array'
    order by s.user_key, it.item->>'deckId', it.item->>'questionId', s.ended_at desc, s.id desc
  )`;

const questionsSql = (questions: RecallQuestion[]) => {
  const col = columnsOf(questions);
  return sql`
    q as (
      select * from unnest(${col((q) => q.deckId)}::text[], ${col((q) => q.questionId)}::text[], ${col((q) => q.domainId)}::text[],
                           ${col((q) => q.guess)}::float8[], ${col((q) => q.prior)}::float8[]) as q(deck_id, question_id, domain_id, guess, prior)
    )`;
};

/**
 * Per user and domain: questions seen and Σ(evidence − prior) (readiness.ts's evidenceOf), from the
 * latest evidence per question: the FSRS cards (R computed in SQL), then, from a second query, the
 * mock exam answers later than their question's card, counted with ts-fsrs (mockEvidenceOf) in
 * place of that card.
 */
async function computeTallies(db: Db, users: string[], questions: RecallQuestion[], now: Date, curve: { decay: number; factor: number }) {
  const out = new Map<string, Map<string, DomainTally>>(users.map((u) => [u, new Map()]));
  if (!users.length || !questions.length) return out;
  const decks = [...new Set(questions.map((q) => q.deckId))];
  // R per card first (narrow rows), then a hash join with the few thousand questions.
  const result = await db.execute(sql`
    with ${questionsSql(questions)}
    select c.user_key, q.domain_id, count(*)::int as seen,
           sum(case when c.wrong then 0 else c.r + (1 - c.r) * q.guess end - q.prior)::float8 as lift
    from (
      select c.user_key, c.deck_id, c.question_id, c.last_rating = 'again' as wrong, ${recallSql(now, curve)} as r
      from memory_cards c
      where c.user_key = any(${sql.param(users)}::text[]) and c.deck_id = any(${sql.param(decks)}::text[])
      offset 0 -- a fence: R is computed here, on narrow rows, before the join and the grouping
    ) c
    join q on q.deck_id = c.deck_id and q.question_id = c.question_id
    group by c.user_key, q.domain_id`);
  for (const r of rowsOf<{ user_key: string; domain_id: string; seen: number; lift: number }>(result)) {
    out.get(r.user_key)?.set(r.domain_id, { seen: Number(r.seen), lift: Number(r.lift) });
  }
  // The mock answers that are the latest evidence of their question, with what the card (if any)
  // added above, taken out again (no anti-join on the cards: it cost the query above a sort).
  const mocks = await db.execute(sql`
    with ${questionsSql(questions)}, ${mockAnswersSql(users, decks, now)}
    select m.user_key, q.domain_id, q.guess, q.prior, m.is_right, m.ended_at, c.card,
           case when c.user_key is null then null when c.last_rating = 'again' then 0::float8
                else (${recallSql(now, curve)}) + (1 - (${recallSql(now, curve)})) * q.guess end as card_evidence
    from mock m
    join q on q.deck_id = m.deck_id and q.question_id = m.question_id
    left join memory_cards c on c.user_key = m.user_key and c.deck_id = m.deck_id and c.question_id = m.question_id
    where c.user_key is null or c.last_review_at < m.ended_at`);
  const perUser = new Map<string, Parameters<typeof addMockEvidence>[1]>();
  type MockRow = { user_key: string; domain_id: string; guess: number; prior: number; is_right: boolean; ended_at: Date | string; card: StoredCard | string | null; card_evidence: number | null };
  for (const r of rowsOf<MockRow>(mocks)) {
    const rows = perUser.get(r.user_key) ?? [];
    const card = typeof r.card === 'string' ? (JSON.parse(r.card) as StoredCard) : r.card;
    const cardEvidence = r.card_evidence === null ? null : Number(r.card_evidence);
    rows.push({ domainId: r.domain_id, guess: Number(r.guess), prior: Number(r.prior), card, cardEvidence, mock: { right: r.is_right === true, at: new Date(r.ended_at) } });
    perUser.set(r.user_key, rows);
  }
  for (const [user, rows] of perUser) {
    const tallies = out.get(user);
    if (tallies) addMockEvidence(tallies, rows, now);
  }
  return out;
}

const id = (sessionId: string) => (/^\d{1,15}$/.test(sessionId) ? Number(sessionId) : -1);

export function createExamStore(db: Db): ExamStore {
  const store: ExamStore = {
    async start(s) {
      try {
        const [row] = await db
          .insert(examSessions)
          .values({ ...s, endedAt: null, endReason: null })
          .returning();
        return { ok: true, session: toSession(row!) };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const existing = await store.active(s.userKey);
        if (!existing) throw err;
        return { ok: false, existing };
      }
    },

    async active(userKey) {
      const [row] = await db.select().from(examSessions).where(and(eq(examSessions.userKey, userKey), isNull(examSessions.endedAt))).limit(1);
      return row ? toSession(row) : null;
    },

    async get(sessionId) {
      const [row] = await db.select().from(examSessions).where(eq(examSessions.id, id(sessionId))).limit(1);
      return row ? toSession(row) : null;
    },

    async save(s) {
      const [row] = await db
        .update(examSessions)
        .set({ answers: s.answers, flagged: s.flagged, position: s.position, version: s.version + 1 })
        .where(and(eq(examSessions.id, id(s.id)), eq(examSessions.version, s.version), isNull(examSessions.endedAt)))
        .returning();
      return row ? toSession(row) : null;
    },

    async finish(s, result) {
      const [row] = await db
        .update(examSessions)
        .set({ answers: s.answers, flagged: s.flagged, position: s.position, endedAt: s.endedAt ?? s.endsAt, endReason: result.endReason, result, scaled: result.scaled, version: s.version + 1 })
        .where(and(eq(examSessions.id, id(s.id)), eq(examSessions.version, s.version), isNull(examSessions.endedAt)))
        .returning();
      return row ? toSession(row) : null;
    },

    async expired(now, limit) {
      const rows = await db
        .select()
        .from(examSessions)
        .where(and(isNull(examSessions.endedAt), lte(examSessions.endsAt, now)))
        .orderBy(asc(examSessions.endsAt))
        .limit(limit);
      return rows.map(toSession);
    },

    async history(userKey, examId, limit) {
      const rows = await db
        .select({ id: examSessions.id, examId: examSessions.examId, startedAt: examSessions.startedAt, endedAt: examSessions.endedAt, result: examSessions.result, answers: examSessions.answers })
        .from(examSessions)
        .where(and(eq(examSessions.userKey, userKey), eq(examSessions.examId, examId), isNotNull(examSessions.endedAt)))
        .orderBy(desc(examSessions.startedAt))
        .limit(limit);
      return rows
        .filter((r) => r.result && r.endedAt)
        .reverse()
        .map((r) => {
          const res = r.result as ExamResult;
          return {
            sessionId: String(r.id),
            examId: r.examId,
            startedAt: r.startedAt,
            endedAt: r.endedAt!,
            asked: res.asked,
            answered: r.answers.filter((a) => a !== null).length,
            correct: res.correct,
            scaled: res.scaled,
            passed: res.passed,
            comparable: !res.notComparable,
            perDomain: res.perDomain.map((d) => ({ domainId: d.domainId, asked: d.asked, correct: d.correct })),
          };
        });
    },

    async result(sessionId) {
      const [row] = await db.select({ result: examSessions.result }).from(examSessions).where(eq(examSessions.id, id(sessionId))).limit(1);
      return row?.result ?? null;
    },

    async domainTallies(scope, questions, now, curve) {
      if ('userKeys' in scope) return computeTallies(db, [...new Set(scope.userKeys)], questions, now, curve);
      // Index-only on answers_board_idx: everyone who answered a channel question there.
      const members = rowsOf<{ user_key: string }>(await db.execute(sql`select distinct user_key from answers where channel_key = ${scope.channelKey} and on_board`)).map((r) => r.user_key);
      if (!members.length) return new Map();
      const key = examKeyOf(questions, curve);
      // Fresh: computed within the TTL, no answer by that member since, and as many ended mock
      // exams as then (a mock exam's answers are evidence too; the sweep may end one at its
      // earlier end time, so its ended_at alone could not tell).
      const fresh = await db.execute(sql`
        select t.user_key, t.tallies from exam_tallies t
        where t.user_key = any(${sql.param(members)}::text[]) and t.exam_key = ${key}
          and t.computed_at > ${new Date(now.getTime() - TALLY_TTL_MS).toISOString()}::timestamptz and t.computed_at <= ${now.toISOString()}::timestamptz
          and not exists (select 1 from answers a where a.user_key = t.user_key and a.answered_at > t.computed_at)
          and (t.tallies->>'endedExams')::int = (${endedExamsSql(now)} and s.user_key = t.user_key)`);
      const out = new Map<string, Map<string, DomainTally>>();
      for (const r of rowsOf<{ user_key: string; tallies: CachedTallies }>(fresh)) out.set(r.user_key, new Map(Object.entries(r.tallies.domains)));
      const stale = members.filter((u) => !out.has(u));
      if (stale.length) {
        // Counted before the tallies: an exam ending in between makes them look stale next time, never fresh.
        const ended = await db.execute(sql`${endedExamsSql(now, 's.user_key,')} and s.user_key = any(${sql.param(stale)}::text[]) group by s.user_key`);
        const endedBy = new Map(rowsOf<{ user_key: string; n: number }>(ended).map((r) => [r.user_key, Number(r.n)]));
        const computed = await computeTallies(db, stale, questions, now, curve);
        const rows = [...computed].map(([userKey, t]) => ({ userKey, tallies: JSON.stringify({ domains: Object.fromEntries(t), endedExams: endedBy.get(userKey) ?? 0 } satisfies CachedTallies) }));
        const col = columnsOf(rows);
        await db.execute(sql`
          insert into exam_tallies (user_key, exam_key, computed_at, tallies)
          select u, ${key}, ${now.toISOString()}::timestamptz, t::jsonb
          from unnest(${col((r) => r.userKey)}::text[], ${col((r) => r.tallies)}::text[]) as x(u, t)
          on conflict (user_key, exam_key) do update set computed_at = excluded.computed_at, tallies = excluded.tallies`);
        for (const [u, t] of computed) out.set(u, t);
      }
      return new Map(members.map((u) => [u, out.get(u) ?? new Map<string, DomainTally>()]));
    },

    async domainAccuracy(userKey, questions, tz, since) {
      const col = columnsOf(questions);
      const result = await db.execute(sql`
        with q as (
          select * from unnest(${col((q) => q.deckId)}::text[], ${col((q) => q.questionId)}::text[], ${col((q) => q.domainId)}::text[]) as q(deck_id, question_id, domain_id)
        )
        select to_char(date_trunc('week', a.answered_at at time zone ${tz}), 'YYYY-MM-DD') as week, q.domain_id,
               count(*)::int as asked, (count(*) filter (where a.correct))::int as correct
        from answers a
        join q on q.deck_id = a.deck_id and q.question_id = a.question_id
        where a.user_key = ${userKey} and a.answered_at >= ${since.toISOString()}::timestamptz
        group by 1, 2
        order by 1, 2`);
      const rows = ((result as { rows?: unknown[] }).rows ?? []) as { week: string; domain_id: string; asked: number; correct: number }[];
      const weeks = new Map<string, AccuracyPoint>();
      for (const r of rows) {
        const point = weeks.get(r.week) ?? { label: r.week, perDomain: [] };
        point.perDomain.push({ domainId: r.domain_id, asked: Number(r.asked), correct: Number(r.correct) });
        weeks.set(r.week, point);
      }
      return [...weeks.values()];
    },

    async setExamDate(channelKey, examId, value) {
      if (!value) {
        await db.delete(examDates).where(and(eq(examDates.channelKey, channelKey), eq(examDates.examId, examId)));
        return;
      }
      await db
        .insert(examDates)
        .values({ channelKey, examId, examDate: value.date, setBy: value.setBy })
        .onConflictDoUpdate({ target: [examDates.channelKey, examDates.examId], set: { examDate: value.date, setBy: value.setBy, updatedAt: sql`now()` } });
    },

    async examDate(channelKey, examId) {
      const [row] = await db.select().from(examDates).where(and(eq(examDates.channelKey, channelKey), eq(examDates.examId, examId))).limit(1);
      return row ? { channelKey: row.channelKey, examId: row.examId, date: row.examDate, setBy: row.setBy } : null;
    },
  };
  return withUnavailableErrors(store);
}
