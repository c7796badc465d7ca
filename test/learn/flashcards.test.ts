// Flashcards end to end: real loader (an Anki export, a markdown flashcard note, a mixed deck, a
// file that is no deck), the real core and store (PGlite, and Postgres with TEST_DATABASE_URL).
// Practice and review serve cards (prompt → Show answer → Again/Hard/Good/Easy); the rating is
// the card's FSRS review (expected schedule from ts-fsrs itself); cards never reach the channel
// and never score.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULER_PARAMETERS } from '../../src/quiz/memory.js';
import { DeckLibrary } from '../../src/content/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { cardRateId, cardRevealId, parseActionId, submitId } from '../../src/quiz/action-ids.js';
import type { Reply, Studybot } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { QuizStore } from '../../src/quiz/store.js';
import type { MessageView } from '../../src/quiz/views.js';
import { buttonId, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';

const START = new Date('2026-03-02T09:00:00Z');
const MIXED = `---
title: Mixed
---

## Questions

### Q1

Which port is HTTPS?

A. 80
B. 443
C. 22

Answer: B

### What does DNS resolve?

Names to addresses.
`;

const labels = (view: MessageView) => (view.actions ?? []).flatMap((a) => (a.type === 'buttons' ? a.buttons.map((b) => b.label) : []));
const roundOf = (view: MessageView) => buttonId(view, 'Show answer').split(':')[1]!;
const only = (replies: Reply[]) => {
  expect(replies).toHaveLength(1);
  return replies[0]!;
};

describe('action ids of flashcards', () => {
  it('round-trips reveal and rating ids and refuses malformed ones', () => {
    expect(parseActionId(cardRevealId('42', 'review'))).toEqual({ type: 'card-reveal', roundId: '42', mode: 'review' });
    for (const rating of ['again', 'hard', 'good', 'easy'] as const) {
      expect(parseActionId(cardRateId('7', 'practice', rating))).toEqual({ type: 'card-rate', roundId: '7', mode: 'practice', rating });
    }
    for (const bad of ['c:1', 'c:1:x', 'f:1:pz', 'f:0:pg', 'f:1:p', 'c:01:p', 'f:1:pgg']) expect(parseActionId(bad)).toBeNull();
  });
});

describe.each(dbTargets)('flashcards on $name', (target) => {
  let t: TestDatabase;
  let dir: string;
  let lib: DeckLibrary;
  let now: Date;
  let store: QuizStore;
  let bot: Studybot;
  let chat: RecordingChat;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const talkTo = (command: string) => new Conversation(bot, chat, channel, command);
  const alice = { platform: 'slack' as const, workspace: 'T1', id: 'U1', name: 'Alice', isAdmin: false };
  const bob = { ...alice, id: 'U2', name: 'Bob' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studybot-cards-'));
    copyFileSync('test/fixtures/imports/anki-basic.txt', join(dir, 'anki-basic.txt'));
    copyFileSync('test/fixtures/imports/meeting-notes.txt', join(dir, 'meeting-notes.txt'));
    copyFileSync('test/fixtures/dialects/flashcards-only.md', join(dir, 'flashcards-only.md'));
    writeFileSync(join(dir, 'mixed.md'), MIXED);
    lib = await DeckLibrary.load(dir, { parseIn: 'inline' });
    t = await openTestDatabase(target, 'learn_cards');
  });
  afterAll(async () => {
    lib?.close();
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });
  beforeEach(async () => {
    await t.reset();
    now = START;
    chat = new RecordingChat('slack', { withPrivate: true });
    store = createQuizStore(t.database);
    bot = createStudybot({ store, decks: lib, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
  });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it('the fixture decks load as expected', () => {
    expect(lib.byCommand('flashcards-only')!.questions.every((q) => q.kind === 'flashcard')).toBe(true);
    expect(lib.byCommand('mixed')!.questions.map((q) => q.kind)).toEqual(['choice', 'flashcard']);
    expect(lib.failureFor('meeting-notes')).toBeDefined();
  });

  it('practice on a flashcard-only deck: prompt, Show answer in place, a rating that is the FSRS review, then the next card', async () => {
    const talk = talkTo('flashcards-only');
    const deck = lib.byCommand('flashcards-only')!;
    const first = only(await talk.say(alice, 'practice'));
    expect(first.visibility).toBe('private');
    expect(labels(first.view)).toEqual(['Show answer', 'Report a problem']);
    const card = deck.questions.find((q) => textOf(first.view).includes(q.prompt))!;
    expect(card).toBeDefined();
    expect(textOf(first.view)).not.toContain(card.answerText!);

    const shown = only(await talk.click(alice, first.view, 'Show answer'));
    expect(shown.replaceSource).toBe(true);
    expect(textOf(shown.view)).toContain(card.prompt);
    expect(textOf(shown.view)).toContain(card.answerText!);
    expect(labels(shown.view)).toEqual(['Again', 'Hard', 'Good', 'Easy', 'Report a problem']);

    const rated = await talk.click(alice, shown.view, 'Good');
    expect(rated).toHaveLength(2);
    expect(rated[0]!.replaceSource).toBe(true);
    expect(rated[0]!.view.actions ?? []).toEqual([]);
    const f = fsrs(generatorParameters(SCHEDULER_PARAMETERS));
    const expected = f.next(createEmptyCard<Card>(now), now, Rating.Good).card;
    const saved = await store.memory!.getCard('slack:T1:U1', deck.id, card.id);
    expect(saved?.lastRating).toBe('good');
    expect(saved?.due.toISOString()).toBe(expected.due.toISOString());
    expect(textOf(rated[0]!.view)).toContain('Rated Good');
    // The next card follows: another one of the deck (least practised first).
    const next = rated[1]!;
    expect(labels(next.view)).toContain('Show answer');
    expect(textOf(next.view)).not.toContain(card.prompt);

    // Flashcards never score: no answer rows, nothing on the board, nothing in the channel.
    const stats = await store.userStats('slack:T1:U1');
    expect(stats.answered).toBe(0);
    const board = await store.leaderboard({ channelKey: 'slack:T1:C1', since: null, userKey: 'slack:T1:U1', top: 10 });
    expect(board.top).toEqual([]);
    expect(chat.posts).toHaveLength(0);
  });

  it('a card is rated once: a second click, another user and an expired card change nothing', async () => {
    const talk = talkTo('flashcards-only');
    const deck = lib.byCommand('flashcards-only')!;
    const first = only(await talk.say(alice, 'practice'));
    const shown = only(await talk.click(alice, first.view, 'Show answer'));
    expect(textOf(only(await talk.click(bob, shown.view, 'Easy')).view)).toMatch(/belongs to someone else/);
    await talk.click(alice, shown.view, 'Hard');
    const qid = (await store.getRound(roundOf(first.view)))!.questionId;
    const before = await store.memory!.getCard('slack:T1:U1', deck.id, qid);
    advance(60_000);
    const again = only(await talk.click(alice, shown.view, 'Easy'));
    expect(textOf(again.view)).toMatch(/already rated this card Hard/);
    expect(await store.memory!.getCard('slack:T1:U1', deck.id, qid)).toEqual(before);

    // An unrated card expires with its practice round (60 minutes): nothing is recorded.
    const second = only(await talk.say(alice, 'practice'));
    const secondShown = only(await talk.click(alice, second.view, 'Show answer'));
    advance(61 * 60_000);
    await bot.closeDueRounds();
    expect(textOf(only(await talk.click(alice, secondShown.view, 'Good')).view)).toMatch(/This card closed at .*nothing was recorded/);
    expect(textOf(only(await talk.click(alice, second.view, 'Show answer')).view)).toMatch(/This card closed at/);
  });

  it('forged clicks: a submit or an answer on a card, a card rating on a question are refused', async () => {
    const mixed = talkTo('mixed');
    let card: Reply | undefined;
    let question: Reply | undefined;
    for (let i = 0; i < 2; i++) {
      const r = only(await mixed.say(alice, 'practice'));
      if (labels(r.view).includes('Show answer')) card = r;
      else question = r;
    }
    expect(card && question).toBeTruthy(); // practice on a mixed deck serves both, least asked first
    const cardRound = roundOf(card!.view);
    expect(textOf(only(await mixed.act(alice, { actionId: submitId(cardRound), values: [] })).view)).toMatch(/takes no answer/);
    expect(textOf(only(await mixed.act(alice, { actionId: `a:${cardRound}:A` })).view)).toMatch(/does not exist/);
    const questionRound = buttonId(question!.view, 'A').split(':')[1]!;
    expect(textOf(only(await mixed.act(alice, { actionId: cardRateId(questionRound, 'practice', 'good') })).view)).toMatch(/does not belong to a flashcard/);
    expect(textOf(only(await mixed.act(alice, { actionId: cardRevealId(questionRound, 'practice') })).view)).toMatch(/does not belong to a flashcard/);
    expect((await store.userStats('slack:T1:U1')).answered).toBe(0);
  });

  it('review serves new cards when nothing is due, then due cards by their FSRS schedule', async () => {
    const talk = talkTo('anki-basic');
    const deck = lib.byCommand('anki-basic')!;
    const first = only(await talk.say(alice, 'review'));
    expect(textOf(first.view)).toMatch(/nothing is due, so here is a new flashcard \(4 new cards left/);
    expect(textOf(first.view)).toContain('Review · ');
    const shown = only(await talk.click(alice, first.view, 'Show answer'));
    const rated = await talk.click(alice, shown.view, 'Again');
    const qid = (await store.getRound(roundOf(first.view)))!.questionId;
    const again = await store.memory!.getCard('slack:T1:U1', deck.id, qid);
    const f = fsrs(generatorParameters(SCHEDULER_PARAMETERS));
    expect(again?.due.toISOString()).toBe(f.next(createEmptyCard<Card>(now), now, Rating.Again).card.due.toISOString());
    // Next: the following new card (the first is not due yet).
    expect(textOf(rated[1]!.view)).toMatch(/3 new cards left/);

    // Once the Again card is due (the next day: no short-term steps), review serves it before any new card.
    advance(86_400_000);
    const due = only(await talk.say(alice, 'review'));
    expect(textOf(due.view)).toMatch(/Review: 1 question due/);
    expect((await store.getRound(roundOf(due.view)))!.questionId).toBe(qid);
    const dueShown = only(await talk.click(alice, due.view, 'Show answer'));
    await talk.click(alice, dueShown.view, 'Easy');
    const easy = await store.memory!.getCard('slack:T1:U1', deck.id, qid);
    expect(easy?.lastRating).toBe('easy');
    expect(easy?.reviewRoundId).toBeNull();
    const t0 = START;
    const afterAgain = f.next(createEmptyCard<Card>(t0), t0, Rating.Again).card;
    expect(easy!.due.toISOString()).toBe(f.next(afterAgain, now, Rating.Easy).card.due.toISOString());
    expect(easy!.due.getTime()).toBeGreaterThan(now.getTime());
  });

  it('review of a fully studied flashcard deck says when the next card is due', async () => {
    const talk = talkTo('flashcards-only');
    let view = only(await talk.say(alice, 'review')).view;
    for (let i = 0; i < 3; i++) {
      const shown = only(await talk.click(alice, view, 'Show answer'));
      const replies = await talk.click(alice, shown.view, 'Good');
      view = replies[1]!.view;
    }
    expect(textOf(view)).toMatch(/Review done: nothing else is due\. The next question is due for review/);
  });

  it('quiz never serves flashcards: a flashcard-only deck says so plainly and points to practice and review', async () => {
    const cards = talkTo('flashcards-only');
    const refused = only(await cards.say(alice, 'quiz'));
    expect(textOf(refused.view)).toContain('Flashcards has flashcards only');
    expect(textOf(refused.view)).toContain('/flashcards-only practice or /flashcards-only review');
    const author = { ...alice, id: 'U9', name: 'Author', isAdmin: true }; // a chosen number is an admin's preview
    expect(textOf(only(await cards.say(author, 'quiz 2')).view)).toMatch(/Flashcards Q2 is a flashcard/);
    await expect(bot.startRound({ channel, kind: 'daily', deckId: 'flashcards-only', closesAt: new Date(now.getTime() + 3_600_000), dailyDate: '2026-03-02' })).rejects.toThrow();
    expect(chat.posts).toHaveLength(0);

    // A mixed deck: quiz after quiz, the channel only ever gets the choice question.
    const mixed = talkTo('mixed');
    for (let i = 0; i < 4; i++) {
      await mixed.say(alice, 'quiz');
      const posted = chat.lastPost(channel);
      expect(textOf(posted.view)).toContain('Which port is HTTPS?');
      advance(11 * 60_000);
      await bot.closeDueRounds();
    }
    const daily = await bot.startRound({ channel, kind: 'daily', deckId: 'mixed', closesAt: new Date(now.getTime() + 3_600_000), dailyDate: '2026-03-02' });
    expect(daily).toBeDefined();
    expect(textOf(chat.lastPost(channel).view)).toContain('Which port is HTTPS?');
  });

  it('a command whose deck failed to load answers with the reason, not "unknown"', async () => {
    const failed = only(await talkTo('meeting-notes').say(alice, 'practice'));
    expect(failed.view.text).toMatch(
      /^The deck behind \/meeting-notes did not load: meeting-notes\.txt:1: error: not a deck: .*\. An admin can run npm run content:check\.$/,
    );
    const unknown = only(await talkTo('nope').say(alice, 'help'));
    expect(unknown.view.text).toMatch(/^\/nope is not one of my decks\./);
  });
});
