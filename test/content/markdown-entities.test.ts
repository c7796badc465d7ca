// HTML 4's entity names in a markdown note: shown decoded, outside code, while the question ids stay those the note
// had before they were decoded (memory cards, stats and mock exams refer to them).
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/parse.js';

const NOTE = `# Caf&eacute; deck

## Questions

### Q1. Which way does traffic flow: client &rarr; API Gateway &rarr; Lambda?

1. Client &rarr; Lambda
2. Client &rarr; API Gateway &rarr; Lambda
3. \`&rarr;\` in code

**Answer:** 2

Explanation: requests go through the gateway &mdash; caf&eacute; style, price &pound;3.

### Q2. What does &amp; mean?

1. and
2. or

**Answer:** 1
`;

describe('named entities in markdown notes', () => {
  const { deck } = parseDeck(NOTE, 'content/ent.md');
  const [q1, q2] = deck.questions;

  it('keeps the ids the note had when these names were shown as written (computed at 8ddd7b8)', () => {
    expect(q1?.id).toBe('ent:ecnUvWb2tg');
    expect(q2?.id).toBe('ent:L4q0VLS3SG');
  });

  it('shows the names decoded in title, prompt, options and explanation, but not in code', () => {
    expect(deck.title).toBe('Café deck');
    expect(q1?.prompt).toBe('Which way does traffic flow: client → API Gateway → Lambda?');
    expect(q1?.options.map((o) => o.text)).toEqual(['Client → Lambda', 'Client → API Gateway → Lambda', '`&rarr;` in code']);
    expect(q1?.explanation).toContain('gateway — café style, price £3.');
  });

  it('does not decode twice: `&amp;eacute;` shows as `&eacute;`', () => {
    const { deck: d } = parseDeck('# T\n\n### Q1. Write &amp;eacute; for é, and caf&eacute;?\n\n1. yes\n2. no\n\n**Answer:** 1\n', 'content/t.md');
    expect(d.questions[0]?.prompt).toContain('Write &eacute; for é');
  });
});
