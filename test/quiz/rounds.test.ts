// Rounds, boards and streaks on the real store (PGlite, and Postgres with TEST_DATABASE_URL).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import type { Deck } from '../../src/content/types.js';
import { createStudybot, snapshotOf, staticCatalog } from '../../src/quiz/index.js';
import type { SchedulePort, Studybot } from '../../src/quiz/api.js';
import type { QuizStore } from '../../src/quiz/store.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('rounds, boards and streaks on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let store: QuizStore;
  let deck: Deck;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  let scheduleCalls: string[];
  let content: OneQuestionContent;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const clock = { now: () => now };
  const schedule: SchedulePort = {
    command: async (req) => {
      scheduleCalls.push(req.args);
      return { text: `schedule: ${req.args}`, blocks: [] };
    },
  };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'rounds');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:00:00Z');
    scheduleCalls = [];
    deck = apiGatewayDeck();
    store = createQuizStore(t.database, { channelCacheMs: 0 });
    chat = new RecordingChat('slack');
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store, decks: content.catalog, clock, schedule, admins: ['U99'] });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  let seeded = 0;
  /** A closed-in-the-future quiz round with answers written straight to the store. */
  async function seedAnswers(channelKey: string, scores: [userKey: string, name: string, points: number, at?: Date][]) {
    const created = await store.createRound({
      channelKey,
      kind: 'daily',
      question: snapshotOf(deck, deck.questions[0]!),
      dailyDate: `2026-01-${String(++seeded).padStart(2, '0')}`, // one daily round per channel and date: each seed its own date
      openedAt: new Date('2026-01-01T00:00:00Z'),
      closesAt: new Date('2030-01-01T00:00:00Z'),
    });
    if (!created.ok) throw new Error('seed round refused');
    for (const [userKey, name, points, at] of scores) {
      const [platform, workspace, id] = userKey.split(':') as ['slack', string, string];
      await store.saveUser({ platform, workspace, id, name, isAdmin: false });
      const answeredAt = at ?? now;
      const result = await store.recordAnswer(
        {
          roundId: created.round.id,
          userKey,
          channelKey,
          roundKind: 'daily',
          deckId: deck.id,
          questionId: deck.questions[0]!.id,
          choice: [points > 0 ? 'B' : 'A'],
          correct: points > 0,
          points,
          bonus: 0,
          onBoard: true,
          answeredAt,
          localDate: answeredAt.toISOString().slice(0, 10),
        },
        answeredAt,
      );
      expect(result.status).toBe('recorded');
    }
  }

  it('ranks ties fairly, shows the top 10 and the caller outside it, and keeps tenants apart', async () => {
    const points = [30, 20, 20, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const rows = points.map((p, i) => [`slack:T1:U${i + 1}`, `user${i + 1}`, p] as [string, string, number]);
    // The same users' points in one batch per round (one answer per user and round).
    await seedAnswers('slack:T1:C1', rows);
    await seedAnswers('slack:T1:C2', [['slack:T1:U14', 'user14', 500]]); // another channel
    await seedAnswers('slack:T2:C1', [['slack:T2:U1', 'intruder', 900]]); // another workspace, same channel id
    const me = talk.user('U14', 'user14');
    const [board] = await talk.say(me, 'leaderboard all');
    const lines = blocksOf(board!.view, 'list')[0]!.items;
    expect(lines.slice(0, 5)).toEqual([
      '1. user1: 30 points (1/1 right)',
      '2. user2: 20 points (1/1 right)',
      '2. user3: 20 points (1/1 right)',
      '4. user4: 10 points (1/1 right)',
      '5. user5: 9 points (1/1 right)',
    ]);
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe('10. user10: 4 points (1/1 right)');
    expect(textOf(board!.view)).toContain('You: 14. user14: 0 points (0/1 right)');
    expect(textOf(board!.view)).not.toContain('intruder');
    expect(textOf(board!.view)).not.toContain('500');

    const [inside] = await talk.say(talk.user('U3', 'user3'), 'leaderboard all');
    expect(blocksOf(inside!.view, 'list')[0]!.items[2]).toBe('2. user3: 20 points (1/1 right) ← you');
    expect(textOf(inside!.view)).not.toContain('You: ');
  });

  it("counts weeks and months in the channel's timezone", async () => {
    now = new Date('2026-03-02T03:00:00Z'); // Monday 03:00 UTC = Sunday 22:00 in New York
    await seedAnswers('slack:T1:C1', [['slack:T1:U1', 'sat', 10, new Date('2026-02-28T12:00:00Z')]]);
    // March 1st 03:00 UTC is still February 28th in New York.
    await seedAnswers('slack:T1:C1', [['slack:T1:U1', 'sat', 10, new Date('2026-03-01T03:00:00Z')]]);
    const caller = talk.user('U5', 'caller');
    expect(textOf((await talk.say(caller, 'leaderboard week'))[0]!.view)).toContain('no scored answers yet');
    expect(textOf((await talk.say(caller, 'leaderboard month'))[0]!.view)).toContain('1. sat: 10 points');
    await store.setChannelTimezone(channel, 'America/New_York');
    expect(textOf((await talk.say(caller, 'leaderboard week'))[0]!.view)).toContain('1. sat: 20 points');
    expect(textOf((await talk.say(caller, 'leaderboard month'))[0]!.view)).toContain('no scored answers yet');
  });

  it('never repeats a question within a deck until every playable one was asked', async () => {
    const asked: string[] = [];
    const host = talk.user('U1', 'host');
    for (let i = 0; i < 4; i++) {
      await talk.say(host, 'quiz');
      const [heading] = blocksOf(chat.lastPost(channel).view, 'heading');
      asked.push(heading!.text.replace(' (not scored)', '')); // "Quiz · API Gateway Q2" (a repeat: "Quiz (not scored) · …")
      now = new Date(now.getTime() + 11 * 60_000);
      await bot.closeDueRounds();
    }
    expect(new Set(asked.slice(0, 3)).size).toBe(3); // Q1, Q2, Q3 (Q4 is unscored)
    expect(asked.slice(0, 3)).toContain(asked[3]);
    expect(asked.join()).not.toContain('Q4');
  });

  it('starts daily rounds idempotently per channel and date, storing the timezone', async () => {
    const req = { channel, kind: 'daily' as const, closesAt: new Date('2026-03-02T17:00:00Z'), dailyDate: '2026-03-02', timezone: 'Europe/Berlin' };
    const first = await bot.startRound(req);
    const again = await bot.startRound(req);
    expect(again).toEqual(first);
    expect(chat.posts).toHaveLength(1);
    expect((await store.ensureChannel(channel)).timezone).toBe('Europe/Berlin');
    await expect(bot.startRound({ ...req, dailyDate: '2026-03-03', timezone: 'Mars/Olympus' })).rejects.toThrow('unknown timezone');
    now = new Date('2026-03-02T17:00:00Z');
    expect(await bot.closeDueRounds()).toBe(1);
    expect(textOf(chat.message(first.messageRef).view)).toContain('Question of the day · API Gateway');
  });

  it('posts a daily round that was stored but never posted (crash in between), revealing it if already closed', async () => {
    const created = await store.createRound({
      channelKey: 'slack:T1:C1',
      kind: 'daily',
      question: snapshotOf(deck, deck.questions[0]!),
      dailyDate: '2026-03-01',
      openedAt: new Date('2026-03-01T09:00:00Z'),
      closesAt: new Date('2026-03-01T17:00:00Z'),
    });
    if (!created.ok) throw new Error('seed refused');
    expect(await bot.closeDueRounds()).toBe(0); // closed now, but there is no message to reveal yet
    const started = await bot.startRound({ channel, kind: 'daily', closesAt: new Date('2026-03-01T17:00:00Z'), dailyDate: '2026-03-01' });
    expect(started.roundId).toBe(created.round.id);
    expect(chat.posts).toHaveLength(1);
    expect(textOf(chat.message(started.messageRef).view)).toContain('Answer: B) mock');
    expect(chat.message(started.messageRef).view.actions).toEqual([{ type: 'buttons', buttons: [{ id: `p:${started.roundId}`, label: 'Report a problem' }] }]);
  });

  it('reveals from the snapshot taken at start, whatever happened to the deck since', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    deck.questions[0] = { ...deck.questions[0]!, prompt: 'Edited prompt', correct: ['C'], explanation: 'edited' };
    expect(textOf((await talk.click(alice, q.ref, 'B'))[0]!.view)).toContain('Correct!');
    now = new Date(now.getTime() + 10 * 60_000);
    await bot.closeDueRounds();
    const reveal = textOf(chat.message(q.ref).view);
    expect(reveal).toContain('Which integration lets you test clients');
    expect(reveal).toContain('Answer: B) mock');
    expect(reveal).not.toContain('Edited prompt');
  });

  it('retries a reveal the platform refused, without revealing twice', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    now = new Date(now.getTime() + 10 * 60_000);
    chat.failNext(1);
    expect(await bot.closeDueRounds()).toBe(0);
    expect(textOf(chat.message(q.ref).view)).toContain('closes at');
    expect(await bot.closeDueRounds()).toBe(0); // retried only after a minute
    now = new Date(now.getTime() + 61_000);
    expect(await bot.closeDueRounds()).toBe(1);
    expect(textOf(chat.message(q.ref).view)).toContain('Answer: B) mock');
    now = new Date(now.getTime() + 120_000);
    expect(await bot.closeDueRounds()).toBe(0);
  });

  it('gives the daily streak bonus and reports streaks in stats', async () => {
    const alice = talk.user('U1', 'alice');
    const earned: string[] = [];
    for (let day = 2; day <= 4; day++) {
      now = new Date(`2026-03-0${day}T09:00:00Z`);
      const started = await bot.startRound({ channel, kind: 'daily', closesAt: new Date(`2026-03-0${day}T17:00:00Z`), dailyDate: `2026-03-0${day}` });
      const view = chat.message(started.messageRef).view;
      const isMulti = (view.actions ?? []).some((a) => a.type === 'multiselect');
      const text = textOf(view);
      const reply = isMulti
        ? await talk.choose(alice, started.messageRef, ['1', '2'])
        : await talk.click(alice, started.messageRef, text.includes('Which integration') ? 'B' : 'A');
      earned.push(reply[0]!.view.blocks[0]!.type === 'heading' ? (reply[0]!.view.blocks[0] as { text: string }).text : '');
      now = new Date(`2026-03-0${day}T17:00:00Z`);
      await bot.closeDueRounds();
    }
    expect(earned).toEqual(['Correct! +10 points.', 'Correct! +12 points (including a +2 streak bonus).', 'Correct! +14 points (including a +4 streak bonus).']);
    const [stats] = await talk.say(alice, 'stats');
    const fields = Object.fromEntries(blocksOf(stats!.view, 'fields')[0]!.items.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Answered: '3', Points: '36', 'Current streak': '3 days', 'Best streak': '3 days' });
    now = new Date('2026-03-07T09:00:00Z');
    const [later] = await talk.say(alice, 'stats');
    expect(textOf(later!.view)).toContain('Current streak: 0 days');
    expect(textOf(later!.view)).toContain('Best streak: 3 days');
    expect(textOf((await talk.say(alice, 'leaderboard'))[0]!.view)).toContain('1. alice: 36 points (3/3 right)');
  });

  it('expires an unanswered practice question quietly and says so on a late click', async () => {
    const bob = talk.user('U2', 'bob');
    const [practice] = await talk.say(bob, 'practice');
    now = new Date(now.getTime() + 61 * 60_000);
    expect(await bot.closeDueRounds()).toBe(0); // closed, nothing to reveal in the channel
    expect(chat.updates).toHaveLength(0);
    const multi = (practice!.view.actions ?? []).some((a) => a.type === 'multiselect');
    const [late] = multi ? await talk.choose(bob, practice!.view, ['1', '2']) : await talk.click(bob, practice!.view, 'A');
    expect(textOf(late!.view)).toContain('This practice question expired at 10:00 UTC');
  });

  it('coalesces "N answered" edits: one edit per few seconds, latest count wins', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await content.only('Q1', () => talk.say(talk.user('U0', 'host'), 'quiz'));
      const q = chat.lastPost(channel);
      for (let i = 1; i <= 20; i++) {
        await talk.click(talk.user(`U${i}`, `user${i}`), q.ref, 'A');
        if (i === 10) {
          await vi.advanceTimersByTimeAsync(3000);
          // The edit counts in the database: let it land before the 11th answer can be counted too.
          await vi.waitFor(() => expect(chat.updatesOf(q.ref)).toHaveLength(1));
        }
      }
      await vi.advanceTimersByTimeAsync(3000);
      await vi.waitFor(() => expect(chat.updatesOf(q.ref)).toHaveLength(2));
      expect(chat.updatesOf(q.ref).map((u) => textOf(u.view).match(/(\d+) answers so far/)?.[1])).toEqual(['10', '20']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers help, explain, unknown words and schedule with clear private messages', async () => {
    const user = talk.user('U1', 'alice');
    const admin = talk.user('U99', 'boss');
    const say = async (who: typeof user, text: string) => textOf((await talk.say(who, text))[0]!.view);
    expect(await say(user, 'help')).toContain('/apigw explain <concept>');
    expect(await say(user, 'help')).not.toContain('schedule');
    expect(await say(admin, 'help')).toContain('schedule');
    expect(await say(user, 'explain stage variables')).toContain('Name-value pairs attached to a deployment stage.');
    expect(await say(user, 'explain')).toContain('Stage variables (stage-variables)');
    expect(await say(user, 'expalin deployment')).toContain('Did you mean /apigw explain?');
    expect(await say(admin, 'quiz 42')).toContain('API Gateway has no question 42');
    expect(await say(admin, 'quiz 4')).toContain('cannot be played');
    expect(await say(user, 'quiz lambda')).toContain('There is no deck "lambda"');
    expect(await say(user, 'stats <@U404>')).toContain('no answers from that user');
    expect(await say(user, 'schedule 09:00 UTC')).toContain('Only admins can change the question-of-the-day schedule');
    expect(scheduleCalls).toEqual([]);
    expect(await say(admin, 'schedule 09:00 UTC mon-fri')).toBe('schedule: 09:00 UTC mon-fri');
    expect(scheduleCalls).toEqual(['09:00 UTC mon-fri']);
    const noPort = createStudybot({ store, decks: staticCatalog([deck]), clock });
    const workspaceAdmin = talk.user('U7', 'owner', true);
    expect(textOf((await noPort.command({ channel, user: workspaceAdmin, command: 'apigw', text: 'schedule' }))[0]!.view)).toContain('Scheduling is not available');
    expect(textOf((await bot.command({ channel, user, command: 'nope', text: 'help' }))[0]!.view)).toContain('/nope is not one of my decks');
  });

  it('shares an explained concept with the channel from its private answer, attributed and without controls', async () => {
    const user = talk.user('U1', 'alice');
    const [found] = await talk.say(user, 'explain stage variables');
    expect(found!.visibility).toBe('private');
    const share = found!.view.actions?.flatMap((a) => (a.type === 'buttons' ? a.buttons : [])).find((b) => b.label === 'Share to channel');
    expect(share).toBeDefined();
    const shared = await bot.action({ channel, user, actionId: share!.id });
    // The channel post, and the private answer replaced by a note (its button gone).
    expect(shared).toHaveLength(2);
    expect(shared[1]).toMatchObject({ visibility: 'private', replaceSource: true, view: { text: 'You shared Stage variables to the channel.' } });
    expect(shared[0]!.visibility).toBe('channel');
    expect(textOf(shared[0]!.view)).toContain('Name-value pairs attached to a deployment stage.');
    expect(textOf(shared[0]!.view)).toContain('shared by alice');
    expect(shared[0]!.view.actions ?? []).toEqual([]);
    // A tampered id naming a concept or deck that does not exist shares nothing.
    const bogus = await bot.action({ channel, user, actionId: share!.id.replace(/:[^:]+$/, ':no-such-concept') });
    expect(bogus.map((r) => r.visibility)).toEqual(['private']);
    expect(textOf(bogus[0]!.view)).toContain('nothing to share');
    // The concept list carries no share button.
    const [list] = await talk.say(user, 'explain');
    expect(list!.view.actions ?? []).toEqual([]);
  });

  it('describes one command per deck and autocompletes concepts and question numbers', async () => {
    const [spec] = bot.commands();
    expect(spec!.name).toBe('apigw');
    expect(spec!.subcommands.map((s) => s.name)).toEqual(['explain', 'quiz', 'practice', 'review', 'mistakes', 'leaderboard', 'stats', 'readiness', 'exam', 'exam-date', 'report', 'reports', 'schedule', 'decks', 'help']);
    const user = talk.user('U1', 'alice');
    const ac = (subcommand: string, option: string, partial: string) =>
      bot.autocomplete({ channel, user, command: 'apigw', subcommand, option, partial });
    expect(await ac('explain', 'concept', 'stage')).toEqual([{ name: 'Stage variables', value: 'stage-variables' }]);
    expect((await ac('quiz', 'number', '')).map((c) => c.value)).toEqual(['1', '2', '3']);
    expect((await ac('schedule', 'timezone', 'berl')).map((c) => c.value)).toContain('Europe/Berlin');
  });
});

