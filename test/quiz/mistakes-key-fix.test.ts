// `mistakes` after an admin fixed a question's answer key: the answer is shown as it was graded,
// with the corrected key beside it, and an answer the corrected key calls right leaves the list
// (before: "You chose: A) … Right answer: A) …", still listed as a mistake).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('mistakes after a fixed answer key on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'mistakes_key_fix');
  });
  afterAll(() => t?.close());

  it('shows the key as graded and the corrected one, and drops answers the corrected key calls right', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const deck = apiGatewayDeck();
    deck.questions = [question(deck.id, 'Q1'), question(deck.id, 'Q2')]; // key: B
    const content = oneQuestionContent([deck]);
    const bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, random: () => 0 });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    await talk.click(alice, chat.lastPost().ref, 'A');
    await talk.click(bob, chat.lastPost().ref, 'C');
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
    await content.only('Q2', () => talk.say(alice, 'quiz'));
    await talk.click(alice, chat.lastPost().ref, 'D');
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();

    // The admin fixes Q1's key: A is right (same text, same id).
    deck.questions[0] = question(deck.id, 'Q1', { correct: ['A'] });

    const bobs = textOf((await talk.say(bob, 'mistakes'))[0]!.view);
    expect(bobs).toContain('Q1: Prompt of Q1? You chose: C) Option C. Graded against: B) Option B. The notes have changed since; right answer now: A) Option A');

    const alices = textOf((await talk.say(alice, 'mistakes'))[0]!.view);
    expect(alices).toContain('1 question to go over');
    expect(alices).toContain('Q2: Prompt of Q2? You chose: D) Option D. Right answer: B) Option B');
    expect(alices).not.toContain('Q1:');
    expect(alices).toContain('Not listed: 1 answer marked wrong when you gave it, right under the notes as corrected since');
  });
});
