// npm run bench:core — the core's storage on real Postgres at scale.
//   1. loads 1M answers from 10k users in 1k channels (100k rounds over 120 days) into its own schema
//   2. leaderboard latency through the store (week / month / all, random channel and caller): p50/p95/p99
//   3. answer-recording throughput: store.recordAnswer and the whole core path (bot.action), concurrent
//   4. drops its schema
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_ANSWERS (default 1000000),
//      BENCH_CONCURRENCY (default 32).
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import pg from 'pg';
import { openDatabase, createQuizStore, sql } from '../src/db/index.js';
import { createStudybot, staticCatalog, snapshotOf } from '../src/quiz/index.js';
import type { ChatPort } from '../src/quiz/api.js';
import type { UserRef } from '../src/quiz/ids.js';
import { apiGatewayDeck } from '../test/support/decks.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL_ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WORKSPACES = 10;
const CHANNELS = 1000; // 100 per workspace
const USERS = 10_000; // 1,000 per workspace
const ANSWERS_PER_ROUND = 10;
const ROUNDS = Math.ceil(TOTAL_ANSWERS / ANSWERS_PER_ROUND);
const DAYS = 120;
const schema = `bench_core_${randomBytes(4).toString('hex')}`;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  console.log(`bench:core on ${url.replace(/\/\/[^@]*@/, '//…@')} schema ${schema}`);
  const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`;
  console.log(load());
  const database = await openDatabase({ url, schema, poolSize: CONCURRENCY });
  try {
    const db = database.db;
    const now = new Date();
    const t0 = performance.now();
    // Channels c = 0..999 belong to workspace c % 10; users u = 0..999 within a workspace.
    await db.execute(sql`
      insert into channels (channel_key, platform, workspace, timezone)
      select 'slack:W' || (c % ${WORKSPACES}) || ':C' || c, 'slack', 'W' || (c % ${WORKSPACES}),
             (array['UTC','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + c % 4]
      from generate_series(0, ${CHANNELS - 1}) c`);
    await db.execute(sql`
      insert into users (user_key, platform, workspace, display_name)
      select 'slack:W' || w || ':U' || u, 'slack', 'W' || w, 'user ' || w || '-' || u
      from generate_series(0, ${WORKSPACES - 1}) w, generate_series(0, ${USERS / WORKSPACES - 1}) u`);
    const deck = apiGatewayDeck();
    const snapshot = snapshotOf(deck, deck.questions[0]!);
    await db.execute(sql`
      insert into rounds (channel_key, kind, deck_id, question_id, question, opened_at, closes_at, closed_at, revealed_at, message_ref)
      select 'slack:W' || (r % ${WORKSPACES}) || ':C' || (r % ${CHANNELS}),
             case when r % 5 = 0 then 'quiz' else 'daily' end, ${deck.id}, ${snapshot.id}, ${JSON.stringify(snapshot)}::jsonb,
             t, t + interval '10 minutes', t + interval '10 minutes', t + interval '10 minutes', 'ref-' || r
      from (select r, ${now.toISOString()}::timestamptz - (r::float / ${ROUNDS} * ${DAYS}) * interval '1 day' as t
            from generate_series(1, ${ROUNDS}) r) s`);
    // 10 distinct users of the channel's workspace per round (k * 729 mod 1000 is distinct for k = 1..10).
    await db.execute(sql`
      insert into answers (round_id, user_key, channel_key, round_kind, deck_id, question_id, choice, correct,
                           points, bonus, on_board, answered_at, local_date)
      select r.id, 'slack:W' || (r.id % ${WORKSPACES}) || ':U' || ((r.id * 7 + k * 729) % 1000), r.channel_key, r.kind,
             r.deck_id, r.question_id, array[case when (r.id + k) % 3 = 0 then 'A' else 'B' end],
             (r.id + k) % 3 <> 0, case when (r.id + k) % 3 <> 0 then 10 else 0 end, 0, true,
             r.opened_at + (k * 17) * interval '1 second', (r.opened_at + (k * 17) * interval '1 second')::date
      from rounds r, generate_series(1, ${ANSWERS_PER_ROUND}) k`);
    await db.execute(sql`vacuum analyze`);
    const counted = ((await db.execute(sql`select count(*)::int as n from answers`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    console.log(`loaded ${counted.toLocaleString('en')} answers, ${ROUNDS.toLocaleString('en')} rounds, ${USERS.toLocaleString('en')} users, ${CHANNELS} channels in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    if (process.env.BENCH_EXPLAIN) {
      const plan = await db.execute(sql.raw(`explain (analyze, buffers) select user_key, sum(points), count(*) filter (where correct)
        from answers where channel_key = 'slack:W1:C1' and on_board and answered_at >= now() - interval '7 days' group by user_key`));
      console.log((plan as unknown as { rows: Record<string, string>[] }).rows.map((r) => Object.values(r)[0]).join('\n'));
    }

    // ---- leaderboard latency (sequential, one caller at a time) ----
    const store = createQuizStore(database);
    const periods: ('week' | 'month' | 'all')[] = ['week', 'month', 'all'];
    const since = { week: new Date(now.getTime() - 7 * 86_400_000), month: new Date(now.getTime() - 30 * 86_400_000), all: null };
    const rand = (n: number) => Math.floor(Math.random() * n);
    for (let i = 0; i < 50; i++) {
      const c = rand(CHANNELS);
      await store.leaderboard({ channelKey: `slack:W${c % WORKSPACES}:C${c}`, since: since.all, userKey: `slack:W${c % WORKSPACES}:U${rand(1000)}`, top: 10 });
    }
    for (const period of [...periods, 'mixed' as const]) {
      const times: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const c = rand(CHANNELS);
        const p = period === 'mixed' ? periods[i % 3]! : period;
        const start = performance.now();
        await store.leaderboard({ channelKey: `slack:W${c % WORKSPACES}:C${c}`, since: since[p], userKey: `slack:W${c % WORKSPACES}:U${rand(1000)}`, top: 10 });
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`leaderboard ${period.padEnd(5)} (1,000 queries): p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times.at(-1)!)}`);
    }

    // ---- answer recording throughput ----
    const limit = pLimit(CONCURRENCY);
    const benchChannels = 200;
    const perChannel = 100;
    const open = await Promise.all(
      Array.from({ length: benchChannels }, async (_, i) => {
        const channel = { platform: 'slack' as const, workspace: `W${i % WORKSPACES}`, channel: `C${i}` };
        const created = await store.createRound({
          channelKey: `slack:${channel.workspace}:${channel.channel}`,
          kind: 'quiz',
          question: snapshot,
          openedAt: now,
          closesAt: new Date(now.getTime() + 3_600_000),
        });
        if (!created.ok) throw new Error('could not open a bench round');
        await store.setRoundMessage(created.round.id, `bench-${i}`);
        return { round: created.round, channel };
      }),
    );
    const storeJobs = open.flatMap(({ round, channel }) =>
      Array.from({ length: perChannel / 2 }, (_, u) => () =>
        store.recordAnswer(
          {
            roundId: round.id,
            userKey: `slack:${channel.workspace}:U${u}`,
            channelKey: round.channelKey,
            roundKind: 'quiz',
            deckId: round.deckId,
            questionId: round.questionId,
            choice: ['B'],
            correct: true,
            points: 10,
            bonus: 0,
            onBoard: true,
            answeredAt: new Date(),
            localDate: now.toISOString().slice(0, 10),
          },
          new Date(),
        ),
      ),
    );
    let start = performance.now();
    const storeResults = await Promise.all(storeJobs.map((job) => limit(job)));
    let secs = (performance.now() - start) / 1000;
    const recorded = storeResults.filter((r) => r.status === 'recorded').length;
    console.log(`recordAnswer (store, ${CONCURRENCY} concurrent): ${recorded.toLocaleString('en')} answers in ${secs.toFixed(2)} s = ${Math.round(recorded / secs).toLocaleString('en')} answers/s`);

    const chat: ChatPort = { platform: 'slack', post: async () => 'unused', update: async () => {} };
    const bot = createStudybot({ store, decks: staticCatalog([deck]), countEditIntervalMs: 3000 });
    bot.attachChat(chat);
    const botJobs = open.flatMap(({ round, channel }) =>
      Array.from({ length: perChannel / 2 }, (_, k) => () => {
        const u = perChannel / 2 + k;
        const user: UserRef = { platform: 'slack', workspace: channel.workspace, id: `U${u}`, name: `user ${u}`, isAdmin: false };
        return bot.action({ channel, user, actionId: `a:${round.id}:B`, messageRef: round.messageRef });
      }),
    );
    start = performance.now();
    const botReplies = await Promise.all(botJobs.map((job) => limit(job)));
    secs = (performance.now() - start) / 1000;
    const ok = botReplies.filter((r) => r[0]?.view.text.startsWith('Correct')).length;
    console.log(`bot.action answer clicks (whole core, ${CONCURRENCY} concurrent): ${ok.toLocaleString('en')} answers in ${secs.toFixed(2)} s = ${Math.round(ok / secs).toLocaleString('en')} answers/s`);
    await bot.flush();
    console.log(load());
  } finally {
    await database.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    console.log(`dropped schema ${schema}`);
  }
}

await main();
