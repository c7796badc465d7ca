// npm run bench:exam — readiness on a large exam and a large channel, and chart rendering.
//   1. One user who has seen every one of 2,000 exam questions: readiness (mapping, SQL tally, math).
//   2. A channel of 1,000 members, each with FSRS cards on CARDS_PER_MEMBER of the 2,000 questions:
//      channel readiness (every member's prediction and the weakest domain).
//   3. The run-up to an exam date: the channel's date and its weakest domain's questions (what a
//      question of the day or a review step in the last 30 days adds).
//   4. The readiness chart: echarts SSR SVG → resvg PNG.
// Goals: readiness p95 < 200 ms for both, chart p95 < 150 ms. Prints figures; asserts nothing.
//
// Database: real Postgres (BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test) in a
// schema of its own, dropped afterwards; PGlite in memory when Postgres is not reachable.
// Options (env): QUESTIONS=2000 MEMBERS=1000 CARDS_PER_MEMBER=200 RUNS=30
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, sql, type Database } from '../src/db/index.js';
import { createExamStore } from '../src/db/exam-store.js';
import type { Deck, Question } from '../src/content/types.js';
import { parseBlueprint } from '../src/exam/blueprint.js';
import { readinessChart } from '../src/exam/charts.js';
import { runUpOf, weakDomainQuestions } from '../src/exam/run-up.js';
import { createExamService } from '../src/exam/service.js';
import { review } from '../src/quiz/memory.js';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const QUESTIONS = env('QUESTIONS', 2000);
const MEMBERS = env('MEMBERS', 1000);
const CARDS_PER_MEMBER = env('CARDS_PER_MEMBER', 200);
const RUNS = env('RUNS', 30);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHANNEL = 'slack:T1:CBENCH';
const NOW = new Date('2026-06-01T09:00:00Z');

const bp = parseBlueprint(readFileSync('content/exams/dva-c02.yml', 'utf8'), 'content/exams/dva-c02.yml').blueprint!;

function bigDeck(): Deck {
  const questions: Question[] = Array.from({ length: QUESTIONS }, (_, i) => ({
    id: `bench:q${i}`,
    deckId: 'bench',
    number: `Q${i + 1}`,
    kind: 'choice',
    prompt: `Question ${i + 1}?`,
    options: ['A', 'B', 'C', 'D'].map((id) => ({ id, text: `Option ${id}` })),
    correct: i % 10 === 0 ? ['A', 'B'] : ['B'],
    explanation: '',
    scored: true,
    domain: String((i % 4) + 1),
    source: { path: 'bench.md', line: i + 1 },
  }));
  return { id: 'bench', path: 'bench.md', title: 'Bench', description: '', command: 'bench', meta: { exam: 'dva-c02' }, concepts: [], questions };
}

async function open(): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const schema = `bench_exam_${randomBytes(4).toString('hex')}`;
  try {
    const database = await openDatabase({ url: URL, schema });
    const drop = async () => {
      await database.close();
      const c = new pg.Client({ connectionString: URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    };
    return { database, label: 'postgres', drop };
  } catch {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, label: 'pglite (Postgres unreachable)', drop: () => database.close() };
  }
}

/** Cards built by ts-fsrs itself (a few templates), spread over the last 60 days. */
async function seed(database: Database) {
  const templates = [
    review(null, new Date('2026-05-01T09:00:00Z'), 'good'),
    review(review(null, new Date('2026-04-20T09:00:00Z'), 'good'), new Date('2026-05-05T09:00:00Z'), 'good'),
    review(null, new Date('2026-05-10T09:00:00Z'), 'again'),
  ].map((c) => JSON.stringify(c));
  const insertCards = async (users: string[], perUser: number) => {
    await database.db.execute(sql`
      insert into memory_cards (user_key, deck_id, question_id, card, last_round_id, last_review_at, last_rating, due)
      select u, 'bench', 'bench:q' || ((k * 7 + h) % ${QUESTIONS}),
             jsonb_set((${sql.param(templates)}::text[])[1 + (k + h) % 3]::jsonb, '{last_review}',
                       to_jsonb(to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
             'r', at, 'good', at + interval '3 days'
      from unnest(${sql.param(users)}::text[]) with ordinality as m(u, h), generate_series(0, ${perUser - 1}) as k,
           lateral (select ${NOW.toISOString()}::timestamptz - ((k + h) % 60) * interval '1 day' as at) t
      on conflict do nothing`);
  };
  await insertCards(['slack:T1:USOLO'], QUESTIONS);
  const members = Array.from({ length: MEMBERS }, (_, i) => `slack:T1:U${i}`);
  for (let i = 0; i < members.length; i += 100) await insertCards(members.slice(i, i + 100), CARDS_PER_MEMBER);
  await database.db.execute(sql`
    insert into answers (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct, points, bonus, on_board, answered_at, local_date)
    select r, u, ${CHANNEL}, 'daily', 'bench', 'bench:q' || r, array['B'], true, 10, 0, true, ${NOW.toISOString()}::timestamptz - r * interval '1 day', current_date
    from unnest(${sql.param(members)}::text[]) as u, generate_series(1, 5) as r`);
  await database.db.execute(sql`analyze`);
}

