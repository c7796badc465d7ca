// Aiken question files (.txt; Moodle's format, which many quiz tools and question generators export):
// the strict format as Moodle writes it (BOM, CRLF), the variants real files show, and every problem
// reported with its line. Through the deck library as a team would drop the file in content/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIKEN_DIALECT, ANKI_DIALECT, parseContent } from '../../src/content/import/index.js';
import { libraryWith, parseSourceLines, slackQuestionJson } from './helpers.js';

const dir = 'test/fixtures/aiken';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const summary = (name: string) =>
  read(name).deck.questions.map((q) => ({ number: q.number, prompt: q.prompt, options: q.options.map((o) => `${o.id}) ${o.text}`), correct: q.correct }));

describe('Aiken questions as Moodle writes them', () => {
  const { deck, findings, dialect } = read('moodle.txt');

  it('every question, its options and answer; the settings lines name the deck; no findings', () => {
    expect(dialect).toBe(AIKEN_DIALECT);
    expect(findings).toEqual([]);
    expect([deck.title, deck.command, deck.description]).toEqual(['SAA-C03 practice (Aiken)', 'saa', "Exported from the team's Moodle course"]);
    expect(summary('moodle.txt')).toEqual([
      { number: '1', prompt: 'Which AWS service stores objects in buckets?', options: ['A) Amazon EBS', 'B) Amazon S3', 'C) Amazon EFS', 'D) AWS Storage Gateway'], correct: ['B'] },
      { number: '2', prompt: 'What is the maximum timeout of an AWS Lambda function?', options: ['A) 5 minutes', 'B) 15 minutes', 'C) 1 hour', 'D) 24 hours'], correct: ['B'] },
      { number: '3', prompt: 'Which two services are serverless? (Choose two.)', options: ['A) AWS Lambda', 'B) Amazon EC2', 'C) AWS Fargate', 'D) Amazon EMR on EC2'], correct: ['A', 'C'] },
    ]);
    expect(deck.questions.every((q) => q.scored && q.kind === 'choice')).toBe(true);
    expect(deck.questions.map((q) => q.source.line)).toEqual([5, 12, 19]);
  });
});

