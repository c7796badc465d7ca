// Spreadsheets of questions copied from web pages or rich-text editors carry HTML in their cells
// (`<b>`, `<br>`, `<p>`, lists, links, entities): it is read as text, as Anki's HTML is, while text
// that only looks like markup (`a < b`, `List<String>`) is left alone. Question ids do not change.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { parseSourceLines, slackQuestionJson } from './helpers.js';

const path = 'test/fixtures/imports-code/web-bank.csv';
const { deck, findings } = parseContent(readFileSync(path, 'utf8'), path);
const [s3, lambda, lookalike, cli, mention, archive] = deck.questions;

describe('CSV cells holding HTML', () => {
  it('reads every row (CRLF, quoted markup with "" inside), answers matched', () => {
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => q.correct)).toEqual([['A', 'C'], ['B'], ['A'], ['A'], ['A'], ['B']]);
  });

  it('markup is read as text: line breaks, inline elements dropped, paragraphs and lists as lines, divs as lines, links as text (url)', () => {
    expect(s3!.prompt).toBe('Which two statements about Amazon S3 are true?\nSelect TWO.');
    expect(s3!.options.map((o) => o.text)).toEqual(['It stores objects', 'It is a block store', 'Durability is 99.999999999%', 'It needs EC2']);
    expect(s3!.explanation).toBe('S3 is object storage.\n\n- Eleven nines of durability\n- No servers to manage');
    expect(lambda!.explanation).toBe('See Lambda quotas (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).\n6 MB each way.');
    expect(archive!.prompt).toBe('Which storage class suits archives?');
    expect(archive!.explanation).toBe('Cheapest storage.\nRetrieval takes hours.');
  });

  it('a domain written in HTML is its text (readiness groups by it)', () => {
    expect(s3!.domain).toBe('Design Resilient & Secure Architectures');
    expect(lambda!.domain).toBe('Storage');
  });

  it('<code> and <pre> are code, and an answer written as the code text matches its option', () => {
    expect(cli!.options.map((o) => o.text)).toEqual(['`aws s3 ls`', '`aws s3 mb`']);
    expect(cli!.explanation).toBe('```\naws s3 ls\naws s3 ls s3://my-bucket\n```');
  });

  it('text that only looks like markup stays as written', () => {
    expect(lookalike!.prompt).toBe('Is a < b when b > a?');
    expect(lookalike!.explanation).toBe('Because 2 > 1, as List<String> is generic');
    const plain = parseSourceLines('imports/plain.csv', ['question,A,B,answer', 'Which is generic: List<String> or <T>?,List<String>,<T>,List<String>']);
    expect(plain.findings).toEqual([]);
    expect(plain.deck.questions[0]!.prompt).toBe('Which is generic: List<String> or <T>?');
    expect(plain.deck.questions[0]!.correct).toEqual(['A']);
  });

  it('one cell naming a tag, in a file that writes no HTML, keeps it', () => {
    const plain = parseSourceLines('imports/web-dev.csv', ['question,A,B,answer', 'What does <br> do in HTML?,Breaks the line,Bolds text,A', 'Which tag makes text bold?,<b>,<i>,A']);
    expect(plain.findings).toEqual([]);
    expect(plain.deck.questions[0]!.prompt).toBe('What does <br> do in HTML?');
    expect(plain.deck.questions[1]!.options.map((o) => o.text)).toEqual(['<b>', '<i>']);
  });

  it('entities are decoded in a file that writes HTML (also in cells without markup), kept in a file that does not', () => {
    expect(lambda!.prompt).toBe('A team uses AWS Lambda & API Gateway. What limits a synchronous payload?');
    expect(mention!.explanation).toBe("Tom & Jerry's channel uses it daily.");
    const plain = parseSourceLines('imports/plain.csv', ['question,A,B,answer', 'What does &amp; stand for in HTML?,An ampersand,A space,A']);
    expect(plain.deck.questions[0]!.prompt).toBe('What does &amp; stand for in HTML?');
  });

  it('a decoded <!channel> is text on Slack, never a mention', () => {
    expect(mention!.prompt).toBe('What does <!channel> do in a Slack message?');
    const json = slackQuestionJson(deck, mention!);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
  });

  it('question ids are those the rows had when their markup was shown as written', () => {
    // Computed at b5f7553, before cells were read as HTML (the code row was not read then: its answer did not match).
    const before = ['web-bank:CvR0nLqRnR', 'web-bank:k0k-jLu6AD', 'web-bank:8q5piQc4Xz', 'web-bank:aIeTlNHNUC', 'web-bank:gRRKzQQqcR'];
    expect(deck.questions.filter((q) => q !== cli).map((q) => q.id)).toEqual(before);
  });
});

describe('links in HTML', () => {
  const anki = (field: string) => parseSourceLines('imports/notes.txt', ['#separator:tab', '#html:true', `${field}\tback`]).deck.questions[0]!.prompt;

  it('a link whose text is its address shows it once; only http(s) addresses are shown; an unclosed <a> loses no text', () => {
    expect(anki('See <a href="https://aws.amazon.com/s3/">https://aws.amazon.com/s3/</a>')).toBe('See https://aws.amazon.com/s3/');
    expect(anki('Run <a href="javascript:alert(1)">this</a> now')).toBe('Run this now');
    expect(anki('An <a href="https://x.example">open link and more text')).toBe('An open link and more text');
  });
});

describe('HTML lists in Anki fields', () => {
  it('list items are "- " lines, as in markdown notes', () => {
    const { deck: anki } = parseSourceLines('imports/notes.txt', ['#separator:tab', '#html:true', 'Name two S3 classes<ul><li>Standard</li><li>Glacier</li></ul>\tAny two']);
    expect(anki.questions[0]!.prompt).toBe('Name two S3 classes\n- Standard\n- Glacier');
  });
});

describe('a <code> per line', () => {
  const anki = (field: string) => parseSourceLines('imports/notes.txt', ['#separator:tab', '#html:true', `${field}\tback`]).deck.questions[0]!.prompt;

  it('two or more lines that are each one <code> are one code block, their indentation and language kept', () => {
    expect(anki('Deploy with:<br><code class="language-sh">sam build</code><br>&nbsp;&nbsp;<code>sam deploy --guided</code>')).toBe(
      'Deploy with:\n```sh\nsam build\n  sam deploy --guided\n```',
    );
    expect(anki('<div>Run</div><div><code>aws s3 ls</code></div><div><code>aws s3 cp a s3://b</code></div><div>then check.</div>')).toBe(
      'Run\n```\naws s3 ls\naws s3 cp a s3://b\n```\nthen check.',
    );
  });

  it('one <code> line, or code inside prose, stays inline', () => {
    expect(anki('Run<br><code>aws s3 ls</code><br>to list.')).toBe('Run\n`aws s3 ls`\nto list.');
    expect(anki('Use <code>ls</code> or<br><code>dir</code> on Windows')).toBe('Use `ls` or\n`dir` on Windows');
  });
});
