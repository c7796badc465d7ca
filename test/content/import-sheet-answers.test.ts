// Answer columns read from real templates: `Correct Index` / `CorrectIndex` (with `Option 1`… or `Option0`…
// columns), and a sheet of numbered options whose answers are the options' text (`2;3;5` of options 2, 3, 4, 5).
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
  it('one row that can only mean texts makes the sheet read texts first; the ambiguous row is warned', () => {
    const r = parseSourceLines('x/qcm.csv', [
      'Question Type,Question,Option 1,Option 2,Option 3,Option 4,Correct Answer(s),Tags,Explanation',
      'qcm,"What is 2 + 2?","2","3","4","5","4",book,"Basic addition"',
      'qcs,"Which are prime numbers?","2","3","4","5","2;3;5",exam,"Several answers"',
      'qcm,"Capital of France?","Paris","Rome","Oslo","Bern","1",book,',
    ]);
    expect(r.deck.questions.map((q) => q.options.filter((o) => q.correct.includes(o.id)).map((o) => o.text))).toEqual([['4'], ['2', '3', '5'], ['Paris']]);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['2 answer-ambiguous']);
  });

  it('a Kahoot sheet whose answers are all option numbers keeps reading numbers', () => {
    const r = parseSourceLines('x/kahoot.csv', ['Question,Answer 1,Answer 2,Answer 3,Answer 4,Correct answer', 'What is 2 + 2?,3,4,2,5,2', 'Which is prime?,4,6,7,8,3']);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['2'], ['3']]);
  });
});
