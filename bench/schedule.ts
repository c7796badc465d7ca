// npm run bench:schedule — 5,000 channels due in the same minute, three scheduler processes
// (each its own core, database pool and scheduler) on one database, posting through an HTTP chat
// port to a fake platform API on 127.0.0.1 that rate-limits (429 + Retry-After) like Slack does.
// Prints the time until every channel has its question and how many were posted twice.
//
// Database: real Postgres (BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test) in a
// schema of its own, dropped afterwards; PGlite in memory when Postgres is not reachable.
// Options (env): CHANNELS=5000 INSTANCES=3 CONCURRENCY=16 RATE=400 (requests/s the fake allows)
// RANDOM_429=0.02 (share of requests refused at random) TIMEOUT_S=180.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { DateTime } from 'luxon';
import { createQuizStore, openDatabase, type Database } from '../src/db/index.js';
import { scheduleChannels } from '../src/db/schedule-schema.js';
import { createStudybot, staticCatalog } from '../src/quiz/index.js';
import type { ChatPort, Studybot } from '../src/quiz/api.js';
import { channelKey, type ChannelRef } from '../src/quiz/ids.js';
import type { MessageView } from '../src/quiz/views.js';
import { createScheduler, listClaims, type Scheduler } from '../src/schedule/index.js';
import type { Deck, Question } from '../src/content/types.js';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CHANNELS = env('CHANNELS', 5000);
const INSTANCES = env('INSTANCES', 3);
const CONCURRENCY = env('CONCURRENCY', 16);
const RATE = env('RATE', 400);
const RANDOM_429 = env('RANDOM_429', 0.02);
const TIMEOUT_MS = env('TIMEOUT_S', 180) * 1000;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo'];
const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

// ---------- the fake platform ----------

interface FakePlatform {
  url: string;
  postsByChannel: Map<string, number>;
  stats: { requests: number; limited: number; posts: number; updates: number; lastPostAt: number };
  close(): Promise<void>;
}

async function startFakePlatform(): Promise<FakePlatform> {
  const postsByChannel = new Map<string, number>();
  const stats = { requests: 0, limited: 0, posts: 0, updates: 0, lastPostAt: 0 };
  // A one-second window shared by all callers, like a per-app limit: past RATE, 429 until the window ends.
  let windowStart = Date.now();
  let inWindow = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      stats.requests++;
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      inWindow++;
      if (inWindow > RATE || Math.random() < RANDOM_429) {
        stats.limited++;
        const retryAfter = inWindow > RATE ? Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000)) : 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const payload = JSON.parse(body || '{}') as { channel?: string };
      if (req.url === '/api/chat.postMessage' && payload.channel) {
        stats.posts++;
        stats.lastPostAt = now;
        postsByChannel.set(payload.channel, (postsByChannel.get(payload.channel) ?? 0) + 1);
      } else {
        stats.updates++;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ts: `${Math.floor(now / 1000)}.${String(++seq).padStart(6, '0')}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    postsByChannel,
    stats,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

class RateLimited extends Error {
  readonly status = 429;
  constructor(readonly headers: Record<string, string>) {
    super('ratelimited');
  }
}

/** A minimal Slack-like chat port over HTTP; a 429 surfaces with its Retry-After header. */
function httpChat(baseUrl: string): ChatPort {
  const call = async (method: string, payload: unknown) => {
    const res = await fetch(`${baseUrl}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.status === 429) throw new RateLimited({ 'retry-after': res.headers.get('retry-after') ?? '1' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as { ok: boolean; ts: string };
  };
  return {
    platform: 'slack',
    async post(channel: ChannelRef, view: MessageView) {
      const { ts } = await call('chat.postMessage', { channel: channelKey(channel), text: view.text });
      return `${channelKey(channel)}:${ts}`;
    },
    async update(messageRef: string, view: MessageView) {
      await call('chat.update', { ref: messageRef, text: view.text });
    },
  };
}

// ---------- content ----------

function benchDeck(): Deck {
  const questions: Question[] = Array.from({ length: 20 }, (_, i) => ({
    id: `bench:q${i + 1}`,
    deckId: 'bench',
    number: `Q${i + 1}`,
    kind: 'choice',
    prompt: `Benchmark question ${i + 1}?`,
    options: ['A', 'B', 'C', 'D'].map((id) => ({ id, text: `Option ${id}` })),
    correct: ['B'],
    explanation: 'Because.',
    scored: true,
    source: { path: 'bench.md', line: i + 1 },
  }));
  return { id: 'bench', path: 'bench.md', title: 'Bench', description: '', command: 'bench', meta: {}, concepts: [], questions };
}

// ---------- database ----------

