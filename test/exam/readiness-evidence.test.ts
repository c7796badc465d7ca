// Readiness follows the evidence (review finding 1): wrong answers never raise it, right answers
// do and fade with time. Real stores on PGlite: the cards are written as answers write them, the
// tallies computed by the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import { createMemoryStore } from '../../src/db/memory-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { DeckLibrary } from '../../src/content/library.js';
import { createExamService } from '../../src/exam/service.js';
import type { Readiness } from '../../src/exam/readiness.js';
import { createStudybot } from '../../src/quiz/index.js';
import { afterAnswer } from '../../src/quiz/memory.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examDeck, seeded } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
// 6, 5, 4, 3 questions in the four domains, four options each (the guess rate and prior: 1/4).
const deck = { ...examDeck([6, 5, 4, 3], 'dev'), command: 'apigw' };
const PRIOR = 0.25;

const inBand = (r: Readiness) => {
  expect(r.band.low).toBeLessThanOrEqual(r.scaled);
  expect(r.band.high).toBeGreaterThanOrEqual(r.scaled);
};

describe('readiness follows the evidence', () => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'pglite' }, 'readiness_evidence');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
  });

  const service = () => createExamService({ store: createExamStore(t.database.db), decks: () => [deck], blueprints: () => [dva()], clock: { now: () => now } });
  /** `user` answers these questions (all by default) at `at`: right or wrong. */
  async function answer(user: string, right: boolean, at: Date, questions = deck.questions) {
    const memory = createMemoryStore(t.database.db);
    for (const q of questions) {
      const existing = await memory.getCard(user, deck.id, q.id);
      await memory.saveCard(afterAnswer(existing, { userKey: user, deckId: deck.id, questionId: q.id }, `r-${q.id}-${at.getTime()}`, at, right));
    }
  }

  it('every answer wrong: the score is at most the no-answer score and no domain is above the prior, today and later', async () => {
    const before = await service().readiness('u:ann', dva());
    await answer('u:ann', false, T0);
    for (const later of [0, 0.5, 1, 7, 30]) {
      now = new Date(T0.getTime() + later * DAY);
      const r = await service().readiness('u:ann', dva());
      expect(r.scaled, `${later} days`).toBeLessThanOrEqual(before.scaled);
      for (const d of r.domains) expect(d.share, `${later} days, domain ${d.domain.id}`).toBeLessThanOrEqual(PRIOR);
      expect(r.coverage).toBe(1);
      inBand(r);
    }
  });

  it('every answer right: the score rises above the no-answer score, yet a handful of answers per domain does not predict a pass', async () => {
    const before = await service().readiness('u:ann', dva());
    await answer('u:ann', true, T0);
    const r = await service().readiness('u:ann', dva());
    expect(r.scaled).toBeGreaterThan(before.scaled);
    for (const d of r.domains) expect(d.share).toBeGreaterThan(PRIOR);
    // 3 to 6 questions per domain, all right: the prior (worth 5 answers) still weighs.
    expect(r.scaled).toBeLessThan(720);
    inBand(r);
  });

  it('a right answer a month old counts less than one given today, and a wrong one again counts less than a right one', async () => {
    const q = deck.questions.slice(0, 1);
    await answer('u:old', true, new Date(T0.getTime() - 30 * DAY), q);
    await answer('u:new', true, T0, q);
    await answer('u:relapsed', true, new Date(T0.getTime() - 2 * DAY), q);
    await answer('u:relapsed', false, T0, q);
    const old = await service().readiness('u:old', dva());
    const fresh = await service().readiness('u:new', dva());
    const relapsed = await service().readiness('u:relapsed', dva());
    expect(fresh.domains[0]!.share).toBeGreaterThan(old.domains[0]!.share);
    expect(old.domains[0]!.share).toBeGreaterThan(relapsed.domains[0]!.share);
    expect(relapsed.domains[0]!.share).toBeLessThan(PRIOR);
    expect(fresh.scaled).toBeGreaterThan(old.scaled);
    for (const r of [old, fresh, relapsed]) inBand(r);
    // Answered right again: it counts above the prior once more.
    await answer('u:relapsed', true, new Date(T0.getTime() + 60_000), q);
    now = new Date(T0.getTime() + 120_000);
    expect((await service().readiness('u:relapsed', dva())).domains[0]!.share).toBeGreaterThan(PRIOR);
  });

  it('through the core: practice answered wrong lowers readiness, and no domain line says more than the guess rate', async () => {
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks: DeckLibrary.fromDecks([deck]),
      clock: { now: () => now },
      random: seeded(5),
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] },
    });
    const chat = new RecordingChat('console');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'console', workspace: 'local', channel: 'C1' });
    const ann = talk.user('ann', 'ann');
    const scoreOf = async () => {
      const [r] = await talk.say(ann, 'readiness');
      const text = textOf(r!.view);
      return { text, score: Number(/Predicted score: (\d+) /.exec(text)![1]) };
    };
    const before = await scoreOf();
    for (let i = 0; i < 6; i++) {
      const [q] = await talk.say(ann, 'practice');
      await talk.click(ann, q!.view, 'A'); // the deck's answer is always B
      now = new Date(now.getTime() + 60_000);
    }
    await bot.flush();
    const after = await scoreOf();
    expect(after.score).toBeLessThan(before.score);
    const shares = [...after.text.matchAll(/: (\d+)% likely right/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(4);
    for (const s of shares) expect(s).toBeLessThanOrEqual(25);
  });
});
