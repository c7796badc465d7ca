// JSON question banks (.json) in the shapes public AWS quiz repositories and quiz apps write: our own small
// imitations of each (test/fixtures/imports-json), never the public files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { loadContent } from '../../src/content/load.js';

const dir = 'test/fixtures/imports-json';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const found = (findings: { line: number; severity: string; code?: string }[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}`);
const served = (name: string) =>
  read(name).deck.questions.map((q) => [q.number, q.source.line, q.kind, q.prompt, q.options.map((o) => `${o.id}) ${o.text}`), q.kind === 'choice' ? q.correct : q.answerText]);

describe('JSON question banks', () => {
  it('{"questions": […]} with options as strings, objects flagged correct, a label-keyed object or translations; the answer as a 0-based index, a letter, a list or "A,C"', () => {
    const { deck, dialect } = read('bank.json');
    expect(dialect).toBe('json questions');
    expect(deck.title).toBe('Team practice bank');
    expect(served('bank.json')).toEqual([
      ['1', 4, 'choice', 'Which service stores objects?', ['A) Amazon EBS', 'B) Amazon S3', 'C) Amazon EFS'], ['B']],
      ['2', 11, 'choice', 'Which services are serverless? (Choose TWO)', ['A) AWS Lambda', 'B) Amazon EC2', 'C) AWS Fargate'], ['A', 'C']],
      ['3', 20, 'choice', 'Which database is a key-value store?', ['A) Amazon RDS', 'B) Amazon DynamoDB', 'C) Amazon Redshift'], ['B']],
      ['4', 28, 'choice', 'Which service provides DNS?', ['A) Amazon Route 53', 'B) Amazon CloudFront'], ['A']],
      ['9', 50, 'choice', 'Which ones are compute? (Choose TWO)', ['A) Amazon EC2', 'B) Amazon S3', 'C) AWS Lambda'], ['A', 'C']],
    ]);
    expect(deck.questions.map((q) => q.explanation)).toEqual(['S3 is object storage.', 'C) Containers without servers.', 'A) Relational.\nB) Key-value and document.', '', 'Compute runs code.']);
    expect(deck.questions[2]!.domain).toBe('Databases');
  });

  it('every item that is no question is reported at the line where it starts, never dropped silently', () => {
    expect(read('bank.json').findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`)).toEqual([
      expect.stringMatching(/^1 warning answer-count: answers given as numbers are counted from 0/),
      '34 error not-a-question: item 5 of the question list skipped: text, not a question object',
      '35 warning no-prompt: not a question: no question text (question, prompt, text…); keys: id, title',
      '39 error answer-invalid: question skipped: answer 5 is out of range (2 options, counted from 0)',
      '45 warning no-answer: question skipped: no answer (answer, correct, correctAnswer… or options marked correct)',
    ]);
  });

  it('one list per topic: the key is the questions\' domain; rows with no options are flashcards', () => {
    const { deck, findings } = read('topics.json');
    expect(deck.questions.map((q) => [q.domain, q.kind, q.kind === 'choice' ? q.correct : q.answerText])).toEqual([
      ['EC2', 'flashcard', 'Elastic Compute Cloud'],
      ['EC2', 'choice', ['A']],
      ['S3', 'choice', ['B']],
    ]);
    expect(findings).toEqual([]);
  });

  it('numbers count from 1 in a file where none is 0 and one names the last option', () => {
    expect(read('one-based.json').deck.questions.map((q) => q.correct)).toEqual([['A'], ['C']]);
    const zeroBased = parseContent('[{"question": "Q?", "options": ["a", "b", "c"], "answer": 0}, {"question": "R?", "options": ["a", "b", "c"], "answer": 2}]', 'x/z.json');
    expect(zeroBased.deck.questions.map((q) => q.correct)).toEqual([['A'], ['C']]);
    expect(zeroBased.findings).toEqual([]);
  });

  it('numbers that fit counting from 0 and from 1 alike are read from 0, with a warning saying so', () => {
    const either = parseContent('[{"question": "Q?", "options": ["a", "b", "c"], "answer": 1}, {"question": "R?", "options": ["a", "b", "c"], "answer": 2}]', 'x/e.json');
    expect(either.deck.questions.map((q) => q.correct)).toEqual([['B'], ['C']]);
    expect(either.findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['1 warning answer-count']);
    expect(either.findings[0]!.message).toMatch(/counted from 0 .*could count from 1/);
  });

  it('Open Trivia DB\'s correct_answers + incorrect_answers: options in alphabetical order, the hint as explanation', () => {
    expect(served('trivia.json')).toEqual([
      ['1', 3, 'choice', 'Which service rotates database credentials?', ['A) An AMI', 'B) AWS Secrets Manager', 'C) Systems Manager Parameter Store'], ['B']],
      ['2', 9, 'choice', 'Which two give real-time updates? (Select TWO.)', ['A) Amazon RDS', 'B) API Gateway WebSocket API', 'C) AWS AppSync'], ['B', 'C']],
    ]);
    expect(read('trivia.json').deck.questions[0]!.explanation).toBe('Secrets Manager rotates secrets.');
  });

  it('a file holding one question object is a deck of one; its written number is kept', () => {
    expect(served('single.json')).toEqual([['7', 1, 'choice', 'Which S3 feature speeds up long-distance uploads?', ['A) S3 Transfer Acceleration', 'B) S3 Replication'], ['A']]]);
    expect(read('single.json').deck.questions[0]!.domain).toBe('Storage');
  });

  it('flashcards: prompt/answer, term/definition, front/back; a letter answer with no options is reported', () => {
    const { deck, findings } = read('cards.json');
    expect(deck.questions.map((q) => [q.source.line, q.prompt, q.answerText ?? q.correct])).toEqual([
      [2, 'What is the primary purpose of Amazon RDS?', 'Managed relational databases.'],
      [3, 'VPC', 'Virtual Private Cloud'],
      [4, 'Default SSH port', '22'],
      [5, 'Which is object storage?', ['B']],
    ]);
    expect(found(findings)).toEqual(['6 warning no-options']);
  });

  it('a JSON file that is no question bank is an error naming what is understood; invalid JSON is an error at its line', async () => {
    const { files, findings } = await loadContent([`${dir}/settings.json`, `${dir}/broken.json`]);
    expect(files.map((f) => [f.path.split('/').pop(), f.served, f.errors])).toEqual([
      ['broken.json', false, 1],
      ['settings.json', false, 1],
    ]);
    expect(findings.map((f) => `${f.path.split('/').pop()}:${f.line}: ${f.code}`)).toEqual(['broken.json:3: json-syntax', 'settings.json:1: not-a-deck']);
    expect(findings[0]!.message).toBe("not valid JSON: expected ',' or '}' after property value; nothing in this file was read");
    expect(findings[1]!.message).toMatch(/^not a question bank: its top level is an object with keys "name", "version", "scripts"; a \.json file in the content folder must be an array of question objects/);
  });

  it('the same question reads with the same id as its CSV row', () => {
    const json = parseContent('[{"question": "Which service stores objects?", "options": ["Amazon EBS", "Amazon S3"], "answer": "B"}]', 'x/bank.json');
    const csv = parseContent('question,a,b,answer\nWhich service stores objects?,Amazon EBS,Amazon S3,B\n', 'x/bank.csv');
    expect(json.deck.questions[0]!.id).toBe(csv.deck.questions[0]!.id);
  });

  it('deep nesting and long lists neither crash nor hang: nothing past 8 levels is searched, reports are capped', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(found(parseContent(deep, 'x/deep.json').findings)).toEqual(['1 error not-a-deck']);
    const items = Array.from({ length: 5000 }, (_, i) => (i === 0 ? '{"question": "Q?", "answer": "A"}' : String(i))).join(',\n');
    const { deck, findings } = parseContent(`[${items}]`, 'x/long.json');
    expect(deck.questions).toHaveLength(1);
    expect(findings).toHaveLength(51);
    expect(findings.at(-1)).toMatchObject({ line: 51, code: 'not-a-question' });
    expect(findings.find((f) => f.line === 1)!.message).toBe('4949 more objects skipped, not listed (the first 50 are)');
  });
});

