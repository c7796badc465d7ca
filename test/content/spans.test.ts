// Tags and delimited spans found in one pass (src/content/spans.ts) read exactly what the patterns they
// replaced read, on any text made of tag fragments; how they scale is bench:hostile's business.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceBetween, replaceTagPairs, replaceTags } from '../../src/content/spans.js';
import { replaceClozes } from '../../src/content/import/anki-cloze.js';
import { parseContent } from '../../src/content/import/index.js';

const pieces = ['<pre', '<pre>', '<PRE class="language-js">', '</pre>', '</PRE >', '</pre', '<prefix>', '<img', '<img src="a.png">', '<IMG alt=x>', '>', '<!--', '-->', '- ->', 'a', ' ', '\n', '<code>', '</code>'];
const html = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('one-pass tags and spans', () => {
  it('tag pairs: what /<pre\\b([^>]*)>([\\s\\S]*?)<\\/pre\\s*>/gi reads', () => {
    fc.assert(
      fc.property(html, (text) => {
        const by = (attrs: string, inner: string) => `[${attrs}|${inner}]`;
        expect(replaceTagPairs(text, 'pre', by)).toBe(text.replace(/<pre\b([^>]*)>([\s\S]*?)<\/pre\s*>/gi, (_w, attrs: string, inner: string) => by(attrs, inner)));
      }),
      { numRuns: 2000 },
    );
  });

  it('tags: what /<img\\b[^>]*>/gi reads', () => {
    fc.assert(
      fc.property(html, (text) => {
        expect(replaceTags(text, 'img', (tag) => `{${tag.length}}`)).toBe(text.replace(/<img\b[^>]*>/gi, (tag) => `{${tag.length}}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('delimited spans: what /<!--[\\s\\S]*?-->/g reads', () => {
    fc.assert(
      fc.property(html, (text) => {
        expect(replaceBetween(text, '<!--', '-->', (span) => `(${span.length})`)).toBe(text.replace(/<!--[\s\S]*?-->/g, (span) => `(${span.length})`));
      }),
      { numRuns: 2000 },
    );
  });

  it("Anki's clozes: what /\\{\\{c(\\d+)::([\\s\\S]*?)(?:::([\\s\\S]*?))?\\}\\}/g reads", () => {
    const cloze = fc.array(fc.constantFrom('{{c1::', '{{c2::', '{{c::', '::', '}}', '}', '{', 'a', ' '), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(cloze, (text) => {
        const shown = (num: number, inner: string, hint: string | undefined) => `<${num}|${inner}|${hint ?? '-'}>`;
        expect(replaceClozes(text, (c) => shown(c.num, c.text, c.hint))).toBe(
          text.replace(/\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g, (_w, num: string, inner: string, hint?: string) => shown(Number(num), inner, hint)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('unclosed openings are left as text the user sees, never lost', () => {
    expect(replaceTagPairs('a <pre>b</pre> c <pre>d', 'pre', (_a, inner) => inner.toUpperCase())).toBe('a B c <pre>d');
    const { deck } = parseContent('#separator:tab\n#html:true\nWhat is <b>S3</b>?\t<pre>aws s3 ls</pre> and <pre>unclosed\n', 'x/anki.txt');
    expect(deck.questions[0]!.answerText).toMatch(/aws s3 ls[\s\S]*and[\s\S]*unclosed/);
  });
});
