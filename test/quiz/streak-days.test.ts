// F5: streaks count the channel's study days (its schedule's weekdays): a Mon–Fri team keeps its
// streak over the weekend, and Monday's stats do not say 0.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { scheduleChannels } from '../../src/db/schedule-schema.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { addDays, streakBefore, streakBonus, streakLookbackDays, streaks } from '../../src/quiz/scoring.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';

const MON_FRI = 0b0011111;
const MON_WED_FRI = 0b0010101;

describe('streaks over days off', () => {
  // 2026-03-02 is a Monday.
  it('keeps a Mon–Fri streak over the weekend and breaks it on a missed weekday', () => {
    const weekdays = ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27'];
    expect(streakBefore(weekdays, '2026-03-02', MON_FRI)).toBe(5);
    expect(streakBefore(weekdays, '2026-03-02')).toBe(0); // every day counts without a schedule
    expect(streakBefore(['2026-02-26'], '2026-03-02', MON_FRI)).toBe(0); // Friday missed
    expect(streakBefore(['2026-02-27', '2026-02-28'], '2026-03-02', MON_FRI)).toBe(2); // a Saturday answer adds a day
    expect(streaks(weekdays, '2026-03-02', MON_FRI)).toEqual({ current: 5, best: 5 });
    expect(streaks([...weekdays, '2026-03-02', '2026-03-03'], '2026-03-03', MON_FRI)).toEqual({ current: 7, best: 7 });
    expect(streaks(weekdays, '2026-03-03', MON_FRI)).toEqual({ current: 0, best: 5 }); // Monday missed
    expect(streaks(['2026-03-02', '2026-03-04', '2026-03-06'], '2026-03-09', MON_WED_FRI)).toEqual({ current: 3, best: 3 });
  });

  it('reaches the +10 bonus on a weekday schedule and looks back far enough for it', () => {
    const today = '2026-03-09'; // Monday; 5 weekdays before it span 7 calendar days
    const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    expect(streakBonus({ kind: 'daily', correct: true, today, correctDates: dates, bonusGivenOn: [], studyDays: MON_FRI })).toBe(10);
    const oncePerWeek = 0b0000001;
    const mondays = [1, 2, 3, 4, 5].map((w) => addDays(today, -7 * w));
    expect(streakBonus({ kind: 'daily', correct: true, today, correctDates: mondays, bonusGivenOn: [], studyDays: oncePerWeek })).toBe(10);
    expect(streakLookbackDays(oncePerWeek)).toBeGreaterThan(7 * 5);
  });
});

describe.each(dbTargets)('streaks with a Mon–Fri schedule on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck({ questions: ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'].map((n) => question('api-gateway', n)) });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'streakdays');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    const store = createQuizStore(t.database, { channelCacheMs: 0 });
    chat = new RecordingChat('slack');
    bot = createStudybot({ store, decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => now }, admins: ['U99'] });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
    const at = new Date('2026-02-01T00:00:00Z');
    await t.database.db.insert(scheduleChannels).values({
      channelKey: 'slack:T1:C1', enabled: true, timeOfDay: '09:00', timezone: 'UTC', weekdays: MON_FRI,
      deckId: deck.id, closeAfterMinutes: 480, effectiveFrom: at, updatedAt: at,
    });
  });

  it('gives the streak bonus on Monday for last week and shows the streak in Monday morning stats', async () => {
    const alice = talk.user('U1', 'alice');
    const earned: string[] = [];
    for (const day of ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']) { // Wed, Thu, Fri, Mon
      now = new Date(`${day}T09:00:00Z`);
      if (day === '2026-03-09') {
        now = new Date('2026-03-09T08:00:00Z');
        expect(textOf((await talk.say(alice, 'stats'))[0]!.view)).toContain('Current streak: 3 days');
        now = new Date(`${day}T09:00:00Z`);
      }
      const started = await bot.startRound({ channel, kind: 'daily', closesAt: new Date(`${day}T17:00:00Z`), dailyDate: day });
      const [feedback] = await talk.click(alice, started.messageRef, 'B');
      earned.push(blocksOf(feedback!.view, 'heading')[0]!.text);
      now = new Date(`${day}T17:00:00Z`);
      await bot.closeDueRounds();
    }
    expect(earned).toEqual(['Correct! +10 points.', 'Correct! +12 points (including a +2 streak bonus).', 'Correct! +14 points (including a +4 streak bonus).', 'Correct! +16 points (including a +6 streak bonus).']);
    expect(textOf((await talk.say(alice, 'stats'))[0]!.view)).toContain('Current streak: 4 days');
  });
});
