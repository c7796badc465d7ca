// Daily review nudges: only to users who opted in and have due questions, once a channel-local
// day from 09:00, through postPrivate (Discord's is a direct message: test/discord/e2e.test.ts);
// a chat port without postPrivate refuses the opt-in; the scheduler's tick drives them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { createScheduler } from '../../src/schedule/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const DAY = 86_400_000;

describe.each(dbTargets)('review reminders on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let chat: RecordingChat;
  let bot: ReturnType<typeof createStudybot>;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck();
  deck.questions = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].map((n) => question(deck.id, n));

  beforeAll(async () => {
    t = await openTestDatabase(target, 'learn_remind');
  });
  afterAll(() => t?.close());
  let content: OneQuestionContent;
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T08:00:00Z');
    chat = new RecordingChat('slack');
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const answerQuiz = async (users: ReturnType<Conversation['user']>[], n: number, option: string) => {
    await content.only(String(n), () => talk.say(users[0]!, 'quiz'));
    for (const u of users) await talk.click(u, chat.lastPost(channel).ref, option);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
  };

  it('nudges only opted-in users with due questions, once a day, from 09:00 local', async () => {
    const alice = talk.user('U1', 'alice'); // opts in, has due cards
    const bob = talk.user('U2', 'bob'); // has due cards, never opts in
    const carol = talk.user('U3', 'carol'); // opts in, then out
    const dave = talk.user('U4', 'dave'); // opts in, answers nothing: nothing due
    for (const n of [1, 2, 3, 4]) await answerQuiz([alice, bob, carol], n, 'A'); // all wrong: due within minutes
    for (const u of [alice, carol, dave]) {
      const r = await talk.say(u, 'review remind on');
      expect(textOf(r[0]!.view)).toMatch(/Review reminders on: .* I will send you a private note here with how many/);
    }
    expect(textOf((await talk.say(carol, 'review remind off'))[0]!.view)).toContain('Review reminders off');

    expect(await bot.sendReviewReminders()).toBe(0); // 08:44 UTC: before 09:00
    now = new Date('2026-03-03T09:30:00Z'); // wrong answers are due the next day
    expect(await bot.sendReviewReminders()).toBe(1);
    expect(chat.privateNotes.map((n) => n.userId)).toEqual(['U1']);
    expect(chat.privateNotes[0]!.channel).toEqual(channel);
    expect(textOf(chat.privateNotes[0]!.view)).toContain('4 questions due for review in API Gateway');
    expect(textOf(chat.privateNotes[0]!.view)).toContain('/apigw review remind off');

    now = new Date(now.getTime() + 3_600_000);
    expect(await bot.sendReviewReminders()).toBe(0); // once a day
    now = new Date(now.getTime() + DAY);
    expect(await bot.sendReviewReminders()).toBe(1); // the next day again
    expect(chat.privateNotes.map((n) => n.userId)).toEqual(['U1', 'U1']);
  });

  it('the scheduler tick sends them', async () => {
    const alice = talk.user('U1', 'alice');
    await answerQuiz([alice], 1, 'A');
    await talk.say(alice, 'review remind on');
    now = new Date('2026-03-03T10:00:00Z');
    const scheduler = createScheduler({ database: t.database, bot, log: pino({ level: 'silent' }), clock: { now: () => now } });
    await scheduler.tick();
    expect(chat.privateNotes.map((n) => n.userId)).toEqual(['U1']);
    expect(textOf(chat.privateNotes[0]!.view)).toContain('1 question due');
  });

  it('Discord: opting in is accepted and the nudge goes through its postPrivate', async () => {
    const discord = new RecordingChat('discord');
    bot.attachChat(discord);
    const dchannel = { platform: 'discord' as const, workspace: 'G1', channel: 'D1' };
    const dtalk = new Conversation(bot, discord, dchannel);
    const erin = dtalk.user('U7', 'erin');
    await content.only('Q1', () => dtalk.say(erin, 'quiz'));
    await dtalk.click(erin, discord.lastPost(dchannel).ref, 'A'); // wrong: due within minutes
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
    const r = await dtalk.say(erin, 'review remind on');
    expect(textOf(r[0]!.view)).toContain('Review reminders on');
    now = new Date('2026-03-03T09:30:00Z'); // wrong answers are due the next day
    expect(await bot.sendReviewReminders()).toBe(1);
    expect(discord.privateNotes.map((n) => [n.channel, n.userId])).toEqual([[dchannel, 'U7']]);
    expect(textOf(discord.privateNotes[0]!.view)).toContain('1 question due for review in API Gateway');
  });

  it('a chat port without postPrivate cannot message users unprompted: opting in is refused with what to do instead', async () => {
    const quiet = new RecordingChat('console', { withPrivate: false });
    bot.attachChat(quiet);
    const qchannel = { platform: 'console' as const, workspace: 'local', channel: 'study' };
    const qtalk = new Conversation(bot, quiet, qchannel);
    const r = await qtalk.say(qtalk.user('U7', 'erin'), 'review remind on');
    expect(textOf(r[0]!.view)).toContain('cannot send you private reminders');
    expect(textOf(r[0]!.view)).toContain('/apigw review');
    expect(await bot.sendReviewReminders()).toBe(0);
  });
});
