// The exam's storage port (src/exam/store.ts) on drizzle: sessions, results, exam dates, and the
// readiness query over the FSRS cards of memory_cards.
import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { AccuracyPoint } from '../exam/charts.js';
import type { ExamResult, ExamSession } from '../exam/mock-exam.js';
import type { DomainTally } from '../exam/readiness.js';
import type { ExamStore } from '../exam/store.js';
import { withUnavailableErrors } from './errors.js';
import { examDates, examSessions, type ExamSessionRow } from './exam-schema.js';
import { columnsOf } from './group-commit.js';
import type { Db } from './types.js';

const toSession = (r: ExamSessionRow): ExamSession => ({
  id: String(r.id),
  userKey: r.userKey,
  channelKey: r.channelKey,
  examId: r.examId,
  items: r.items,
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

/** ts-fsrs's get_retrievability in SQL: whole elapsed days, R = (1 + factor·t/S)^decay rounded to 8 places; 0 for a new card. */
const recallSql = (now: Date, curve: { decay: number; factor: number }) => sql`
  case when (c.card->>'state')::int = 0 or c.card->>'last_review' is null then 0::float8
  else round(power(1 + ${curve.factor}::float8
          * greatest(floor(extract(epoch from (${now.toISOString()}::timestamptz - (c.card->>'last_review')::timestamptz)) / 86400), 0)
          / nullif((c.card->>'stability')::float8, 0), ${curve.decay}::float8)::numeric, 8)::float8 end`;

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
        .select({ id: examSessions.id, examId: examSessions.examId, startedAt: examSessions.startedAt, endedAt: examSessions.endedAt, result: examSessions.result })
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
            correct: res.correct,
            scaled: res.scaled,
            passed: res.passed,
            perDomain: res.perDomain.map((d) => ({ domainId: d.domainId, asked: d.asked, correct: d.correct })),
          };
        });
    },

    async result(sessionId) {
      const [row] = await db.select({ result: examSessions.result }).from(examSessions).where(eq(examSessions.id, id(sessionId))).limit(1);
      return row?.result ?? null;
    },

    async domainTallies(scope, questions, now, curve) {
      const out = new Map<string, Map<string, DomainTally>>();
      const col = columnsOf(questions);
      const members =
        'userKeys' in scope
          ? sql`select distinct unnest(${sql.param(scope.userKeys)}::text[]) as user_key`
          : // Index-only on answers_board_idx: everyone who answered a channel question there.
            sql`select distinct a.user_key from answers a where a.channel_key = ${scope.channelKey} and a.on_board`;
      const result = await db.execute(sql`
        with q as (
          select * from unnest(${col((q) => q.deckId)}::text[], ${col((q) => q.questionId)}::text[], ${col((q) => q.domainId)}::text[],
                               ${col((q) => q.guess)}::float8[], ${col((q) => q.prior)}::float8[]) as q(deck_id, question_id, domain_id, guess, prior)
        ), m as (${members})
        select m.user_key, t.domain_id, t.seen, t.lift
        from m
        left join lateral (
          select q.domain_id, count(*)::int as seen, sum(x.r + (1 - x.r) * q.guess - q.prior)::float8 as lift
          from memory_cards c
          join q on q.deck_id = c.deck_id and q.question_id = c.question_id
          cross join lateral (select ${recallSql(now, curve)} as r) x
          where c.user_key = m.user_key
          group by q.domain_id
        ) t on true`);
      const rows = ((result as { rows?: unknown[] }).rows ?? []) as { user_key: string; domain_id: string | null; seen: number | null; lift: number | null }[];
      for (const r of rows) {
        const mine = out.get(r.user_key) ?? new Map<string, DomainTally>();
        if (r.domain_id !== null) mine.set(r.domain_id, { seen: Number(r.seen), lift: Number(r.lift) });
        out.set(r.user_key, mine);
      }
      return out;
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

    async setExamDate(channelKey, value) {
      if (!value) {
        await db.delete(examDates).where(eq(examDates.channelKey, channelKey));
        return;
      }
      await db
        .insert(examDates)
        .values({ channelKey, examId: value.examId, examDate: value.date, setBy: value.setBy })
        .onConflictDoUpdate({ target: examDates.channelKey, set: { examId: value.examId, examDate: value.date, setBy: value.setBy, updatedAt: sql`now()` } });
    },

    async examDate(channelKey) {
      const [row] = await db.select().from(examDates).where(eq(examDates.channelKey, channelKey)).limit(1);
      return row ? { channelKey: row.channelKey, examId: row.examId, date: row.examDate, setBy: row.setBy } : null;
    },
  };
  return withUnavailableErrors(store);
}
