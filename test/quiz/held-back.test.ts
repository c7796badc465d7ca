// Private study never gives away an open channel round: a question open in a quiz or question of
// the day anywhere in the workspace is held back from practice, review, the review nudge and
// `mistakes` until that round closes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { buttonId, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const DAY = 86_400_000;
const MIN = 60_000;

describe.each(dbTargets)('questions of open channel rounds held back from private study on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let chat: RecordingChat;
  let bot: ReturnType<typeof createStudybot>;
  let content: OneQuestionContent;
  const c1 = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const c2 = { platform: 'slack' as const, workspace: 'T1', channel: 'C2' };
  const c3 = { platform: 'slack' as const, workspace: 'T1', channel: 'C3' };
  const deck = apiGatewayDeck();
  deck.questions = ['Q1', 'Q2'].map((n) => question(deck.id, n)); // answer: B

  beforeAll(async () => {
    t = await openTestDatabase(target, 'held_back');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:30:00Z');
    chat = new RecordingChat('slack');
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
  });
  const talkIn = (channel: typeof c1) => new Conversation(bot, chat, channel);
  /** Posts a scored quiz of question n in `channel` (open for 10 minutes). */
  const openQuiz = (channel: typeof c1, n: number) => content.only(String(n), () => talkIn(channel).say(talkIn(channel).user('U9', 'host'), 'quiz'));

  it('practice in another channel of the workspace never serves the open quiz question; all held: says so and when', async () => {
    await openQuiz(c1, 1);
    const talk = talkIn(c3);
    const bob = talk.user('U2', 'bob');
    for (let i = 0; i < 3; i++) {
      const view = (await talk.say(bob, 'practice'))[0]!.view;
      expect(textOf(view)).toContain('Practice · API Gateway Q2'); // before: Q1 first, with its answer after a click
    }
    await openQuiz(c2, 2);
    const held = textOf((await talk.say(bob, 'practice'))[0]!.view);
    expect(held).toContain('Every API Gateway question I could give you is open in a channel round right now');
    expect(held).toContain('Practise again after it closes: 09:40 UTC.');
    // Another workspace is not affected.
    const other = new Conversation(bot, chat, { platform: 'slack', workspace: 'T2', channel: 'C1' });
    expect(textOf((await other.say(other.user('U2', 'bob'), 'practice'))[0]!.view)).toContain('Practice · API Gateway Q1');
    // Once closed, Q1 is served again.
    now = new Date(now.getTime() + 11 * MIN);
    await bot.closeDueRounds();
    expect(textOf((await talk.say(bob, 'practice'))[0]!.view)).toContain('Practice · API Gateway Q1');
  });

  it('review, its nudge and mistakes wait for the round to close', async () => {
    const talk = talkIn(c1);
    const alice = talk.user('U1', 'alice');
    await openQuiz(c1, 1);
    await talk.click(alice, chat.lastPost(c1).ref, 'A'); // wrong: due again soon
    now = new Date(now.getTime() + 11 * MIN);
    await bot.closeDueRounds();
    await talk.say(alice, 'review remind on');

    now = new Date(now.getTime() + DAY); // 09:41 the next day
    await openQuiz(c2, 1); // Q1 is open in another channel until 09:51
    const review = textOf((await talk.say(alice, 'review'))[0]!.view);
    expect(review).toContain('Nothing to review right now.');
    expect(review).toContain('1 question is due but open in a channel round right now (the question of the day or a quiz): review it here after it closes, 09:51 UTC.');
    expect(await bot.sendReviewReminders()).toBe(0);

    const mistakes = (await talk.say(alice, 'mistakes'))[0]!.view;
    expect(textOf(mistakes)).toContain('Right answer: not shown while this question is open in a channel round');
    expect(textOf(mistakes)).not.toContain('Right answer: B)');
    const practise = await talk.act(alice, { actionId: buttonId(mistakes, 'Practise them again'), messageRef: null });
    expect(textOf(practise[0]!.view)).toContain('Your API Gateway mistakes are open in a channel round right now');

    now = new Date(now.getTime() + 11 * MIN);
    await bot.closeDueRounds();
    expect(await bot.sendReviewReminders()).toBe(1); // the same day, once the round is closed
    expect(textOf(chat.privateNotes[0]!.view)).toContain('1 question due for review');
    const served = textOf((await talk.say(alice, 'review'))[0]!.view);
    expect(served).toContain('Review: 1 question due (this one included).');
    expect(served).toContain('API Gateway Q1');
    expect(textOf((await talk.say(alice, 'mistakes'))[0]!.view)).toContain('Right answer: B) Option B');
  });
});
