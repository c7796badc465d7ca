// Question pictures through the core's views and every renderer. The deck is parsed from markdown
// (test/fixtures/pictures: a prompt image and two option images, one without alt text). Every view
// showing the question (quiz, reveal, flashcard, mock exam screen) carries image blocks after the
// prompt and after the options; each platform fits its limits, and the text alone still names
// every picture as "alt (url)" (the console, and the fallback when a picture cannot be shown).

import { beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary } from '../../src/content/index.js';
import type { Deck, Question } from '../../src/content/types.js';
import { examQuestionView } from '../../src/exam/render-exam.js';
import { newSession } from '../../src/exam/mock-exam.js';
import type { ExamQuestion } from '../../src/exam/domain-map.js';
import { snapshotOf } from '../../src/quiz/decks.js';
import { cardSnapshotOf } from '../../src/quiz/features/cards/serve.js';
import { cardView, revealedCardView } from '../../src/quiz/features/cards/view.js';
import { questionView, revealView } from '../../src/quiz/render.js';
import type { QuestionSnapshot, RoundRecord } from '../../src/quiz/store.js';
import type { MessageView, ViewBlock } from '../../src/quiz/views.js';
import { renderView as renderSlack } from '../../adapters/slack/render.js';
import { renderView as renderDiscord } from '../../adapters/discord/render.js';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { dva } from '../exam/support.js';
import { adapters } from './adapters.js';

const BASE = 'https://img.example.com/bank/main/images';
const now = new Date('2026-12-01T10:00:00Z');

const round = (question: QuestionSnapshot, kind: RoundRecord['kind'] = 'quiz'): RoundRecord => ({
  id: 'r1', channelKey: 'slack:T1:C1', kind, deckId: question.deckId, questionId: question.id, question, ownerKey: null, messageRef: null,
  dailyDate: null, openedAt: now, closesAt: new Date(now.getTime() + 600_000), closedAt: null, revealedAt: null,
});

const images = (view: MessageView) => view.blocks.filter((b): b is Extract<ViewBlock, { type: 'image' }> => b.type === 'image');
const PROMPT = { type: 'image', url: `${BASE}/routes.png`, alt: 'Route tables of two subnets' };
const OPTIONS = [
  { type: 'image', url: `${BASE}/nat.png`, alt: 'Diagram with a NAT gateway', title: 'Option A' },
  { type: 'image', url: `${BASE}/endpoint.png`, alt: 'Picture of option B', title: 'Option B' },
];

describe('question pictures in the core views and on every platform', () => {
  let deck: Deck;
  let question: Question;
  const views: { what: string; view: MessageView }[] = [];

  beforeAll(async () => {
    deck = (await DeckLibrary.load('test/fixtures/pictures')).decks()[0]!;
    question = deck.questions[0]!;
    const snap = snapshotOf(deck, question);
    views.push({ what: 'quiz', view: questionView(round(snap), { answered: 0, tz: 'UTC', now }) });
    views.push({ what: 'reveal', view: revealView(round(snap), { total: 1, perOption: { B: 1 }, firstCorrect: [] } as never, { tz: 'UTC', now }) });
    const exam = newSession({ userKey: 'u', channelKey: 'c', examId: 'dva-c02', questions: [{ deck, question, domain: dva().domains[0]!, via: 'deck' } as unknown as ExamQuestion], now, minutes: 10 });
    views.push({ what: 'exam screen', view: examQuestionView({ ...exam, id: 'e1', version: 0 }, dva(), now, 'UTC') });
  });

  it('a snapshot keeps the prompt and option pictures (stored rounds show them later)', () => {
    const snap = snapshotOf(deck, question);
    expect(snap.images).toEqual([{ url: `${BASE}/routes.png`, alt: 'Route tables of two subnets' }]);
    expect(snap.options.map((o) => o.image?.url)).toEqual([`${BASE}/nat.png`, `${BASE}/endpoint.png`]);
    // A round stored before pictures existed has none, and still renders.
    const old = { ...snap, options: snap.options.map(({ id, text }) => ({ id, text })) };
    delete old.images;
    expect(images(questionView(round(old), { answered: 0, tz: 'UTC', now }))).toEqual([]);
  });

  it('quiz, reveal and exam screen: the prompt picture follows the prompt, the option pictures follow the options', () => {
    for (const { what, view } of views) {
      expect(images(view), what).toEqual([PROMPT, ...OPTIONS]);
      const types = view.blocks.map((b) => b.type);
      const options = types.indexOf('options');
      expect(types.slice(options - 1, options + 3), what).toEqual(['image', 'options', 'image', 'image']);
      expect(types[options - 2], what).toBe('text');
    }
  });

  it('flashcards: the card and its revealed answer show the prompt picture', () => {
    const card: Question = { ...question, kind: 'flashcard', options: [], correct: [], answerText: 'The one with the prefix list' };
    const snap = cardSnapshotOf(deck, card);
    for (const view of [cardView(round(snap, 'practice'), 'practice'), revealedCardView(round(snap, 'practice'), 'practice')]) {
      expect(images(view)).toEqual([PROMPT]);
    }
  });

  it('only http(s) pictures become image blocks; the others stay text', () => {
    const snap = snapshotOf(deck, { ...question, images: [{ url: 'ftp://files.example.com/a.png', alt: 'a' }, { url: 'data:image/png;base64,AAAA', alt: 'b' }] });
    expect(images(questionView(round(snap), { answered: 0, tz: 'UTC', now }))).toEqual(OPTIONS);
  });

  for (const adapter of adapters) {
    it(`${adapter.name}: fits the platform, and the text names every picture as "alt (url)"`, () => {
      for (const { what, view } of views) {
        const out = adapter.render(view);
        expect(out.problems, `${adapter.name} / ${what}`).toEqual([]);
        const seen = adapter.readable(out.raw);
        for (const text of [`Route tables of two subnets (${BASE}/routes.png)`, `Diagram with a NAT gateway (${BASE}/nat.png)`, `${BASE}/endpoint.png`]) {
          expect(seen, `${adapter.name} / ${what}`).toContain(adapter.readable(text));
        }
      }
    });
  }

  it('Slack shows them as image blocks, Discord as embed images, the console as text only', () => {
    for (const { what, view } of views) {
      expect(renderSlack(view).blocks.filter((b) => b.type === 'image').map((b) => (b as { image_url: string }).image_url), what).toEqual([PROMPT.url, ...OPTIONS.map((o) => o.url)]);
      expect(renderDiscord(view).embeds.map((e) => e.image?.url), what).toEqual([PROMPT.url, ...OPTIONS.map((o) => o.url)]);
      // The console prints exactly what it printed before pictures were views of their own.
      expect(renderConsole(view), what).toBe(renderConsole({ ...view, blocks: view.blocks.filter((b) => b.type !== 'image') }));
    }
  });
});
