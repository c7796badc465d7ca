// A timed-out mock exam's result through the real adapters against the local fakes: the exams are
// started with real slash commands, the time runs out, and the sweep (Studybot.endExpiredExams)
// tells each user. Discord: a DM with the chart attached; a user who takes no DMs (50007) gets a
// note in the channel that pings only them and shows no score; a Discord outage posts nothing.
// Slack: an ephemeral note with the uploaded chart; a user no longer in the channel gets a DM with
// it; a user that no DM reaches either is not told in the channel (Slack has no postAddressed);
// an outage sends nothing else.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import type { Studybot } from '../../src/quiz/api.js';
import { APP_ID, CHANNEL, GUILD, TOKEN, silentLog } from '../discord/support.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';
import { decodePng } from './png.js';
import { examStudybot } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const SCORE = /\d+ \/ 1000|PASS|FAIL/;

describe.each(dbTargets)('a timed-out mock exam reaches its user through the adapters ($name)', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam_time_up_delivery');
  }, 60_000);
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
    bot = examStudybot(t.database, () => now, { log: silentLog });
  });
  const timeRunsOut = () => {
    now = new Date(now.getTime() + 3 * 60_000);
  };

  describe('Discord', () => {
    let h: DiscordHarness;
    const ann = { id: '200000000000000001', username: 'ann', global_name: 'Ann' };
    const bob = { id: '200000000000000002', username: 'bob', global_name: 'Bob' };
    const cat = { id: '200000000000000003', username: 'cat', global_name: 'Cat' };
    beforeEach(async () => {
      h = await startDiscordHarness({ bot, token: TOKEN, applicationId: APP_ID, config: { deferAfterMs: 60_000 }, log: silentLog });
    });

    async function startExam(user: typeof ann) {
      const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'dev', subcommand: 'exam', options: { questions: '3', minutes: '2' }, user, guildId: GUILD, channelId: CHANNEL }));
      const { callback } = await h.answered(id, 30_000);
      expect(JSON.stringify(callback.body.data)).toContain('question 1 of 3');
    }
    const inChannel = () => [...h.fake.messages.values()].filter((m) => m.channel_id === CHANNEL && !m.interaction_id);
    const dmTo = (user: typeof ann) => [...h.fake.messages.values()].filter((m) => m.channel_id === h.fake.dmChannels.get(user.id));

    it('a DM with the chart to one user; a user who takes no DMs (50007) is pinged alone in the channel, without the score', async () => {
      try {
        await startExam(ann);
        await startExam(bob);
        h.fake.closeDms(ann.id);
        timeRunsOut();
        expect(await bot.endExpiredExams!()).toBe(2);

        // bob: the result and its chart in a DM naming the server channel.
        const [dm] = dmTo(bob);
        expect(dmTo(bob)).toHaveLength(1);
        expect(dm!.content).toBe(`-# From the server channel <#${CHANNEL}>`);
        const embed = JSON.stringify(dm!.embeds);
        expect(embed).toContain('time is up, so it ended on its own');
        expect(embed).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · FAIL/);
        expect(dm!.attachments).toHaveLength(1);
        const chart = dm!.attachments[0]!;
        expect(chart.filename).toMatch(/^exam-dva-c02-.*\.png$/);
        expect(decodePng(chart.bytes).width).toBe(720);
        expect(dm!.embeds[0].image).toEqual({ url: `attachment://${chart.filename}` });

        // ann: Discord refused the DM (403, 50007); one channel message that pings her only.
        expect(h.fake.callsTo('POST', `/channels/${h.fake.dmChannels.get(ann.id)}/messages`).map((c) => c.status)).toEqual([403]);
        const notes = inChannel();
        expect(notes).toHaveLength(1);
        const note = notes[0]!;
        expect(note.content).toBe(`<@${ann.id}> Your DVA-C02 mock exam’s time is up, so it ended on its own. I could not send you the result privately: /dev exam last shows it, only to you.`);
        expect(note.mentions).toEqual([ann.id]);
        const [post] = h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`);
        expect(post!.body.allowed_mentions).toEqual({ parse: [], users: [ann.id] });
        expect(note.content).not.toMatch(SCORE);
        expect(note.embeds).toEqual([]);
        expect(note.attachments).toEqual([]);

        // What the note promises: `/dev exam last` (Discord: the `show` option's choice `last`) shows ann the result, privately.
        const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'dev', subcommand: 'exam', options: { show: 'last' }, user: ann, guildId: GUILD, channelId: CHANNEL }));
        const { callback } = await h.answered(id, 30_000);
        expect(callback.body.data.flags & 64).toBe(64);
        const shown = JSON.stringify(callback.body.data);
        expect(shown).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · FAIL/);
        expect(shown).toContain('time ran out');
        const stats = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'dev', subcommand: 'stats', user: ann, guildId: GUILD, channelId: CHANNEL }));
        expect(JSON.stringify((await h.answered(stats, 30_000)).callback.body.data)).toContain('Mock exams (DVA-C02): 1 exam');
      } finally {
        await h.close();
      }
    }, 60_000);

    it('when Discord fails (5xx on every try), nothing is posted in the channel and the result stays stored', async () => {
      try {
        await startExam(cat);
        h.fake.failNext({ method: 'POST', path: '/users/@me/channels', status: 503, times: 4 });
        timeRunsOut();
        expect(await bot.endExpiredExams!()).toBe(1);
        const opens = h.fake.callsTo('POST', '/users/@me/channels').filter((c) => c.body.recipient_id === cat.id);
        expect(opens.length).toBeGreaterThan(1);
        expect(opens.every((c) => c.status === 503)).toBe(true);
        expect(inChannel()).toEqual([]);
        expect(await bot.endExpiredExams!()).toBe(0); // ended once, not told again
        const history = await createExamStore(t.database.db).history(`discord:${GUILD}:${cat.id}`, 'dva-c02', 5);
        expect(history).toHaveLength(1);
      } finally {
        await h.close();
      }
    }, 60_000);
  });

  describe('Slack', () => {
    let h: SlackHarness;
    const users = [
      { id: 'UANN', name: 'ann' },
      { id: 'UBOB', name: 'bob' },
      { id: 'UCAT', name: 'cat' },
    ];
    const [ann, bob, cat] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    beforeEach(async () => {
      h = await startSlackHarness({ bot, signingSecret: 'time-up-secret', users, config: { imageRetryDelaysMs: [1, 1] } });
    });

    async function startExam(user: typeof ann) {
      const replies = await h.command({ command: '/dev', text: 'exam 3 2', user, channelId: 'C1' });
      expect(textOf(replies[0]!.body.blocks)).toContain('question 1 of 3');
    }
    /** The image block's uploaded file: completed, its bytes a PNG chart, never shared into a channel. */
    function chartOf(blocks: any[]) {
      const image = blocks.find((b) => b.type === 'image');
      expect(image?.slack_file?.id).toBeTruthy();
      const upload = h.fake.uploads().find((u) => u.id === image.slack_file.id)!;
      expect(upload.completed).toBe(true);
      expect(upload.sharedTo).toBeUndefined();
      expect(decodePng(upload.bytes!).width).toBe(720);
      return upload;
    }

    it('an ephemeral note with the chart; a user no longer in the channel gets a DM with it; one no DM reaches is not told in the channel', async () => {
      try {
        await startExam(ann);
        await startExam(bob);
        await startExam(cat);
        h.fake.userLeft('C1', ann.id);
        h.fake.userLeft('C1', cat.id);
        h.fake.refuseDms(cat.id);
        h.fake.clearCalls();
        timeRunsOut();
        expect(await bot.endExpiredExams!()).toBe(3);

        const ephemerals = h.fake.calls('chat.postEphemeral');
        const toBob = ephemerals.filter((c) => c.body.user === bob.id);
        expect(toBob.map((c) => c.status === 200 && c.response?.ok)).toEqual([true]);
        expect(toBob[0]!.body.channel).toBe('C1');
        expect(textOf(toBob[0]!.body.blocks)).toContain('time is up, so it ended on its own');
        expect(chartOf(toBob[0]!.body.blocks).filename).toMatch(/^exam-dva-c02-/);

        // ann left the channel: the ephemeral is refused, the DM (chat.postMessage to her user id) carries the result and chart.
        expect(ephemerals.filter((c) => c.body.user === ann.id).map((c) => c.response?.error)).toEqual(['user_not_in_channel']);
        const dms = h.fake.calls('chat.postMessage').filter((c) => c.body.channel === ann.id);
        expect(dms).toHaveLength(1);
        expect(dms[0]!.response).toMatchObject({ ok: true, channel: 'DANN' });
        const dmText = textOf(dms[0]!.body.blocks);
        expect(dmText).toContain('From <#C1>');
        expect(dmText).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · FAIL/);
        chartOf(dms[0]!.body.blocks);

        // cat: neither ephemeral nor DM; nothing goes to the channel.
        expect(h.fake.calls('chat.postMessage').filter((c) => c.body.channel === cat.id).map((c) => c.response?.error)).toEqual(['user_disabled']);
        expect(h.fake.calls('chat.postMessage').filter((c) => c.body.channel === 'C1')).toEqual([]);
        // The result stays stored: `exam last` shows cat hers.
        const last = await h.command({ command: '/dev', text: 'exam last', user: cat, channelId: 'C1' });
        expect(textOf(last[0]!.body.blocks)).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · FAIL/);
        expect(last[0]!.body.response_type).toBe('ephemeral');
      } finally {
        await h.close();
      }
    }, 60_000);

    it('when Slack fails (internal_error), no DM and nothing in the channel', async () => {
      try {
        await startExam(bob);
        h.fake.onMethod('chat.postEphemeral', () => ({ ok: false, error: 'internal_error' }));
        h.fake.clearCalls();
        timeRunsOut();
        expect(await bot.endExpiredExams!()).toBe(1);
        expect(h.fake.calls('chat.postEphemeral').length).toBeGreaterThan(0);
        expect(h.fake.calls('chat.postMessage')).toEqual([]);
        expect(await bot.endExpiredExams!()).toBe(0);
      } finally {
        await h.close();
      }
    }, 60_000);
  });
});
