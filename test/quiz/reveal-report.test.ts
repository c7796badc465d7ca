// F25: the reveal keeps "Report a problem": the moment people read the key and disagree.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';

describe.each(dbTargets)('reporting after the reveal on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck();

  beforeAll(async () => {
    t = await openTestDatabase(target, 'revealreport');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:00:00Z');
    chat = new RecordingChat('slack');
    bot = createStudybot({ store: createQuizStore(t.database, { channelCacheMs: 0 }), decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => now }, admins: ['U99'] });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  it('keeps the report button on the revealed message, and it files a report', async () => {
    const bob = talk.user('U2', 'bob');
    await talk.say(bob, 'quiz');
    const q = chat.lastPost(channel);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
    const revealed = chat.message(q.ref).view;
    expect(textOf(revealed)).toContain('Answer:');
    expect((revealed.actions ?? []).flatMap((a) => (a.type === 'buttons' ? a.buttons.map((b) => b.label) : [a.type]))).toEqual(['Report a problem']);
    const [asked] = await talk.click(bob, q.ref, 'Report a problem');
    expect(asked!.form).toBeDefined();
  });
});
