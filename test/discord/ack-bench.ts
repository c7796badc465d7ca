// Interaction ack latency through the real discord.js client, the real core (PGlite, or Postgres
// with DB_URL) and the fake Discord, all in this one process. N distinct users click one quiz
// question at RATE clicks/s, DUP of them twice. Not a test (no assertions): run it by hand,
//   npx tsx test/discord/ack-bench.ts            (N=500 DUP=50 RATE=100; SCRIPTED=1 skips the core)
// and read the printed figures. bench:load (issue 8) may take it over.
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { startDiscord } from '../../adapters/discord/index.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase, sql } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { startFakeDiscord } from '../fakes/discord-api.js';

const N = Number(process.env.N ?? 500), DUP = Number(process.env.DUP ?? 50), RATE = Number(process.env.RATE ?? 100);
const log = pino({ level: 'silent' });
const url = process.env.DB_URL;
const schema = `discord_ack_bench_${Date.now()}`;
const database = await openDatabase(url ? { url, schema } : { dataDir: 'memory://' });
const store = createQuizStore(database);
const decks = await DeckLibrary.load('content');
const real = createStudybot({ store, decks, explain, log });
// SCRIPTED=1: the core's action answers at once without the database (adapter + discord.js + fake only).
const bot = process.env.SCRIPTED
  ? { ...real, action: async () => [{ visibility: 'private' as const, view: { text: 'Recorded', blocks: [{ type: 'text' as const, text: 'Recorded' }] } }] }
  : real;
const fake = await startFakeDiscord({ token: 't', applicationId: '100000000000000001' });
const discord = await startDiscord({ config: { token: 't', applicationId: '100000000000000001', apiUrl: fake.apiUrl }, bot, log });
bot.attachChat(discord.chat);
const G = '300000000000000001', C = '400000000000000001';
fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'quiz', options: { number: '1' }, permissions: '32', guildId: G, channelId: C })); // Manage Server: `quiz 1` is an admin's preview
await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${C}/messages` && c.status === 200);
await discord.idle();
const msg = [...fake.messages.values()].find((m) => m.channel_id === C && !m.interaction_id)!;
const buttons = msg.components[0].components;
const before = fake.ackLatencies.length;
const t0 = performance.now();
const ids: string[] = [];
for (let i = 0; i < N + DUP; i++) {
  const u = i < N ? i : i - N;
  const user = { id: String(500000000000000000n + BigInt(u)), username: `u${u}` };
  const b = buttons[u % buttons.length];
  ids.push(fake.dispatchInteraction(fake.payloads.button({ customId: b.custom_id, messageId: msg.id, user, guildId: G, channelId: C })));
  const due = t0 + ((i + 1) * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
await fake.waitForCalls((c) => c.path.startsWith('/interactions/'), ids.length + 1, 60_000);
await discord.idle();
const elapsed = (performance.now() - t0) / 1000;
await bot.flush();
const lat = fake.ackLatencies.slice(before).sort((a, b) => a - b);
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
const roundId = buttons[0].custom_id.split(':')[1];
const recorded = await store.answerCount(roundId);
const edits = fake.callsTo('PATCH', `/channels/${C}/messages/${msg.id}`).length;
const texts = [...fake.interactions.values()].slice(1).map((r) => JSON.stringify(r.callbacks[0]?.data ?? {}));
const already = texts.filter((t) => /already answered/i.test(t)).length;
console.log(`db=${url ? 'postgres' : 'pglite'} clicks=${ids.length} (users=${N}, double clicks=${DUP}) offered=${RATE}/s over ${elapsed.toFixed(1)} s`);
console.log(`ack latency ms (dispatch → interaction callback at the fake): p50=${pct(50)} p95=${pct(95)} p99=${pct(99)} max=${lat.at(-1)}`);
console.log(`answers recorded=${recorded} (expected ${N}); "already answered" replies=${already} (expected ${DUP}); callbacks=${lat.length}; message edits=${edits}`);
await discord.stop();
await fake.close();
if (url) await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`));
await database.close();
