// When the database or the platform fails, users get a clear message and nothing is half-done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('outages on $name', (target) => {
  let t: TestDatabase;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const now = new Date('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    t = await openTestDatabase(target, 'outage');
  });
  afterAll(async () => {
    await t?.close().catch(() => {});
  });

  it('a failed post leaves no round behind, then the database going away is reported on the next click', async () => {
    const chat = new RecordingChat('slack');
    const content = oneQuestionContent([apiGatewayDeck()]);
    const bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now } });
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, channel);
    const alice = talk.user('U1', 'alice');

    chat.failNext(1);
    expect(textOf((await content.only('Q1', () => talk.say(alice, 'quiz')))[0]!.view)).toContain('I could not post to this channel');
    expect(chat.posts).toHaveLength(0);
    expect(textOf((await content.only('Q1', () => talk.say(alice, 'quiz')))[0]!.view)).toContain('Posted API Gateway Q1'); // not blocked by a ghost round
    const q = chat.lastPost(channel);

    // The database goes away (closed pool / PGlite): the click is not acknowledged as recorded.
    await t.database.close();
    const [reply] = await talk.click(alice, q.ref, 'B');
    expect(textOf(reply!.view)).toContain('I could not reach my database, so I cannot confirm your answer');
    expect(textOf((await talk.say(alice, 'leaderboard'))[0]!.view)).toContain('I cannot reach my database right now');
  });
});
