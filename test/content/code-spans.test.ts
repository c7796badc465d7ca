// Inline code keeps its backticks in what users read (prompts, options, explanations, concept texts),
// while question ids, answers, concept names and `explain` stay exactly as they were when inline code
// was shown as plain text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeSpan, markCode, splitCodeSpans, stripCodeSpans, writeCodeMarks } from '../../src/content/code-spans.js';
import { explain, parseDeck } from '../../src/content/index.js';
import { beginNote, lexBlocks, lexInline } from '../../src/content/lexer.js';
import { questionHash } from '../../src/content/questions.js';
import { blockText, cleanSource, tidy } from '../../src/content/text.js';

const shown = (markdown: string): string => {
  beginNote();
  return writeCodeMarks(tidy(blockText(lexBlocks(cleanSource(markdown)))));
};

describe('inline code in the text users see', () => {
  it.each([
    ['run `sam build` first', 'run `sam build` first'],
    ['``sam build``', '`sam build`'],
    ['a span with a backtick: `` echo `date` ``', 'a span with a backtick: `` echo `date` ``'],
    ['x ``` a``b ```', 'x ```a``b```'],
    ['`` `x-amz-date` ``', '`` `x-amz-date` ``'],
    ['see [`sam build`](https://docs.aws.amazon.com/sam)', 'see `sam build` (https://docs.aws.amazon.com/sam)'],
    ['[`x-amazon-apigateway-integration`](../openapi.md) is an extension', '`x-amazon-apigateway-integration` is an extension'],
    ['**`aws apigateway get-stages`** lists stages', '`aws apigateway get-stages` lists stages'],
    ['one `span\nover two lines` here', 'one `span over two lines` here'],
    ['`a &amp; b`', '`a & b`'],
    ['a ` never closed', 'a ` never closed'],
    ['escaped \\`x\\` stays literal', 'escaped `x` stays literal'],
    // A note's own marks (raw or as entities) are never marks: users see U+FFFD (ids: see 'entities' below).
    ['marks in the note \uFDD0are\uFDD1 held `ok`', 'marks in the note \uFFFDare\uFFFD held `ok`'],
    ['&#xFDD0;x&#xFDD1; &#xFDD2;&#xFDD3;y&#xFDD4; `ok`', '\uFFFDx\uFFFD \uFFFD\uFFFDy\uFFFD `ok`'],
  ])('%j -> %j', (markdown, expected) => {
    expect(shown(markdown)).toBe(expected);
  });

  it('a span reads back as the code it holds, and marked reads it as that code too', () => {
    const code = fc.string({ minLength: 1, maxLength: 30 }).filter((c) => !c.includes('\n') && c.trim() !== '');
    fc.assert(
      fc.property(code, (c) => {
        const span = codeSpan(c);
        expect(splitCodeSpans(`x ${span} y`)).toEqual([{ text: 'x ' }, { text: span, code: c, fence: expect.any(Number) }, { text: ' y' }]);
        expect(writeCodeMarks(`x ${markCode(c)} y`)).toBe(`x ${span} y`);
        expect(stripCodeSpans(`x ${span} y`)).toBe(`x ${c} y`);
        beginNote();
        const tokens = lexInline(span);
        expect(tokens.map((t) => t.type)).toEqual(['codespan']);
        expect((tokens[0] as { text: string }).text).toBe(c);
      }),
      { numRuns: 300 },
    );
  });

  it('backticks that never close, or close with a longer run, are plain text', () => {
    expect(splitCodeSpans('a ` b')).toEqual([{ text: 'a ` b' }]);
    expect(splitCodeSpans('a `` b ` c')).toEqual([{ text: 'a `` b ` c' }]);
    expect(splitCodeSpans('one `line\nbreak` two')).toEqual([{ text: 'one `line\nbreak` two' }]);
    expect(splitCodeSpans('blank ` ` span')).toEqual([{ text: 'blank ` ` span' }]);
    expect(stripCodeSpans('`a` and `b')).toBe('a and `b');
  });
});

const NOTE = `---
title: SAM
---
# SAM

## Concepts

- **\`sam build\`**: compiles the app; then run \`sam deploy\`
- \`sam local\` - runs functions on \`localhost\`

## Questions

### Q1
Which command asks for the stack settings once? Use \`sam\` with \`--guided\`.

- A) \`sam build\`
- B) \`sam deploy --guided\`
- C) \`\` echo \`date\` \`\`

<details><summary>Answer</summary>
<mark style="color:white">B</mark>

\`sam deploy --guided\` writes them to \`samconfig.toml\`.
</details>

### Q2
Which command runs a function on your machine?

- \`sam local invoke\`
- \`sam build\`

Answer: \`sam local invoke\`

### Q3
Escaped \\\`backticks\\\` stay backticks: which is it?

- A) one
- B) two

Answer: A
`;

