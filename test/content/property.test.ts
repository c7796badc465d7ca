// Any input, however mangled, gives a deck and findings: never an exception, lines inside the file,
// and nothing a user sees carries markup.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, parseDeck, type ParseResult } from '../../src/content/index.js';
import { fixturesDir, readFixture } from './helpers.js';

const notes = readdirSync(fixturesDir).map(readFixture);

const pieces = [
  '---\n', '## Questions\n', '### Q1\n', ' ### Q2\n', '## Q11 - Q20\n', '**Prompt?**\n', '- A) one\n', '1. one\n', 'A. one\n',
  '<details>\n', '<summary>Explanation</summary>\n', '<div>\n', '<mark style="color:white">B</mark>\n', '<mark></mark>', '</div>\n',
  '</details>\n', '## Digests\n', '### Concepts\n', '- Term - definition\n', '  - sub\n', '| a | b |\n| - | - |\n| c | d |\n',
  '{{< youtube x >}}', '<!-- c -->', '\u200b', '\u00a0', '[l](', '](x)', '**', '`', '`sam build`', '`` a`b ``', '\uFDD0', '\uFDD1',
  '\r\n', '\n\n', '\t', 'title: [x\n',
];

/** A note with whole lines dropped, duplicated or swapped, and markdown pieces spliced in. */
const mutatedNote = fc
  .record({
    note: fc.constantFrom(...notes),
    edits: fc.array(
      fc.record({ kind: fc.constantFrom('drop', 'dup', 'swap', 'insert', 'cut'), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      { maxLength: 8 },
    ),
  })
  .map(({ note, edits }) => {
    let lines = note.split('\n');
    for (const e of edits) {
      const i = lines.length ? e.at % lines.length : 0;
      if (e.kind === 'drop') lines.splice(i, 1);
      else if (e.kind === 'dup') lines.splice(i, 0, lines[i] ?? '');
      else if (e.kind === 'swap' && lines.length > 1) [lines[i], lines[0]] = [lines[0] ?? '', lines[i] ?? ''];
      else if (e.kind === 'insert') lines.splice(i, 0, e.piece);
      else if (e.kind === 'cut') lines = lines.join('\n').slice(0, e.at % (note.length + 1)).split('\n');
    }
    return lines.join('\n');
  });

const randomMarkdown = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 8 })), {
  maxLength: 40,
}).map((parts) => parts.join(''));

function checkInvariants(source: string, result: ParseResult): void {
  const lineCount = source.split(/\r\n|\r|\n/).length;
  for (const f of result.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lineCount);
  }
  const ids = new Set<string>();
  for (const q of result.deck.questions) {
    expect(q.source.line).toBeGreaterThanOrEqual(1);
    expect(q.source.line).toBeLessThanOrEqual(lineCount);
    expect(ids.has(q.id)).toBe(false);
    ids.add(q.id);
    expect(q.kind === 'flashcard').toBe(q.options.length === 0);
    for (const c of q.correct) expect(q.options.map((o) => o.id)).toContain(c);
    if (q.scored) expect(q.correct.length).toBeGreaterThan(0);
    for (const text of [q.prompt, q.explanation, q.answerText ?? '', ...q.options.map((o) => o.text)]) {
      expect(text).not.toMatch(/<mark|<\/?details|<!--|\{\{</);
      expect(text).not.toMatch(/[\u200B\u00A0]/);
    }
  }
  // The marks that hold code spans while a note is parsed never reach users (code-spans.ts).
  const shown = [
    result.deck.title,
    ...result.deck.questions.flatMap((q) => [q.prompt, q.explanation, q.answerText ?? '', q.group ?? '', ...q.options.map((o) => o.text)]),
    ...result.deck.concepts.flatMap((c) => [c.name, c.text]),
    ...result.findings.map((f) => f.message),
  ];
  for (const text of shown) expect(text).not.toMatch(/[\uFDD0\uFDD1]/);
  for (const c of result.deck.concepts) {
    expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(explain(result.deck, c.slug)).toMatchObject({ kind: 'found' });
  }
  expect(result.deck.command).toMatch(/^[a-z0-9-]{0,32}$/);
  expect(() => JSON.stringify(result)).not.toThrow();
}

describe('parseDeck never crashes', () => {
  it('on mutated notes', () => {
    fc.assert(
      fc.property(mutatedNote, (source) => {
        const result = parseDeck(source, 'content/mutant.md');
        checkInvariants(source, result);
        expect(result.findings.filter((f) => f.code === 'internal')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on random markdown-ish text', () => {
    fc.assert(
      fc.property(randomMarkdown, (source) => {
        const result = parseDeck(source, 'content/random.md');
        checkInvariants(source, result);
        expect(result.findings.filter((f) => f.code === 'internal')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
