// Any CSV, Anki, Aiken or GIFT text, however mangled, gives a deck and findings: never an exception, lines inside the file,
// every served choice question answerable from its own options.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import type { ParseResult } from '../../src/content/index.js';

const files = ['test/fixtures/imports', 'test/fixtures/imports-csv', 'test/fixtures/imports-anki', 'test/fixtures/aiken', 'test/fixtures/gift'].flatMap((dir) => readdirSync(dir).map((name) => ({ name, text: readFileSync(`${dir}/${name}`, 'utf8') })));
const pieces = ['"', '""', ',', ';', '\t', '\r\n', '\n', '#separator:tab\n', '#html:true\n', '{{c1::', '}}', '::', '<br>', '<img src=x>', '# title: t\n', 'A, C', '\uFEFF', 'answer',
  '\nANSWER: ', '\nA. ', '\nB) ', '\nc) ', '\nEXPLANATION: ', 'AC', '{', '}', '=', '~', '#', '####', '::t::', '%50%', '\\', '->', '$CATEGORY: a/b\n', '// c\n', '[html]'];

const mangled = fc
  .record({
    file: fc.constantFrom(...files),
    edits: fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...pieces), cut: fc.boolean() }), { maxLength: 8 }),
  })
  .map(({ file, edits }) => {
    let text = file.text;
    for (const e of edits) {
      const i = e.at % (text.length + 1);
      text = e.cut ? text.slice(0, i) + text.slice(i + 1 + (e.at % 7)) : text.slice(0, i) + e.piece + text.slice(i);
    }
    return { name: file.name, text };
  });

function checkResult(r: ParseResult, text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const f of r.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lineCount);
  }
  for (const q of r.deck.questions) {
    expect(q.source.line).toBeGreaterThanOrEqual(1);
    expect(q.source.line).toBeLessThanOrEqual(lineCount);
    if (q.scored) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      for (const c of q.correct) expect(q.options.map((o) => o.id)).toContain(c);
    }
    if (q.kind === 'flashcard') expect(q.answerText).toBeTruthy();
  }
}

describe('importers on mangled input', () => {
  it('never throw, and keep lines and answers consistent', () => {
    fc.assert(
      fc.property(mangled, ({ name, text }) => {
        checkResult(parseContent(text, `x/${name}`), text);
      }),
      { numRuns: 300 },
    );
  });

  it('random text as .csv and .txt', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('x/a.csv', 'x/a.txt', 'x/a.gift'), (text, path) => {
        checkResult(parseContent(text, path), text);
      }),
      { numRuns: 300 },
    );
  });
});
