// F15: back-to-back quizzes cannot farm the channel board. A channel's first 3 quizzes of a day
// score; later ones, and quizzes of a question the channel was asked in the last 30 days, are
// posted "not scored" (src/quiz/scoring.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';

describe.each(dbTargets)('quiz scoring limits on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck({
    questions: ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'].map((n) => question('api-gateway', n, { correct: ['B'] })),
  });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'quizlimits');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T18:00:00Z'); // a Monday evening, everyone else gone
    const store = createQuizStore(t.database, { channelCacheMs: 0 });
    chat = new RecordingChat('slack');
    bot = createStudybot({ store, decks: { decks: () => [deck], byCommand: () => deck, byId: () => deck }, clock: { now: () => now }, admins: ['U99'] });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  /** Alice posts a quiz, answers it right, waits for the reveal. Returns the post's heading, her notice and her feedback. */
  async function quizRound() {
    const alice = talk.user('U1', 'alice');
    const [posted] = await talk.say(alice, 'quiz');
    const q = chat.lastPost(channel);
    const [feedback] = await talk.click(alice, q.ref, 'B');
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
    return { heading: blocksOf(q.history[0]!, 'heading')[0]!.text, posted: textOf(posted!.view), post: textOf(q.history[0]!), feedback: textOf(feedback!.view) };
  }

  it("scores a channel's first 3 quizzes of a day, then posts them not scored, saying why", async () => {
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await quizRound());
    expect(rounds.slice(0, 3).map((r) => r.feedback)).toEqual(Array(3).fill(expect.stringContaining('Correct! +10 points.')));
    for (const r of rounds.slice(3)) {
      expect(r.heading).toMatch(/^Quiz \(not scored\) · API Gateway Q\d$/);
      expect(r.post).toContain("Not scored: a channel's first 3 quizzes of a day score, and today's are done. Answer it for practice.");
      expect(r.posted).toContain("(not scored: a channel's first 3 quizzes of a day score, and today's are done)");
      expect(r.feedback).toContain("Correct! (Not scored: a channel's first 3 quizzes of a day score, and today's are done.)");
    }
    expect(textOf((await talk.say(talk.user('U2', 'bob'), 'leaderboard'))[0]!.view)).toContain('1. alice: 30 points (3/3 right)');

    now = new Date('2026-03-03T08:00:00Z'); // a new day: quizzes score again
    expect((await quizRound()).feedback).toContain('Correct! +10 points.');
  });

  it('does not score a quiz of a question this channel was asked in the last 30 days', async () => {
    for (let day = 2; day <= 3; day++) {
      for (let i = 0; i < 3; i++) {
        now = new Date(`2026-03-0${day}T${10 + i}:00:00Z`);
        await quizRound();
      }
    }
    now = new Date('2026-03-04T10:00:00Z'); // the deck's 6 questions were all asked: the next is a repeat
    const repeat = await quizRound();
    expect(repeat.heading).toMatch(/^Quiz \(not scored\)/);
    expect(repeat.feedback).toContain('Correct! (Not scored: this channel saw its answer in the last 30 days.)');
    expect(textOf((await talk.say(talk.user('U2', 'bob'), 'leaderboard all'))[0]!.view)).toContain('1. alice: 60 points (6/6 right)');

    now = new Date('2026-04-10T10:00:00Z'); // more than 30 days later, the same questions score again
    expect((await quizRound()).feedback).toContain('Correct! +10 points.');
  });
});