describe('a note with inline code', () => {
  const { deck, findings } = parseDeck(NOTE, 'content/sam.md');
  const [q1, q2, q3] = deck.questions;

  it('keeps the code in prompts, options and explanations', () => {
    expect(findings).toEqual([]);
    expect(q1!.prompt).toBe('Which command asks for the stack settings once? Use `sam` with `--guided`.');
    expect(q1!.options.map((o) => o.text)).toEqual(['`sam build`', '`sam deploy --guided`', '`` echo `date` ``']);
    expect(q1!.explanation).toBe('`sam deploy --guided` writes them to `samconfig.toml`.');
    expect(q2!.options.map((o) => o.text)).toEqual(['`sam local invoke`', '`sam build`']);
  });

  it('hashes the text as it was before code was kept: stored answers and cards still find their questions', () => {
    // What the loader produced for these questions when inline code lost its backticks.
    expect(q1!.id).toBe(
      `sam:${questionHash('Which command asks for the stack settings once? Use sam with --guided.', [
        { id: 'A', text: 'sam build' },
        { id: 'B', text: 'sam deploy --guided' },
        { id: 'C', text: 'echo `date`' },
      ])}`,
    );
    expect(q2!.id).toBe(`sam:${questionHash('Which command runs a function on your machine?', [{ id: 'A', text: 'sam local invoke' }, { id: 'B', text: 'sam build' }])}`);
    // Escaped backticks were literal before and still are: they stay in the hash (unwrapping spans would lose them).
    expect(q3!.prompt).toBe('Escaped `backticks` stay backticks: which is it?');
    expect(q3!.id).toBe(`sam:${questionHash('Escaped `backticks` stay backticks: which is it?', q3!.options)}`);
    expect(q3!.id).not.toBe(`sam:${questionHash('Escaped backticks stay backticks: which is it?', q3!.options)}`);
  });

  it('reads answers against the options as before: an answer line naming an option in code', () => {
    expect(q1!.correct).toEqual(['B']);
    expect(q2!.correct).toEqual(['A']);
    expect(q2!.scored).toBe(true);
  });

  it('concept names stay plain (slugs, aliases, lookups unchanged); their texts keep the code', () => {
    expect(deck.concepts.map((c) => [c.slug, c.name, c.text])).toEqual([
      ['sam-build', 'sam build', 'compiles the app; then run `sam deploy`'],
      ['sam-local', 'sam local', 'runs functions on `localhost`'],
    ]);
    expect(explain(deck, 'sam build')).toMatchObject({ kind: 'found', concept: { slug: 'sam-build' } });
    expect(explain(deck, 'sam-local')).toMatchObject({ kind: 'found', concept: { slug: 'sam-local' } });
    // The last resort, words in the texts, reads the code as words.
    expect(explain(deck, 'localhost')).toMatchObject({ matches: [{ slug: 'sam-local' }] });
  });

  it('a copy of a question that differs only in its code fences is the same question', () => {
    const copy = NOTE.replace('Use `sam` with `--guided`.', 'Use ``sam`` with `` --guided ``.');
    expect(parseDeck(copy, 'content/sam.md').deck.questions[0]!.id).toBe(q1!.id);
  });

  it('entities (or raw characters) of the code marks make no code, and hash as the characters they were', () => {
    // Ids computed by the loader at commit c3950af (before code was kept, when these characters were
    // plain text): parseDeck on the same notes in a checkout of that commit (`git archive c3950af`).
    const E = '&#xFDD2;x&#xFDD3;code&#xFDD4; &#xFDD0;y&#xFDD1; &#64977;';
    const question = (q: string, a = 'one', b = 'two') => `# D\n\n## Questions\n\n${q}\n\n- A) ${a}\n- B) ${b}\n\nAnswer: A\n`;
    const cases: [string, string][] = [
      [question(`### Q1\nWhich entity ${E} here?`, 'one &#xFDD5;'), 'd:S7O9gVQ02p'],
      [question(`### Which ${E} heading?`), 'd:47FEYif87G'],
      [question(`### Q1\nWhich html?\n\n<p>para ${E}</p>`, 'one', `*two* [l ${E}](http://x) \`c ${E}\``), 'd:JnjgOqXH3s'],
      [question('### Q1\nWhich raw \uFDD2x\uFDD3y\uFDD4 here?'), 'd:FlyhNCnole'],
    ];
    for (const [note, id] of cases) {
      const q = parseDeck(note, 'content/d.md').deck.questions[0]!;
      expect(q.id).toBe(id);
      // No fake code block or span: the characters are shown as U+FFFD.
      for (const text of [q.prompt, ...q.options.map((o) => o.text)]) expect(text).not.toMatch(/```|[\uFDD0-\uFDD6\uFDE0-\uFDE6]/);
      expect(q.prompt).not.toContain('`');
      expect(q.prompt).toContain('\uFFFD');
    }
  });
});
