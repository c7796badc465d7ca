// Exactly-once answers under concurrency, enforced by the database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('concurrent deliveries on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  let content: OneQuestionContent;
  const channel = { platform: 'discord' as const, workspace: 'G1', channel: 'C1' };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'concurrency', { poolSize: 20 });
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:00:00Z');
    chat = new RecordingChat('discord', { withPrivate: false });
    content = oneQuestionContent([apiGatewayDeck()]);
    bot = createStudybot({
      store: createQuizStore(t.database),
      decks: content.catalog,
      clock: { now: () => now },
    });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  const answerRows = async () => {
    const result = await t.database.db.execute(sql`select user_key, choice from answers`);
    return (result as unknown as { rows: { user_key: string; choice: string[] }[] }).rows;
  };

  it('records one answer for 1,000 concurrent duplicate deliveries of one click', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    const clicks = Array.from({ length: 1000 }, (_, i) => talk.click(alice, q.ref, i % 2 ? 'B' : 'A'));
    const replies = (await Promise.all(clicks)).map((r) => textOf(r[0]!.view));
    const recorded = replies.filter((r) => r.includes('Correct!') || r.includes('Not quite'));
    const duplicates = replies.filter((r) => r.includes('You already answered this one'));
    expect(recorded).toHaveLength(1);
    expect(duplicates).toHaveLength(999);
    const rows = await answerRows();
    expect(rows).toHaveLength(1);
    // Every duplicate names the answer that was kept.
    const kept = rows[0]!.choice[0];
    expect(duplicates.every((d) => d.includes(`You already answered this one: ${kept})`))).toBe(true);
    await bot.flush();
    expect(textOf(chat.message(q.ref).view)).toContain('1 answer so far');
  });

  it('records one answer when the duplicates arrive through ten bot processes at once', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    // Each "process" has its own store (own caches and answer batcher); only the database is shared.
    const processes = Array.from({ length: 10 }, () => {
      const b = createStudybot({ store: createQuizStore(t.database), decks: staticCatalog([apiGatewayDeck()]), clock: { now: () => now } });
      b.attachChat(chat);
      return new Conversation(b, chat, channel);
    });
    const replies = await Promise.all(Array.from({ length: 500 }, (_, i) => processes[i % 10]!.click(alice, q.ref, 'B')));
    const texts = replies.map((r) => textOf(r[0]!.view));
    expect(texts.filter((x) => x.includes('Correct!'))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('You already answered this one: B) mock'))).toHaveLength(499);
    expect(await answerRows()).toHaveLength(1);
  });

  it('counts in the reveal exactly the answers it acknowledged, when a close races the clicks', async () => {
    const host = talk.user('U0', 'host');
    await content.only('Q1', () => talk.say(host, 'quiz'));
    const q = chat.lastPost(channel);
    const users = Array.from({ length: 300 }, (_, i) => talk.user(`U${i + 1}`, `user${i + 1}`));
    const clicks = users.map((u, i) => talk.click(u, q.ref, ['A', 'B', 'C'][i % 3]!));
    const closing = (async () => {
      await new Promise((r) => setImmediate(r));
      now = new Date(now.getTime() + 11 * 60_000);
      return bot.closeDueRounds();
    })();
    const [replies, closed] = await Promise.all([Promise.all(clicks), closing]);
    expect(closed).toBe(1);
    const texts = replies.map((r) => textOf(r[0]!.view));
    const acknowledged = texts.filter((x) => x.includes('Correct!') || x.includes('Not quite')).length;
    const refused = texts.filter((x) => x.includes('This question closed at')).length;
    expect(acknowledged + refused).toBe(300);
    expect((await answerRows()).length).toBe(acknowledged);
    expect(textOf(chat.message(q.ref).view)).toContain(`${acknowledged} answer`);
  });

  it('lets only one of several concurrent closers reveal a round', async () => {
    const host = talk.user('U0', 'host');
    await content.only('Q1', () => talk.say(host, 'quiz'));
    const others = [1, 2].map(() => {
      const b = createStudybot({ store: createQuizStore(t.database), decks: staticCatalog([apiGatewayDeck()]), clock: { now: () => now } });
      b.attachChat(chat);
      return b;
    });
    now = new Date(now.getTime() + 11 * 60_000);
    const results = await Promise.all([bot, ...others].flatMap((b) => [b.closeDueRounds(), b.closeDueRounds()]));
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(chat.updates).toHaveLength(1);
  });
});
