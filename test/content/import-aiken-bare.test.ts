// A question page copied from Quizlet or an exam dump into a .txt: options, then a line of the right options'
// letters only (`D`, `bc`, `AD`), no `ANSWER:`. Read as Aiken questions.
import { describe, expect, it } from 'vitest';
import { parseSourceLines } from './helpers.js';

describe('Aiken questions whose answer line is letters only', () => {
  const page = [
    'Which service stores objects? (AWS quiz)',
    '',
    'A. Amazon EBS',
    '',
    'B. Amazon S3',
    '',
    'C. Amazon EFS',
    '',
    'B',
    '',
    '',
    'Which two are serverless? (Select two.)',
    '',
    'a. AWS Lambda',
    'b. Amazon EC2',
    'c. AWS Fargate',
    'ac',
    '',
    'Which one is a CDN?',
    'A. CloudFront',
    'B. Route 53',
    'A',
  ];

  it('reads each question with its answer (letters in either case, run together)', () => {
    const r = parseSourceLines('x/copied.txt', page);
    expect(r.dialect).toBe('aiken questions');
    expect(r.deck.questions.map((q) => [q.prompt, q.options.length, q.correct])).toEqual([
      ['Which service stores objects? (AWS quiz)', 3, ['B']],
      ['Which two are serverless? (Select two.)', 3, ['A', 'C']],
      ['Which one is a CDN?', 2, ['A']],
    ]);
    expect(r.findings).toEqual([]);
  });

  it("Quizlet's page text between the questions is skipped with a warning, not read into the next prompt", () => {
    const r = parseSourceLines('x/quizlet-page.txt', [
      'Which one?', 'A. One', 'B. Two', 'B', 'Not studied (12)', "You haven't studied these terms yet!", '', 'Select these 12', '', '',
      'And this?', 'A. Yes', 'B. No', 'a',
    ]);
    expect(r.deck.questions.map((q) => [q.prompt, q.correct])).toEqual([['Which one?', ['B']], ['And this?', ['A']]]);
    expect(r.findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['5 warning page-text', '6 warning page-text', '8 warning page-text']);
  });

  it('a letter no option has is no answer line (the question is reported as before)', () => {
    const r = parseSourceLines('x/stray.txt', ['Which one?', 'A. One', 'B. Two', 'E', '', 'And this?', 'A. Yes', 'B. No', 'B', '', 'And that?', 'A. Yes', 'B. No', 'a']);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['B'], ['A']]);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['1 no-answer']);
  });

  it('one letters-only line in a file is not enough to read it as Aiken questions', () => {
    const r = parseSourceLines('x/notes.txt', ['Which one?', 'A. One', 'B. Two', 'B', '', 'Some notes follow here.']);
    expect(r.dialect).not.toBe('aiken questions');
  });
});

describe('hostile answer lines', () => {
  it('a letter, 200,000 spaces and a digit under the options is no answer line, read in one pass (the first pattern was quadratic)', () => {
    const spaces = ' '.repeat(200_000);
    const r = parseSourceLines('x/hostile.txt', ['Which one?', 'A. One', 'B. Two', `A${spaces}1`, '', 'And this?', 'A. Yes', 'B. No', 'B', '', 'And that?', 'A. Yes', 'B. No', 'a']);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['B'], ['A']]);
  });

  it('an option wrapped onto a line of option letters (`cab`) stays the option when an ANSWER line follows it', () => {
    const r = parseSourceLines('x/wrapped.txt', [
      'Which HTTP status means the request was malformed?', 'A. 200 OK', 'B. 400 Bad Request', 'C. 500 Internal Server Error',
      'D. 302 Found, a redirect that is', 'cab', 'ANSWER: B', '', 'Which of these is a vowel?', 'A. e', 'B. x', 'ANSWER: A',
    ]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.deck.questions.map((q) => [q.options.at(-1)?.text, q.correct])).toEqual([['302 Found, a redirect that is cab', ['B']], ['x', ['A']]]);
  });
});
