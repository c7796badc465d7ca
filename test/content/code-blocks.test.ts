// Code blocks (fenced with ``` or ~~~, indented, HTML <pre>) stay code blocks in what users read, with
// their lines and indentation, while question ids, answers and `explain` stay what they were when a
// block was shown as prose.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeOpenBlock, inlineCodeBlocks, markBlock, splitCodeBlocks, stripCodeBlocks } from '../../src/content/code-blocks.js';
import { stripCodeSpans, writeCodeMarks } from '../../src/content/code-spans.js';
import { explain, parseDeck } from '../../src/content/index.js';
import { beginNote, lexBlocks } from '../../src/content/lexer.js';
import { questionHash } from '../../src/content/questions.js';
import { blockText, cleanSource, tidy } from '../../src/content/text.js';

const shown = (markdown: string): string => {
  beginNote();
  return writeCodeMarks(tidy(blockText(lexBlocks(cleanSource(markdown)))));
};
const fixture = (name: string) => readFileSync(new URL(`../fixtures/code-blocks/${name}`, import.meta.url), 'utf8');

describe('code blocks in the text users see', () => {
  it.each([
    ['fenced with a language', 'Policy:\n\n```json\n{\n  "Effect": "Allow"\n}\n```\n\nDone.', 'Policy:\n\n```json\n{\n  "Effect": "Allow"\n}\n```\n\nDone.'],
    ['tilde fence', '~~~yaml\nKey:\n  Sub: 1\n~~~', '```yaml\nKey:\n  Sub: 1\n```'],
    ['fence with an info string', '```bash title="deploy"\nsam deploy\n```', '```bash\nsam deploy\n```'],
    ['indented code', 'Run:\n\n    $ aws s3 ls\n      2024 bucket', 'Run:\n\n```\n$ aws s3 ls\n  2024 bucket\n```'],
    ['nested in a list', '- Deploy with:\n  ```bash\n  sam deploy \\\n    --guided\n  ```\n- Then test', '- Deploy with:\n```bash\nsam deploy \\\n  --guided\n```\n- Then test'],
    ['CRLF line endings', 'Code:\r\n\r\n```python\r\nif x:\r\n    y()\r\n```\r\n', 'Code:\n\n```python\nif x:\n    y()\n```'],
    ['a block holding ```', '````markdown\n```yaml\nk: v\n```\n````', '````markdown\n```yaml\nk: v\n```\n````'],
    ['HTML <pre> with entities, a language class and <br>', '<pre><code class="language-json">{<br>  "a": "&lt;b&gt;"<br>}</code></pre>', '```json\n{\n  "a": "<b>"\n}\n```'],
    ['markdown inside code is left alone', '```\n*not bold* <!channel> [x](y\n<div class="a"\n```', '```\n*not bold* <!channel> [x](y\n<div class="a"\n```'],
    ['a blank block is no block', '```\n   \n```\n\ntext', 'text'],
  ])('%s', (_name, markdown, expected) => {
    expect(shown(markdown)).toBe(expected);
  });

  it('reads written blocks back: lines, indentation and language; a fence never closed is prose, closeOpenBlock closes one cut short', () => {
    const text = 'Intro\n```yaml\na:\n  b: 1\n```\nafter\n````\n```\n````\n```js\nnever closed';
    expect(splitCodeBlocks(text)).toEqual([
      { text: 'Intro' },
      { text: '```yaml\na:\n  b: 1\n```', block: { code: 'a:\n  b: 1', lang: 'yaml' } },
      { text: 'after' },
      { text: '````\n```\n````', block: { code: '```', lang: '' } },
      { text: '```js\nnever closed' },
    ]);
    expect(closeOpenBlock('Intro\n````yaml\na: 1…')).toBe('Intro\n````yaml\na: 1…\n````');
    expect(closeOpenBlock('```\ndone\n```\nmore…')).toBe('```\ndone\n```\nmore…');
    // Inline spans with three backticks are not fences.
    expect(splitCodeBlocks('x ```a``b``` y')).toEqual([{ text: 'x ```a``b``` y' }]);
    expect(stripCodeBlocks('See:\n```json\n{"a": 1}\n```')).toBe('See:\n{"a": 1}');
    expect(stripCodeSpans('Run `sam`:\n```bash\nsam   deploy\n```')).toBe('Run sam:\nsam   deploy');
    expect(inlineCodeBlocks('See:\n```json\n{\n  "a": 1\n}\n```')).toBe('See:\n`{ "a": 1 }`');
  });
});

