// Question pictures on Discord: the real discord.js client on the real core, with a deck parsed
// from markdown whose question and options are images (test/fixtures/pictures), against the fake
// Discord. The prompt's picture is the question embed's image; each option's picture an embed of
// its own titled "Option A"; the text keeps every picture as "alt (url)". (Discord fetches embed
// images lazily and shows a broken one as nothing: there is no refusal to fall back from.)
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { validateMessageBody, type FakeDiscord } from '../fakes/discord-api.js';
import { dva } from '../exam/support.js';
import { CHANNEL, GUILD, silentLog, startAnsweringHarness } from './support.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { componentsOf, type DiscordHarness } from '../support/discord-harness.js';

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

describe.each(dbTargets)('Discord question pictures on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: DiscordHarness;
  let fake: FakeDiscord;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'discord_qpictures');
    const decks = await DeckLibrary.load('test/fixtures/pictures', { log: silentLog });
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks,
      explain,
      clock: { now: () => new Date() },
      log: silentLog,
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] },
    });
    h = await startAnsweringHarness(bot);
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  async function slash(subcommand: string, options: Record<string, string> = {}, channelId = CHANNEL, guildId = GUILD) {
    const id = fake.dispatchInteraction(fake.payloads.chatInput({ command: 'diagrams', subcommand, options, user: alice, guildId, channelId }));
    return (await h.answered(id, 30_000)).callback;
  }

  it('quiz: the channel message shows the prompt picture in its embed and each option picture in its own titled embed', async () => {
    await slash('quiz');
    const posts = fake.callsTo('POST', `/channels/${CHANNEL}/messages`);
    expect(posts.map((p) => p.status)).toEqual([200]);
    expectPictures(posts[0]!.body.embeds);
    expect(validateMessageBody(posts[0]!.body)).toEqual([]);
    // The answer buttons are there as ever.
    expect(componentsOf(posts[0]!.body).map((c: any) => c.label)).toEqual(expect.arrayContaining(['A', 'B']));
  }, 60_000);

  it('practice: the ephemeral reply carries the same pictures', async () => {
    // Another server: practice holds back a question open in a channel round of its own server (the quiz above).
    const callback = await slash('practice', {}, '400000000000000003', '300000000000000003');
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
