// End to end: the real discord.js client (gateway + REST) on the real core (createStudybot with the
// Postgres store, the real API Gateway deck from content/, the real schedule port) against the fake
// Discord. INTERACTION_CREATE packets go in; every assertion reads the REST calls the fake received.
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import type { FakeDiscord, RecordedCall } from '../fakes/discord-api.js';
import { CHANNEL, GUILD, silentLog, startAnsweringHarness } from './support.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { componentsOf, type DiscordHarness } from '../support/discord-harness.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const MANAGE_GUILD = String(1 << 5);
const users = {
  alice: { id: '200000000000000001', username: 'alice', global_name: '@everyone Alice' },
  bob: { id: '200000000000000002', username: 'bob', global_name: 'Bob' },
  carol: { id: '200000000000000003', username: 'carol', global_name: 'Carol' },
  boss: { id: '200000000000000004', username: 'boss', global_name: 'Boss' },
};
type Who = keyof typeof users;

/** Every text a user reads in a message body: content, embed titles, descriptions and fields. */
function textOf(body: any): string {
  const parts: string[] = [body?.content ?? ''];
  for (const e of body?.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/** Component labels, row by row. */
const labelRows = (body: any): string[][] => (body?.components ?? []).map((r: any) => r.components.map((c: any) => c.label ?? c.placeholder));

describe.each(dbTargets)('Discord adapter on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: DiscordHarness;
  let fake: FakeDiscord;
  let bot: Studybot;
  let content: ReturnType<typeof oneQuestionContent>;
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'discord_e2e');
    const database = t.database;
    const store = createQuizStore(database);
    const decks = await DeckLibrary.load('content', { log: silentLog });
    const schedule = createSchedulePort({ database, decks, clock, channelTimezones: store });
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    content = oneQuestionContent(decks.decks()); // plain `quiz` of a known question: scored, unlike an admin's preview
    bot = createStudybot({ store, decks: content.catalog, explain, clock, schedule, random, log: silentLog });
    h = await startAnsweringHarness(bot);
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  /** What the interaction's user saw: the callback, then any follow-ups. */
  const answered = (id: string) => h.answered(id);

  async function slash(who: Who, subcommand: string, options: Record<string, string | { user: (typeof users)[Who] }> = {}, permissions = '0') {
    const id = fake.dispatchInteraction(
      fake.payloads.chatInput({ command: 'apigw', subcommand, options, user: users[who], permissions, guildId: GUILD, channelId: CHANNEL }),
    );
    return answered(id);
  }

  const buttonId = (messageId: string, label: string): string => {
    const button = componentsOf(fake.messages.get(messageId)).find((c) => c.type === 2 && c.label === label);
    if (!button) throw new Error(`no button ${label} on ${messageId}`);
    return button.custom_id;
  };

  /** Click the button labelled `label` (or, for a stale client, the custom id it had). */
  async function click(who: Who, messageId: string, label: string, staleCustomId?: string) {
    const customId = staleCustomId ?? buttonId(messageId, label);
    const id = fake.dispatchInteraction(
      fake.payloads.button({ customId, messageId, user: users[who], guildId: GUILD, channelId: CHANNEL }),
    );
    return answered(id);
  }

  async function select(who: Who, messageId: string, values: string[]) {
    const menu = componentsOf(fake.messages.get(messageId)).find((c) => c.type === 3);
    if (!menu) throw new Error(`no select on ${messageId}`);
    const id = fake.dispatchInteraction(
      fake.payloads.stringSelect({ customId: menu.custom_id, values, messageId, user: users[who], guildId: GUILD, channelId: CHANNEL }),
    );
    return answered(id);
  }

  /** The question message the bot last posted in the channel through the REST API. */
  function lastPosted(): { call: RecordedCall; messageId: string } {
    const posts = fake.callsTo('POST', `/channels/${CHANNEL}/messages`).filter((c) => c.status === 200);
    const call = posts.at(-1);
    if (!call) throw new Error('nothing posted');
    const messageId = [...fake.messages.values()].filter((m) => m.channel_id === CHANNEL && !m.interaction_id).at(-1)!.id;
    return { call, messageId };
  }

  const edits = (messageId: string) => fake.callsTo('PATCH', `/channels/${CHANNEL}/messages/${messageId}`);

  it('help and explain answer privately', async () => {
    const help = await slash('alice', 'help');
    expect(help.callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(help.callback.body.data)).toMatch(/explain/);

    const ex = await slash('alice', 'explain', { concept: 'stage-variables' });
    expect(ex.callback.body.data.flags).toBe(64);
    expect(textOf(ex.callback.body.data)).toMatch(/Stage variables/);
    expect(textOf(ex.callback.body.data)).toMatch(/name-value pairs/i);

    // The private answer carries "Share to channel": a click replaces it with a note (its button
    // gone) and posts the concept publicly as a follow-up, attributed, no controls.
    const exMessage = fake.interactions.get(ex.callback.path.split('/')[2]!)!.originalMessageId!;
    const shareId = buttonId(exMessage, 'Share to channel');
    const shared = await click('bob', exMessage, 'Share to channel');
    expect(shared.callback.body).toMatchObject({ type: 7, data: { allowed_mentions: { parse: [] } } });
    expect(textOf(shared.callback.body.data)).toMatch(/You shared Stage variables to the channel/);
    expect(shared.callback.body.data.components ?? []).toEqual([]);
    expect(shared.followUps).toHaveLength(1);
    const post = shared.followUps[0]!.body;
    expect(post).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(post.flags ?? 0).toBe(0);
    expect(textOf(post)).toMatch(/Stage variables/);
    expect(textOf(post)).toMatch(/shared by bob/i);
    expect(post.components ?? []).toEqual([]);
    // A second click (a stale copy of the answer) posts nothing and says why, privately.
    expect(componentsOf(fake.messages.get(exMessage))).toEqual([]);
    const again = await click('bob', exMessage, 'Share to channel', shareId);
    expect(again.callback.body.data.flags).toBe(64);
    expect(textOf(again.callback.body.data)).toMatch(/Stage variables was shared to this channel at .*, so I did not post it again/);

    const list = await slash('alice', 'explain');
    expect(textOf(list.callback.body.data)).toMatch(/Deployment/);
  });

  it('autocompletes concepts and timezones (at most 25)', async () => {
    const id = fake.dispatchInteraction(
      fake.payloads.autocomplete({ command: 'apigw', subcommand: 'explain', focused: 'concept', value: 'stage', user: users.alice }),
    );
    const { callback } = await answered(id);
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toContainEqual({ name: 'Stage variables', value: 'stage-variables' });

    const tz = fake.dispatchInteraction(
      fake.payloads.autocomplete({ command: 'apigw', subcommand: 'schedule', focused: 'timezone', value: 'europe/', user: users.alice }),
    );
    const tzAnswer = await answered(tz);
    expect(tzAnswer.callback.body.data.choices).toHaveLength(25);
    expect(tzAnswer.callback.body.data.choices[0].value).toMatch(/^Europe\//);
  });

  it('quiz: posts the question with answer buttons; clicks answer privately; double click; count edit; reveal; late click', async () => {
    const quiz = await content.only('1', () => slash('bob', 'quiz'));
    expect(quiz.callback.body.data.flags).toBe(64);
    expect(textOf(quiz.callback.body.data)).toMatch(/Posted API Gateway Q1/);

    const { call, messageId } = lastPosted();
    expect(call.body.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.embeds[0].title).toBe('Quiz · API Gateway Q1');
    expect(textOf(call.body)).toMatch(/\*\*A\)\*\*/);
    // The answer buttons in one row, "Report a problem" alone in the next, on the same round.
    expect(labelRows(call.body)).toEqual([['A', 'B', 'C', 'D'], ['Report a problem']]);
    const round = /^a:(\d+):A$/.exec(componentsOf(call.body)[0].custom_id)![1];
    expect(componentsOf(call.body).at(-1)).toMatchObject({ type: 2, custom_id: `p:${round}` });
    expect(textOf(call.body)).toMatch(/0 answers so far/);

    const right = await click('alice', messageId, 'B');
    expect(right.callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(right.callback.body.data)).toMatch(/correct/i);

    const wrong = await click('bob', messageId, 'A');
    expect(wrong.callback.body.data.flags).toBe(64);
    expect(textOf(wrong.callback.body.data)).toMatch(/Not quite/);

    const again = await click('alice', messageId, 'C');
    expect(textOf(again.callback.body.data)).toMatch(/already answered/i);

    // Nothing revealed to the channel before the close: the channel message only counts.
    await bot.flush();
    const countEdit = edits(messageId).at(-1)!;
    expect(textOf(countEdit.body)).toMatch(/2 answers so far/);
    expect(labelRows(countEdit.body)).toEqual([['A', 'B', 'C', 'D'], ['Report a problem']]);
    expect(textOf(countEdit.body)).not.toMatch(/✅/);

    const staleB = buttonId(messageId, 'B');
    now += 11 * 60_000;
    expect(await bot.closeDueRounds()).toBe(1);
    const reveal = edits(messageId).at(-1)!;
    expect(componentsOf(reveal.body).map((c: { label: string }) => c.label)).toEqual(['Report a problem']); // answers gone, the report stays
    expect(reveal.body.allowed_mentions).toEqual({ parse: [] });
    const revealText = textOf(reveal.body);
    expect(revealText).toMatch(/✅ \*\*B\)\*\*/);
    expect(revealText).toMatch(/`A` \S+ 1 \(50%\)/);
    expect(revealText).toMatch(/`B` \S+ 1 \(50%\) ✅/);
    // Alice's display name would ping everyone if it were not neutralised.
    expect(revealText).toContain('@\u200beveryone Alice');
    expect(componentsOf(fake.messages.get(messageId)!).map((c: { label: string }) => c.label)).toEqual(['Report a problem']);

    // Carol's client still shows the buttons when she clicks.
    const late = await click('carol', messageId, 'B', staleB);
    expect(late.callback.body.data.flags).toBe(64);
    expect(textOf(late.callback.body.data)).toMatch(/closed/i);
  });

  it('multi-answer quiz: a string select with min/max; exact choice required', async () => {
    await content.only('2', () => slash('bob', 'quiz'));
    const { call, messageId } = lastPosted();
    // Five options: the select in one row, the report button in its own.
    expect(call.body.components).toHaveLength(2);
    const [menu, report] = componentsOf(call.body);
    expect(menu).toMatchObject({ type: 3, min_values: 2, max_values: 2 });
    expect(menu.custom_id).toMatch(/^s:\d+$/);
    expect(menu.options.map((o: any) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(report).toMatchObject({ type: 2, label: 'Report a problem', custom_id: menu.custom_id.replace('s:', 'p:') });

    const one = await select('bob', messageId, ['1']);
    expect(textOf(one.callback.body.data)).toMatch(/Choose exactly 2/);
    const right = await select('alice', messageId, ['2', '1']);
    expect(right.callback.body.data.flags).toBe(64);
    expect(textOf(right.callback.body.data)).toMatch(/correct/i);

    now += 11 * 60_000;
    await bot.closeDueRounds();
    const reveal = edits(messageId).at(-1)!;
    expect(componentsOf(reveal.body).map((c: { label: string }) => c.label)).toEqual(['Report a problem']); // answers gone, the report stays
    expect(textOf(reveal.body)).toMatch(/✅ \*\*1\)\*\*[\s\S]*✅ \*\*2\)\*\*/);
  });

  it('practice: a private question whose answer replaces it in place', async () => {
    const practice = await slash('carol', 'practice');
    expect(practice.callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(practice.callback.body.data.embeds[0].title).toMatch(/^Practice · API Gateway/);
    const messageId = fake.interactions.get(practice.callback.path.split('/')[2]!)!.originalMessageId!;
    const first = componentsOf(fake.messages.get(messageId))[0];
    const res =
      first.type === 3
        ? await select('carol', messageId, first.options.slice(0, first.min_values).map((o: any) => o.value))
        : await click('carol', messageId, first.label);
    expect(res.callback.body.type).toBe(7);
    expect(textOf(res.callback.body.data)).toMatch(/Correct|Not quite/);
    expect(fake.messages.get(messageId)!.edits).toBe(1);
    // Both the private question and its result offer "Report a problem" in a row of its own.
    expect(labelRows(practice.callback.body.data).at(-1)).toEqual(['Report a problem']);
    expect(labelRows(res.callback.body.data).at(-1)).toEqual(['Report a problem']);
  });

  it('leaderboard and stats (with a user option)', async () => {
    const board = await slash('bob', 'leaderboard', { period: 'week' });
    expect(board.callback.body.data.flags).toBe(64);
    const text = textOf(board.callback.body.data);
    expect(text).toContain('@\u200beveryone Alice');
    expect(text).not.toMatch(/@everyone/);

    const stats = await slash('bob', 'stats', { user: { user: users.alice } });
    const statsText = textOf(stats.callback.body.data);
    expect(statsText).toMatch(/Alice/);
    expect(statsText).toMatch(/Answered\n2\n/);
  });

  it('schedule: refused without Manage Server, set with it', async () => {
    const refused = await slash('bob', 'schedule', { time: '09:30', timezone: 'Europe/Berlin', days: 'mon-fri' });
    expect(textOf(refused.callback.body.data)).toMatch(/Only admins can change the question-of-the-day schedule/);
    // Discord's own rule, and the way in for someone who is not an admin (review F16).
    expect(textOf(refused.callback.body.data)).toMatch(/Admins here are members with the Manage Server permission, and people listed in the bot’s STUDYBOT\\?_ADMINS setting: to become one, ask whoever runs the bot to add your id `discord:\d+:\d+`/);
    expect(textOf(refused.callback.body.data)).not.toMatch(/workspace/);

    const set = await slash('boss', 'schedule', { time: '09:30', timezone: 'Europe/Berlin', days: 'mon-fri' }, MANAGE_GUILD);
    expect(set.callback.body.data.flags).toBe(64);
    const text = textOf(set.callback.body.data);
    expect(text).not.toMatch(/Only admins/);
    expect(text).toMatch(/09:30/);
    expect(text).toMatch(/Europe\/Berlin/);
  });

  /** Fill in the modal a click opened (its callback data) with `text` and send it, as `who` in `where`. */
  async function submit(who: Who, modal: any, text: string, messageId?: string, where = { guildId: GUILD, channelId: CHANNEL }) {
    const id = fake.dispatchInteraction(fake.payloads.modalSubmitFor(modal, text, { user: users[who], ...where, ...(messageId ? { messageId } : {}) }));
    return answered(id);
  }

  /** The report ids an admin of `guildId` sees with `/apigw reports`, and the listing's text. */
  async function listReports(guildId = GUILD) {
    const id = fake.dispatchInteraction(
      fake.payloads.chatInput({ command: 'apigw', subcommand: 'reports', user: users.boss, permissions: MANAGE_GUILD, guildId, channelId: CHANNEL }),
    );
    const { callback } = await answered(id);
    const text = textOf(callback.body.data);
    return { text, ids: [...text.matchAll(/#(\d+) API Gateway/g)].map((m) => m[1]) };
  }

  it('report a problem: the button opens a modal; its submit stores one report that an admin lists with path:line', async () => {
    expect((await listReports()).ids).toEqual([]);
    await content.only('3', () => slash('bob', 'quiz'));
    const { messageId } = lastPosted();
    const round = buttonId(messageId, 'Report a problem').replace(/^p:/, '');

    const opened = await click('carol', messageId, 'Report a problem');
    expect(opened.callback.status).toBe(204);
    expect(opened.callback.body).toMatchObject({
      type: 9,
      data: {
        custom_id: `r:${round}`,
        title: 'Report a problem',
        components: [{ type: 18, label: 'What is wrong with Q3?', component: { type: 4, style: 2, min_length: 3, max_length: 500, required: true } }],
      },
    });
    expect(opened.followUps).toEqual([]);

    const sent = await submit('carol', opened.callback.body.data, 'The answer should be 2, @everyone knows SQS', messageId);
    expect(sent.callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(sent.callback.body.data)).toMatch(/Thanks! Report #\d+ on API Gateway Q3/);

    const listed = await listReports();
    expect(listed.ids).toHaveLength(1);
    expect(listed.text).toMatch(/API Gateway Q3 at content\/api-gateway\.md:\d+/);
    expect(listed.text).toContain('@\u200beveryone knows SQS');
    expect(listed.text).toMatch(/Carol/);
  });

  it('report a problem: too short a reason, or a round of another channel or server, stores nothing', async () => {
    const { messageId } = lastPosted();
    const opened = await click('carol', messageId, 'Report a problem');
    const modal = opened.callback.body.data;

    const short = await submit('carol', modal, ' no ', messageId);
    expect(short.callback.body.data.flags).toBe(64);
    expect(textOf(short.callback.body.data)).toMatch(/Add a short reason.*Nothing was reported/s);

    // A forged submit naming this round from another channel, and from another server.
    const otherChannel = await submit('carol', modal, 'the answer is wrong', undefined, { guildId: GUILD, channelId: '400000000000000009' });
    expect(textOf(otherChannel.callback.body.data)).toMatch(/cannot find that question.*Nothing was reported/s);
    const otherGuild = await submit('carol', modal, 'the answer is wrong', undefined, { guildId: '300000000000000009', channelId: CHANNEL });
    expect(textOf(otherGuild.callback.body.data)).toMatch(/cannot find that question.*Nothing was reported/s);

    expect((await listReports()).ids).toHaveLength(1);
    expect((await listReports('300000000000000009')).text).toMatch(/No open question reports/);
  });

  it("report a problem from the private answer reply; the round then closes as usual", async () => {
    const { messageId } = lastPosted();
    const answer = await click('alice', messageId, '1');
    expect(answer.callback.body.data.flags).toBe(64);
    expect(labelRows(answer.callback.body.data).at(-1)).toEqual(['Report a problem']);
    const reply = fake.interactions.get(answer.callback.path.split('/')[2]!)!.originalMessageId!;

    const opened = await click('alice', reply, 'Report a problem');
    expect(opened.callback.body).toMatchObject({ type: 9, data: { custom_id: buttonId(messageId, 'Report a problem').replace(/^p:/, 'r:') } });
    const sent = await submit('alice', opened.callback.body.data, 'Option 4 is right but the explanation is empty', reply);
    expect(textOf(sent.callback.body.data)).toMatch(/Thanks! Report #\d+ on API Gateway Q3/);
    expect((await listReports()).ids).toHaveLength(2);

    now += 11 * 60_000;
    expect(await bot.closeDueRounds()).toBe(1);
    expect(componentsOf(edits(messageId).at(-1)!.body).map((c: { label: string }) => c.label)).toEqual(['Report a problem']);
  });

  it('review reminders: an opted-in member gets a direct message naming the channel; closed DMs are skipped', async () => {
    const on = await slash('bob', 'review', { remind: 'on' });
    expect(on.callback.body.data.flags).toBe(64);
    expect(textOf(on.callback.body.data)).toMatch(/Review reminders on: .* I will send you a direct message with how many API Gateway questions are due/);
    expect(textOf((await slash('carol', 'review', { remind: 'on' })).callback.body.data)).toMatch(/Review reminders on/);
    fake.closeDms(users.carol.id);

    now += 60 * 86_400_000; // every question answered above is due by then
    expect(await bot.sendReviewReminders!()).toBe(1);
    const bobDm = fake.dmChannels.get(users.bob.id)!;
    const [dm] = fake.callsTo('POST', `/channels/${bobDm}/messages`);
    expect(dm!.status).toBe(200);
    expect(dm!.body.content).toBe(`-# From the server channel <#${CHANNEL}>`);
    expect(dm!.body.allowed_mentions).toEqual({ parse: [] });
    expect(textOf(dm!.body)).toMatch(/\d+ questions? due for review in API Gateway/);
    expect(textOf(dm!.body)).toContain('/apigw review remind off');
    // Carol's DMs are closed: tried once, nothing delivered, no error out of the core.
    expect(fake.callsTo('POST', `/channels/${fake.dmChannels.get(users.carol.id)}/messages`).map((c) => c.status)).toEqual([403]);
    expect(fake.dmChannels.has(users.alice.id)).toBe(false); // never opted in

    expect(await bot.sendReviewReminders!()).toBe(0); // once a day
  });

  it('never sent a live mass mention in any REST body', () => {
    for (const c of fake.calls) {
      const s = JSON.stringify(c.body ?? {});
      expect(s).not.toMatch(/@(everyone|here)/);
      if (c.body && (c.body.embeds || c.body.content !== undefined)) expect(c.body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
