// F24: a reporter hears back when their report is resolved (with the admin's note), and the list
// says which channel each report came from.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';

describe.each(dbTargets)('report follow-up on $name', (target) => {
  let t: TestDatabase;
  let bot: Studybot;
  let chat: RecordingChat;
  const deck = apiGatewayDeck();
  const channel = (id: string) => ({ platform: 'slack' as const, workspace: 'T1', channel: id });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'reportnotes');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    chat = new RecordingChat('slack');
    bot = createStudybot({ store: createQuizStore(t.database), decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    bot.attachChat(chat);
  });

  it('tells the reporter privately, where they reported, when an admin resolves it; lists the channel of each report', async () => {
    const here = new Conversation(bot, chat, channel('C1'));
    const there = new Conversation(bot, chat, channel('C7'));
    const alice = here.user('U1', 'alice');
    const admin = here.user('U9', 'boss', true);
    expect(textOf((await there.say(there.user('U1', 'alice'), 'report 1 the answer should be C'))[0]!.view)).toContain('I will tell you privately when they resolve it.');
    await here.say(alice, 'report 3 typo in option D');

    const list = textOf((await here.say(admin, 'reports'))[0]!.view);
    expect(list).toContain('#2 API Gateway Q3 at content/api-gateway.md:10: "typo in option D" (alice in this channel, 2026-03-02)');
    expect(list).toContain('#1 API Gateway Q1 at content/api-gateway.md:10: "the answer should be C" (alice in channel C7, 2026-03-02)');

    const [resolved] = await here.say(admin, 'reports resolve 1 fixed: the answer is now C');
    expect(textOf(resolved!.view)).toContain('Report #1 resolved.');
    expect(textOf(resolved!.view)).toContain('Its reporter was told privately.');
    expect(chat.privateNotes).toHaveLength(1);
    const note = chat.privateNotes[0]!;
    expect(note.channel).toEqual(channel('C7'));
    expect(note.userId).toBe('U1');
    expect(textOf(note.view)).toContain('Your report #1 on API Gateway Q1 was resolved by boss: "fixed: the answer is now C"');

    await here.say(admin, 'reports resolve 2');
    expect(textOf(chat.privateNotes[1]!.view)).toContain('Your report #2 on API Gateway Q3 was resolved by boss.');
  });

  it('says so when the reporter cannot be told, and resolves it anyway', async () => {
    const quiet = new RecordingChat('slack', { withPrivate: false });
    bot = createStudybot({ store: createQuizStore(t.database), decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    bot.attachChat(quiet);
    const here = new Conversation(bot, quiet, channel('C1'));
    const thanks = textOf((await here.say(here.user('U1', 'alice'), 'report 1 the answer should be C'))[0]!.view);
    expect(thanks).not.toContain('I will tell you');
    const [resolved] = await here.say(here.user('U9', 'boss', true), 'reports resolve 1');
    expect(textOf(resolved!.view)).toContain('Its reporter could not be told here');
  });
});
