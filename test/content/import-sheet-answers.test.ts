// Answer columns read from real templates: `Correct Index` / `CorrectIndex` (with `Option 1`… or `Option0`…
// columns); and, as a known limit, a sheet of numbered options whose answers are the options' text.
import { describe, expect, it } from 'vitest';
import { parseSourceLines } from './helpers.js';

describe('answer columns named by index', () => {
  it('Correct Index beside Option 1 … Option 4 names the option by its number', () => {
    const r = parseSourceLines('x/index.csv', ['Question,Option 1,Option 2,Option 3,Option 4,Correct Index', 'What is 2+2?,3,4,5,6,2', 'Capital of France?,London,Berlin,Madrid,Paris,4']);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['2'], ['4']]);
  });

  it('a camelCase header (CorrectIndex) beside Option0 … Option3 names the option by its label', () => {
    const r = parseSourceLines('x/zero.csv', [
      'Text,Option0,Option1,Option2,Option3,CorrectIndex,Explanation,Tags',
      'Which service stores objects?,Amazon EBS,Amazon S3,Amazon EFS,Amazon RDS,1,S3 is object storage.,storage',
      'Which service runs functions?,AWS Lambda,Amazon EC2,Amazon ECS,AWS Batch,0,Lambda is serverless.,compute',
    ]);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => [q.options.find((o) => q.correct.includes(o.id))?.text, q.domain])).toEqual([
      ['Amazon S3', 'storage'],
      ['AWS Lambda', 'compute'],
    ]);
  });
});

describe('a sheet of numbered options whose answers are texts', () => {
  it('keeps the documented rule (numbered-answers.test.ts): an integer in range is the option number; one beyond is a text', () => {
    const r = parseSourceLines('x/qcm.csv', [
      'Question Type,Question,Option 1,Option 2,Option 3,Option 4,Correct Answer(s),Tags,Explanation',
      'qcm,"What is 2 + 2?","2","3","4","5","4",book,"Basic addition"',
      'qcs,"Which are prime numbers?","2","3","4","5","2;3;5",exam,"Several answers"',
    ]);
    // Known limit: this template writes texts, so its first row is served with option 4 ("5").
    expect(r.deck.questions.map((q) => q.options.filter((o) => q.correct.includes(o.id)).map((o) => o.text))).toEqual([['5'], ['2', '3', '5']]);
  });
});

describe('an index answer column counted from 0', () => {
  it('a 0 in the column: every index is counted from 0, said once', () => {
    const r = parseSourceLines('x/zero-based.csv', [
      'Question,Option A,Option B,Option C,Option D,CorrectIndex',
      'What is 1+1?,1,2,3,4,1', 'Capital of France?,Paris,Rome,Berlin,Madrid,0', 'Largest planet?,Mars,Venus,Jupiter,Earth,2',
    ]);
    expect(r.deck.questions.map((q) => q.options.find((o) => q.correct.includes(o.id))?.text)).toEqual(['2', 'Paris', 'Jupiter']);
    expect(r.findings.map((f) => [f.severity, f.code])).toEqual([['warning', 'answer-count']]);
  });

  it('no 0 and none naming the last option: read from 1, with a warning to check', () => {
    const r = parseSourceLines('x/unsure.csv', ['Question,Option 1,Option 2,Option 3,Option 4,Correct Index', 'What is 2+2?,3,4,5,6,2', 'Capital of France?,London,Paris,Madrid,Rome,2']);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['2'], ['2']]);
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining('could count from 0 instead')]);
  });
});
