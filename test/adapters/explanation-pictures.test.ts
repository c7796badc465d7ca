// Explanation and concept pictures in the core's views (reveal, answer feedback, a flashcard's answer,
// `explain`) and through the real renderers: Slack image blocks after the text that names them, Discord
// embed images, nothing extra on the console (its text already reads "alt (url)").
import { describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { renderView as renderDiscord } from '../../adapters/discord/render.js';
import { renderView as renderSlack } from '../../adapters/slack/render.js';
import type { Concept, Deck } from '../../src/content/types.js';
import { revealedCardView } from '../../src/quiz/features/cards/view.js';
import { explainView } from '../../src/quiz/features/explain/view.js';
import { answerFeedbackView, revealView } from '../../src/quiz/render.js';
import type { QuestionSnapshot, RoundRecord } from '../../src/quiz/store.js';
import type { MessageView } from '../../src/quiz/views.js';
import { openQuizRound } from '../support/rounds.js';

const PIC = 'https://img.example.com/why/route-table.png';
const ENI = 'https://img.example.com/why/eni.png';
const WHY = `A gateway endpoint is a route table target: Route table (${PIC}) and an interface endpoint is an ENI ${ENI}`;

function round(question: Partial<QuestionSnapshot>): RoundRecord {
  return openQuizRound(
    {
      id: 'vpc:x',
      deckId: 'vpc',
      deckTitle: 'VPC',
      number: 'Q1',
      prompt: 'Which endpoint is a route table target?',
      options: [
        { id: 'A', text: 'Interface endpoint' },
        { id: 'B', text: 'Gateway endpoint' },
      ],
      correct: ['B'],
      explanation: WHY,
      explanationImages: [
        { url: PIC, alt: 'Route table' },
        { url: ENI, alt: '' },
      ],
      ...question,
    },
    { id: '7', channelKey: 'slack:T1:C1' },
  );
}

const after = (view: MessageView, text: string) => {
  const at = view.blocks.findIndex((b) => b.type === 'text' && b.text.startsWith(text));
  expect(at).toBeGreaterThanOrEqual(0);
  return view.blocks.slice(at + 1, at + 3);
};
const PICTURES = [
  { type: 'image', url: PIC, alt: 'Route table' },
  { type: 'image', url: ENI, alt: 'Picture 2 of the explanation' },
];

describe('explanation pictures in the core views', () => {
  const results = { total: 1, perOption: { B: 1 }, firstCorrect: [] };
  const answer = { roundId: '7', userKey: 'slack:T1:U1', choice: ['A'], correct: false, points: 0, bonus: 0, answeredAt: new Date(0) };

  it('reveal and answer feedback: right after the explanation', () => {
    expect(after(revealView(round({}), results, { tz: 'UTC', now: new Date(0) }), 'A gateway endpoint')).toEqual(PICTURES);
    expect(after(answerFeedbackView(round({}), answer), 'A gateway endpoint')).toEqual(PICTURES);
  });

  it('a flashcard whose answer came from the explanation: after the answer', () => {
    const card = round({ kind: 'flashcard', options: [], correct: [], explanation: '', answerText: WHY });
    expect(after(revealedCardView(card, 'practice'), `Answer: ${WHY}`)).toEqual(PICTURES);
  });

  it('a round stored before explanation pictures were kept shows none (and nothing breaks)', () => {
    const old = round({ explanationImages: undefined });
    expect(revealView(old, results, { tz: 'UTC', now: new Date(0) }).blocks.filter((b) => b.type === 'image')).toEqual([]);
  });

  it('renderers: Slack image blocks, Discord embed images, the console only the text', () => {
    const view = answerFeedbackView(round({}), answer);
    const slack = renderSlack(view).blocks.filter((b) => b.type === 'image');
    expect(slack).toEqual([
      { type: 'image', image_url: PIC, alt_text: 'Route table' },
      { type: 'image', image_url: ENI, alt_text: 'Picture 2 of the explanation' },
    ]);
    const discord = renderDiscord(view).embeds;
    expect(discord.map((e) => e.image?.url)).toEqual([PIC, ENI]);
    const text = renderConsole(view);
    expect(text).toContain(`Route table (${PIC})`);
    expect(text).not.toContain('Picture 2 of the explanation');
  });
});

describe('concept pictures in explain', () => {
  const concept: Concept = {
    slug: 'gateway-endpoint',
    name: 'Gateway endpoint',
    text: `a route table target for \`s3\` Route table (${PIC})`,
    images: [{ url: PIC, alt: 'Route table' }],
    aliases: [],
    source: { path: 'content/vpc.md', line: 3 },
  };
  const deck: Deck = { id: 'vpc', path: 'content/vpc.md', title: 'VPC', description: '', command: 'vpc', meta: {}, concepts: [concept], questions: [] };

  it('the picture follows the concept text, on Slack and Discord', () => {
    const view = explainView({ kind: 'found', concept, deck }, 'vpc', (p) => p);
    expect(after(view, 'a route table target')[0]).toEqual({ type: 'image', url: PIC, alt: 'Route table' });
    expect(renderSlack(view).blocks.filter((b) => b.type === 'image')).toEqual([{ type: 'image', image_url: PIC, alt_text: 'Route table' }]);
    expect(renderDiscord(view).embeds[0]!.image).toEqual({ url: PIC });
    expect(renderDiscord(view).embeds[0]!.description).toContain('a route table target for `s3`');
  });
});
