// Front matter read by the `yaml` package with bounded aliases and a bounded result (issue 17 item 5).
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/content/frontmatter.js';
import { parseDeck } from '../../src/content/index.js';

const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n\n## Questions\n`;

describe('front matter limits', () => {
  it('a few aliases still work (shared settings are legitimate YAML)', () => {
    const fm = readFrontMatter(withFrontMatter('title: Aliases\nbase: &base { level: 2, tags: [a, b] }\ncopy: *base\nlist: [*base, *base]'));
    expect(fm.error).toBeUndefined();
    expect(fm.meta).toEqual({
      title: 'Aliases',
      base: { level: 2, tags: ['a', 'b'] },
      copy: { level: 2, tags: ['a', 'b'] },
      list: [{ level: 2, tags: ['a', 'b'] }, { level: 2, tags: ['a', 'b'] }],
    });
  });

  it('the nine-level alias bomb is refused quickly, on the line of its first alias', () => {
    let yaml = 'title: Bomb\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]';
    let prev = 'a';
    for (const n of 'bcdefghi') {
      yaml += `\n${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`;
      prev = n;
    }
    const fm = readFrontMatter(withFrontMatter(yaml));
    expect(fm.meta).toEqual({});
    expect(fm.error).toEqual({ line: 4, message: 'front matter expands its aliases (*name) too often; at most 50 are allowed (a YAML alias bomb?)' });
  });

  it('few aliases of a big list are refused by the bound on what front matter produces', () => {
    const big = `[${Array.from({ length: 1000 }, (_, i) => i).join(',')}]`;
    const fm = readFrontMatter(withFrontMatter(`title: Wide\nbig: &big ${big}\ncopies: [${Array(20).fill('*big').join(', ')}]`));
    expect(fm.meta).toEqual({});
    expect(fm.error).toEqual({ line: 2, message: 'front matter holds more than 10000 values once its aliases are expanded' });
  });

  it('front matter over 64 kB is refused; the note is an error for its file only', () => {
    const { findings, deck } = parseDeck(withFrontMatter(`title: Huge\nnotes: "${'x'.repeat(70_000)}"`), 'x/huge.md');
    expect(deck.meta).toEqual({});
    expect(findings.filter((f) => f.code === 'frontmatter').map((f) => `${f.line} ${f.message}`)).toEqual([
      expect.stringMatching(/^1 front matter is 70\d{3} characters; the limit is 65536$/),
    ]);
  });

  it('dates stay ISO strings and duplicate keys stay an error, as with the former reader', () => {
    expect(readFrontMatter(withFrontMatter('date: 2024-02-29\nwhen: 2021-03-04T10:20:30Z')).meta).toEqual({
      date: '2024-02-29T00:00:00.000Z',
      when: '2021-03-04T10:20:30.000Z',
    });
    const dup = readFrontMatter(withFrontMatter('title: a\ntitle: b'));
    expect(dup.error?.line).toBe(3);
    expect(dup.error?.message).toMatch(/^front matter is not valid YAML: /);
  });
});