describe('an answer that is one option\'s text and another\'s number', () => {
  it('uses the text and says so (answer-ambiguous)', () => {
    const r = parseContent(JSON.stringify([{ question: 'What is 1 + 1?', options: ['3', '1', '2', '4'], answer: '2' }]), 'sums.json');
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['C']]);
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([
      ['answer-ambiguous', expect.stringContaining('it is the text of option C ("2"), used as such; read as option numbers it would be B ("1")')],
    ]);
  });
});

describe('JSON banks as real quiz apps write them', () => {
  it('Open Trivia DB\'s default encoding (quotes and ampersands as entities) is decoded; a boolean question is True, False', () => {
    const { deck, findings } = read('trivia-encoded.json');
    expect(findings).toEqual([]);
    const [route, tier] = deck.questions;
    expect(route!.prompt).toBe('Which AWS service\'s name ends in "53"?');
    expect(route!.options.map((o) => o.text)).toEqual(['CloudFront', 'Direct Connect', 'Route 53', 'S3 & Glacier']);
    expect(route!.correct).toEqual(['C']);
    expect(tier!.prompt).toBe('The "Free Tier" lasts forever for every service.');
    expect(tier!.options.map((o) => o.text)).toEqual(['True', 'False']);
    expect(tier!.correct).toEqual(['B']);
    expect(tier!.domain).toBe('Cloud & DevOps');
  });

  it('"accepted_answers" of a short-answer question are alternatives: "JWT / JSON Web Token"', () => {
    const { deck, findings } = read('accepted.json');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.kind, q.kind === 'choice' ? q.correct : q.answerText])).toEqual([
      ['flashcard', 'JWT / JSON Web Token'],
      ['choice', ['B']],
    ]);
    expect(deck.questions[0]!.explanation).toBe('A signed JSON token.');
  });

  it('a plain file that writes quotes as they are keeps entities as written (questions about HTML entities)', () => {
    const source = JSON.stringify([
      { question: "What's the entity for a double quote?", options: ['&quot;', '&amp;'], answer: 'A' },
      { question: 'Which one writes an apostrophe?', options: ['&#039;', '&lt;'], answer: 'A' },
    ]);
    const { deck } = parseContent(source, 'content/entities.json');
    expect(deck.questions.map((q) => q.options.map((o) => o.text))).toEqual([['&quot;', '&amp;'], ['&#039;', '&lt;']]);
  });
});

describe('JSON bank shapes from quiz apps (our imitations)', () => {
  const { deck, findings } = read('shapes.json');
  const [storage, compute, queue] = deck.questions;

  it('a list named by its question type ("multiple_choice") is no topic; a category or name beside a list is its topic; a number key is none', () => {
    expect(findings).toEqual([]);
    expect(deck.title).toBe('Cloud shapes');
    expect(deck.questions.map((q) => q.domain)).toEqual(['Storage', 'Compute', 'byCategory']);
    expect(storage!.correct).toEqual(['A']);
  });

  it('options as {"number", "data"}; the answer an object naming the option, its explanation and code example kept', () => {
    expect(compute!.options.map((o) => `${o.id}) ${o.text}`)).toEqual(['1) AWS Lambda', '2) Amazon S3']);
    expect(compute!.correct).toEqual(['1']);
    expect(compute!.explanation).toBe('Functions as a service.\n```\naws lambda invoke out.json\n```');
  });

  it('"correctOptionId" names the option by its own id, not its position', () => {
    expect(queue!.options.map((o) => `${o.id}) ${o.text}`)).toEqual(['3) Amazon SNS', '5) Amazon SQS']);
    expect(queue!.correct).toEqual(['5']);
  });
});
