// Shapes met in the sixth round of real public question files, each in our own small imitations: HTML-bold answer
// lines in a collapsible, answers given as whole option lines, `<details>` cards with an `**Options:**` list in code
// spans, ExamTopics exports, ⭐ marks on the right options, and difficulty dots after a question heading.
import { describe, expect, it } from 'vitest';
import { parseDeck, type Question } from '../../src/content/index.js';
import { questionHash } from '../../src/content/questions.js';
import { findingLines as codes } from './helpers.js';

const view = (q: Question) => ({ n: q.number, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct, explanation: q.explanation });
const parse = (path: string, lines: string[], eol = '\n') => parseDeck(lines.join(eol), path);

describe('an answer line in HTML bold inside <details>', () => {
  const note = [
    '# Cloud MCQs',
    '',
    '### 1. Data transfer',
    'Which transfer is free?',
    '',
    '- A. Out of the bucket  ',
    '- B. Between regions  ',
    '- C. Into the bucket  ',
    '',
    '<details>',
    '  <summary>✅ Click to see the answer</summary>',
    '  <b>Answer: C</b> – Data coming in costs nothing.',
    '</details>',
    '',
    '### 2. Cost tools (Choose two)',
    'Which tools help cut costs?',
    '',
    '- A. Cost Explorer',
    '- B. Inspector',
    '- C. Macie',
    '- D. Compute Optimizer',
    '',
    '<details><summary>Show answer</summary>',
    '<strong>Answers: A and D</strong> - both suggest savings',
    '</details>',
    '',
    '### 3. Support',
    'Who answers billing questions?',
    '',
    '- A. Support Center',
    '- B. Shield',
    '',
    '<details><summary>Answer</summary>',
    '<b>Answer:</b> A',
    '</details>',
  ];

  it('reads `<b>Answer: C</b> – reason` and `<strong>Answers: A and D</strong>` like their `**` forms; the reason is the explanation (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('notes/mcq.md', note, eol);
      expect(r.deck.questions.map(view)).toEqual([
        { n: '1', options: ['A=Out of the bucket', 'B=Between regions', 'C=Into the bucket'], correct: ['C'], explanation: 'Data coming in costs nothing.' },
        { n: '2', options: ['A=Cost Explorer', 'B=Inspector', 'C=Macie', 'D=Compute Optimizer'], correct: ['A', 'D'], explanation: 'both suggest savings' },
        { n: '3', options: ['A=Support Center', 'B=Shield'], correct: ['A'], explanation: '' },
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });
});

describe('an answer written as whole option lines, one per line', () => {
  it('each line that repeats an option (label and text) names one more right option; other lines stay the explanation', () => {
    const r = parse('notes/ccp.md', [
      '### 27. Which services alert on a cost threshold? (Choose two)',
      '- A. Amazon SQS  ',
      '- B. AWS Budgets  ',
      '- C. Cost Explorer  ',
      '- D. Amazon CloudWatch  ',
      '<details><summary>Answer</summary>',
      'B. AWS Budgets  ',
      'D. Amazon CloudWatch',
      '</details>',
      '',
      '### 28. Which two are customer duties? (Choose two)',
      '- A. Patch guest OS',
      '- B. Classify data',
      '- C. Patch hypervisors',
      '<details><summary>Answer</summary>',
      'A. Patch guest OS<br>',
      'B. Classify data<br>',
      'C. is AWS\'s job',
      '</details>',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '27', options: ['A=Amazon SQS', 'B=AWS Budgets', 'C=Cost Explorer', 'D=Amazon CloudWatch'], correct: ['B', 'D'], explanation: '' },
      { n: '28', options: ['A=Patch guest OS', 'B=Classify data', 'C=Patch hypervisors'], correct: ['A', 'B'], explanation: "C. is AWS's job" },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('<details> cards: a summary over `**Options:**`, options in code spans and `**Correct Answer:**`', () => {
  const cards = [
    '# Terraform Q&A',
    '',
    '<details>',
    '<summary>One backend configuration maps to a single workspace.</summary><br><b>',
    '',
    '**Options:**',
    '- `A. True`',
    '- `B. False`',
    '',
    '**Correct Answer:** `B. False`',
    '',
    '**Explanation**:  ',
    'One backend can hold many workspaces.',
    '',
    '</b></details>',
    '',
    '<details>',
    '<summary>You manage VMs made by hand. What two things must you do? (Choose two.)</summary><br><b>',
    '',
    '**Options:**',
    '- `A. Recreate the VMs`',
    '- `B. Run terraform import`',
    '- `C. Write configuration for them`',
    '',
    '**Correct Answer:** `B. Run terraform import`  ',
    '`C. Write configuration for them`',
    '',
    '**Explanation**:  ',
    'Import, then describe them.',
    '',
    '</b></details>',
    '',
    '<details>',
    '<summary>State is kept in memory only.</summary>',
    '',
    '**Answer:** False, it is written to a file.',
    '',
    '</details>',
  ];

  it('each is a scored question (labels read inside the code span, `Options:` not in the prompt), a statement with only an answer line a card (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('notes/tf.md', cards, eol);
      expect(r.deck.questions.map((q) => [q.number, q.kind, q.prompt, q.options.map((o) => `${o.id}=${o.text}`), q.correct, q.explanation, q.answerText])).toEqual([
        ['1', 'choice', 'One backend configuration maps to a single workspace.', ['A=True', 'B=False'], ['B'], 'One backend can hold many workspaces.', undefined],
        ['2', 'choice', 'You manage VMs made by hand. What two things must you do? (Choose two.)', ['A=Recreate the VMs', 'B=Run terraform import', 'C=Write configuration for them'], ['B', 'C'], 'Import, then describe them.', undefined],
        ['3', 'flashcard', 'State is kept in memory only.', [], [], '', 'Answer: False, it is written to a file.'],
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('a question-asking summary no card is read from (nothing under it) gets a finding, never silence', () => {
    const r = parse('notes/tf2.md', [
      '<details><summary>1. What does terraform init do?</summary>',
      'It downloads providers.',
      '</details>',
      '',
      '<details><summary>Which command shows the plan?</summary>',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => q.number)).toEqual(['1']);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 warning flashcards-only', '5 warning unread-question']);
  });
});

describe('ExamTopics discussion pages exported to markdown', () => {
  const page = (n: number, prompt: string, suggested: string, options: string[], answer: string) => [
    `## Exam XY-100 topic 1 question ${n} discussion`,
    '',
    'Actual exam question from',
    '',
    "Vendor's",
    'XY-100',
    '',
    `Question #: ${n}`,
    'Topic #: 1',
    '',
    '[All XY-100 Questions]',
    '',
    `${prompt} `,
    `Suggested Answer: ${suggested} 🗳️ `,
    '',
    ...options.flatMap((o) => [o, '']),
    `**Answer: ${answer}**`,
    '',
    '**Timestamp: Jan. 2, 2025, 3:04 a.m.**',
    '',
    `[View on ExamTopics](https://example.com/q${n})`,
    '',
    '----------------------------------------',
    '',
  ];
  const file = [
    '# Exam Topics Questions',
    '',
    ...page(2, 'Which command sets an output? ', 'B', ['A. echo', 'B. workflow commands', 'C. sleep'], 'B'),
    ...page(4, 'Where do long jobs run? (Choose two.)', 'AC', ['A. self-hosted', 'B. hosted', 'C. on premises', 'D. nowhere'], 'A'),
  ];

  it('each page is a scored question: boilerplate and timestamp left out, the suggested answer served, a disagreement warned (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('notes/xy100.md', file, eol);
      expect(r.deck.questions.map((q) => [q.number, q.prompt, q.options.map((o) => `${o.id}=${o.text}`), q.correct, q.explanation])).toEqual([
        ['2', 'Which command sets an output?', ['A=echo', 'B=workflow commands', 'C=sleep'], ['B'], 'View on ExamTopics (https://example.com/q2)'],
        ['4', 'Where do long jobs run? (Choose two.)', ['A=self-hosted', 'B=hosted', 'C=on premises', 'D=nowhere'], ['A', 'C'], 'View on ExamTopics (https://example.com/q4)'],
      ]);
      expect(r.findings.map((f) => `${f.line} ${f.code} ${f.message}`)).toEqual([
        '1 no-title no title in front matter; using "Exam Topics Questions"',
        '45 answer-conflict 4: "Suggested Answer: AC" and the answer line "A" disagree; serving the suggested answer AC',
      ]);
    }
  });

  it('a prompt over options and an answer line in a layout not read gets an unread-question finding next to no-questions', () => {
    const r = parse('notes/bare.md', [
      'Intro text.',
      '',
      'Some context first.',
      'Which option should you use?',
      '',
      'A. one',
      '',
      'B. two',
      '',
      '**Answer: B**',
      '',
      'Which two apply? (Each correct answer presents part of the solution. Choose two.)',
      'A. one',
      'B. two',
      'C. three',
      '',
      'Answer: AB',
    ]);
    expect(r.deck.questions).toEqual([]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 error no-questions', '4 warning unread-question', '12 warning unread-question']);
  });
});

describe('a prompt paragraph over options with a ⭐ on the right one(s), no heading (wrong-answer notes)', () => {
  const note = [
    '회사는 서버를 EC2로 옮기려 한다.',
    '어떤 서비스를 사용해야 하는가?',
    '',
    '1. AWS DMS',
    '2. AWS Migration Hub',
    '3. AWS MGN ⭐️',
    '',
    '##########################################',
    '',
    '비용 알림에 쓸 수 있는 서비스는? (두 개 선택)',
    '',
    'A. Amazon SQS',
    'B. AWS Budgets ⭐',
    'C. Cost Explorer',
    'D. Amazon CloudWatch ⭐️',
    '',
    '---',
    '',
    'Tips I like:',
    '',
    '1. Sleep ⭐',
    '2. Coffee ⭐',
  ];

  it('each is a scored question, ⭐ read like ✅ and taken off the option; a star on every item is not an answer (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('notes/wrong.md', note, eol);
      expect(r.deck.questions.map((q) => [q.number, q.prompt, q.options.map((o) => `${o.id}=${o.text}`), q.correct])).toEqual([
        ['1', '회사는 서버를 EC2로 옮기려 한다.\n어떤 서비스를 사용해야 하는가?', ['1=AWS DMS', '2=AWS Migration Hub', '3=AWS MGN'], ['3']],
        ['2', '비용 알림에 쓸 수 있는 서비스는? (두 개 선택)', ['A=Amazon SQS', 'B=AWS Budgets', 'C=Cost Explorer', 'D=Amazon CloudWatch'], ['B', 'D']],
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('a ⭐ on an option under a question heading is its answer too; an answer line that disagrees is warned', () => {
    const r = parse('notes/star.md', ['### Q1. Which stores objects?', '', '- A. S3 ⭐', '- B. EBS', '', '### Q2. Which is block storage?', '', '- A. S3 ⭐', '- B. EBS', '', 'Answer: B']);
    expect(r.deck.questions.map((q) => [q.number, q.options.map((o) => o.text), q.correct])).toEqual([
      ['Q1', ['S3', 'EBS'], ['A']],
      ['Q2', ['S3', 'EBS'], ['B']],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '8 warning tick-conflict']);
  });
});

describe('a difficulty dot after a question heading', () => {
  it('a lone trailing 🔴 / 🟡 is not shown in the prompt (the id stays hashed over the heading as written); a leading emoji stays', () => {
    const r = parse('notes/k8s.md', [
      '### 1. 🔧 ¿Qué es un VPA? 🔴',
      '',
      'A) 🔧 Ajusta recursos',
      'B) 🔧 Crea nodos',
      '',
      '**Respuesta correcta**: A) 🔧 Ajusta recursos',
      '',
      '### 2. ¿Qué es HPA?🟡',
      '',
      'A) Escala pods',
      'B) Borra pods',
      '',
      '**Respuesta correcta**: A',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.correct])).toEqual([
      ['1', '🔧 ¿Qué es un VPA?', ['A']],
      ['2', '¿Qué es HPA?🟡', ['A']],
    ]);
    expect(r.deck.questions[0]!.id).toBe(`k8s:${questionHash('🔧 ¿Qué es un VPA? 🔴', r.deck.questions[0]!.options)}`);
  });
});
