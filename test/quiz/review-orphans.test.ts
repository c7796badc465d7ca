// A question edited (its id comes from its text) or removed in the notes leaves its memory cards
// behind: review, its header and the daily nudge count and serve only cards of loaded questions,
// so the nudge never announces a question that review then says is not due.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const DAY = 86_400_000;

describe.each(dbTargets)('review of edited and removed questions on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let chat: RecordingChat;
  let bot: ReturnType<typeof createStudybot>;
  let talk: Conversation;
  let content: OneQuestionContent;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck();

  beforeAll(async () => {
    t = await openTestDatabase(target, 'review_orphans');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T08:00:00Z');
    deck.questions = ['Q1', 'Q2', 'Q3'].map((n) => question(deck.id, n));
    chat = new RecordingChat('slack');
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const answerQuiz = async (user: ReturnType<Conversation['user']>, n: number, option: string) => {
    await content.only(String(n), () => talk.say(user, 'quiz'));
    await talk.click(user, chat.lastPost(channel).ref, option);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
  };

  it('an edited question (new id) and a removed one are neither counted nor nudged about', async () => {
    const alice = talk.user('U1', 'alice');
    for (const n of [1, 2, 3]) await answerQuiz(alice, n, 'A'); // all wrong
    await talk.say(alice, 'review remind on');
    // A typo fixed in Q1 gives it a new id; Q3 is removed.
    deck.questions = [question(deck.id, 'Q1', { id: `${deck.id}:Q1-fixed`, prompt: 'Prompt of Q1, fixed?' }), question(deck.id, 'Q2')];

    now = new Date(now.getTime() + 2 * DAY + 3_600_000);
    expect(await bot.sendReviewReminders()).toBe(1);
    expect(textOf(chat.privateNotes[0]!.view)).toContain('1 question due for review in API Gateway');

    const first = (await talk.say(alice, 'review'))[0]!.view;
    expect(textOf(first)).toContain('Review: 1 question due (this one included).');
    expect(textOf(first)).toContain('API Gateway Q2');
  });

  it('when only edited or removed questions are due: no nudge, and review says nothing is due', async () => {
    const alice = talk.user('U1', 'alice');
    for (const n of [1, 3]) await answerQuiz(alice, n, 'A'); // wrong
    await talk.say(alice, 'review remind on');
    deck.questions = [question(deck.id, 'Q1', { id: `${deck.id}:Q1-fixed`, prompt: 'Prompt of Q1, fixed?' }), question(deck.id, 'Q2')];
    now = new Date(now.getTime() + DAY + 3_600_000);
    // Before: "2 questions due for review" every day, while review said "Nothing is due".
    expect(await bot.sendReviewReminders()).toBe(0);
    expect(chat.privateNotes).toHaveLength(0);
    const r = textOf((await talk.say(alice, 'review'))[0]!.view);
    expect(r).toContain('Nothing is due for review.');
    expect(r).not.toContain('The next question is due'); // no card of a loaded question
  });
});
