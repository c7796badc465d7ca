// Deck fixtures built directly from the content model (no parser needed).
import type { Concept, Deck, Question } from '../../src/content/types.js';

export function question(deckId: string, number: string, opts: Partial<Question> = {}): Question {
  return {
    id: `${deckId}:${number}`,
    deckId,
    number,
    kind: 'choice',
    prompt: `Prompt of ${number}?`,
    options: [
      { id: 'A', text: 'Option A' },
      { id: 'B', text: 'Option B' },
      { id: 'C', text: 'Option C' },
      { id: 'D', text: 'Option D' },
    ],
    correct: ['B'],
    explanation: `Because of ${number}.`,
    scored: true,
    source: { path: `content/${deckId}.md`, line: 10 },
    ...opts,
  };
}

export function concept(name: string, text: string, aliases: string[] = []): Concept {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { slug, name, text, aliases, source: { path: 'content/api-gateway.md', line: 40 } };
}

/** A small API Gateway deck: Q1 (B), Q2 select TWO (1 and 2), Q3 (A), Q4 unscored. */
export function apiGatewayDeck(overrides: Partial<Deck> = {}): Deck {
  const id = 'api-gateway';
  return {
    id,
    path: 'content/api-gateway.md',
    title: 'API Gateway',
    description: 'Create, maintain, and secure APIs at any scale',
    command: 'apigw',
    meta: {},
    concepts: [
      concept('Stage variables', 'Name-value pairs attached to a deployment stage.', ['stage-vars']),
      concept('Deployment', 'A point-in-time snapshot of your API.'),
      concept('API caching', 'Caches endpoint responses to cut calls and latency.'),
    ],
    questions: [
      question(id, 'Q1', {
        prompt: 'Which integration lets you test clients before the back end exists?',
        options: [
          { id: 'A', text: 'HTTP proxy' },
          { id: 'B', text: 'mock' },
          { id: 'C', text: 'AWS service proxy' },
          { id: 'D', text: 'Lambda function' },
        ],
        correct: ['B'],
        explanation: 'API Gateway supports mock integrations.',
      }),
      question(id, 'Q2', {
        prompt: 'Which architectures give real-time feedback? (Select TWO.)',
        options: [
          { id: '1', text: 'AppSync with DynamoDB' },
          { id: '2', text: 'WebSocket API with Lambda' },
          { id: '3', text: 'Elastic Beanstalk with long-lived sockets' },
          { id: '4', text: 'GraphQL endpoint in API Gateway' },
        ],
        correct: ['1', '2'],
        explanation: 'AppSync subscriptions and WebSocket APIs push updates.',
      }),
      question(id, 'Q3', { correct: ['A'] }),
      question(id, 'Q4', { correct: [], scored: false }),
    ],
    ...overrides,
  };
}
