// F7: stats says which part of its points is on the leaderboards; F9: `stats month` is not read as a
// user name, and a quoted name is a name.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';

describe.each(dbTargets)('stats wording on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck({ questions: ['Q1', 'Q2', 'Q3'].map((n) => question('api-gateway', n)) });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'statsclarity');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:00:00Z');
    chat = new RecordingChat('slack');
    bot = createStudybot({ store: createQuizStore(t.database, { channelCacheMs: 0 }), decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => now } });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  const fields = (view: Parameters<typeof blocksOf>[0]) => Object.fromEntries(blocksOf(view, 'fields')[0]!.items.map((f) => [f.name, f.value]));

  it('splits the points into the leaderboard part and practice', async () => {
    const alice = talk.user('U1', 'Jane Doe');
    await talk.say(alice, 'quiz');
    await talk.click(alice, chat.lastPost(channel).ref, 'B');
    const [practice] = await talk.say(alice, 'practice');
    await talk.click(alice, practice!.view, 'B');
    expect(fields((await talk.say(alice, 'stats'))[0]!.view).Points).toBe('20 (10 on channel leaderboards, 10 from practice)');
    expect(textOf((await talk.say(alice, 'leaderboard all'))[0]!.view)).toContain('Jane Doe: 10 points');

    // Only board points: the plain number, as before.
    const bob = talk.user('U2', 'bob');
    await talk.click(bob, chat.lastPost(channel).ref, 'B');
    expect(fields((await talk.say(bob, 'stats'))[0]!.view).Points).toBe('10');

    // A quoted name is the name.
    expect(textOf((await talk.say(bob, 'stats "Jane Doe"'))[0]!.view)).toContain('Stats for Jane Doe');
  });

  it('answers stats month / week with the leaderboard, not "no answers from that user"', async () => {
    const bob = talk.user('U2', 'bob');
    for (const text of ['stats month', 'stats week', 'stats apigw all']) {
      const said = textOf((await talk.say(bob, text))[0]!.view);
      expect(said).toContain('stats has no period: it counts all time. For points this week or month, try leaderboard week or leaderboard month');
      expect(said).not.toContain('no answers from that user');
    }
  });
});
