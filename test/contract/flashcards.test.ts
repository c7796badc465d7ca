// The adapter contract for flashcards: the views of a real-core flashcard session (prompt with
// Show answer, the revealed answer with Again / Hard / Good / Easy, the rated card, the quiz
// refusal) rendered by Slack's, Discord's and the console's renderers. Each keeps every word and
// control (the core's ids), fits its platform and pings nobody, even with hostile card text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Deck, Question } from '../../src/content/types.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import type { Reply } from '../../src/quiz/api.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { MessageView } from '../../src/quiz/views.js';
import { Conversation, RecordingChat } from '../support/chat-recorder.js';
import { adapters } from './adapters.js';
import { atomsOf, controlsOf } from './conversation.js';

const card = (n: number, prompt: string, answerText: string, explanation = ''): Question => ({
  id: `cards:${n}`,
  deckId: 'cards',
  number: `Q${n}`,
  kind: 'flashcard',
  prompt,
  options: [],
  correct: [],
  explanation,
  answerText,
  scored: false,
  source: { path: 'content/cards.txt', line: n },
});

const deck: Deck = {
  id: 'cards',
  path: 'content/cards.txt',
  title: 'Cards',
  description: '',
  command: 'cards',
  meta: {},
  concepts: [],
  questions: [
    card(1, 'What does <b>S3</b> stand for? @everyone <!channel> <@U1> **bold** `code`', 'Simple Storage Service <!here> @here', 'Object storage, *not* block storage.'),
    card(2, 'Which port is SSH?', '22'),
  ],
};

describe('every adapter renders flashcards faithfully', () => {
  let database: Database;
  const views: { what: string; view: MessageView }[] = [];
  const keep = (what: string, replies: Reply[]) => {
    for (const r of replies) views.push({ what, view: r.view });
    return replies;
  };

  beforeAll(async () => {
    const log = pino({ level: 'silent' });
    database = await openDatabase({ dataDir: 'memory://', log });
    const chat = new RecordingChat('slack');
    const now = new Date('2026-11-26T10:00:00Z');
    const bot = createStudybot({ store: createQuizStore(database), decks: staticCatalog([deck]), clock: { now: () => now }, random: () => 0, log });
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T0', channel: 'C0' }, 'cards');
    const alice = talk.user('U0A', 'Alice');
    const practice = keep('practice card', await talk.say(alice, 'practice'));
    const shown = keep('answer shown', await talk.click(alice, practice[0]!.view, 'Show answer'));
    const rated = keep('rated', await talk.click(alice, shown[0]!.view, 'Again'));
    keep('review', await talk.say(alice, 'review'));
    keep('second rating', await talk.click(alice, shown[0]!.view, 'Good'));
    keep('quiz refused', await talk.say(alice, 'quiz'));
    expect(rated).toHaveLength(2);
  }, 60_000);
  afterAll(async () => database?.close());

  it('the session covers the card, its answer and ratings, the rated card and the refusals', () => {
    const labels = views.flatMap((v) => controlsOf(v.view).map((c) => c.label));
    for (const l of ['Show answer', 'Again', 'Hard', 'Good', 'Easy', 'Report a problem']) expect(labels).toContain(l);
    expect(views.map((v) => v.what)).toEqual(expect.arrayContaining(['practice card', 'answer shown', 'rated', 'review', 'second rating', 'quiz refused']));
  });

  for (const adapter of adapters) {
    it(`${adapter.name}: keeps every word and control, fits the platform, pings nobody`, () => {
      for (const { what, view } of views) {
        const out = adapter.render(view);
        const seen = adapter.readable(out.raw);
        for (const atom of atomsOf(view)) expect(seen, `${adapter.name} / ${what}: missing "${atom}"`).toContain(adapter.readable(atom));
        expect(out.problems, `${adapter.name} / ${what}`).toEqual([]);
        expect(out.raw, `${adapter.name} / ${what}: live mention`).not.toMatch(adapter.pings);
        for (const c of controlsOf(view)) expect(out.controls, `${adapter.name} / ${what}`).toContainEqual(c);
      }
    });
  }
});
