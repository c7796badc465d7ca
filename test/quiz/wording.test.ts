// Clear words (issue 16 items 9 and 10, issue 17 item 9's core parts): deck names as listed, number
// errors, plurals, sentences, suggestions, help; report limits; note paths without server paths.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chooseAction } from '../../adapters/console/input.js';
import { renderView } from '../../adapters/console/render.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, parseCommand, staticCatalog, type StudybotDeps } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, concept, question } from '../support/decks.js';

const START = new Date('2026-03-02T09:00:00Z');

describe('command wording without a store', () => {
  it.each(['-1', '2.5', '99999999999999999999', '+3', 'Q0.5'])('quiz %s: not a question number (not a deck)', (n) => {
    const parsed = parseCommand(`quiz ${n}`);
    expect(parsed).toMatchObject({ type: 'invalid', message: `"${n}" is not a question number: use a whole number such as 3 (or Q3).` });
  });

  it('report with a too short reason states the minimum', () => {
    expect(parseCommand('report 5 x')).toMatchObject({ type: 'invalid', message: expect.stringContaining('at least 3 characters') });
  });

  it('suggests no leaderboard for "stop", and still fixes real typos', () => {
    expect(parseCommand('stop')).toEqual({ type: 'unknown', word: 'stop' });
    expect(parseCommand('leaderbord')).toMatchObject({ suggestion: 'leaderboard' });
    expect(parseCommand('tops')).toMatchObject({ type: 'unknown' });
  });

  it('console: a numbered "Select TWO" takes a,c like numbered single answers take a, and its hint says it once', () => {
    const view = {
      text: 'q',
      blocks: [],
      actions: [
        {
          type: 'multiselect' as const,
          id: 'm:1',
          submitId: 's:1',
          placeholder: 'Choose 2 options',
          min: 2,
          max: 2,
          options: ['1', '2', '3', '4'].map((v) => ({ value: v, label: `${v}) Option ${v}` })),
        },
      ],
    };
    expect(chooseAction([{ view, messageRef: 'r' }], 'a,c', ['a', 'c'])).toEqual({ actionId: 's:1', values: ['1', '3'], messageRef: 'r' });
    const shown = renderView(view);
    expect(shown).toContain('(choose 2, e.g. 1,2)');
    expect(shown.match(/choose 2/gi)).toHaveLength(1);
  });
});

