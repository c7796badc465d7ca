// Images in explanations and concept texts: named in the text as "alt (url)" like a prompt's, and kept
// as pictures (Question.explanationImages, Concept.images) for the platforms to show.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import { checkPictureLimits } from '../../src/content/platform-limits.js';

const BASE = 'https://img.example.com/notes/images';

describe('pictures in explanations and concepts', () => {
  it('the fixture note: the explanation and the concept name their pictures and keep them', () => {
    const { deck, findings } = parseDeck(readFileSync('test/fixtures/explanation-pictures/why.md', 'utf8'), 'why.md');
    expect(findings).toEqual([]);
    const [q] = deck.questions;
    expect(q!.explanation).toBe(
      `A gateway endpoint is a route table target: Route table with a gateway endpoint (${BASE}/gateway-endpoint.png)\n` +
        `An interface endpoint is a network interface in your subnet ${BASE}/interface-eni.png`,
    );
    expect(q!.explanationImages).toEqual([
      { url: `${BASE}/gateway-endpoint.png`, alt: 'Route table with a gateway endpoint' },
      { url: `${BASE}/interface-eni.png`, alt: '' },
    ]);
    expect(q!.images).toBeUndefined();
    expect(deck.concepts).toMatchObject([
      {
        slug: 'gateway-endpoint',
        text: `a route table target for S3 and DynamoDB, listed by \`aws ec2 describe-route-tables\`. Route table with a gateway endpoint (${BASE}/gateway-endpoint.png)`,
        images: [{ url: `${BASE}/gateway-endpoint.png`, alt: 'Route table with a gateway endpoint' }],
      },
    ]);
  });

  const note = (front: string) => `---
title: Pictures
${front}
---
## Concepts

- **![logo](logo.png) Amazon S3**: object storage ![buckets](s3.png)
- CloudFront - a CDN <img src="edge.png" alt="edge locations">

## Questions

### Q1
Which one stores objects?

- A) S3
- B) SQS

Answer: A

Explanation: S3 stores objects ![S3 console](console.png)

### Q2
What does an Origin Access Control protect?

Answer: the bucket, seen only through CloudFront ![OAC](oac.png)
`;

  it('with a base URL: relative paths resolve; <img> counts; a picture in a term name stays out of the name and the pictures', () => {
    const { deck, findings } = parseDeck(note('imageBase: https://cdn.example.com/'), 'p.md');
    expect(findings).toEqual([]);
    const [q1, q2] = deck.questions;
    expect(q1!.explanation).toBe('S3 stores objects S3 console (https://cdn.example.com/console.png)');
    expect(q1!.explanationImages).toEqual([{ url: 'https://cdn.example.com/console.png', alt: 'S3 console' }]);
    // A flashcard whose answer line is its answer: the explanation is empty; the answer's picture is shown as the
    // prompt's and the explanation's are (its markdown was shown as written until 2026-12-07).
    expect(q2!.kind).toBe('flashcard');
    expect(q2!.explanation).toBe('');
    expect(q2!.answerText).toBe('the bucket, seen only through CloudFront OAC (https://cdn.example.com/oac.png)');
    expect(q2!.explanationImages).toEqual([{ url: 'https://cdn.example.com/oac.png', alt: 'OAC' }]);
    expect(deck.concepts.map((c) => [c.slug, c.name, c.text, c.images])).toEqual([
      ['amazon-s3', 'Amazon S3', 'object storage buckets (https://cdn.example.com/s3.png)', [{ url: 'https://cdn.example.com/s3.png', alt: 'buckets' }]],
      ['cloudfront', 'CloudFront', 'a CDN edge locations (https://cdn.example.com/edge.png)', [{ url: 'https://cdn.example.com/edge.png', alt: 'edge locations' }]],
    ]);
  });

  it('without a base URL: the alt text is shown, nothing is kept, and each unresolved picture is a warning', () => {
    const { deck, findings } = parseDeck(note(''), 'p.md');
    expect(deck.questions[0]!.explanation).toBe('S3 stores objects S3 console');
    expect(deck.questions[0]!.explanationImages).toBeUndefined();
    expect(deck.concepts.map((c) => [c.name, c.text, c.images])).toEqual([
      ['Amazon S3', 'object storage buckets', undefined],
      ['CloudFront', 'a CDN edge locations', undefined],
    ]);
    expect(findings.filter((f) => f.code === 'image-unresolved').map((f) => [f.line, f.message])).toEqual([
      [7, 'concept "Amazon S3": image s3.png shown as its alt text "buckets"; set `imageBase:` in the front matter to show it'],
      [8, 'concept "CloudFront": image edge.png shown as its alt text "edge locations"; set `imageBase:` in the front matter to show it'],
      // Reported at the answer, which the explanation follows.
      [18, 'Q1: explanation: image console.png shown as its alt text "S3 console"; set `imageBase:` in the front matter to show it'],
      [25, 'Q2: explanation: image oac.png shown as its alt text "OAC"; set `imageBase:` in the front matter to show it'],
    ]);
    expect(deck.questions[1]!.answerText).toBe('the bucket, seen only through CloudFront OAC');
  });

  it('content:check warns about explanation and concept pictures the platforms cannot fetch', () => {
    const source = note('').replace(/\]\((\w+\.png)\)|src="(\w+\.png)"/g, (_m, md?: string, html?: string) =>
      md ? `](ftp://files.example.com/${md})` : `src="ftp://files.example.com/${html}"`,
    );
    const { deck } = parseDeck(source, 'p.md');
    const messages = checkPictureLimits([deck]).map((f) => f.message);
    expect(messages).toEqual([
      'question Q1: explanation image ftp://files.example.com/console.png is not an http(s) URL: shown as a link, not as a picture',
      'question Q2: explanation image ftp://files.example.com/oac.png is not an http(s) URL: shown as a link, not as a picture',
      'concept "Amazon S3": image ftp://files.example.com/s3.png is not an http(s) URL: shown as a link, not as a picture',
      'concept "CloudFront": image ftp://files.example.com/edge.png is not an http(s) URL: shown as a link, not as a picture',
    ]);
  });
});
