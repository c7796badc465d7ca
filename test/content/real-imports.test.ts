// CSV header rows and answers as real spreadsheet templates write them (issue 12 follow-up,
// docs/content-intake.md "Checked against real material"). The rows are our own.
import { describe, expect, it } from 'vitest';
import { findingLines as codes, parseSourceLines } from './helpers.js';

describe('CSV headers and answers as spreadsheet templates write them', () => {
  it('reads answer columns with a hint in brackets and answers written "Option A"', () => {
    const r = parseSourceLines('imports/template.csv', [
      'Question No,Question,Option A,Option B,Option C,Option D,Correct Answer (A/B/C/D),Explanation,Language (en/hi)',
      '1,Which service runs containers without servers?,Amazon EC2,AWS Fargate,Amazon S3,Amazon RDS,B,Fargate runs tasks without instances.,en',
      '2,Which two are object or file storage?,Amazon S3,Amazon SQS,Amazon EFS,Amazon SNS,Option A and Option C,,en',
      '3,Which one is a queue?,Amazon SQS,Amazon SNS,Amazon EBS,Amazon EMR,option a,,en',
    ]);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => [q.number, q.correct, q.explanation])).toEqual([
      ['1', ['B'], 'Fargate runs tasks without instances.'],
      ['2', ['A', 'C'], ''],
      ['3', ['A'], ''],
    ]);

    const numbered = parseSourceLines('imports/numbered.csv', [
      'Question,Option A,Option B,Option C,Correct Answer (1-3),Correct Answer(s)',
      'How many AZs at least for high availability?,1,2,3,2,',
    ]);
    expect(numbered.deck.questions.map((q) => q.correct)).toEqual([['B']]);
  });

  it('a header with options but no column it can read as the answer is one error naming the columns not understood', () => {
    const r = parseSourceLines('imports/odd.csv', ['Question,Option A,Option B,Right One,Difficulty', 'Which is a database?,Amazon RDS,Amazon SQS,A,easy', 'Which is a queue?,Amazon RDS,Amazon SQS,B,easy']);
    expect(r.deck.questions).toEqual([]);
    expect(codes(r.findings)).toEqual(['1 error no-answer-column']);
    expect(r.findings[0]!.message).toContain('"Right One", "Difficulty"');
  });
});

describe('CSV columns a quiz spreadsheet adds around the options', () => {
  it('"Explanation A" … columns become the explanation, one line per option; a "Code Snippet" column is a code block under the question', () => {
    const r = parseSourceLines('imports/js.csv', [
      'Question,Option A,Option B,Option C,Correct Answer,Explanation A,Explanation B,Explanation C,Code Snippet,Difficulty',
      'What does this print?,1,2,3,B,Not the length,Two items,Not the length,"const xs = [4, 5];\n  console.log(xs.length);",2',
      'Which is a queue service?,Amazon SQS,Amazon SNS,Amazon SES,A,Queues messages,,Sends email,,1',
    ]);
    expect(r.findings).toEqual([]);
    const [first, second] = r.deck.questions;
    expect(first!.prompt).toBe('What does this print?\n\n```\nconst xs = [4, 5];\n  console.log(xs.length);\n```');
    expect(first!.correct).toEqual(['B']);
    expect(first!.explanation).toBe('A) Not the length\nB) Two items\nC) Not the length');
    expect(second!.prompt).toBe('Which is a queue service?');
    expect(second!.explanation).toBe('A) Queues messages\nC) Sends email');
  });
});

describe('Anki cloze notes', () => {
  it('an empty cloze ({{c1::}}) gives no card without an answer: that card is skipped with a warning', () => {
    const r = parseSourceLines('imports/empty-cloze.txt', ['#separator:tab', '#html:true', '#notetype column:1', 'Cloze\t{{c1::}} and {{c2::Route 53}} are AWS services.\t', '']);
    expect(r.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['and […] are AWS services.', 'Route 53']]);
    expect(codes(r.findings)).toEqual(['4 warning no-answer']);
  });
});

describe('a CSV "Topic" column', () => {
  it('shared by several rows without a definition is a category, not a concept; a definition cell still makes one', () => {
    const r = parseSourceLines('imports/topics.csv', [
      'Question,A,B,Answer,Explanation,Topic,Definition',
      'Which port is HTTPS?,80,443,B,443 is HTTPS.,Networking,',
      'Which record is IPv6?,A,AAAA,B,AAAA holds IPv6 addresses.,Networking,',
      'What spreads load?,ELB,EBS,A,ELB spreads requests.,Load balancing,',
      'What scales instances?,Auto Scaling,Athena,A,It adds and removes instances.,Elasticity,',
      'Which scales on demand?,Lambda,Snowball,A,Lambda scales per request.,Elasticity,Growing and shrinking capacity with demand.',
    ]);
    expect(r.deck.concepts.map((c) => [c.name, c.text])).toEqual([
      ['Load balancing', 'ELB spreads requests.'],
      ['Elasticity', 'Growing and shrinking capacity with demand.'],
    ]);
  });
});
