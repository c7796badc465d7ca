// Review spacing for a once-a-day chat habit: no FSRS short-term learning steps, so a right answer
// is not due again 10 minutes later (before: "Rated Good. … next due for review: 10:10 UTC", and a
// review half an hour after practising served every question just answered right).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const DAY = 86_400_000;

describe.each(dbTargets)('review spacing on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'review_spacing');
  });
  afterAll(() => t?.close());

  it('a right answer comes back in days, a wrong one the next day; nothing is due half an hour later', async () => {
    let now = new Date('2026-03-02T10:00:00Z');
    const deck = apiGatewayDeck();
    deck.questions = ['Q1', 'Q2'].map((n) => question(deck.id, n)); // key: B
    const content = oneQuestionContent([deck]);
    const store = createQuizStore(t.database);
    const bot = createStudybot({ store, decks: content.catalog, clock: { now: () => now }, random: () => 0 });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const alice = talk.user('U1', 'alice');

    const p1 = (await talk.say(alice, 'practice'))[0]!.view;
    const right = await talk.click(alice, p1, 'B');
    const rated = textOf((await talk.click(alice, right[0]!.view, 'Good'))[0]!.view);
    expect(rated).toMatch(/^Rated Good\. API Gateway Q1 is next due for review: (Wed|Thu|Fri|Sat) /); // days away, not "10:10 UTC"
    const p2 = (await talk.say(alice, 'practice'))[0]!.view;
    await talk.click(alice, p2, 'A'); // wrong

    now = new Date(now.getTime() + 30 * 60_000);
    expect(textOf((await talk.say(alice, 'review'))[0]!.view)).toContain('Nothing is due for review.');
    const q2 = await store.memory!.getCard('slack:T1:U1', deck.id, `${deck.id}:Q2`);
    expect(q2!.due.getTime() - new Date('2026-03-02T10:00:00Z').getTime()).toBeGreaterThanOrEqual(DAY - 60_000);

    now = new Date(now.getTime() + DAY);
    expect(textOf((await talk.say(alice, 'review'))[0]!.view)).toContain('Review: 1 question due (this one included).');
  });
});
