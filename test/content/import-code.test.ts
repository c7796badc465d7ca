// Code in Anki and CSV imports is kept as code, exactly like markdown notes' code (code-spans.ts,
// code-blocks.ts), through the real Slack and Discord renderers; the questions' ids are those the
// imports had before (computed at c1e576b, when imports showed code as plain text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { renderView as renderSlack } from '../../adapters/slack/render.js';
import { parseContent } from '../../src/content/import/index.js';
import type { Deck, Question } from '../../src/content/index.js';
import { snapshotOf } from '../../src/quiz/decks.js';
import { questionView, revealView } from '../../src/quiz/render.js';
import type { RoundRecord } from '../../src/quiz/store.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { parseSourceLines } from './helpers.js';
import { openQuizRound } from '../support/rounds.js';

const dir = 'test/fixtures/imports-code';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const anki = (...notes: string[]) => parseSourceLines('imports/notes.txt', ['#separator:tab', '#html:true', ...notes]).deck.questions;

describe('Anki notes: code in the HTML fields', () => {
  const { deck, findings } = read('anki-code.txt');
  const [inline, pre, json, divs, hostile, codeLines] = deck.questions;

  it('reads every note, with no findings', () => {
    expect(findings).toEqual([]);
    expect(deck.questions).toHaveLength(6);
  });

  it('<code> is inline code', () => {
    expect(inline!.prompt).toBe('What does `git status` show?');
    expect(inline!.answerText).toBe('The state of the working tree; `git add -p` stages parts of it.');
    expect(pre!.answerText).toBe('Nothing: it is `abs`.');
  });

  it('<pre> with <br> line breaks and &nbsp; indentation is a code block, indentation and entities as written', () => {
    expect(pre!.prompt).toBe('Fix this function:\n```\ndef f(x):\n    if x < 0:\n        return -x\n    return x\n```');
  });

  it('<pre><code class="language-json"> is a json block', () => {
    expect(json!.prompt).toBe('Which key is missing?\n```json\n{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n```');
  });

  it('a <div> per line is a line, in prose and in a <pre>; <code> over several lines is a block', () => {
    expect(divs!.prompt).toBe('What does this print?\nCode:\n```\nfor i in range(2):\n    print(i)\n```');
    expect(divs!.answerText).toBe('0\n1');
    expect(codeLines!.prompt).toBe('A shell one-liner:\n```\ncd /tmp &&\nls -la\n```');
  });

  it('code holding backticks gets a longer fence; mentions in code stay the text they are', () => {
    expect(hostile!.prompt).toBe('What does `<!channel>` do in Slack?');
    expect(hostile!.answerText).toBe('It notifies the channel, like `@everyone` on Discord.\n````\necho `date` <!channel> @everyone\n```\nnot a fence\n````');
  });

  it('cloze notes: the hidden code is the answer, the other cloze shown as code', () => {
    const cloze = read('anki-code-cloze.txt').deck.questions;
    expect(cloze.map((q) => [q.prompt, q.answerText])).toEqual([
      ['Stage a file with […] and commit it with `git commit`.', '`git add`'],
      ['Stage a file with `git add` and commit it with […].', '`git commit`'],
    ]);
    expect(cloze[0]!.explanation).toBe('```\ngit add .\ngit commit -m "msg"\n```');
  });

  it('a field without HTML (#html:false) reads backtick code like a CSV cell', () => {
    const [q] = parseSourceLines('imports/plain.txt', ['#separator:tab', '#html:false', 'What does `ls` do?\tLists files: `ls -la`']).deck.questions;
    expect([q!.prompt, q!.answerText]).toEqual(['What does `ls` do?', 'Lists files: `ls -la`']);
  });

  it('mark characters a field brings (raw or as entities) forge no code: shown as U+FFFD, the id as before', () => {
    const forged = anki('Forged \uFDD0x\uFDD1 and &#xFDD0;y&#xFDD1; marks?\tno');
    expect(forged[0]!.prompt).toBe('Forged \uFFFDx\uFFFD and \uFFFDy\uFFFD marks?');
    // As at c1e576b, which showed "Forged \uFDD0x\uFDD1 and \uFDE0y\uFDE1 marks?".
    expect(forged[0]!.id).toBe('notes:eyf3HG-Kb8');
  });

  it('<code> around a <pre> is the block alone; a field that held only empty code is still empty (note skipped as before)', () => {
    const [q] = anki('Read:<code><pre class="lang-sh">ls<br>pwd</pre></code>\tok');
    expect(q!.prompt).toBe('Read:\n```sh\nls\npwd\n```');
    const r = parseSourceLines('imports/empty.txt', ['#separator:tab', '#html:true', '<code><pre><code class="language-json"></code></pre></code>\tback']);
    expect(r.deck.questions).toEqual([]);
    expect(r.findings.map((f) => f.message)).toContain('note skipped: the front (first field) is empty');
  });

  it('<pre> in a field next to prose: a tag inside the code is text, not markup', () => {
    const [q] = anki('Which tag?<pre>&lt;div class="x"&gt;&lt;/div&gt;<br>&lt;b&gt;bold&lt;/b&gt;</pre>\tdiv');
    expect(q!.prompt).toBe('Which tag?\n```\n<div class="x"></div>\n<b>bold</b>\n```');
  });
});

