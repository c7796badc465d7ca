// The channel's exam date at work (issue 14): the countdown on the question of the day (channel
// time), the group's weakest domain favoured in the last 30 days (question of the day and review),
// and FSRS due dates brought before the exam.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { dueBeforeExam, type RunUp } from '../../src/exam/run-up.js';
import type { Reply } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { dva, examDeck } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;
const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

describe('dueBeforeExam: a card due on or after the exam day moves to 00:00 of the day before (channel time)', () => {
  const runUp = (tz: string): RunUp => ({ bp: dva(), date: '2026-03-10', today: '2026-03-02', daysLeft: 8, tz });
  const now = new Date('2026-03-02T09:00:00Z');
  it.each([
    ['after the exam', '2026-03-18T10:00:00Z', '2026-03-08T23:00:00.000Z'],
    ['at 00:00 of the exam day, Berlin', '2026-03-09T23:00:00Z', '2026-03-08T23:00:00.000Z'],
    ['at 23:59 of the day before, Berlin', '2026-03-09T22:59:00Z', '2026-03-09T22:59:00.000Z'],
    ['well before', '2026-03-05T10:00:00Z', '2026-03-05T10:00:00.000Z'],
  ])('%s', (_, due, expected) => {
    expect(dueBeforeExam(runUp('Europe/Berlin'), new Date(due), now).toISOString()).toBe(expected);
  });
  it('in UTC and in Auckland the day before starts at their own midnight', () => {
    expect(dueBeforeExam(runUp('UTC'), new Date('2026-03-20T00:00:00Z'), now).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(dueBeforeExam(runUp('Pacific/Auckland'), new Date('2026-03-20T00:00:00Z'), now).toISOString()).toBe('2026-03-08T11:00:00.000Z');
  });
  it('leaves the card alone once the day before has begun (it would be due again after every answer)', () => {
    const due = new Date('2026-03-20T00:00:00Z');
    expect(dueBeforeExam(runUp('Europe/Berlin'), due, new Date('2026-03-08T23:30:00Z')).toISOString()).toBe(due.toISOString());
  });
});

/** A second blueprint: DVA-C02's shape under another id. */
const saa = { ...dva(), id: 'saa-c03', title: 'AWS Certified Solutions Architect – Associate (SAA-C03)' };

describe.each(dbTargets)('the exam date on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let r: number;
  let chat: RecordingChat;
  let talk: Conversation;
  let bot: ReturnType<typeof createStudybot>;
  let content: OneQuestionContent;
  const admin = () => talk.user('UADMIN', 'admin', true);
  const ann = () => talk.user('U1', 'ann');

  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam_date');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
    r = 0;
    // Q1–Q3 domain 1, Q4–Q6 domain 2, Q7–Q9 domain 3, Q10–Q12 domain 4; the right answer is B.
    const deck = { ...examDeck([3, 3, 3, 3], 'dev'), command: 'apigw' };
    // A second exam's deck: its date is the channel's too, kept apart from DVA-C02's.
    const saaDeck = { ...examDeck([2, 2, 2, 2], 'saa'), meta: { exam: 'saa-c03' } };
    content = oneQuestionContent([deck, apiGatewayDeck({ id: 'other', command: 'other' }), saaDeck]);
    bot = createStudybot({
      store: createQuizStore(t.database),
      decks: content.catalog,
      clock: { now: () => now },
      random: () => r,
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva(), saa] },
    });
    chat = new RecordingChat('slack');
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const only = (replies: Reply[]) => {
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  const setDate = async (date: string) => expect(textOf(only(await talk.say(admin(), `exam-date ${date}`)).view)).toContain('Saved for this channel');
  const daily = async (deckId = 'dev', timezone?: string) => {
    await bot.startRound({ channel, kind: 'daily', deckId, closesAt: new Date(now.getTime() + 8 * 3_600_000), ...(timezone ? { timezone } : {}) });
    return chat.lastPost(channel);
  };
  /** ann answers question n in a channel quiz (B is right), which then closes. */
  const quiz = async (n: number, option: 'A' | 'B') => {
    await content.only(`Q${n}`, () => talk.say(ann(), 'quiz'));
    await talk.click(ann(), chat.lastPost(channel).ref, option);
    now = new Date(now.getTime() + 11 * MIN);
    await bot.closeDueRounds();
  };

  describe('countdown on the question of the day', () => {
    it('shows the days left in the channel’s today, on the question and its reveal', async () => {
      await setDate('2026-03-14');
      const post = await daily();
      expect(textOf(post.view)).toContain('DVA-C02 exam in 12 days (2026-03-14).');
      now = new Date(now.getTime() + 9 * 3_600_000);
      await bot.closeDueRounds();
      expect(textOf(chat.lastPost(channel).view)).toContain('closed');
      expect(textOf(chat.lastPost(channel).view)).toContain('DVA-C02 exam in 12 days (2026-03-14).');
    });

    it('counts from the channel’s own date: already 3 March in Auckland', async () => {
      now = new Date('2026-03-02T12:00:00Z'); // 01:00 on 3 March in Auckland
      await setDate('2026-03-14');
      expect(textOf((await daily('dev', 'Pacific/Auckland')).view)).toContain('DVA-C02 exam in 11 days (2026-03-14).');
    });

    it('on the day says so; after it, and for decks of no exam or with the date off, shows nothing', async () => {
      await setDate('2026-03-03');
      now = new Date('2026-03-03T09:00:00Z');
      expect(textOf((await daily()).view)).toContain('DVA-C02 exam is today. Good luck!');
      now = new Date('2026-03-04T09:00:00Z');
      expect(textOf((await daily()).view)).not.toMatch(/exam (in|is|was)/);
      now = new Date('2026-03-05T09:00:00Z');
      await setDate('2026-03-20');
      expect(textOf((await daily('other')).view)).not.toMatch(/exam in/);
      await talk.say(admin(), 'exam-date off');
      now = new Date('2026-03-06T09:00:00Z');
      expect(textOf((await daily()).view)).not.toMatch(/exam in/);
    });
  });

  describe('one date per exam of the channel', () => {
    const say = async (user: ReturnType<typeof admin>, text: string, command?: string) =>
      textOf(only(await (command ? new Conversation(bot, chat, channel, command) : talk).say(user, text)).view);

    it('each deck’s exam keeps its own date; off removes only that exam’s; each countdown reads its own', async () => {
      await setDate('2026-03-14');
      expect(await say(admin(), 'exam-date 2026-04-01', 'saa')).toContain('SAA-C03 exam in 30 days (2026-04-01).');
      expect(await say(ann(), 'exam-date')).toContain('DVA-C02 exam in 12 days (2026-03-14).');
      expect(await say(ann(), 'exam-date', 'saa')).toContain('SAA-C03 exam in 30 days (2026-04-01).');
      expect(textOf((await daily()).view)).toContain('DVA-C02 exam in 12 days (2026-03-14).');
      // One question of the day a day: the next one the next day.
      const nextDaily = async (deckId: string) => {
        now = new Date(now.getTime() + DAY);
        await bot.closeDueRounds();
        return textOf((await daily(deckId)).view);
      };
      expect(await nextDaily('saa')).toContain('SAA-C03 exam in 29 days (2026-04-01).');
      expect(await say(admin(), 'exam-date off', 'saa')).toContain('SAA-C03 exam date turned off for this channel.');
      expect(await say(ann(), 'exam-date', 'saa')).toContain('No SAA-C03 exam date is set for this channel.');
      expect(await say(ann(), 'exam-date')).toContain('DVA-C02 exam in 11 days (2026-03-14).');
      expect(await nextDaily('dev')).toContain('DVA-C02 exam in 10 days (2026-03-14).');
      expect(await nextDaily('saa')).not.toMatch(/exam in/);
    });

    it('says what is wrong with a date: an example that works, an impossible date, a typo years ahead, the past in the channel’s zone', async () => {
      // Today is 2026-03-02 (UTC): the example is 30 days on.
      expect(await say(admin(), 'exam-date next friday')).toContain('Usage: exam-date YYYY-MM-DD (e.g. 2026-04-01) or exam-date off.');
      expect(await say(admin(), 'exam-date 2027-02-30')).toContain('2027-02-30 is not a real date. Usage: exam-date YYYY-MM-DD (e.g. 2026-04-01) or exam-date off.');
      expect(await say(admin(), 'exam-date 2207-03-14')).toContain('2207-03-14 is more than 2 years ahead; check the year (today is 2026-03-02).');
      expect(await say(admin(), 'exam-date 2028-03-01')).toContain('DVA-C02 exam in 730 days (2028-03-01).');
      expect(await say(admin(), 'exam-date 2026-03-01')).toContain('2026-03-01 is in the past (today is 2026-03-02 in UTC, this channel\'s timezone).');
      // A channel whose question of the day runs in Kiritimati (UTC+14) is already a day ahead.
      now = new Date('2026-03-02T11:00:00Z');
      await daily('other', 'Pacific/Kiritimati');
      expect(await say(admin(), 'exam-date 2026-03-02')).toContain('2026-03-02 is in the past (today is 2026-03-03 in Pacific/Kiritimati, this channel\'s timezone).');
      await say(admin(), 'exam-date off');
      expect(await say(admin(), 'exam-date')).toContain('Set one with /apigw exam-date 2026-04-02 (YYYY-MM-DD).');
    });
  });

  describe('the weakest domain in the last 30 days', () => {
    // ann has seen domains 1, 3 and 4 (one question each, right): domain 2, unseen, is the group's weakest.
    const seenOutsideDomain2 = async () => {
      for (const n of [1, 7, 10]) await quiz(n, 'B');
    };
    const prompt = (view: { blocks: { type: string; text?: string }[] }) => view.blocks.find((b) => b.type === 'text' && /^Domain \d question \d\?$/.test(b.text ?? ''))?.text;

    it('readiness channel names domain 2 as the weakest (the premise of the next tests)', async () => {
      await seenOutsideDomain2();
      expect(textOf(only(await talk.say(ann(), 'readiness channel')).view)).toContain('Weakest domain of the group: 2 Security');
    });

    it('within 30 days the question of the day comes from the weakest domain (when the draw says so)', async () => {
      await seenOutsideDomain2();
      await setDate('2026-03-20');
      expect(prompt((await daily()).view)).toBe('Domain 2 question 1?');
    });

    it('the same draw without the run-up, and a draw above ½ in it, follow the usual rule', async () => {
      await seenOutsideDomain2();
      await setDate('2026-05-20'); // more than 30 days away
      const far = await daily();
      expect(textOf(far.view)).toContain('exam in 79 days');
      expect(prompt(far.view)).toBe('Domain 1 question 2?'); // first unseen of the deck, r = 0
      await setDate('2026-03-20');
      r = 0.9;
      now = new Date(now.getTime() + DAY);
      // Unseen now: Q3, Q4–Q6, Q8, Q9, Q11, Q12; r = 0.9 → not focused, the 8th of them.
      expect(prompt((await daily()).view)).toBe('Domain 4 question 3?');
    });

    it('review serves due weak-domain cards first in the run-up, in due order otherwise', async () => {
      await quiz(1, 'A'); // domain 1, wrong: due first
      for (const n of [2, 3, 7, 8, 9, 10, 11, 12]) await quiz(n, 'B');
      await quiz(4, 'A'); // domain 2, wrong: due last
      now = new Date(now.getTime() + DAY);
      const first = only(await talk.say(ann(), 'review'));
      expect(textOf(first.view)).toContain('Domain 1 question 1?');
      await setDate('2026-03-20');
      const weakFirst = only(await talk.say(ann(), 'review'));
      expect(textOf(weakFirst.view)).toContain('Domain 2 question 1?');
    });

    it('with nothing due, review fills with the weakest domain’s cards ahead of time, each once a day', async () => {
      const bob = talk.user('U2', 'bob');
      // ann knows one domain-2 question (Easy: due in 8 days); bob knows domains 1, 3 and 4 and no domain 2.
      await content.only('Q4', () => talk.say(ann(), 'quiz'));
      const right = await talk.click(ann(), chat.lastPost(channel).ref, 'B');
      await talk.click(ann(), right[0]!.view, 'Easy');
      now = new Date(now.getTime() + 11 * MIN);
      await bot.closeDueRounds();
      for (const n of [1, 2, 3, 7, 8, 9, 10, 11, 12]) {
        await content.only(`Q${n}`, () => talk.say(bob, 'quiz'));
        await talk.click(bob, chat.lastPost(channel).ref, 'B');
        now = new Date(now.getTime() + 11 * MIN);
        await bot.closeDueRounds();
      }
      now = new Date(now.getTime() + DAY); // 3 March: ann's card was last reviewed yesterday
      expect(textOf(only(await talk.say(ann(), 'review')).view)).toContain('Nothing is due for review.');
      await setDate('2026-03-20');
      expect(textOf(only(await talk.say(ann(), 'readiness channel')).view)).toContain('Weakest domain of the group: 2 Security');
      const ahead = only(await talk.say(ann(), 'review'));
      expect(textOf(ahead.view)).toContain("Review: nothing is due. The exam is in 17 days, so here is a question from the group's weakest domain (Security) ahead of time.");
      expect(textOf(ahead.view)).toContain('Domain 2 question 1?');
      const answered = await talk.click(ann(), ahead.view, 'B');
      expect(answered).toHaveLength(2);
      expect(textOf(answered[1]!.view)).toContain('Review done: nothing else is due.');
      expect(textOf(only(await talk.say(ann(), 'review')).view)).toContain('Nothing is due for review.'); // once today
      now = new Date(now.getTime() + DAY);
      expect(textOf(only(await talk.say(ann(), 'review')).view)).toContain('Domain 2 question 1?'); // and again tomorrow
    });
  });

  describe('due dates before the exam', () => {
    // The card is written after the click's reply (quiz/after-reply.ts): read it once the bot's deferred writes are done.
    const dueOf = async (n: number) => {
      await bot.flush();
      return (await createQuizStore(t.database).memory!.getCard('slack:T1:U1', 'dev', `dev:Q${n}`))!;
    };

    it('an Easy rating that would schedule past the exam is brought to the day before (channel time)', async () => {
      await createQuizStore(t.database).setChannelTimezone(channel, 'Europe/Berlin');
      const rateEasy = async (n: number) => {
        await content.only(`Q${n}`, () => talk.say(ann(), 'quiz'));
        const right = await talk.click(ann(), chat.lastPost(channel).ref, 'B');
        await talk.click(ann(), right[0]!.view, 'Easy');
        now = new Date(now.getTime() + 11 * MIN);
        await bot.closeDueRounds();
      };
      // Without an exam date, Easy on a new card schedules it 8 days out (10 March).
      await rateEasy(3);
      expect((await dueOf(3)).due.toISOString()).toBe('2026-03-10T09:00:00.000Z');
      // With the exam on 8 March the same rating lands at 00:00 on 7 March, Berlin time.
      await setDate('2026-03-08');
      now = T0;
      await rateEasy(1);
      const card = await dueOf(1);
      expect(card.due.toISOString()).toBe('2026-03-06T23:00:00.000Z');
      expect(card.card.due).toBe('2026-03-06T23:00:00.000Z');
    });

    it('a right answer that would schedule past the exam is brought before it; a wrong one is not moved', async () => {
      await setDate('2026-03-20');
      await content.only('Q1', () => talk.say(ann(), 'quiz'));
      const right = await talk.click(ann(), chat.lastPost(channel).ref, 'B');
      await talk.click(ann(), right[0]!.view, 'Easy'); // due in about two weeks: before 20 March, not moved
      const easy = await dueOf(1);
      expect(easy.due.getTime()).toBeLessThan(new Date('2026-03-19T00:00:00Z').getTime());
      now = new Date(easy.due.getTime() + DAY);
      await bot.closeDueRounds();
      await quiz(1, 'B'); // a second success: the next interval reaches far past 20 March
      expect((await dueOf(1)).due.toISOString()).toBe('2026-03-19T00:00:00.000Z');
      await quiz(5, 'A');
      expect((await dueOf(5)).due.getTime()).toBeLessThan(now.getTime() + DAY);
    });
  });
});
