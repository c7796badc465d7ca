// A learner's annotated copy of an exam: notes between a prompt and its options, and under the options.
// Every source here is our own small imitation of the pattern.
import { describe, expect, it } from 'vitest';
import { type Question } from '../../src/content/index.js';
import { questionHash } from '../../src/content/questions.js';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const view = (q: Question) => ({ n: q.number, line: q.source.line, prompt: q.prompt, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct, explanation: q.explanation });

describe('a note line between the prompt and the options of an ordered-list question', () => {
  const note = [
    '1. Which storage class suits rarely read archives?', //           1
    '\t1. archive: 거의 읽지 않는 데이터',
    '    - A. S3 Standard.',
    '    - B. S3 Glacier Deep Archive.',
    '',
    "    <details markdown=1><summary markdown='span'>Answer</summary>",
    '      Correct answer: B',
    '    </details>',
    '',
    '2. Which services run containers? (Choose TWO)', //              10
    '- ECS: 컨테이너 오케스트레이션',
    '',
    '    - A. Amazon ECS.',
    '    - B. Amazon SQS.',
    '    - C. AWS Fargate.',
    '',
    "    <details markdown=1><summary markdown='span'>Answer</summary>",
    '      Correct answer: A, C',
    '    </details>',
    '',
    '3. Which service sends email?', //                               21
    '    - A. Amazon SES.',
    '    - B. Amazon EBS.',
    '',
    "    <details markdown=1><summary markdown='span'>Answer</summary>",
    '      Correct answer: A',
    '    </details>',
  ];

  it('serves every question; the note goes to the explanation, never to the options or the prompt', () => {
    const { deck, findings } = parseNoteLines('notes.md', note);
    expect(codes(findings)).toEqual(['1 warning no-title']);
    expect(deck.questions.map(view)).toEqual([
      {
        n: '1',
        line: 1,
        prompt: 'Which storage class suits rarely read archives?',
        options: ['A=S3 Standard.', 'B=S3 Glacier Deep Archive.'],
        correct: ['B'],
        explanation: 'archive: 거의 읽지 않는 데이터',
      },
      {
        n: '2',
        line: 10,
        prompt: 'Which services run containers? (Choose TWO)',
        options: ['A=Amazon ECS.', 'B=Amazon SQS.', 'C=AWS Fargate.'],
        correct: ['A', 'C'],
        explanation: 'ECS: 컨테이너 오케스트레이션',
      },
      { n: '3', line: 21, prompt: 'Which service sends email?', options: ['A=Amazon SES.', 'B=Amazon EBS.'], correct: ['A'], explanation: '' },
    ]);
  });

  it('a bulleted list of facts before lettered options is a note too, not more options', () => {
    const { deck } = parseNoteLines('facts.md', [
      '### Q1',
      '',
      'Which database is serverless?',
      '',
      '- relational: SQL',
      '- document: JSON',
      '* A. Amazon Aurora Serverless',
      '* B. Amazon RDS on EC2',
      '',
      'Answer: A',
    ]);
    expect(deck.questions.map(view)).toEqual([
      {
        n: 'Q1',
        line: 1,
        prompt: 'Which database is serverless?',
        options: ['A=Amazon Aurora Serverless', 'B=Amazon RDS on EC2'],
        correct: ['A'],
        explanation: '- relational: SQL\n- document: JSON',
      },
    ]);
  });
});

describe('tab-indented note bullets under an option', () => {
  const note = [
    '1. Which tool alerts when costs pass a limit?',
    '    - A. AWS Budgets.',
    '\t    - 예산을 설정하고 알림을 받는 도구',
    '    - B. AWS Cost Explorer.',
    '    - C. AWS Pricing Calculator.',
    '\t    - 견적 도구',
    '\t    - 배포 전에 사용',
    '',
    "    <details markdown=1><summary markdown='span'>Answer</summary>",
    '      Correct answer: A',
    '    </details>',
  ];

  it('are not part of the option text: they follow the explanation, each under its option label; the id stays hashed as written', () => {
    const { deck, findings } = parseNoteLines('tabs.md', note);
    expect(codes(findings)).toEqual(['1 warning no-title']);
    const [q] = deck.questions;
    expect(q && view(q)).toEqual({
      n: '1',
      line: 1,
      prompt: 'Which tool alerts when costs pass a limit?',
      options: ['A=AWS Budgets.', 'B=AWS Cost Explorer.', 'C=AWS Pricing Calculator.'],
      correct: ['A'],
      explanation: 'A) 예산을 설정하고 알림을 받는 도구\nC) 견적 도구\nC) 배포 전에 사용',
    });
    const written = [
      { id: 'A', text: 'AWS Budgets.\n  - 예산을 설정하고 알림을 받는 도구' },
      { id: 'B', text: 'AWS Cost Explorer.' },
      { id: 'C', text: 'AWS Pricing Calculator.\n  - 견적 도구\n  - 배포 전에 사용' },
    ];
    expect(q?.id).toBe(`tabs:${questionHash('Which tool alerts when costs pass a limit?', written)}`);
  });

  it('sub-bullets indented with spaces stay part of the option, as before', () => {
    const spaced = note.map((l) => l.replace(/^\t {4}/, '        '));
    const { deck } = parseNoteLines('spaces.md', spaced);
    expect(deck.questions[0]?.options.map((o) => o.text)).toEqual(['AWS Budgets.\n  - 예산을 설정하고 알림을 받는 도구', 'AWS Cost Explorer.', 'AWS Pricing Calculator.\n  - 견적 도구\n  - 배포 전에 사용']);
    expect(deck.questions[0]?.explanation).toBe('');
  });
});
