// The core end to end through the recorder chat port, on PGlite and (with TEST_DATABASE_URL)
// on real Postgres: a question, answers (one twice, one after close), reveal, board, stats.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const START = new Date('2026-03-02T09:00:00Z'); // a Monday

describe.each(dbTargets)('a quiz conversation on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  let content: OneQuestionContent;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'conversation');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = START;
    chat = new RecordingChat('slack');
    content = oneQuestionContent([apiGatewayDeck()]);
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
  const advance = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };

  it('posts a question, takes one answer per user, refuses late answers and reveals the counts', async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    const carol = talk.user('U3', 'carol');

    const started = await content.only('Q1', () => talk.say(alice, 'quiz'));
    expect(started).toHaveLength(1);
    expect(started[0]!.visibility).toBe('private');
    expect(textOf(started[0]!.view)).toContain('Posted API Gateway Q1');
    const question = chat.lastPost(channel);
    expect(textOf(question.view)).toContain('Which integration lets you test clients');
    expect(textOf(question.view)).toContain('0 answers so far');

    const a1 = await talk.click(alice, question.ref, 'B');
    expect(a1[0]!.visibility).toBe('private');
    expect(textOf(a1[0]!.view)).toContain('Correct! +10 points');
    expect(textOf(a1[0]!.view)).toContain('mock integrations');

    const b1 = await talk.click(bob, question.ref, 'A');
    expect(textOf(b1[0]!.view)).toContain('Not quite');
    expect(textOf(b1[0]!.view)).toContain('The answer is B) mock');
    const b2 = await talk.click(bob, question.ref, 'B');
    expect(textOf(b2[0]!.view)).toContain('You already answered this one: A) HTTP proxy');

    // Nobody else learns anything before the reveal: no channel message changed yet…
    expect(chat.updates).toHaveLength(0);
    // …until the coalesced count edit goes out (one edit for three clicks).
    await bot.flush();
    expect(chat.updatesOf(question.ref)).toHaveLength(1);
    expect(textOf(chat.message(question.ref).view)).toContain('2 answers so far');
    expect(textOf(chat.message(question.ref).view)).not.toContain('mock integrations');

    advance(11);
    expect(await bot.closeDueRounds()).toBe(1);
    const reveal = chat.message(question.ref).view;
    expect((reveal.actions ?? []).flatMap((a) => (a.type === 'buttons' ? a.buttons.map((b) => b.label) : [a.type]))).toEqual(['Report a problem']);
    expect(textOf(reveal)).toContain('Answer: B) mock');
    expect(textOf(reveal)).toContain('mock integrations');
    expect(textOf(reveal)).toContain('First right: alice');
    expect(textOf(reveal)).toContain('2 answers');
    const [bars] = blocksOf(reveal, 'bars');
    expect(bars!.rows.map((r) => [r.label, r.count, r.percent, r.marked])).toEqual([
      ['A', 1, 50, false],
      ['B', 1, 50, true],
      ['C', 0, 0, false],
      ['D', 0, 0, false],
    ]);
    expect(bars!.rows[1]!.bar).toBe('█████░░░░░');

    const c1 = await talk.act(carol, { actionId: `a:${await firstRoundId()}:B` });
    expect(textOf(c1[0]!.view)).toContain('This question closed at 09:10 UTC');
    expect(await bot.closeDueRounds()).toBe(0);

    const board = await talk.say(carol, 'leaderboard');
    expect(blocksOf(board[0]!.view, 'list')[0]!.items).toEqual(['1. alice: 10 points (1/1 right)', '2. bob: 0 points (0/1 right)']);
    expect(textOf(board[0]!.view)).toContain('You are not on this board yet');

    const aliceStats = await talk.say(alice, 'stats');
    const fields = Object.fromEntries(blocksOf(aliceStats[0]!.view, 'fields')[0]!.items.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Answered: '1', Accuracy: '100% (1 right)', Points: '10', 'Current streak': '1 day', 'Best streak': '1 day' });
    expect(textOf(aliceStats[0]!.view)).toContain('API Gateway: 100% (1/1)');

    const bobStats = await talk.say(alice, 'stats <@U2>');
    expect(textOf(bobStats[0]!.view)).toContain('Stats for bob');
    expect(textOf(bobStats[0]!.view)).toContain('0% (0 right)');
    expect(textOf((await talk.say(carol, 'stats @Bob'))[0]!.view)).toContain('Stats for bob');
    expect(textOf((await talk.say(carol, 'stats alice'))[0]!.view)).toContain('Stats for alice');
    const carolStats = await talk.say(carol, 'stats');
    expect(textOf(carolStats[0]!.view)).toContain('You have not answered a quiz, practice or review question yet');
  });

  async function firstRoundId(): Promise<string> {
    const post = chat.posts[0]!;
    const button = (post.history[0]!.actions ?? [])[0];
    if (!button || button.type !== 'buttons') throw new Error('no buttons');
    return button.buttons[0]!.id.split(':')[1]!;
  }

  it('scores "select TWO" questions with a validated multiselect and partial credit', async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    const carol = talk.user('U3', 'carol');
    await content.only('Q2', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    const select = q.view.actions!.find((a) => a.type === 'multiselect');
    expect(select).toMatchObject({ type: 'multiselect', min: 2, max: 2 });
    expect(textOf(q.view)).toContain('Select TWO.');

    expect(textOf((await talk.choose(carol, q.ref, ['1']))[0]!.view)).toContain('Choose exactly 2 different options (you chose 1)');
    expect(textOf((await talk.choose(carol, q.ref, ['1', '1']))[0]!.view)).toContain('Choose exactly 2');
    expect(textOf((await talk.choose(carol, q.ref, ['1', '9']))[0]!.view)).toContain('does not exist');
    expect(textOf((await talk.choose(alice, q.ref, ['2', '1']))[0]!.view)).toContain('Correct! +10 points');
    expect(textOf((await talk.choose(bob, q.ref, ['1', '3']))[0]!.view)).toContain('Partly right: +5 points');

    advance(10);
    await bot.closeDueRounds();
    const [bars] = blocksOf(chat.message(q.ref).view, 'bars');
    expect(bars!.rows.map((r) => r.count)).toEqual([2, 1, 1, 0]);
    expect(textOf(chat.message(q.ref).view)).toContain('2 answers');

    const board = await talk.say(bob, 'leaderboard all');
    expect(blocksOf(board[0]!.view, 'list')[0]!.items).toEqual([
      '1. alice: 10 points (1/1 right)',
      '2. bob: 5 points (0/1 right) ← you',
    ]);
  });

  it('refuses tampered and foreign clicks without recording anything', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    const roundId = (await firstRoundId());
    const said = async (actionId: string, extra: Partial<Parameters<Conversation['act']>[1]> = {}) =>
      textOf((await talk.act(alice, { actionId, ...extra }))[0]!.view);

    expect(await said('a:99999:B')).toContain('cannot find that question');
    expect(await said(`a:${roundId}:Z`)).toContain('does not exist');
    expect(await said('garbage')).toContain('not one I know');
    expect(await said('x'.repeat(500))).toContain('not one I know');
    expect(await said(`a:${roundId}:B`, { channel: { ...channel, channel: 'C2' } })).toContain('another channel');
    expect(await said(`a:${roundId}:B`, { channel: { ...channel, workspace: 'T2' } })).toContain('another channel');
    // A second quiz in the same channel waits for the first one.
    expect(textOf((await talk.say(alice, 'quiz'))[0]!.view)).toContain('already an open quiz');

    advance(10);
    await bot.closeDueRounds();
    expect(textOf(chat.message(q.ref).view)).toContain('Nobody answered.');
  });

  it('keeps practice private to one user and off the leaderboard', async () => {
    const bob = talk.user('U2', 'bob');
    const carol = talk.user('U3', 'carol');
    const [practice] = await talk.say(bob, 'practice');
    expect(practice!.visibility).toBe('private');
    expect(chat.posts).toHaveLength(0);
    expect(textOf(practice!.view)).toContain('Only you can see this practice question');

    const stolen = await talk.click(carol, practice!.view, 'B');
    expect(textOf(stolen[0]!.view)).toContain('belongs to someone else');

    const q = practice!.view;
    const isQ1 = textOf(q).includes('Which integration');
    const [result] = await talk.click(bob, q, isQ1 ? 'B' : 'A');
    expect(result!.replaceSource).toBe(true);
    expect(textOf(result!.view)).toContain('Correct!');
    // Closed on its answer: a second click is refused as a duplicate.
    expect(textOf((await talk.click(bob, q, 'C'))[0]!.view)).toContain('already answered');

    const [next] = await talk.click(bob, result!.view, 'Next question');
    expect(next!.replaceSource).toBe(true);
    expect(textOf(next!.view)).not.toBe(textOf(q));

    const board = await talk.say(bob, 'leaderboard');
    expect(textOf(board[0]!.view)).toContain('no scored answers yet');
    const stats = await talk.say(bob, 'stats');
    expect(textOf(stats[0]!.view)).toContain('Answered: 1');
  });
});

describe('untrusted names (PGlite)', () => {
  it('shows long or multi-line display names on one bounded line, never as mentions', async () => {
    const t = await openTestDatabase({ name: 'pglite' }, 'names');
    try {
      const chat = new RecordingChat('slack');
      let now = new Date('2026-03-02T09:00:00Z');
      const content = oneQuestionContent([apiGatewayDeck()]);
      const bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now } });
      bot.attachChat(chat);
      const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
      const weird = talk.user('U1', `<!channel> ${'x'.repeat(500)}\nsecond line`);
      await content.only('Q1', () => talk.say(weird, 'quiz'));
      await talk.click(weird, chat.lastPost().ref, 'B');
      now = new Date(now.getTime() + 11 * 60_000);
      await bot.closeDueRounds();
      const line = blocksOf((await talk.say(weird, 'leaderboard'))[0]!.view, 'list')[0]!.items[0]!;
      expect(line.startsWith('1. <!channel> xxx')).toBe(true);
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(120);
      const reveal = textOf(chat.lastPost().view);
      expect(reveal).toMatch(/First right: <!channel> x+…/);
    } finally {
      await t.close();
    }
  });
});
