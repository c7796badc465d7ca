// Round state across restarts and previews (issue 16 items 5 and 6), through the real core on
// PGlite (and Postgres with TEST_DATABASE_URL); the restart also through the real console adapter.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, type StudybotDeps } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const START = new Date('2026-03-02T09:00:00Z');

describe.each(dbTargets)('round state on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'round_state');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = START;
  });

  const content = oneQuestionContent([apiGatewayDeck()]);
  const bot = (extra: Partial<StudybotDeps> = {}) =>
    createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, random: () => 0, ...extra });

  /** One console session, as src/main.ts runs it (early reveal on), until its input ends. */
  async function consoleSession(lines: string[]) {
    const core = bot();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    const done = runConsole({ bot: core, input, output, interactive: false, revealNow: (ref) => core.revealNow(ref) });
    input.end(lines.map((l) => `${l}\n`).join(''));
    await done;
    return printed;
  }

  it('after a restart, quiz shows the open quiz again with its close time, and it can be answered and revealed', async () => {
    const first = await content.only('Q1', () => consoleSession(['/apigw quiz']));
    expect(first).toContain('It closes at 09:10 UTC');

    now = new Date(START.getTime() + 2 * 60_000); // restarted two minutes later: the quiz is still open
    const second = await consoleSession(['/apigw quiz', 'b']);
    expect(second).toContain('There is already an open quiz in this channel: answer that one first. It closes at 09:10 UTC.');
    expect(second).toContain('Close it now with /apigw quiz cancel.'); // the console user is an admin
    expect(second).toContain('Which integration lets you test clients before the back end exists?');
    expect(second).toContain('closes at 09:10 UTC');
    expect(second).toContain('Correct! +10 points');
    expect(second).toContain('Answer: B) mock'); // revealed at once, as for a question posted in this session
  });

  it('after a restart, `reveal` closes the open quiz once it is shown again', async () => {
    await content.only('Q1', () => consoleSession(['/apigw quiz']));
    const second = await consoleSession(['reveal', '/apigw quiz', 'reveal', '/apigw quiz 2']);
    expect(second).toContain('There is no open question to reveal');
    expect(second).toContain('Answer: B) mock');
    expect(second).toContain('Posted a preview of API Gateway Q2 (not scored)'); // the channel is free again (the console user is an admin)
  });

  it('quiz cancel: admins close the open quiz now and it is revealed; others are told it closes on its own', async () => {
    const core = bot();
    const chat = new RecordingChat('slack');
    core.attachChat(chat);
    const talk = new Conversation(core, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const alice = talk.user('U1', 'alice');
    const boss = talk.user('U9', 'boss', true);
    expect(textOf((await talk.say(boss, 'quiz cancel'))[0]!.view)).toContain('There is no open quiz in this channel.');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const question = chat.lastPost();
    await talk.click(alice, question.ref, 'B');

    const refused = await talk.say(alice, 'quiz cancel');
    expect(textOf(refused[0]!.view)).toContain('Only admins can close a quiz early');
    const again = await talk.say(alice, 'quiz');
    expect(textOf(again[0]!.view)).toContain('already an open quiz');
    expect(textOf(again[0]!.view)).not.toContain('quiz cancel'); // only admins are offered it
    expect(again[1]!.messageRef).toBe(question.ref);
    expect(textOf(again[1]!.view)).toContain('1 answer so far');

    const cancelled = await talk.say(boss, 'quiz cancel');
    expect(textOf(cancelled[0]!.view)).toContain('Closed API Gateway Q1 now: the answer is revealed in the channel.');
    expect(textOf(chat.message(question.ref).view)).toContain('Answer: B) mock');
    expect(textOf((await content.only('Q2', () => talk.say(alice, 'quiz')))[0]!.view)).toContain('Posted API Gateway Q2');
  });

  it('previews: only admins post a chosen question, and answering it never scores', async () => {
    const core = bot();
    const chat = new RecordingChat('slack');
    core.attachChat(chat);
    const talk = new Conversation(core, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const alice = talk.user('U1', 'alice');
    const author = talk.user('U9', 'author', true);

    expect(textOf((await talk.say(alice, 'quiz 1'))[0]!.view)).toContain('Only admins can preview a chosen question');
    expect(textOf((await talk.say(alice, 'help'))[0]!.view)).toContain("A chosen number (admins) is an author's preview, never scored.");
    expect(chat.posts).toHaveLength(0);

    for (let i = 0; i < 4; i++) {
      expect(textOf((await talk.say(author, 'quiz 1'))[0]!.view)).toContain('Posted a preview of API Gateway Q1 (not scored)');
      const preview = chat.lastPost();
      expect(textOf(preview.view)).toContain('Preview (not scored) · API Gateway Q1');
      expect(textOf((await talk.click(author, preview.ref, 'B'))[0]!.view)).toContain('Correct! (A preview: not scored.)');
      await talk.click(alice, preview.ref, 'B');
      now = new Date(now.getTime() + 11 * 60_000);
      await core.closeDueRounds();
    }
    const board = textOf((await talk.say(author, 'leaderboard all'))[0]!.view);
    expect(board).toContain('no scored answers yet');
    expect(textOf((await talk.say(author, 'stats'))[0]!.view)).toContain('Points: 0');

    // A random quiz still scores for everyone.
    await talk.say(alice, 'quiz');
    const quiz = chat.lastPost();
    const controls = quiz.view.actions![0]!;
    if (controls.type === 'multiselect') await talk.choose(alice, quiz.ref, controls.options.slice(0, controls.min).map((o) => o.value));
    else await talk.click(alice, quiz.ref, controls.buttons[0]!.label);
    expect(textOf((await talk.say(alice, 'leaderboard all'))[0]!.view)).toContain('alice');
  });
});
