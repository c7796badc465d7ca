// Anki notes whose back repeats the front above Anki's answer rule (`{{FrontSide}}<hr id=answer>` as card
// templates show it, pasted or exported into the field): only the answer after the rule is served.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

const dir = 'test/fixtures/imports-anki';
const cards = (name: string) => {
  const { deck, findings } = parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
  return { findings, cards: deck.questions.map((q) => [q.source.line, q.prompt, q.answerText]) };
};

describe('Anki backs holding the front and <hr id=answer>', () => {
  it('the answer is the part after the rule, however the rule is quoted or spaced; the front is not repeated', () => {
    const { cards: read, findings } = cards('frontside.txt');
    expect(findings).toEqual([]);
    expect(read).toEqual([
      [3, 'Which service stores objects?', 'Amazon S3'],
      [8, 'What does IAM stand for?', 'Identity and Access Management'],
      [9, 'Name a serverless compute service', 'AWS Lambda\nor AWS Fargate'],
      // Text above the rule that is not the front stays, the rule a line break.
      [10, 'Which port does HTTPS use?', 'A hint first\n443'],
      [11, 'Default region?', 'us-east-1'],
    ]);
  });

  it('also in an export without HTML', () => {
    expect(cards('frontside-text.txt').cards).toEqual([[3, 'What is DNS?', 'Domain Name System']]);
  });
});

describe('Anki import headers (#separator, #columns)', () => {
  it('a .csv with Anki\'s header is read as Anki reads it: #separator:Comma, the Tags column named in #columns never shown', () => {
    const { deck, findings, dialect } = parseContent(readFileSync(`${dir}/comma-columns.csv`, 'utf8'), `${dir}/comma-columns.csv`);
    expect(dialect).toBe('anki notes');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.source.line, q.prompt, q.answerText, q.explanation])).toEqual([
      [4, 'What does terraform output -raw print?', 'One output, without quotes.', ''],
      [5, 'Which block reads another state?', 'The terraform_remote_state data source.', ''],
    ]);
  });

  it('a Tags column named first in #columns is skipped, the fields after it are front and back', () => {
    expect(cards('tags-first.txt').cards).toEqual([[4, 'What is a VPC?', 'A private network in AWS.']]);
  });

  it('a sheet whose own settings lines say "# tags:" stays a CSV question file', () => {
    const { deck, dialect } = parseContent(readFileSync(`${dir}/sheet-with-tags-line.csv`, 'utf8'), `${dir}/sheet-with-tags-line.csv`);
    expect(dialect).toBe('csv questions');
    expect(deck.title).toBe('Team sheet');
    expect(deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['What is S3?', 'Object storage']]);
  });
});
