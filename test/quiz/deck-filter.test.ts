// `leaderboard [deck] [week|month|all]` and `stats [deck] [@user]`: the real core and store on
// PGlite (and real Postgres with TEST_DATABASE_URL), two decks answered in one channel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/content/types.js';
import { commandText } from '../../adapters/discord/commands.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';
import { apiGatewayDeck, question } from '../support/decks.js';

const START = new Date('2026-03-02T09:00:00Z'); // a Monday

const lambdaDeck = (): Deck => ({
  ...apiGatewayDeck(),
  id: 'lambda',
  command: 'lambda',
  title: 'Lambda',
  path: 'content/lambda.md',
  questions: [question('lambda', 'Q1'), question('lambda', 'Q2')],
});

describe.each(dbTargets)('deck filters on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  let content: OneQuestionContent;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const say = async (user: ReturnType<Conversation['user']>, text: string) => (await talk.say(user, text)).map((r) => textOf(r.view)).join('\n');

  beforeAll(async () => {
    t = await openTestDatabase(target, 'deck_filter');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = START;
    chat = new RecordingChat('slack');
    content = oneQuestionContent([apiGatewayDeck(), lambdaDeck()]);
    bot = createStudybot({
      store: createQuizStore(t.database),
      decks: content.catalog,
      clock: { now: () => now },
      countEditIntervalMs: 60_000,
      random: () => 0,
    });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  /** Posts question `n` of `deck` (a scored quiz), lets each user click their option, then closes it. */
  async function round(deckId: string, n: string, clicks: [ReturnType<Conversation['user']>, string][]) {
    const [asker] = clicks[0]!;
    expect(await content.only(n, () => say(asker, `quiz ${deckId}`), deckId)).toContain('Posted');
    const ref = chat.lastPost(channel).ref;
    for (const [user, option] of clicks) await talk.click(user, ref, option);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
  }

  async function play() {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    await round('api-gateway', 'Q1', [[alice, 'B'], [bob, 'A']]);
    await round('lambda', 'Q1', [[bob, 'B'], [alice, 'A']]);
    await round('lambda', 'Q2', [[bob, 'B']]);
    return { alice, bob };
  }

  it('leaderboard: all decks by default, one deck by id or command in any case, before or after the period', async () => {
    const { alice } = await play();
    const all = await say(alice, 'leaderboard');
    expect(all).toContain('Leaderboard · this week');
    expect(all).toMatch(/1\. bob: 20 points \(2\/3 right\)[\s\S]*2\. alice: 10 points \(1\/2 right\)/);

    const api = await say(alice, 'leaderboard api-gateway');
    expect(api).toContain('Leaderboard · API Gateway · this week');
    expect(api).toMatch(/1\. alice: 10 points \(1\/1 right\) ← you[\s\S]*2\. bob: 0 points \(0\/1 right\)/);
    expect(await say(alice, 'lb APIGW')).toContain('1. alice: 10 points (1/1 right)');

    for (const text of ['leaderboard LAMBDA month', 'leaderboard month lambda', 'board all time lambda', 'top lambda all-time']) {
      const board = await say(alice, text);
      expect(board, text).toMatch(/Leaderboard · Lambda · (this month|all time)/);
      expect(board, text).toMatch(/1\. bob: 20 points \(2\/2 right\)[\s\S]*2\. alice: 0 points \(0\/1 right\)/);
    }
    // The existing forms are unchanged.
    expect(await say(alice, 'leaderboard this week')).toContain('1. bob: 20 points (2/3 right)');
    expect(await say(alice, 'leaderboard all')).toContain('Leaderboard · all time');
  });

  it('leaderboard: an unknown deck gets "did you mean", bad words a clear message', async () => {
    const alice = talk.user('U1', 'alice');
    const typo = await say(alice, 'leaderboard lambad month');
    expect(typo).toContain('There is no deck "lambad". Did you mean lambda?');
    expect(typo).toContain('Decks: api-gateway, lambda.');
    expect(await say(alice, 'leaderboard zzzz')).toContain('There is no deck "zzzz".');
    expect(await say(alice, 'leaderboard zzzz')).toContain('Periods: week, month, all.');
    expect(await say(alice, 'leaderboard lambda fortnight ago')).toContain('I could not read "lambda fortnight ago"');
  });

  it('stats: a deck filters the numbers and streaks; the user forms still work', async () => {
    const { alice } = await play();
    const mine = await say(alice, 'stats');
    expect(mine).toContain('Answered: 2');
    const api = await say(alice, 'stats api-gateway');
    expect(api).toContain('Your stats');
    expect(api).toContain('Answered: 1');
    expect(api).toContain('Accuracy: 100% (1 right)');
    expect(api).toContain('Current streak: 1 day');
    expect(api).toContain('Only API Gateway (api-gateway).');
    const lambda = await say(alice, 'me LAMBDA');
    expect(lambda).toContain('Accuracy: 0% (0 right)');
    expect(lambda).toContain('Current streak: 0 days');

    for (const text of ['stats lambda <@U2>', 'stats lambda bob', 'stats lambda @bob']) {
      const bobs = await say(alice, text);
      expect(bobs, text).toContain('Stats for bob');
      expect(bobs, text).toContain('Answered: 2');
      expect(bobs, text).toContain('Only Lambda (lambda).');
    }
    for (const text of ['stats <@U2>', 'stats bob', 'stats U2']) {
      const bobs = await say(alice, text);
      expect(bobs, text).toContain('Stats for bob');
      expect(bobs, text).toContain('Answered: 3');
      expect(bobs, text).not.toContain('Only ');
    }
  });

  it('stats: an unknown deck gets "did you mean"; an unknown user is still named as such', async () => {
    const { alice } = await play();
    expect(await say(alice, 'stats lambad')).toContain('There is no deck "lambad". Did you mean lambda?');
    expect(await say(alice, 'stats lambad <@U2>')).toContain('There is no deck "lambad". Did you mean lambda?');
    expect(await say(alice, 'stats zoe')).toContain('I have no answers from that user in this workspace yet.');
  });

  it('Discord options rebuild the same text as typed on Slack or the console, so the reply is the same', async () => {
    const { alice } = await play();
    const spec = bot.commands().find((c) => c.name === 'apigw');
    const board = commandText(spec, 'leaderboard', [
      { name: 'period', value: 'month' },
      { name: 'deck', value: 'lambda' },
    ]);
    expect(board).toBe('leaderboard lambda month');
    const stats = commandText(spec, 'stats', [
      { name: 'user', value: 'U2', userId: 'U2' },
      { name: 'deck', value: 'lambda' },
    ]);
    expect(stats).toBe('stats lambda <@U2>');
    expect(await say(alice, board)).toBe(await say(alice, 'leaderboard month LAMBDA'));
    expect(await say(alice, stats)).toBe(await say(alice, 'stats lambda bob'));
  });

  it('autocompletes the deck of leaderboard and stats, and each deck of a schedule rotation', async () => {
    const user = talk.user('U1', 'alice', true);
    const complete = (subcommand: string, partial: string) =>
      bot.autocomplete({ channel, user, command: 'apigw', subcommand, option: 'deck', partial }).then((cs) => cs.map((c) => c.value));
    expect(await complete('leaderboard', 'lam')).toEqual(['lambda']);
    expect(await complete('stats', '')).toEqual(['api-gateway', 'lambda']);
    expect(await complete('schedule', 'api-gateway,la')).toEqual(['api-gateway,lambda']);
    expect(await complete('schedule', 'api-gateway, ')).toEqual(['api-gateway,lambda']);
  });

  it('help lists the deck forms', async () => {
    const help = await say(talk.user('U1', 'alice', true), 'help');
    expect(help).toContain('/apigw leaderboard [deck] [week|month|all]');
    expect(help).toContain('/apigw stats [deck] [@user]');
    expect(help).toContain('/apigw schedule [HH:MM] [timezone] [weekdays] [deck | decks a,b] [close 8h] | on | off');
  });
});
