// Question pictures on Discord: the real discord.js client on the real core, with a deck parsed
// from markdown whose question and options are images (test/fixtures/pictures), against the fake
// Discord. The prompt's picture is the question embed's image; each option's picture an embed of
// its own titled "Option A"; the text keeps every picture as "alt (url)". (Discord fetches embed
// images lazily and shows a broken one as nothing: there is no refusal to fall back from.)
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordAdapter } from '../../adapters/discord/index.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore, openDatabase, sql, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { startFakeDiscord, validateMessageBody, type FakeDiscord } from '../fakes/discord-api.js';
import { dva } from '../exam/support.js';
import { APP_ID, CHANNEL, GUILD, TOKEN, silentLog } from './support.js';

const drivers: { name: string; url?: string }[] = [
  { name: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', url: process.env.TEST_DATABASE_URL }] : []),
];

const BASE = 'https://img.example.com/bank/main/images';
const alice = { id: '200000000000000001', username: 'alice', global_name: 'Alice' };
const EPHEMERAL = 64;

/** The question's embeds as Discord receives them: the question with the prompt's picture, then one per option picture. */
function expectPictures(embeds: any[]) {
  expect(embeds).toHaveLength(3);
  expect(embeds[0].image).toEqual({ url: `${BASE}/routes.png` });
  expect(embeds[0].description).toContain(`Route tables of two subnets (${BASE}/routes.png)`);
  expect(embeds[0].description).toContain(`Diagram with a NAT gateway (${BASE}/nat.png)`);
  expect(embeds.slice(1).map((e) => ({ title: e.title, image: e.image }))).toEqual([
    { title: 'Option A', image: { url: `${BASE}/nat.png` } },
    { title: 'Option B', image: { url: `${BASE}/endpoint.png` } },
  ]);
}

describe.each(drivers)('Discord question pictures on the real core ($name)', (driver) => {
  let database: Database;
  let bot: Studybot;
  let fake: FakeDiscord;
  let discord: DiscordAdapter;
  const schema = `discord_qpictures_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await openDatabase({ ...(driver.url ? { url: driver.url } : { dataDir: 'memory://' }), schema, log: silentLog });
    const decks = await DeckLibrary.load('test/fixtures/pictures', { log: silentLog });
    bot = createStudybot({
      store: createQuizStore(database),
      decks,
      explain,
      clock: { now: () => new Date() },
      log: silentLog,
      exams: { store: createExamStore(database.db), blueprints: () => [dva()] },
    });
    fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID });
    discord = await startDiscord({ config: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, deferAfterMs: 60_000 }, bot, log: silentLog });
    bot.attachChat(discord.chat);
  }, 60_000);

  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
    if (database) {
      if (driver.url) await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`));
      await database.close();
    }
  });

  async function slash(subcommand: string, options: Record<string, string> = {}, channelId = CHANNEL) {
    const id = fake.dispatchInteraction(fake.payloads.chatInput({ command: 'diagrams', subcommand, options, user: alice, guildId: GUILD, channelId }));
    const callback = await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`), 30_000);
    await discord.idle();
    return callback;
  }

  it('quiz: the channel message shows the prompt picture in its embed and each option picture in its own titled embed', async () => {
    await slash('quiz');
    const posts = fake.callsTo('POST', `/channels/${CHANNEL}/messages`);
    expect(posts.map((p) => p.status)).toEqual([200]);
    expectPictures(posts[0]!.body.embeds);
    expect(validateMessageBody(posts[0]!.body)).toEqual([]);
    // The answer buttons are there as ever.
    expect(posts[0]!.body.components.flatMap((r: any) => r.components).map((c: any) => c.label)).toEqual(expect.arrayContaining(['A', 'B']));
  }, 60_000);

  it('practice: the ephemeral reply carries the same pictures', async () => {
    const callback = await slash('practice');
    expect(callback.status).toBeLessThan(300);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expectPictures(callback.body.data.embeds);
  }, 60_000);

  it('mock exam screen: the ephemeral question carries the same pictures', async () => {
    // Another channel: the exam never draws the question open in the channel's quiz.
    const callback = await slash('exam', { questions: '1' }, '400000000000000002');
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(`${callback.body.data.embeds[0].title ?? ''}\n${callback.body.data.embeds[0].description}`).toMatch(/Mock exam .* question 1 of 1/);
    expectPictures(callback.body.data.embeds);
  }, 60_000);
});
