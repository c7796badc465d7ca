// A sheet's `Image Link` cell: an http(s) address is the question's picture; anything else (a file name, a
// `www.` address without its scheme) stays text in the question, with an `image-link` warning at its row.
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { checkPictureLimits } from '../../src/content/platform-limits.js';

const HEADER = 'Question Text,Question Type,Option 1,Option 2,Option 3,Option 4,Option 5,Correct Answer,Time in seconds,Image Link,Answer explanation';
const row = (q: string, picture: string) => `${q},Multiple Choice,12,24,33,,,3,20,${picture},`;

describe('Image Link cells', () => {
  const r = parseContent(
    [
      HEADER,
      row('How many regions does this map show?', 'https://example.com/regions.png'),
      row('How many zones does this map show?', 'images/zones.png'),
      row('How many edges does this map show?', 'www.example.com/edges.png'),
      row('How many caches does this map show?', ''),
    ].join('\n') + '\n',
    'quizizz/maps.csv',
  );

  it('an http(s) address is the picture, and named in the text', () => {
    const q = r.deck.questions[0]!;
    expect(q.images).toEqual([{ url: 'https://example.com/regions.png', alt: '' }]);
    expect(q.prompt).toBe('How many regions does this map show?\n\nPicture (https://example.com/regions.png)');
  });

  it('anything else stays text, no picture, with an image-link warning at its row; an empty cell is nothing', () => {
    expect(r.deck.questions.slice(1).map((q) => [q.prompt, q.images])).toEqual([
      ['How many zones does this map show?\n\nPicture (images/zones.png)', undefined],
      ['How many edges does this map show?\n\nPicture (www.example.com/edges.png)', undefined],
      ['How many caches does this map show?', undefined],
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`)).toEqual([
      '3 warning image-link: question 2: image images/zones.png is not an http(s) URL: shown as text, not as a picture',
      '4 warning image-link: question 3: image www.example.com/edges.png is not an http(s) URL: shown as text, not as a picture',
    ]);
  });

  it('content:check\'s picture check adds no second warning', () => {
    expect(checkPictureLimits([r.deck])).toEqual([]);
  });
});
