// A question edited (its id comes from its text) or removed in the notes leaves its memory cards
// behind: review, its header and the daily nudge count and serve only cards of loaded questions,
// so the nudge never announces a question that review then says is not due. A small edit (a typo
// in the prompt, an option reworded) carries the card over to the edited question.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { sameQuestionEdited } from '../../src/quiz/features/review/carry-over.js';
import { snapshotOf } from '../../src/quiz/decks.js';
import type { QuizStore } from '../../src/quiz/store.js';
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
  let store: QuizStore;
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
    store = createQuizStore(t.database);
    bot = createStudybot({ store, decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const answerQuiz = async (user: ReturnType<Conversation['user']>, n: number, option: string) => {
    await content.only(String(n), () => talk.say(user, 'quiz'));
    await talk.click(user, chat.lastPost(channel).ref, option);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
  };

  it('a rewritten question (new id) and a removed one are neither counted nor nudged about', async () => {
    const alice = talk.user('U1', 'alice');
    for (const n of [1, 2, 3]) await answerQuiz(alice, n, 'A'); // all wrong
    await talk.say(alice, 'review remind on');
    // Q1 rewritten (new id, more than a typo); Q3 removed.
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

  it('a typo fixed in a prompt or an option carries the card over: counted, nudged and served as the edited question', async () => {
    const alice = talk.user('U1', 'alice');
    for (const n of [1, 2]) await answerQuiz(alice, n, 'A'); // wrong
    await talk.say(alice, 'review remind on');
    deck.questions = [
      question(deck.id, 'Q1', { id: `${deck.id}:Q1-typo`, prompt: 'Promt of Q1?' }),
      question(deck.id, 'Q2', { id: `${deck.id}:Q2-option`, options: [{ id: 'A', text: 'Option A' }, { id: 'B', text: 'Option B, reworded' }, { id: 'C', text: 'Option C' }, { id: 'D', text: 'Option D' }] }),
      question(deck.id, 'Q3'),
    ];
    now = new Date(now.getTime() + DAY + 3_600_000);
    expect(await bot.sendReviewReminders()).toBe(1);
    expect(textOf(chat.privateNotes[0]!.view)).toContain('2 questions due for review in API Gateway');
    expect(await store.memory!.getCard('slack:T1:U1', deck.id, `${deck.id}:Q1`)).toBeNull();
    const moved = await store.memory!.getCard('slack:T1:U1', deck.id, `${deck.id}:Q1-typo`);
    expect(moved!.lastRating).toBe('again');
    // Never onto a card the user already has.
    expect(await store.memory!.moveCard('slack:T1:U1', deck.id, `${deck.id}:Q1-typo`, `${deck.id}:Q2-option`)).toBe(false);
    expect(await store.memory!.getCard('slack:T1:U1', deck.id, `${deck.id}:Q1-typo`)).not.toBeNull();
    const first = (await talk.say(alice, 'review'))[0]!.view;
    expect(textOf(first)).toContain('Review: 2 questions due (this one included).');
    expect(textOf(first)).toContain('Promt of Q1?');
  });

  it('same question edited: decided by number, prompt and options, never on a long or very different prompt', () => {
    const before = snapshotOf(deck, question(deck.id, 'Q1', { prompt: 'Which integration lets you test clients?' }));
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which integration lets you test  clients ?' }))).toBe(true);
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which integraton lets you test clients?' }))).toBe(true);
    // The same prompt with other options is another question ("Which of the following is correct?" asks many).
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which integration lets you test clients?', correct: ['C'], options: [{ id: 'A', text: 'x' }, { id: 'B', text: 'y' }, { id: 'C', text: 'z' }, { id: 'D', text: 'w' }] }))).toBe(false);
    const kept = before.options.map((o, i) => ({ id: o.id, text: i < 2 ? o.text : `${o.text}, reworded` }));
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which integration lets you test clients?', correct: ['C'], options: kept }))).toBe(true);
    expect(sameQuestionEdited(before, question(deck.id, 'Q2', { prompt: 'Which integration lets you test clients?' }))).toBe(false);
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which stage variable names the back end?' }))).toBe(false);
    expect(sameQuestionEdited(before, question(deck.id, 'Q1', { prompt: 'Which integraton lets you test clients?', options: [{ id: 'A', text: 'Option A' }, { id: 'B', text: 'Option B' }] }))).toBe(false);
    const long = 'x'.repeat(700);
    const longBefore = snapshotOf(deck, question(deck.id, 'Q1', { prompt: long }));
    expect(sameQuestionEdited(longBefore, question(deck.id, 'Q1', { prompt: `${long}y`, options: [] }))).toBe(false);
    expect(sameQuestionEdited(longBefore, question(deck.id, 'Q1', { prompt: `${long}y` }))).toBe(false);
  });
});