describe.each(dbTargets)('core wording on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'wording');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = START;
  });

  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  function setup(extra: Partial<StudybotDeps> = {}, decks = [apiGatewayDeck()]) {
    const bot = createStudybot({ store: createQuizStore(t.database), decks: staticCatalog(decks), clock: { now: () => now }, random: () => 0, ...extra });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    return { bot, chat, talk: new Conversation(bot, chat, channel) };
  }
  const say = async (talk: Conversation, user: ReturnType<Conversation['user']>, text: string) => textOf((await talk.say(user, text))[0]!.view);

  it('accepts every deck name it lists, in any case', async () => {
    const odd = apiGatewayDeck({ id: 'Bad_Name', title: 'Odd deck', command: 'odd', questions: [question('Bad_Name', 'Q1')] });
    const { talk } = setup({}, [apiGatewayDeck(), odd]);
    const alice = talk.user('U1', 'alice');
    expect(await say(talk, alice, 'practice nope')).toContain('Decks: api-gateway, Bad_Name');
    for (const name of ['Bad_Name', 'bad_name', 'BAD_NAME']) expect(await say(talk, alice, `practice ${name}`)).toContain('Practice · Odd deck Q1');
    expect(await say(talk, alice, 'quiz bad_name')).toContain('Posted Odd deck Q1');
    const choices = await talk.bot.autocomplete({ channel, user: alice, command: 'apigw', subcommand: 'practice', option: 'deck', partial: 'bad' });
    expect(choices.map((c) => c.value)).toEqual(['Bad_Name']);
  });

  it('counts questions in the singular, and ends sentences with one period', async () => {
    const one = apiGatewayDeck({
      questions: [question('api-gateway', 'Q1', { options: [{ id: 'A', text: 'Use a stage variable.' }, { id: 'B', text: 'Redeploy.' }], correct: ['A'] })],
    });
    const { talk, chat } = setup({}, [one]);
    const alice = talk.user('U1', 'alice');
    const author = talk.user('U9', 'author', true); // a chosen number is an admin's preview
    expect(await say(talk, author, 'quiz 7')).toContain('It has 1 question.');
    expect(await say(talk, alice, 'report 7 the answer is wrong')).toContain('It has 1 question.');
    await talk.say(alice, 'quiz'); // the deck's one question
    const wrong = await say(talk, alice, 'quiz'); // just to be sure the round is open
    expect(wrong).toContain('already an open quiz');
    const feedback = textOf((await talk.click(alice, chat.lastPost().ref, 'B'))[0]!.view);
    expect(feedback).toContain('The answer is A) Use a stage variable.');
    expect(feedback).not.toContain('..');
    const again = textOf((await talk.click(alice, chat.lastPost().ref, 'A'))[0]!.view);
    expect(again).toContain('You already answered this one: B) Redeploy.');
    expect(again).not.toContain('..');
  });

  it("help names the schedule's deck, close and on for admins", async () => {
    const { talk } = setup();
    const help = await say(talk, talk.user('U9', 'boss', true), 'help');
    expect(help).toContain('/apigw schedule [HH:MM] [timezone] [weekdays] [deck | decks a,b] [close 8h] | on | off');
    expect(help).toContain('/apigw quiz cancel (admins)');
  });

  it('takes at most 5 reports per user and channel in an hour, then says when again', async () => {
    const { talk } = setup();
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    for (let i = 1; i <= 5; i++) {
      expect(await say(talk, alice, `report 1 problem number ${i}`)).toContain(`Thanks! Report #`);
      now = new Date(now.getTime() + 60_000);
    }
    const refused = await say(talk, alice, 'report 1 one more problem');
    expect(refused).toContain('5 reports from you in this channel within an hour');
    expect(refused).toContain('Nothing was reported.');
    expect(refused).toContain('You can report again at 10:00 UTC.');
    expect(await say(talk, bob, 'report 1 another problem')).toContain('Thanks! Report #');
    // Another process (a restart) counts the stored reports too.
    const restarted = setup().talk;
    expect(await say(restarted, alice, 'report 1 after a restart')).toContain('within an hour');
    now = new Date(START.getTime() + 60 * 60_000 + 1);
    expect(await say(restarted, alice, 'report 1 an hour later')).toContain('Thanks! Report #');
  });

  it('decks lists every deck with its command and counts; explain says which other deck knows a concept', async () => {
    const lambda = apiGatewayDeck({
      id: 'lambda',
      title: 'Lambda',
      command: 'lambda',
      concepts: [concept('Cold start', 'The first invocation initialises a new execution environment.')],
      questions: [question('lambda', 'Q1')],
    });
    const { talk } = setup({}, [apiGatewayDeck(), lambda]);
    const alice = talk.user('U1', 'alice');
    const list = await say(talk, alice, 'decks');
    expect(list).toContain('API Gateway (api-gateway): /apigw, 3 questions, 3 concepts ← this command');
    expect(list).toContain('Lambda (lambda): /lambda, 1 question, 1 concept');
    expect(await say(talk, alice, 'decks extra')).toContain('decks takes nothing after it.');
    const explained = await say(talk, alice, 'explain cold start');
    expect(explained).toContain(`I don't know "cold start" in API Gateway.`);
    expect(explained).toContain('Cold start is in Lambda: /lambda explain cold-start');
    expect(await say(talk, alice, 'explain nothing like it')).not.toContain(' is in ');
  });

  it('explain and Share to channel name the note relative to the content folder, never by its server path', async () => {
    const deck = apiGatewayDeck({
      path: '/srv/notes/aws/api-gateway.md',
      concepts: [{ ...concept('Stage variables', 'Name-value pairs.'), source: { path: '/srv/notes/aws/api-gateway.md', line: 40 } }],
    });
    const { talk } = setup({ contentDir: '/srv/notes' }, [deck]);
    const alice = talk.user('U1', 'alice');
    const explained = (await talk.say(alice, 'explain stage variables'))[0]!.view;
    expect(textOf(explained)).toContain('From API Gateway (aws/api-gateway.md:40)');
    const shared = await talk.click(alice, explained, 'Share to channel');
    expect(textOf(shared[0]!.view)).toContain('(aws/api-gateway.md:40) · shared by alice');
    expect(JSON.stringify([explained, shared])).not.toContain('/srv');
    // The sharer's name is plain text: its backticks become U+02CB (person()). (In another channel:
    // here the concept was just shared, so it is not posted again for a while.)
    const bob = talk.user('U2', 'b`o`b');
    const byBob = await new Conversation(talk.bot, talk.chat, { ...channel, channel: 'C-other' }).click(bob, explained, 'Share to channel');
    expect(textOf(byBob[0]!.view)).toContain('shared by b\u02CBo\u02CBb');

    const elsewhere = setup({}, [deck]).talk; // no content folder given: the file name only
    expect(await say(elsewhere, alice, 'explain stage variables')).toContain('From API Gateway (api-gateway.md:40)');
  });
});
