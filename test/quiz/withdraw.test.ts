// F29: an admin can pull a wrong question of the day (or quiz): `quiz withdraw` closes it now, takes
// every answer's points off the board and the reveal says so without showing the (wrong) answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';

describe.each(dbTargets)('withdrawing a question on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck({ questions: [apiGatewayDeck().questions[0]!] }); // Q1, answer B

  beforeAll(async () => {
    t = await openTestDatabase(target, 'withdraw');
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

  it('pulls the open question of the day: no points, no answer shown, later clicks told why', async () => {
    const alice = talk.user('U1', 'alice');
    const admin = talk.user('U99', 'boss');
    const started = await bot.startRound({ channel, kind: 'daily', closesAt: new Date('2026-03-02T17:00:00Z'), dailyDate: '2026-03-02' });
    expect(textOf((await talk.click(alice, started.messageRef, 'B'))[0]!.view)).toContain('Correct! +10 points.');
    const carol = talk.user('U3', 'carol');
    expect(textOf((await talk.click(carol, started.messageRef, 'A'))[0]!.view)).toContain('Not quite');
    expect(textOf((await talk.say(carol, 'mistakes'))[0]!.view)).toContain('Right answer');

    const refused = textOf((await talk.say(alice, 'quiz withdraw'))[0]!.view);
    expect(refused).toContain('Only admins can withdraw a question.');
    expect(refused).toContain('STUDYBOT_ADMINS');
    expect(textOf((await talk.say(admin, 'quiz cancel'))[0]!.view)).toContain('/apigw quiz withdraw');

    now = new Date('2026-03-02T09:30:00Z');
    const [done] = await talk.say(admin, 'quiz withdraw');
    expect(textOf(done!.view)).toContain('Withdrew the question of the day (API Gateway Q1): 2 answers to it score nothing');
    const message = textOf(chat.message(started.messageRef).view);
    expect(message).toContain('Question of the day · API Gateway Q1 · withdrawn');
    expect(message).toContain('An admin withdrew this question');
    expect(message).not.toContain('Answer:');
    expect(textOf((await talk.say(alice, 'leaderboard'))[0]!.view)).not.toContain('10 points');
    // The withdrawn key is not shown in `mistakes` either (the channel was not shown it).
    expect(textOf((await talk.say(carol, 'mistakes'))[0]!.view)).not.toContain('Right answer');

    const [late] = await talk.click(talk.user('U2', 'bob'), chat.message(started.messageRef).history[0]!, 'B'); // a client still showing the question
    expect(textOf(late!.view)).toContain('An admin withdrew it: it scores nothing.');
    now = new Date('2026-03-02T17:00:00Z');
    expect(await bot.closeDueRounds()).toBe(0); // closed already: no second reveal with the answer
    expect(textOf(chat.message(started.messageRef).view)).not.toContain('Answer:');
    expect(textOf((await talk.say(admin, 'quiz withdraw'))[0]!.view)).toContain('There is no open question in this channel to withdraw.');
  });
});