describe('CSV cells: HTML code and backticks', () => {
  const { deck, findings } = read('csv-code.csv');
  const [stash, ls, print, json, fenced] = deck.questions;

  it('reads every row, answers matched as before', () => {
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => q.correct)).toEqual([['A'], ['A'], ['B'], ['A'], ['A']]);
  });

  it('backtick spans stay code in prompts, options and explanations; an answer written as the option with its backticks matches it', () => {
    expect(stash!.prompt).toBe('What does `git stash` do?');
    expect(stash!.explanation).toBe('Run `git stash pop` to get them back.');
    expect(ls!.options.map((o) => o.text)).toEqual(['`ls -la`', '`rm -rf`', '`mkdir x`']);
  });

  it('HTML code in a cell: <code> inline, <pre><code class="language-json"> with <br> and &nbsp; a json block', () => {
    expect(json!.options.map((o) => o.text)).toEqual(['`{"a": 1}`', '`{a: 1}`']);
    expect(json!.explanation).toBe('```json\n{\n  "a": 1\n}\n```');
    expect(print!.explanation).toBe('Length of `xs`.');
  });

  it('a code column is a code block under the question; a fenced block in a cell stays a block', () => {
    expect(print!.prompt).toBe('What does this print?\n\n```\nconst xs = [4, 5];\n  console.log(xs.length);\n```');
    expect(fenced!.prompt).toBe("What does it print?\n```sh\necho '<!channel>' @everyone ``x``\n```");
  });

  it('a block in an option (one line) is inline code', () => {
    const r = parseSourceLines('imports/opt.csv', ['question,A,B,answer', 'Which runs?,"<pre>a<br>b</pre>",c,A']);
    expect(r.deck.questions[0]!.options.map((o) => o.text)).toEqual(['`a b`', 'c']);
  });
});

describe('question ids of imports did not change', () => {
  // Computed with the importers at c1e576b (code shown as plain text), for these same files.
  const ids = (deck: Deck) => deck.questions.map((q) => q.id);
  it.each([
    ['anki-code.txt', ['anki-code:WCr72GDICx', 'anki-code:ZeTzwVSrr0', 'anki-code:teiNjwqaFZ', 'anki-code:9Vxy0bdIzS', 'anki-code:drScp8uU_G', 'anki-code:Ll3W7Ag7xU']],
    ['anki-code-cloze.txt', ['anki-code-cloze:UY9Ba_tiuI', 'anki-code-cloze:KzJ19P1lj4']],
    ['csv-code.csv', ['csv-code:djVoD_ybAz', 'csv-code:MMzyzyB22i', 'csv-code:WGYWYTPMl6', 'csv-code:rFrm8J8fP-', 'csv-code:RnkL3CKd_6']],
  ])('%s', (file, expected) => {
    expect(ids(read(file).deck)).toEqual(expected);
  });

  it('the older import fixtures', () => {
    const older = (name: string) => ids(parseContent(readFileSync(`test/fixtures/imports/${name}`, 'utf8'), `test/fixtures/imports/${name}`).deck);
    expect(older('anki-basic.txt')).toEqual(['anki-basic:MzwXiG_eDQ', 'anki-basic:I_6brljhGM', 'anki-basic:apTf3Soe7O', 'anki-basic:n8yoZRA-ZQ']);
    expect(older('cloud-basics.csv')).toEqual(['cloud-basics:3kwksj37t1', 'cloud-basics:w9d5D48NQf', 'cloud-basics:wq0H9zEXEx', 'cloud-basics:uMcUmmROxn', 'cloud-basics:GgnQmoyhRL']);
  });
});

describe('an imported question through the real renderers', () => {
  const { deck } = read('csv-code.csv');
  const roundOf = (q: Question): RoundRecord => openQuizRound(snapshotOf(deck, q), { id: '1', channelKey: 'slack:T1:C1' });
  const opts = { answered: 0, tz: 'UTC', now: new Date(0) };
  const noResults = { total: 0, perOption: {}, firstCorrect: [] };
  const mrkdwn = (blocks: Record<string, any>[]) =>
    blocks.flatMap((b) => [b.text, ...(b.elements ?? [])]).filter((t) => t?.type === 'mrkdwn').map((t) => t.text as string);
  const fenced = deck.questions[4]!;
  const json = deck.questions[3]!;

  it('Slack: a mrkdwn ``` block whose mentions are escaped text, no run of ``` inside; options and the explanation as code', () => {
    const texts = mrkdwn(renderSlack(questionView(roundOf(fenced), opts)).blocks);
    expect(texts).toContain("What does it print?\n```\necho '&lt;!channel&gt;' @everyone `\u200b`x`\u200b`\n```");
    for (const t of texts) expect(t).not.toMatch(/<[!@#]/);
    const reveal = mrkdwn(renderSlack(revealView(roundOf(json), noResults, opts)).blocks).join('\n');
    expect(reveal).toContain(':white_check_mark: *A)* `{"a": 1}`\n*B)* `{a: 1}`');
    expect(reveal).toContain('```\n{\n  "a": 1\n}\n```');
  });

  it('Discord: a ```sh block with mentions broken, nothing pings, a valid message', () => {
    const body = toRestBody(renderDiscord(questionView(roundOf(fenced), opts)), 'create');
    expect(body.embeds![0]!.description).toContain("What does it print?\n```sh\necho '<!channel>' @\u200beveryone `\u200b`x`\u200b`\n```");
    expect(JSON.stringify(body.embeds)).not.toMatch(/@(everyone|here)/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessageBody(body as Record<string, unknown>)).toEqual([]);
    const reveal = renderDiscord(revealView(roundOf(json), noResults, opts)).embeds[0]!.description!;
    expect(reveal).toContain('**A)** `{"a": 1}`');
    expect(reveal).toContain('```json\n{\n  "a": 1\n}\n```');
  });
});