describe('notes with code blocks', () => {
  const policies = parseDeck(fixture('policies.md'), 'content/policies.md');
  const lists = parseDeck(fixture('lists.md'), 'content/lists.md');
  const crlf = parseDeck(fixture('crlf.md'), 'content/crlf.md');

  it('keeps blocks in prompts, explanations and concept texts', () => {
    const [q1, q2, q3] = policies.deck.questions;
    expect(q1!.prompt).toContain('```json\n{\n  "Version": "2012-10-17",\n');
    expect(q1!.explanation).toContain('```bash\naws s3api get-object --bucket bucket --key notes.md notes.md\n```');
    expect(q2!.prompt).toBe('A CLI session prints this. What went wrong?\n\n```\n$ aws lambda invoke --function-name fn out.json\nAn error occurred (AccessDeniedException)\n```');
    // <pre> inside <details> keeps its indentation.
    expect(q2!.explanation).toBe('Grant it:\n\n```\n{\n  "Action": "lambda:InvokeFunction",\n  "Resource": "arn:aws:lambda:*:*:function:fn"\n}\n```');
    expect(q3!.prompt).toBe('Which fence shows markdown inside code?\n\n````markdown\n```yaml\nkey: value\n```\n````');
    const concept = (slug: string) => policies.deck.concepts.find((c) => c.slug === slug)!.text;
    expect(concept('resource-policy')).toBe('a JSON document attached to the API itself.\n```json\n{\n  "Effect": "Deny",\n  "Principal": "*",\n  "Action": "execute-api:Invoke"\n}\n```');
    expect(concept('stage-variables')).toContain('```yaml\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n');
    expect(concept('exports')).toBe('```bash\naws apigateway get-export \\\n    --rest-api-id a1b2c3 --stage-name prod \\\n    --export-type oas30 out.json\n```');
    expect(lists.deck.questions[1]!.prompt).toBe('What does this OpenAPI fragment declare?\n\n```yaml\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n```');
    expect(crlf.deck.questions[0]!.prompt).toBe('What does this print?\n\n```python\nfor i in range(2):\n    print(i)\n```');
  });

  it('hashes the text as it was when blocks were prose: stored answers and cards still find their questions', () => {
    // What the loader produced for these prompts before code blocks were kept.
    const before: [typeof policies, number, string][] = [
      [lists, 1, 'What does this OpenAPI fragment declare?\n\npaths:\n/pets:\nget:\nx-amazon-apigateway-integration:\ntype: aws_proxy'],
      [policies, 1, 'A CLI session prints this. What went wrong?\n\n$ aws lambda invoke --function-name fn out.json\nAn error occurred (AccessDeniedException)'],
      [policies, 2, 'Which fence shows markdown inside code?\n\n```yaml\nkey: value\n```'],
      [crlf, 0, 'What does this print?\n\nfor i in range(2):\nprint(i)'],
    ];
    for (const [parsed, i, prompt] of before) {
      const q = parsed.deck.questions[i]!;
      expect(q.id).toBe(`${parsed.deck.id}:${questionHash(prompt, q.options)}`);
    }
    expect(lists.deck.questions.map((q) => q.correct)).toEqual([['B'], ['A']]);
    expect(policies.deck.questions.map((q) => q.correct)).toEqual([['B'], ['B'], ['A']]);
  });

  it('shows a block in an answer option as inline code, and hashes it as before', () => {
    const note = '# D\n\n## Questions\n\n### Q1\nWhich file?\n\n- A) The one below\n\n  ```yaml\n  a: 1\n  b: 2\n  ```\n- B) None\n\nAnswer: A\n';
    const q = parseDeck(note, 'content/d.md').deck.questions[0]!;
    expect(q.options.map((o) => o.text)).toEqual(['The one below `a: 1 b: 2`', 'None']);
    expect(q.id).toBe(`d:${questionHash('Which file?', [{ id: 'A', text: 'The one below a: 1\nb: 2' }, { id: 'B', text: 'None' }])}`);
  });

  it('a block ending the prompt with a cut-off tag keeps the id the question had before blocks were kept', () => {
    // Ids computed by the loader at commit c3950af (before code blocks were kept): parseDeck on the same
    // notes in a checkout of that commit (`git archive c3950af`, then parseDeck(note, 'content/d.md')).
    const note = (prompt: string) => `# D\n\n## Questions\n\n### Q1\n${prompt}\n\n- A) one\n- B) two\n\nAnswer: A\n`;
    const cases: [string, string][] = [
      ['Which imgtag-last?\n\n```html\n<p>hi</p>\n<img src="a.png"\n```', 'd:GQJnWT859a'],
      ['Which indented-last?\n\n    x = 1\n    <b', 'd:715Xaj_Fjn'],
      ['Which pre-last?\n\n<pre>a\n&lt;b</pre>', 'd:ZYlppeHiYl'],
    ];
    for (const [prompt, id] of cases) {
      const q = parseDeck(note(prompt), 'content/d.md').deck.questions[0]!;
      expect(q.prompt).toMatch(/<b|<img/);
      expect(q.id).toBe(id);
    }
  });

  it('backticks the note escaped (\\`\\`\\`) on a line of their own stay prose: they cannot pair with a real fence', () => {
    const note = '# D\n\n## Questions\n\n### Q1\nWhich line is literal?\n\n\\`\\`\\`\n\nand then:\n\n```yaml\nk: v\n```\n\n- A) one\n- B) two\n\nAnswer: A\n';
    const q = parseDeck(note, 'content/d.md').deck.questions[0]!;
    // A zero-width space before the run: still one run of three backticks, no longer at the start of the line.
    expect(q.prompt).toBe('Which line is literal?\n\n\u200b```\n\nand then:\n\n```yaml\nk: v\n```');
    expect(splitCodeBlocks(q.prompt).filter((s) => s.block)).toEqual([{ text: '```yaml\nk: v\n```', block: { code: 'k: v', lang: 'yaml' } }]);
    // Hashed before the break: the id the loader gave it before code blocks were kept.
    expect(q.id).toBe(`d:${questionHash('Which line is literal?\n\n```\n\nand then:\n\nk: v', q.options)}`);
    // Indented, or right after a block (where the writer drops the indentation), the same.
    beginNote();
    expect(writeCodeMarks('a\n  ```js\nb')).toBe('a\n  \u200b```js\nb');
    expect(writeCodeMarks(`${markBlock('x')}  \`\`\``)).toBe('```\nx\n```\n\u200b```');
  });

  it('explain finds concepts by the words of their code, never by a fence language', () => {
    expect(explain(policies.deck, 'a1b2c3')).toMatchObject({ kind: 'suggestions', matches: [{ slug: 'exports' }] });
    const bash = explain(policies.deck, 'bash');
    expect(bash.kind === 'suggestions' ? bash.matches : []).toEqual([]);
  });
});