async function measure(label: string, fn: () => Promise<unknown> | unknown) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms   max ${q(1).padStart(7)} ms`);
}

async function main() {
  const { database, label, drop } = await open();
  try {
    const t = performance.now();
    await seed(database);
    console.log(`exam bench on ${label}: ${QUESTIONS} questions, ${MEMBERS} members × ${CARDS_PER_MEMBER} cards (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s), ${RUNS} runs`);
    const deck = bigDeck();
    const svc = createExamService({ store: createExamStore(database.db), decks: () => [deck], blueprints: () => [bp], clock: { now: () => NOW } });
    let last = await svc.readiness('slack:T1:USOLO', bp);
    await measure(`readiness, one user, ${QUESTIONS} questions seen`, async () => {
      last = await svc.readiness('slack:T1:USOLO', bp);
    });
    console.log(`  → predicted ${last.scaled} (band ${last.band.low}–${last.band.high}), coverage ${(last.coverage * 100).toFixed(0)}%`);
    // Cold: nobody's tallies are stored yet (every member computed from their cards).
    const cold = performance.now();
    let channel = await svc.channel(CHANNEL, bp);
    console.log(`${'readiness channel, cold (every member computed)'.padEnd(58)} ${(performance.now() - cold).toFixed(1)} ms`);
    await measure(`readiness channel, ${MEMBERS} members, tallies fresh`, async () => {
      channel = await svc.channel(CHANNEL, bp);
    });
    // 10 % of the members answered since: only they are recomputed.
    let round = 1000;
    await measure(`readiness channel, 100 of ${MEMBERS} answered since`, async () => {
      round++;
      await database.db.execute(sql`
        insert into answers (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct, points, bonus, on_board, answered_at, local_date)
        select ${round}, 'slack:T1:U' || i, ${CHANNEL}, 'quiz', 'bench', 'bench:q1', array['B'], true, 10, 0, true, ${NOW.toISOString()}::timestamptz - interval '1 second', current_date
        from generate_series(0, 99) as i`);
      // Their stored tallies predate that answer.
      await database.db.execute(sql`update exam_tallies set computed_at = ${NOW.toISOString()}::timestamptz - interval '2 seconds' where user_key in (select 'slack:T1:U' || i from generate_series(0, 99) as i)`);
      channel = await svc.channel(CHANNEL, bp);
    });
    console.log(`  → ${channel.members.length} members, weakest domain ${channel.weakest?.domain.name}`);
    // The run-up to an exam date (src/exam/run-up.ts): what a daily post or a review step adds.
    const exams = { store: createExamStore(database.db), blueprints: () => [bp] };
    await exams.store.setExamDate(CHANNEL, bp.id, { date: '2026-06-20', setBy: 'bench' });
    const found: { weak: Awaited<ReturnType<typeof weakDomainQuestions>> } = { weak: null };
    await measure(`run-up: exam date + weakest-domain questions, ${MEMBERS} members`, async () => {
      const runUp = await runUpOf(exams, deck, CHANNEL, 'UTC', NOW);
      found.weak = runUp && (await weakDomainQuestions(exams, { decks: () => [deck], clock: { now: () => NOW } }, deck, CHANNEL, runUp));
    });
    console.log(`  → ${found.weak?.ids.size ?? 0} questions of domain ${found.weak?.name}`);
    await measure('readiness chart (echarts SSR SVG → resvg PNG)', () => readinessChart(last, 'DVA-C02 readiness · bench'));
    console.log('goals: readiness p95 < 200 ms (user and channel), chart p95 < 150 ms');
  } finally {
    await drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
