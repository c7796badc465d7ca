// `mistakes` (issue 16 item 11): recent wrong answers, privately, with a button to practise them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, parseActionId, staticCatalog } from '../../src/quiz/index.js';
import { buttonId, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('mistakes on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'mistakes');
  });
  afterAll(() => t?.close());

  it('lists the questions last answered wrong, newest first, and practises them until answered right', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const content = oneQuestionContent([apiGatewayDeck()]);
    const bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, random: () => 0 });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const alice = talk.user('U1', 'alice');
    const say = async (text: string) => (await talk.say(alice, text))[0]!.view;
    const answerQuiz = async (n: string, label: string) => {
      await content.only(String(n), () => talk.say(alice, 'quiz'));
      await talk.click(alice, chat.lastPost().ref, label);
      now = new Date(now.getTime() + 11 * 60_000);
      await bot.closeDueRounds();
    };

    expect(textOf(await say('mistakes'))).toContain('No mistakes to go over in API Gateway.');
    await answerQuiz('1', 'A'); // wrong: B is right
    await answerQuiz('3', 'C'); // wrong: A is right
    await answerQuiz('1', 'B'); // Q1 now right: no longer a mistake
    await answerQuiz('3', 'B'); // wrong again

    const view = await say('mistakes');
    const text = textOf(view);
    expect(text).toContain('Your recent mistakes in API Gateway: 1 question to go over');
    expect(text).toContain('Q3: Prompt of Q3? You chose: B) Option B. Right answer: A) Option A'); // the last wrong choice, not the first (C)
    expect(text).not.toContain('Q1:');
    const button = buttonId(view, 'Practise them again');
    expect(parseActionId(button)).toEqual({ type: 'practise-mistakes', deckId: 'api-gateway' });

    const practice = await talk.act(alice, { actionId: button, messageRef: null });
    expect(textOf(practice[0]!.view)).toContain('Practice · API Gateway Q3');
    const answered = await talk.click(alice, practice[0]!.view, 'A');
    expect(textOf(answered[0]!.view)).toContain('Correct!');
    expect(textOf(await say('mistakes'))).toContain('No mistakes to go over');
    expect(textOf((await talk.act(alice, { actionId: button, messageRef: null }))[0]!.view)).toContain('No mistakes left in API Gateway');
    expect(textOf(await say('mistakes now'))).toContain('mistakes takes nothing after it.');
  });
});
