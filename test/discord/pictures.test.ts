// Chart pictures on Discord: the real discord.js client on the real core with exam prep (the
// shipped DVA-C02 blueprint and deck) against the fake Discord. `readiness` answers with the PNG
// as an attachment of the ephemeral interaction reply (multipart: payload_json + files[0]) and
// the embed shows it (`attachment://…`), directly or, when the core is slow, in the deferred edit.
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import type { FakeDiscord, RecordedCall } from '../fakes/discord-api.js';
import { dva } from '../exam/support.js';
import { decodePng } from '../exam/png.js';
import { APP_ID, CHANNEL, GUILD, TOKEN, silentLog } from './support.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { callbackOf, componentsOf, startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';

const alice = { id: '200000000000000001', username: 'alice', global_name: 'Alice' };
const EPHEMERAL = 64;

describe.each(dbTargets)('Discord chart pictures on the real core ($name)', (target) => {
  let t: TestDatabase;
  let bot: Studybot;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'discord_pictures');
    const decks = await DeckLibrary.load('content', { log: silentLog });
    bot = createStudybot({
      store: createQuizStore(t.database),
      decks,
      explain,
      clock: { now: () => new Date('2026-11-26T10:00:00Z') },
      log: silentLog,
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  /**
   * A fake Discord and the adapter logged in to it. `slow`: the core answers after 300 ms and the
   * adapter defers after 10 ms, so the answer is a deferral and then an edit.
   */
  function connect(slow = false): Promise<DiscordHarness> {
    const core: Studybot = slow ? { ...bot, command: (inv) => new Promise((r) => setTimeout(r, 300)).then(() => bot.command(inv)) } : bot;
    return startDiscordHarness({ bot: core, token: TOKEN, applicationId: APP_ID, config: { deferAfterMs: slow ? 10 : 60_000 }, log: silentLog });
  }

  function readiness(fake: FakeDiscord): string {
    return fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'readiness', user: alice, guildId: GUILD, channelId: CHANNEL }));
  }

  function expectChart(call: RecordedCall, body: any) {
    expect(call.status).toBeLessThan(300);
    expect(call.files).toHaveLength(1);
    const file = call.files![0]!;
    expect(file.field).toBe('files[0]');
    expect(file.filename).toMatch(/^readiness-dva-c02-.*\.png$/);
    const png = decodePng(file.bytes);
    expect(png.width).toBe(720);
    expect(png.height).toBeGreaterThan(200);
    // Text first: the embed carries the facts, and shows the attached picture under them.
    const embed = body.embeds[0];
    expect(embed.description ?? '').toMatch(/Predicted score: \d+ \/ 1000/);
    expect(embed.image).toEqual({ url: `attachment://${file.filename}` });
    expect(body.attachments).toEqual([expect.objectContaining({ id: '0', description: expect.stringContaining('passing score 720') })]);
    return file;
  }

  it('readiness answers with the chart attached to the ephemeral reply', async () => {
    const h = await connect();
    const { fake } = h;
    try {
      const id = readiness(fake);
      const { callback } = await h.answered(id, 30_000);
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      const file = expectChart(callback, callback.body.data);
      const message = fake.messages.get(fake.interactions.get(id)!.originalMessageId!)!;
      expect(message.attachments).toHaveLength(1);
      expect(message.attachments[0]!.bytes.equals(file.bytes)).toBe(true);
      expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a mock exam ended with a click: the update of the exam message carries the result chart', async () => {
    const h = await connect();
    const { fake } = h;
    try {
      const start = fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'exam', options: { questions: '2' }, user: alice, guildId: GUILD, channelId: CHANNEL }));
      await h.answered(start, 30_000);
      const messageId = fake.interactions.get(start)!.originalMessageId!;
      // End with both questions unanswered asks first (the exam message updated); End exam ends it.
      const press = async (label: string) => {
        const button = componentsOf(fake.messages.get(messageId)).find((c: any) => c.label === label);
        expect(button, label).toBeTruthy();
        return h.answered(fake.dispatchInteraction(fake.payloads.button({ customId: button.custom_id, messageId, user: alice, guildId: GUILD, channelId: CHANNEL })), 30_000);
      };
      const { callback: ask } = await press('End');
      expect(ask.body.type).toBe(7);
      expect(ask.body.data.embeds[0].title).toBe('Mock exam DVA-C02 · End now? 2 unanswered count as wrong.');
      const { callback: update } = await press('End exam');
      expect(update.body.type).toBe(7);
      expect(update.files).toHaveLength(1);
      expect(update.files![0]!.filename).toMatch(/^exam-dva-c02-.*\.png$/);
      expect(decodePng(update.files![0]!.bytes).width).toBe(720);
      expect(`${update.body.data.embeds[0].title}\n${update.body.data.embeds[0].description}`).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000/);
      expect(update.body.data.embeds[0].image).toEqual({ url: `attachment://${update.files![0]!.filename}` });
      expect(fake.messages.get(messageId)!.attachments.map((a) => a.filename)).toEqual([update.files![0]!.filename]);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a deferred readiness carries the chart in the edit of the "thinking…" reply', async () => {
    const h = await connect(true);
    const { fake, discord } = h;
    try {
      const id = readiness(fake);
      const token = await callbackOf(fake, id, 30_000).then(() => fake.interactions.get(id)!.token);
      const edit = await fake.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${token}/messages/@original`, 30_000);
      await discord.idle();
      expect(fake.interactions.get(id)!.callbacks.map((c) => c.type)).toEqual([5]);
      expectChart(edit, edit.body);
      const message = fake.messages.get(fake.interactions.get(id)!.originalMessageId!)!;
      expect(message.attachments.map((a) => a.filename)).toEqual([edit.files![0]!.filename]);
    } finally {
      await h.close();
    }
  }, 60_000);
});