async function openBenchDatabase(): Promise<{ databases: Database[]; label: string; cleanup(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  const reachable = await probe
    .connect()
    .then(() => probe.end())
    .then(() => true)
    .catch(() => false);
  if (reachable) {
    const schema = `bench_schedule_${randomBytes(4).toString('hex')}`;
    const first = await openDatabase({ url, schema, poolSize: 10, log });
    const databases = [first];
    for (let i = 1; i < INSTANCES; i++) databases.push(await openDatabase({ url, schema, poolSize: 10, migrate: false }));
    return {
      databases,
      label: `Postgres (schema ${schema})`,
      async cleanup() {
        for (const d of databases) await d.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  return {
    databases: Array.from({ length: INSTANCES }, () => database),
    label: 'PGlite (in memory; Postgres not reachable)',
    cleanup: () => database.close(),
  };
}

// ---------- run ----------

async function main() {
  const platform = await startFakePlatform();
  const { databases, label, cleanup } = await openBenchDatabase();
  const schedulers: Scheduler[] = [];
  try {
    // Every channel is due at the start of the current minute (each in its own timezone).
    const dueAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const setAt = new Date(dueAt.getTime() - 60_000);
    const rows = Array.from({ length: CHANNELS }, (_, i) => {
      const zone = ZONES[i % ZONES.length]!;
      return {
        channelKey: `slack:T${i % 50}:C${i}`,
        enabled: true,
        timeOfDay: DateTime.fromJSDate(dueAt, { zone }).toFormat('HH:mm'),
        timezone: zone,
        weekdays: 0b1111111,
        deckId: 'bench',
        closeAfterMinutes: 480,
        effectiveFrom: setAt,
        updatedBy: null,
        updatedAt: setAt,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await databases[0]!.db.insert(scheduleChannels).values(rows.slice(i, i + 1000));

    const decks = staticCatalog([benchDeck()]);
    const calls = { n: 0, totalMs: 0, active: 0, peak: 0 };
    for (let i = 0; i < INSTANCES; i++) {
      const core = createStudybot({ store: createQuizStore(databases[i]!), decks, log });
      core.attachChat(httpChat(platform.url));
      const bot: Pick<Studybot, 'startRound' | 'closeDueRounds'> = {
        closeDueRounds: () => core.closeDueRounds(),
        async startRound(req) {
          const t0 = performance.now();
          calls.peak = Math.max(calls.peak, ++calls.active);
          try {
            return await core.startRound(req);
          } finally {
            calls.active--;
            calls.n++;
            calls.totalMs += performance.now() - t0;
          }
        },
      };
      schedulers.push(createScheduler({ database: databases[i]!, bot, log, instanceId: `bench-${i + 1}`, concurrency: CONCURRENCY }));
    }

    console.log(
      `bench:schedule — ${CHANNELS} channels due at ${dueAt.toISOString()}, ${INSTANCES} scheduler instances × concurrency ${CONCURRENCY}, ` +
        `fake platform: ${RATE} req/s then 429, plus ${(RANDOM_429 * 100).toFixed(1)}% random 429; database: ${label}`,
    );
    const started = Date.now();
    await Promise.all(schedulers.map((s) => s.start()));
    while (platform.postsByChannel.size < CHANNELS && Date.now() - started < TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const allPostedMs = platform.postsByChannel.size === CHANNELS ? platform.stats.lastPostAt - started : null;
    // Give stragglers a moment to show any duplicate.
    await new Promise((r) => setTimeout(r, 2000));
    await Promise.all(schedulers.map((s) => s.stop()));

    const duplicates = [...platform.postsByChannel.values()].reduce((n, c) => n + (c > 1 ? c - 1 : 0), 0);
    const claims = await listClaims(databases[0]!.db);
    const states: Record<string, number> = {};
    const owners: Record<string, number> = {};
    for (const c of claims) {
      states[c.state] = (states[c.state] ?? 0) + 1;
      owners[c.owner] = (owners[c.owner] ?? 0) + 1;
    }
    console.log(`channels posted:        ${platform.postsByChannel.size} / ${CHANNELS}`);
    console.log(`time until all posted:  ${allPostedMs === null ? `NOT ALL within ${TIMEOUT_MS / 1000} s` : `${(allPostedMs / 1000).toFixed(1)} s`}`);
    console.log(`duplicates:             ${duplicates}`);
    console.log(`platform requests:      ${platform.stats.requests} (${platform.stats.limited} answered 429, ${platform.stats.posts} posts)`);
    console.log(`core startRound:        ${calls.n} calls, mean ${(calls.totalMs / Math.max(1, calls.n)).toFixed(0)} ms, peak ${calls.peak} at once`);
    console.log(`claims by state:        ${JSON.stringify(states)}`);
    console.log(`claims by instance:     ${JSON.stringify(owners)}`);
    const ok = allPostedMs !== null && allPostedMs < 120_000 && duplicates === 0;
    console.log(`goal (all < 120 s, 0 duplicates): ${ok ? 'met' : 'NOT met'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await Promise.all(schedulers.map((s) => s.stop()));
    await cleanup();
    await platform.close();
  }
}

await main();
