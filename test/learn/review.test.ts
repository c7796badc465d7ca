// Spaced repetition end to end on the real store (PGlite, and Postgres with TEST_DATABASE_URL):
// answers in quizzes, practice and review update each user's FSRS card; the expected schedule
// is computed by calling ts-fsrs directly on the same fixed clock. A channel answer's reply does
// not wait for its card write; the same user's next click does.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULER_PARAMETERS } from '../../src/quiz/memory.js';
import { createQuizStore } from '../../src/db/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { QuizStore } from '../../src/quiz/store.js';
import { formatTime } from '../../src/quiz/time.js';
import type { MessageView } from '../../src/quiz/views.js';
import { buttonId, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const START = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;

/** The expected schedule: ts-fsrs itself, fed the same reviews at the same times. */
class ExpectedMemory {
  readonly f = fsrs(generatorParameters(SCHEDULER_PARAMETERS));
  readonly cards = new Map<string, Card>();
  private before = new Map<string, { card: Card; at: Date }>();
  review(questionId: string, at: Date, grade: Grade) {
    const card: Card = this.cards.get(questionId) ?? createEmptyCard<Card>(at);
    this.before.set(questionId, { card, at });
    this.cards.set(questionId, this.f.next(card, at, grade).card);
  }
  /** Replaces the last review of a question with another rating. */
  rerate(questionId: string, grade: Grade) {
    const { card, at } = this.before.get(questionId)!;
    this.cards.set(questionId, this.f.next(card, at, grade).card);
  }
  dueAt(now: Date): string[] {
    return [...this.cards.entries()]
      .filter(([, c]) => c.due.getTime() <= now.getTime())
      .sort(([qa, a], [qb, b]) => a.due.getTime() - b.due.getTime() || qa.localeCompare(qb))
      .map(([q]) => q);
  }
  nextDueAfter(now: Date): Date {
    return new Date(Math.min(...[...this.cards.values()].map((c) => c.due.getTime()).filter((t) => t > now.getTime())));
  }
}

describe.each(dbTargets)('spaced repetition on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let store: QuizStore;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck();
  deck.questions = ['Q1', 'Q2', 'Q3', 'Q4'].map((n) => question(deck.id, n)); // answer: B
  const qid = (n: number) => `${deck.id}:Q${n}`;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'learn_review');
  });
  afterAll(() => t?.close());
  let content: OneQuestionContent;
  beforeEach(async () => {
    await t.reset();
    now = START;
    chat = new RecordingChat('slack');
    store = createQuizStore(t.database);
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store, decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const questionOf = async (view: MessageView) => {
    const round = await store.getRound(buttonId(view, 'B').split(':')[1]!);
    return round!.questionId;
  };
  /** `/apigw quiz n`, the user answers, the quiz closes. Returns the private feedback. */
  const quizAnswer = async (user: ReturnType<Conversation['user']>, n: number, option: string) => {
    await content.only(String(n), () => talk.say(user, 'quiz'));
    const feedback = await talk.click(user, chat.lastPost(channel).ref, option);
    advance(11 * 60_000);
    await bot.closeDueRounds();
    return feedback[0]!.view;
  };

  it('a review queue after right and wrong answers follows ts-fsrs, and review serves it until nothing is due', async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    const expected = new ExpectedMemory();

    let at = now;
    const right = await quizAnswer(alice, 1, 'B');
    expected.review(qid(1), at, Rating.Good);
    expect(textOf(right)).toContain('[Hard] [Good] [Easy]');

    at = now;
    const wrong = await quizAnswer(alice, 2, 'A');
    expected.review(qid(2), at, Rating.Again);
    expect(textOf(wrong)).not.toContain('[Easy]'); // ratings refine right answers only

    at = now;
    const easy = await quizAnswer(alice, 3, 'B');
    expected.review(qid(3), at, Rating.Good);
    const rated = await talk.click(alice, easy, 'Easy');
    expected.rerate(qid(3), Rating.Easy);
    expect(textOf(rated[0]!.view)).toContain('Rated Easy');

    await quizAnswer(bob, 4, 'B'); // bob's card, not alice's

    advance(DAY);
    at = now;
    await quizAnswer(alice, 1, 'A'); // a lapse on a card that was learned
    expected.review(qid(1), at, Rating.Again);

    // A private practice answer counts too.
    advance(60_000);
    const practice = await talk.say(alice, 'practice');
    const practised = await questionOf(practice[0]!.view);
    at = now;
    await talk.click(alice, practice[0]!.view, 'B');
    expected.review(practised, at, Rating.Good);

    // Stored cards equal ts-fsrs's own.
    for (const [questionId, card] of expected.cards) {
      const stored = await store.memory!.getCard('slack:T1:U1', deck.id, questionId);
      expect(stored!.due.toISOString(), questionId).toBe(card.due.toISOString());
      expect(stored!.card.stability).toBeCloseTo(card.stability, 10);
      expect(stored!.card.lapses).toBe(card.lapses);
    }
    expect(await store.memory!.getCard('slack:T1:U1', deck.id, qid(4))).toBeNull();

    // Four days later: review walks the due questions, earliest due first, each answered right.
    advance(4 * DAY);
    const queue = expected.dueAt(now);
    expect(queue.length).toBeGreaterThan(1);
    let replies = await talk.say(alice, 'review');
    expect(textOf(replies[0]!.view)).toContain(`Review: ${queue.length} questions due`);
    const served: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const view = replies[replies.length - 1]!.view;
      const questionId = await questionOf(view);
      served.push(questionId);
      at = now;
      replies = await talk.click(alice, view, 'B');
      expected.review(questionId, at, Rating.Good);
      expect(replies[0]!.replaceSource).toBe(true);
      expect(textOf(replies[0]!.view)).toContain('Correct!');
      expect(replies).toHaveLength(2);
      advance(1000);
    }
    expect(served).toEqual(queue);
    const done = textOf(replies[1]!.view);
    expect(done).toContain('Review done');
    expect(done).toContain(formatTime(expected.nextDueAfter(now), 'UTC', now));
    expect(expected.dueAt(now)).toEqual([]);

    // Asking again: nothing due, and when the next one is.
    const again = await talk.say(alice, 'review');
    expect(textOf(again[0]!.view)).toContain('Nothing is due for review');
  });

  it('refines only the latest answer of a question, recomputed from the card before it', async () => {
    const alice = talk.user('U1', 'alice');
    const expected = new ExpectedMemory();
    const first = await quizAnswer(alice, 1, 'B');
    expected.review(qid(1), START, Rating.Good);
    await talk.click(alice, first, 'Hard');
    await talk.click(alice, first, 'Easy'); // a change of mind replaces, never stacks
    expected.rerate(qid(1), Rating.Easy);
    let stored = await store.memory!.getCard('slack:T1:U1', deck.id, qid(1));
    expect(stored!.due.toISOString()).toBe(expected.cards.get(qid(1))!.due.toISOString());
    expect(stored!.card.reps).toBe(1);

    advance(DAY);
    const at = now;
    await quizAnswer(alice, 1, 'B');
    expected.review(qid(1), at, Rating.Good);
    const stale = await talk.click(alice, first, 'Hard');
    expect(textOf(stale[0]!.view)).toContain('older answer');
    stored = await store.memory!.getCard('slack:T1:U1', deck.id, qid(1));
    expect(stored!.due.toISOString()).toBe(expected.cards.get(qid(1))!.due.toISOString());

    // Someone else cannot rate alice's answer.
    const bob = talk.user('U2', 'bob');
    const foreign = await talk.click(bob, first, 'Easy');
    expect(textOf(foreign[0]!.view)).not.toContain('Rated');
  });

  it('review with no cards says how to get some; bad arguments get the usage', async () => {
    const alice = talk.user('U1', 'alice');
    expect(textOf((await talk.say(alice, 'review'))[0]!.view)).toContain('Nothing is due for review');
    expect(textOf((await talk.say(alice, 'review now please'))[0]!.view)).toContain('Usage: /apigw review [remind on|off]');
  });

  it('a channel answer is answered before its card is written; the same user\'s next click waits for the write; flush() too', async () => {
    const memory = store.memory!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writes: string[] = [];
    const gated: QuizStore = {
      ...store,
      memory: {
        ...memory,
        saveCard: async (record) => {
          writes.push(`${record.userKey} ${record.questionId} ${record.lastRating}`);
          await gate;
          await memory.saveCard(record);
        },
      },
    };
    bot = createStudybot({ store: gated, decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
    const alice = talk.user('U1', 'alice');
    await content.only('1', () => talk.say(alice, 'quiz'));
    // The result, with the rating buttons, while the card write is still held.
    const feedback = await talk.click(alice, chat.lastPost(channel).ref, 'B');
    expect(textOf(feedback[0]!.view)).toContain('Correct!');
    expect(textOf(feedback[0]!.view)).toContain('[Easy]');
    expect(writes).toEqual([`slack:T1:U1 ${qid(1)} good`]);
    expect(await memory.getCard('slack:T1:U1', deck.id, qid(1))).toBeNull();
    // Her rating waits for that write, then refines it.
    let rated = false;
    const rating = talk.click(alice, feedback[0]!.view, 'Easy').then((r) => ((rated = true), r));
    let flushed = false;
    const flush = bot.flush().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(rated).toBe(false);
    expect(flushed).toBe(false);
    release();
    expect(textOf((await rating)[0]!.view)).toContain('Rated Easy');
    await flush;
    const expected = new ExpectedMemory();
    expected.review(qid(1), START, Rating.Good);
    expected.rerate(qid(1), Rating.Easy);
    const stored = await memory.getCard('slack:T1:U1', deck.id, qid(1));
    expect(stored!.lastRating).toBe('easy');
    expect(stored!.due.toISOString()).toBe(expected.cards.get(qid(1))!.due.toISOString());
    expect(writes).toEqual([`slack:T1:U1 ${qid(1)} good`, `slack:T1:U1 ${qid(1)} easy`]);
  });
});
