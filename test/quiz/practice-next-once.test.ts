// "Next question" clicked twice on one practice result starts one question, shown to both clicks
// (before: two rounds, the first replaced unseen yet counted as served).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { buttonId, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('practice "Next question" clicked twice on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'practice_next_once');
  });
  afterAll(() => t?.close());

  it('one new question for a double click (one after the other or at once); a new result starts a new one', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const deck = apiGatewayDeck();
    deck.questions = ['Q1', 'Q2', 'Q3', 'Q4'].map((n) => question(deck.id, n)); // key: B
    const store = createQuizStore(t.database);
    const bot = createStudybot({ store, decks: oneQuestionContent([deck]).catalog, clock: { now: () => now }, random: () => 0 });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const bob = talk.user('U2', 'bob');
    const roundOf = (view: Parameters<typeof textOf>[0]) => buttonId(view, 'B').split(':')[1];

    const first = (await talk.say(bob, 'practice'))[0]!.view;
    const result = (await talk.click(bob, first, 'B'))[0]!.view;
    const a = (await talk.click(bob, result, 'Next question'))[0]!;
    const b = (await talk.click(bob, result, 'Next question'))[0]!;
    expect(b.replaceSource).toBe(true);
    expect(roundOf(b.view)).toBe(roundOf(a.view));
    expect(textOf(b.view)).toBe(textOf(a.view));

    const result2 = (await talk.click(bob, a.view, 'B'))[0]!.view;
    const [c, d] = await Promise.all([talk.click(bob, result2, 'Next question'), talk.click(bob, result2, 'Next question')]);
    expect(roundOf(c[0]!.view)).toBe(roundOf(d[0]!.view));
    expect(roundOf(c[0]!.view)).not.toBe(roundOf(a.view));

    // Three practice rounds in all: nothing served unseen.
    const history = await store.questionHistory({ ownerKey: 'slack:T1:U2', deckId: deck.id });
    expect(history.reduce((n, h) => n + h.times, 0)).toBe(3);
  });
});