describe('Aiken variants real files show', () => {
  const { deck, findings } = read('variants.txt');
  const [alb, cli, german, japanese, mention] = deck.questions;

  it('reads every question with no findings', () => {
    expect(findings).toEqual([]);
    expect(deck.questions).toHaveLength(5);
  });

  it('a question over two paragraphs with its number in front; lowercase a) labels; "Answer: b"; an explanation over two lines', () => {
    expect(alb!.number).toBe('7');
    expect(alb!.prompt).toBe('A company runs a web application behind an Application Load Balancer.\n\nWhich feature routes requests by the URL path?');
    expect(alb!.options.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(alb!.correct).toEqual(['B']);
    expect(alb!.explanation).toBe('Path-based routing sends /api/* and /img/* to different target groups.\nSee the ALB listener rules.');
  });

  it('"Question 8:" numbers the question; backtick code in options is code', () => {
    expect(cli!.number).toBe('8');
    expect(cli!.prompt).toBe('Which command lists the objects of a bucket?');
    expect(cli!.options[0]!.text).toBe('`aws s3 ls s3://my-bucket`');
  });

  it('other languages; an option continued on the next line; letters run together ("AC"); "ANSWER: B. text"; unnumbered questions count on', () => {
    expect(german!.number).toBe('9');
    expect(german!.options[2]!.text).toBe('Amazon DynamoDB, eine NoSQL-Datenbank');
    expect(german!.correct).toEqual(['A', 'C']);
    expect(japanese!.prompt).toBe('Amazon S3 のストレージクラスで、取り出しに数時間かかるものはどれですか？');
    expect(japanese!.correct).toEqual(['B']);
  });

  it('a <!channel> in a question is text on Slack, never a mention', () => {
    const json = slackQuestionJson(deck, mention!);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
  });
});

describe('what cannot be read is reported with its line, and the rest is served', () => {
  const { deck, findings } = read('broken.txt');
  const at = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.line}: ${f.message}`);

  it('each problem once, at its line', () => {
    expect(at('no-answer')).toEqual(['1: question skipped: its options are not followed by an "ANSWER: <letter>" line']);
    expect(at('answer-invalid')).toEqual(['8: question skipped: answer E is out of range (options A–B)']);
    expect(at('answer-without-question')).toEqual(['10: ANSWER line without a question and its options before it']);
    expect(at('one-option')).toEqual(['12: question skipped: only one option']);
    expect(at('duplicate')).toHaveLength(1);
    expect(at('no-options')).toEqual(['26: text skipped: no options ("A. …") and no "ANSWER:" line follow it']);
    expect(findings).toHaveLength(6);
  });

  it('the good question is served once', () => {
    expect(deck.questions.map((q) => q.prompt)).toEqual(['Which service is a CDN?']);
  });

  it('a new question right after options, with no ANSWER and no blank line, is its own question; the one before is reported', () => {
    const r = parseSourceLines('content/run-on.txt', ['Which is a CDN?', 'A. CloudFront', 'B. Route 53', 'Which is DNS?', 'A. CloudFront', 'B. Route 53', 'ANSWER: B']);
    expect(r.findings.map((f) => `${f.line}: ${f.code}`)).toEqual(['1: no-answer']);
    expect(r.deck.questions.map((q) => [q.prompt, q.options.map((o) => o.text), q.correct])).toEqual([['Which is DNS?', ['CloudFront', 'Route 53'], ['B']]]);
  });

  it('the explanation of a skipped question goes with it; one with no question before it is reported', () => {
    const r = parseSourceLines('content/explained.txt', [
      'EXPLANATION: stray', '', 'Which is a CDN?', 'A. CloudFront', 'B. Route 53', 'ANSWER: E', 'EXPLANATION: CloudFront caches at the edge.', '',
      'Which is DNS?', 'A. CloudFront', 'B. Route 53', 'ANSWER: B', 'EXPLANATION: Route 53 answers DNS queries.',
    ]);
    expect(r.findings.map((f) => `${f.line}: ${f.code}`)).toEqual(['1: explanation-without-question', '6: answer-invalid']);
    expect(r.deck.questions.map((q) => q.explanation)).toEqual(['Route 53 answers DNS queries.']);
  });

  it('options out of order: the question is reported once and skipped, the next one read', () => {
    const r = parseSourceLines('content/order.txt', ['Which is a CDN?', 'A. CloudFront', 'B. Route 53', 'D. S3', 'ANSWER: A', '', 'Which is DNS?', 'A. CloudFront', 'B. Route 53', 'ANSWER: B']);
    expect(r.findings.map((f) => `${f.line}: ${f.message}`)).toEqual(['4: question skipped: option D after B (options run A, B, C…)']);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Which is DNS?']);
  });
});

describe('which .txt files are Aiken', () => {
  it('an Anki export whose fields say "ANSWER:" stays an Anki export', () => {
    const r = parseSourceLines('content/notes.txt', ['#separator:tab', '#html:false', 'Which is a CDN?\tCloudFront', 'A. CloudFront\tx', 'ANSWER: A\ty']);
    expect(r.dialect).toBe(ANKI_DIALECT);
  });

  it('a .txt that is neither says what it must be', () => {
    const r = parseSourceLines('content/minutes.txt', ['Meeting notes', 'We agreed to study S3 on Monday.']);
    expect(r.deck.questions).toEqual([]);
    expect(r.findings[0]!.message).toContain('Aiken questions');
  });

  it('the deck library serves an Aiken file dropped in the content folder', async () => {
    const library = await libraryWith({ 'saa.txt': readFileSync(`${dir}/moodle.txt`) });
    const deck = library.byId('saa');
    expect(deck?.questions).toHaveLength(3);
    expect(deck?.command).toBe('saa');
  });
});

describe('an Aiken answer is a label', () => {
  it('ANSWER: A is option A even where another option reads "A"', () => {
    const r = parseContent(['Which letter comes first?', 'A. B', 'B. A', 'C. C', 'ANSWER: A', ''].join('\n'), 'letters.txt');
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['A']]);
    expect(r.findings.filter((f) => f.severity === 'error' || f.code === 'answer-ambiguous')).toEqual([]);
  });
});

describe("Moodle's own Aiken error cases (our wording)", () => {
  const r = parseSourceLines('content/errors.txt', [
    'Which port does SSH use?',
    'A) 22',
    'ANSWER: A',
    '',
    'A) An option with no question',
    '',
    'ANSWER: An option with no question',
    '',
    'Which port does DNS use?',
    'A)25',
    'B)53',
    'ANSWER: B',
    '',
    'Which port does HTTPS use?',
    'A) 443',
    'B) 80',
    'ANSWER: A',
  ]);

  it('an option line with no question above it is reported, never served as a flashcard of that option', () => {
    expect(r.deck.questions.map((q) => [q.kind, q.prompt])).toEqual([['choice', 'Which port does HTTPS use?']]);
    expect(r.findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['1 warning one-option', '5 error no-prompt', '12 error no-options']);
  });

  it('options glued to their label ("A)25") are named in the finding with how to fix them', () => {
    expect(r.findings.find((f) => f.line === 12)!.message).toBe(
      'question skipped: its ANSWER names option B but no options ("A. …") were read; "A)25" is not read as an option: put a space after "A)"',
    );
  });
});
