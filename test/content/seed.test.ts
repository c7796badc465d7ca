import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, parseDeck } from '../../src/content/index.js';

const path = 'content/api-gateway.md';
const { deck, findings } = parseDeck(readFileSync(path, 'utf8'), path);

describe('the seed deck (content/api-gateway.md)', () => {
  it('parses without findings, with its front matter kept', () => {
    expect(findings).toEqual([]);
    expect(deck.id).toBe('api-gateway');
    expect(deck.command).toBe('apigw');
    expect(deck.title).toBe('API Gateway');
    expect(deck.meta).toMatchObject({ date: '2022-09-13T00:00:00.000Z', weight: 900, awsTag: 'API Gateway', imgWidth: '70px', toc: true });
  });

  it('has exactly 6 scored questions with the expected answers', () => {
    const scored = deck.questions.filter((q) => q.scored);
    expect(scored).toHaveLength(6);
    expect(Object.fromEntries(scored.map((q) => [q.number, q.correct]))).toEqual({
      Q1: ['B'],
      Q2: ['1', '2'],
      Q3: ['4'],
      Q4: ['4'],
      Q5: ['2'],
      Q6: ['4'],
    });
    const q1 = scored[0]!;
    expect(q1.options.find((o) => o.id === 'B')?.text).toBe('mock');
    expect(q1.options.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(scored.map((q) => q.source.line)).toEqual([72, 95, 122, 142, 165, 188]);
  });

  it('keeps user-visible text plain', () => {
    const q2 = deck.questions[1]!;
    expect(q2.prompt).toBe(
      'A developer is designing a web application that allows the users to post comments and receive in a real-time feedback.\n\nWhich architectures meet these requirements? (Select TWO.)',
    );
    expect(q2.options[0]!.text).toBe('Create an AWS AppSync schema and corresponding APIs. Use an Amazon DynamoDB table as the data store.');
    expect(q2.explanation).toMatch(/^AWS AppSync \(https:\/\/aws\.amazon\.com\/appsync\/\) simplifies/);
    expect(q2.explanation).toContain('In Amazon API Gateway, users can create a WebSocket API (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html)');
    expect(deck.questions[0]!.explanation).toBe(
      'http://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-method-settings-console.html\n\nAmazon API Gateway supports mock integrations for API methods.',
    );
    for (const q of deck.questions) {
      for (const text of [q.prompt, q.explanation, ...q.options.map((o) => o.text)]) {
        expect(text).not.toMatch(/\*\*|<mark|<\/?div|<details|\]\(/);
      }
    }
  });

  it.each([
    ['stage-variables', 'stage-variables', 55],
    ['Stage Variables', 'stage-variables', 55],
    ['stage vars', 'stage-variables', 55],
    ['stage-varaibles', 'stage-variables', 55],
    ['deployment', 'deployment', 43],
    ['endpoint', 'endpoint', 44],
    ['stage', 'stage', 48],
    ['route', 'route', 49],
    ['integration', 'integration', 50],
    ['api-caching', 'api-caching', 59],
    ['integration-timeout', 'integration-timeout', 58],
    ['integration-types', 'aws-gateway-integration-types', 60],
  ])('explain %s resolves to %s (line %i)', (query, slug, line) => {
    const result = explain(deck, query);
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect(result.concept.slug).toBe(slug);
    expect(result.concept.source).toEqual({ path, line });
    expect(result.concept.text.length).toBeGreaterThan(0);
  });

  it('gives concept texts with their sub-bullets', () => {
    const byslug = (s: string) => deck.concepts.find((c) => c.slug === s)!;
    expect(byslug('stage-variables').name).toBe('Stage variables');
    expect(byslug('stage-variables').text).toMatch(/^Stage variables are name-value pairs/);
    expect(byslug('stage-variables').aliases).toContain('stage vars');
    expect(byslug('endpoint').text).toBe(
      [
        'https://api-id.execute-api.region-id.amazonaws.com',
        '- Edge-optimized',
        '- Private',
        '- Regional',
        '- Stage - A logical reference to a lifecycle state of your API.',
        '- Route - URL path, Latency based routing,',
        '- Integration - Lambda, HTTP, Private VPC, CORS',
        '- Import/Export - Open API',
        '- AM User should have permission to enable logging',
      ].join('\n'),
    );
    expect(byslug('integration-timeout').text).toBe('Integration timeout for AWS, Lambda, Lambda proxy, HTTP, HTTP proxy - 50 ms to 29 seconds');
    expect(byslug('aws-gateway-integration-types').text).toBe(
      '- AWS_ Proxy - lambda proxy integration\n- HTTP - http custom integration\n- HTTP_PROXY - http proxy',
    );
    expect(byslug('api-caching').text).toMatch(/^You can enable API caching to cache/);
  });

  it('suggests close names for an unknown concept and lists all without a name', () => {
    const unknown = explain(deck, 'gateway');
    expect(unknown.kind).toBe('suggestions');
    if (unknown.kind === 'suggestions') {
      expect(unknown.query).toBe('gateway');
      expect(unknown.matches.map((c) => c.slug)).toEqual(['amazon-api-gateway', 'aws-gateway-integration-types']);
    }
    // A typo of a one-word name beats longer names that contain it.
    expect(explain(deck, 'integation')).toMatchObject({ kind: 'found', concept: { slug: 'integration' } });
    // Words found only in a concept's text are offered, not asserted.
    expect(explain(deck, 'mapping template')).toMatchObject({ kind: 'suggestions', matches: [{ slug: 'stage-variables' }] });
    expect(explain(deck, 'what are stage variables?')).toMatchObject({ kind: 'found', concept: { slug: 'stage-variables' } });
    expect(explain(deck, 'ttl')).toMatchObject({ kind: 'suggestions', matches: [] });
    const none = explain(deck, 'kubernetes operator');
    expect(none).toMatchObject({ kind: 'suggestions', matches: [] });
    const list = explain(deck);
    expect(list.kind).toBe('list');
    if (list.kind === 'list') expect(list.concepts.map((c) => c.slug)).toEqual(deck.concepts.map((c) => c.slug));
    expect(explain(deck, '   ').kind).toBe('list');
  });

  it('gives ids that survive edits to other questions and reordering', () => {
    const source = readFileSync(path, 'utf8');
    const q1Start = source.indexOf('### Q1');
    const q2Start = source.indexOf('### Q2');
    const reordered = source.slice(0, q1Start) + source.slice(q2Start) + '\n' + source.slice(q1Start, q2Start);
    const edited = reordered.replace('Veronika is writing', 'Veronika writes');
    const again = parseDeck(edited, path).deck;
    const ids = (d: typeof deck) => new Map(d.questions.map((q) => [q.number, q.id]));
    const before = ids(deck);
    const after = ids(again);
    for (const n of ['Q1', 'Q2', 'Q3', 'Q5', 'Q6']) expect(after.get(n)).toBe(before.get(n));
    expect(after.get('Q4')).not.toBe(before.get('Q4'));
    expect(before.get('Q1')).toMatch(/^api-gateway:[\w-]{10}$/);
  });
});