describe('leaderboard ranking against a reference model (PGlite)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'pglite' }, 'ranking');
  });
  afterAll(() => t?.close());

  it('ranks 1, 2, 2, 4 for any scores, with the caller found wherever they are', async () => {
    const fc = (await import('fast-check')).default;
    const deck = apiGatewayDeck();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 25 }), fc.array(fc.constant(10), { minLength: 18, maxLength: 25 })), fc.nat(), async (scores, pick) => {
        await t.reset();
        const store = createQuizStore(t.database);
        const created = await store.createRound({
          channelKey: 'console:local:c',
          kind: 'quiz',
          question: snapshotOf(deck, deck.questions[0]!),
          openedAt: new Date('2026-01-01T00:00:00Z'),
          closesAt: new Date('2030-01-01T00:00:00Z'),
        });
        if (!created.ok) throw new Error('round refused');
        const at = new Date('2026-01-02T00:00:00Z');
        await Promise.all(
          scores.map(async (points, i) => {
            await store.saveUser({ platform: 'console', workspace: 'local', id: `u${i}`, name: `user ${String(i).padStart(2, '0')}`, isAdmin: false });
            await store.recordAnswer(
              { roundId: created.round.id, userKey: `console:local:u${i}`, channelKey: 'console:local:c', roundKind: 'quiz', deckId: deck.id, questionId: 'q', choice: ['B'], correct: points > 0, points, bonus: 0, onBoard: true, answeredAt: at, localDate: '2026-01-02' },
              at,
            );
          }),
        );
        const me = `console:local:u${pick % scores.length}`;
        const board = await store.leaderboard({ channelKey: 'console:local:c', since: null, userKey: me, top: 10 });
        const rankOf = (p: number) => 1 + scores.filter((s) => s > p).length;
        for (const row of board.top) {
          expect(row.rank).toBe(rankOf(row.points));
          expect(row.rank).toBeLessThanOrEqual(10);
        }
        // Everyone ranked 10 or better is listed (ties may make it more than 10 lines, at most 20).
        expect(board.top.length).toBe(Math.min(20, scores.filter((p) => rankOf(p) <= 10).length));
        expect(board.top.map((r) => r.points)).toEqual([...board.top.map((r) => r.points)].sort((a, b) => b - a));
        expect(board.me?.rank).toBe(rankOf(scores[pick % scores.length]!));
      }),
      { numRuns: 25 },
    );
  });
});
