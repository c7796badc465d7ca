// Layouts met in a fourth round of real public study material (terraform Q&A with emoji answer headings, Chinese
// interview lists, Korean-annotated exams, …). Every source here is our own small imitation of the pattern.
import { describe, expect, it } from 'vitest';
import { type Question } from '../../src/content/index.js';
import { questionHash } from '../../src/content/questions.js';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const view = (q: Question) => ({ n: q.number, prompt: q.prompt, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct });

describe('"## Question #: 01" with the answer under emoji headings inside <details>', () => {
  const note = [
    '## Question #: 01', //                                                  1
    '',
    '**A plan file records the exact changes to apply.**',
    '',
    '- A. True  ',
    '- B. False',
    '',
    '<details>',
    '<summary><strong>✅ Check Answer</strong></summary>',
    '',
    '---',
    '',
    '## ✅ Correct Answer: A. True',
    '',
    '### 📌 Explanation:',
    'A saved plan is applied as it was made.',
    '',
    '### terraform show',
    '',
    '</details>',
    '',
    '## Question #: 02', //                                                  21
    '',
    '**Which two commands change real infrastructure?**',
    '',
    '- A. validate  ',
    '- B. apply  ',
    '- C. fmt',
    '- D. destroy',
    '',
    '<details>',
    '<summary><strong>✅ Check Answer</strong></summary>',
    '',
    '### ✅ Correct Answers:  ',
    '**B. apply**  ',
    '**D. destroy**',
    '',
    '---',
    '',
    '### 📘 Explanation:',
    '',
    '- `apply` creates and updates.',
    '- `destroy` removes.',
    '',
    '---',
    '',
    '### 🔗 References:',
    '- [Commands](https://example.com/cli)',
    '',
    '</details>',
    '',
  ];

  it('serves each question with its answer; headings inside the <details> are answer text, never questions', () => {
    const r = parseNoteLines('notes/tf-qa.md', note);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', prompt: 'A plan file records the exact changes to apply.', options: ['A=True', 'B=False'], correct: ['A'] },
      { n: '2', prompt: 'Which two commands change real infrastructure?', options: ['A=validate', 'B=apply', 'C=fmt', 'D=destroy'], correct: ['B', 'D'] },
    ]);
    const [first, second] = r.deck.questions;
    expect(first!.explanation).toBe('A saved plan is applied as it was made.\n\nterraform show');
    expect(second!.explanation).toMatch(/^- `apply` creates and updates\.\n- `destroy` removes\./);
    expect(second!.explanation).toContain('References:');
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('ordered-list Q&A with the answer on an indented continuation line', () => {
  it('serves flashcards for 答: / 答： / Answer: / A: / 정답: / Antwort: lines, the prompt without the answer', () => {
    const r = parseNoteLines('notes/interview.md', [
      '# 云面试题',
      '',
      '1. 哪个服务提供对象存储?',
      '   答:S3',
      '',
      '2. EBS是什么?',
      '   答：Elastic Block Store,提供块存储。',
      '',
      '3. What is a VPC for?',
      '    Answer: An isolated network',
      '    for your resources.',
      '',
      '4. What is Direct Connect for?',
      '    A: A dedicated network line to AWS.',
      '',
      '5. S3 버킷 이름은 전역적으로 고유해야 하나요?',
      '   정답: 예',
      '',
      '6. Was ist eine Region?',
      '   Antwort: Ein geografischer Bereich.',
      '',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.kind, q.prompt, q.answerText])).toEqual([
      ['1', 'flashcard', '哪个服务提供对象存储?', 'S3'],
      ['2', 'flashcard', 'EBS是什么?', 'Elastic Block Store,提供块存储。'],
      ['3', 'flashcard', 'What is a VPC for?', 'An isolated network\nfor your resources.'],
      ['4', 'flashcard', 'What is Direct Connect for?', 'A dedicated network line to AWS.'],
      ['5', 'flashcard', 'S3 버킷 이름은 전역적으로 고유해야 하나요?', '예'],
      ['6', 'flashcard', 'Was ist eine Region?', 'Ein geografischer Bereich.'],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '3 warning flashcards-only']);
  });

  it('scores the question when the answer names one of the options listed in the item', () => {
    const r = parseNoteLines('notes/interview-mcq.md', [
      '# Drill',
      '',
      '1. Which service stores objects?',
      '   A. EBS',
      '   B. S3',
      '   答：B',
      '',
      '2. Which service is a queue?',
      '   A. SQS',
      '   B. SNS',
      '   Réponse : A',
      '',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', prompt: 'Which service stores objects?', options: ['A=EBS', 'B=S3'], correct: ['B'] },
      { n: '2', prompt: 'Which service is a queue?', options: ['A=SQS', 'B=SNS'], correct: ['A'] },
    ]);
  });
});

describe('<details><summary>N. question?</summary> over numbered options and no answer', () => {
  it('reads every collapsible (summary on the next line or after a blank line) as a question with options, each reported unscored', () => {
    const r = parseNoteLines('notes/kube-mock.md', [
      '## Practice questions', //                                             1
      '',
      '<details close>', //                                                    3
      '<summary> :small_blue_diamond: 1. What runs a container?</summary>',
      '<br>',
      '',
      '1. Pod',
      '2. Node',
      '',
      '</details>',
      '',
      '<details close>', //                                                   12
      '',
      '<summary> :small_blue_diamond: 2. What does CNI stand for?</summary>',
      '<br>',
      '',
      '1. Container Network Interface',
      '2. Cloud Native Index',
      '',
      '</details>',
      '',
      '<details close>',
      '',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', prompt: 'What runs a container?', options: ['1=Pod', '2=Node'], correct: [] },
      { n: '2', prompt: 'What does CNI stand for?', options: ['1=Container Network Interface', '2=Cloud Native Index'], correct: [] },
    ]);
    expect(r.deck.questions.every((q) => q.kind === 'choice' && !q.scored)).toBe(true);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 error no-scored-questions', '3 warning no-answer', '12 warning no-answer']);
  });

  it('a bulleted list under the summary is the card\'s answer, not options', () => {
    const r = parseNoteLines('notes/ccp-cards.md', [
      '<details>',
      '  <summary><strong>3. What do IaaS, PaaS and SaaS mean?</strong></summary>',
      '',
      '- **IaaS**: infrastructure as a service, Amazon EC2',
      '- **PaaS**: platform as a service, AWS Elastic Beanstalk',
      '',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => [q.kind, q.prompt, q.answerText])).toEqual([
      ['flashcard', 'What do IaaS, PaaS and SaaS mean?', "- IaaS: infrastructure as a service, Amazon EC2\n- PaaS: platform as a service, AWS Elastic Beanstalk"],
    ]);
  });
});

describe('Chinese quiz: **Q1**： prompt and a bold **答案：B** answer followed by the explanation', () => {
  it('reads the answer inside the bold, the rest of the line as the explanation, and no full-width colon in the prompt', () => {
    const r = parseNoteLines('notes/docker-zh.md', [
      '# 课后小测',
      '',
      '**Q1**：`EXPOSE 80` 之后为什么访问不到？',
      '',
      '- A. `EXPOSE` 写错了',
      '- B. `EXPOSE` 不发布端口，需要 `-p`',
      '',
      '<details><summary>答案与解析</summary>',
      '',
      '**答案：B**。`EXPOSE` 只是文档。',
      '',
      '</details>',
      '',
      '**Q2**：哪种网络适合生产？',
      '',
      '- A. 默认 bridge',
      '- B. 自定义 bridge',
      '',
      '> **答案：B**',
      '',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: 'Q1', prompt: '`EXPOSE 80` 之后为什么访问不到？', options: ['A=`EXPOSE` 写错了', 'B=`EXPOSE` 不发布端口，需要 `-p`'], correct: ['B'] },
      { n: 'Q2', prompt: '哪种网络适合生产？', options: ['A=默认 bridge', 'B=自定义 bridge'], correct: ['B'] },
    ]);
    expect(r.deck.questions[0]!.explanation).toBe('`EXPOSE` 只是文档。');
    expect(r.deck.questions[1]!.explanation).toBe('');
  });
});

describe('"## Question N" with "### Question" / "### Answer Options" / "### Explanation" parts', () => {
  it('reads the prompt under ### Question, the blank-line separated options, the bold Correct Answer line and the explanation', () => {
    const r = parseNoteLines('notes/tf-exam.md', [
      '# Practice Exam',
      '',
      '## Question 1', //                                                    3
      '**Topic:** Formatting  ',
      '**Domain:** Objective 3 - Basics',
      '',
      '### Question',
      'True or False? fmt rewrites files in subfolders by default.',
      '',
      '### Answer Options',
      '',
      'A) True',
      '',
      'B) False',
      '',
      '**Correct Answer: B**',
      '',
      '### Explanation',
      '**B) False** ✅',
      'Use -recursive for subfolders.',
      '',
      '---',
      '',
      '## Question 2', //                                                    24
      '**Topic:** Providers',
      '',
      '### Question',
      'Which sources can providers come from? (select three)',
      '',
      '### Answer Options',
      '',
      'A) a plugins folder',
      '',
      'B) a wiki page',
      '',
      'C) the public registry',
      '',
      'D) a private registry',
      '',
      '**Correct Answer: A, C, D** (Select three)',
      '',
      '### Explanation',
      'B is not a source.',
      '',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', prompt: 'True or False? fmt rewrites files in subfolders by default.', options: ['A=True', 'B=False'], correct: ['B'] },
      {
        n: '2',
        prompt: 'Which sources can providers come from? (select three)',
        options: ['A=a plugins folder', 'B=a wiki page', 'C=the public registry', 'D=a private registry'],
        correct: ['A', 'C', 'D'],
      },
    ]);
    expect(r.deck.questions.map((q) => [q.domain, q.explanation])).toEqual([
      ['Objective 3 - Basics', 'B) False ✅\nUse -recursive for subfolders.'],
      [undefined, 'B is not a source.'],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('"**B and C.**" as the first line of a <details> answer', () => {
  const question = (answer: string) => [
    '**Q7. (Multiple Answer)** Which TWO are true?',
    '',
    '- A) One',
    '- B) Two',
    '- C) Three',
    '- D) Four',
    '',
    '<details>',
    '<summary>Answer</summary>',
    '',
    `**${answer}** Because of the reasons.`,
    '',
    '</details>',
    '',
  ];
  it.each([
    ['B and C.', ['B', 'C']],
    ['B & C.', ['B', 'C']],
    ['B, C and D.', ['B', 'C', 'D']],
    ['B y C.', ['B', 'C']],
  ])('%s names several options; the rest of the line is the explanation', (answer, correct) => {
    const r = parseNoteLines('notes/multi.md', ['# Multi', '', ...question(answer)]);
    expect(r.deck.questions.map((q) => [q.correct, q.scored, q.explanation])).toEqual([[correct, true, 'Because of the reasons.']]);
  });
});

describe('hard-wrapped "**Q1. (True/False)** …" prompts and bold answers in <details>', () => {
  const note = [
    '# Quiz — outputs',
    '',
    '**Q1. (True/False)** `terraform output -json` hides a `sensitive =',
    'true` output the same way the plain `terraform output` display does.',
    '',
    '- A) True',
    '- B) False',
    '',
    '<details>',
    '<summary>Answer</summary>',
    '',
    '**B) False.** `-json` shows the value and',
    'does not redact it.',
    '',
    '</details>',
    '',
    '**Q2. (Multiple Choice)** `data.terraform_remote_state.net.outputs.vpc_id`',
    'is used in a new output that is not marked `sensitive`. What happens?',
    '',
    '- A) Nothing',
    '- B) An error',
    '',
    '<details>',
    '<summary>Answer</summary>',
    '',
    '**B.** Sensitivity follows the reference — `terraform_remote_state`',
    'keeps it.',
    '',
    '</details>',
    '',
  ];

  it('a line break inside the prompt is a space, a code span across it stays one span, and a code-only first line is kept', () => {
    const r = parseNoteLines('notes/outputs.md', note);
    expect(r.deck.questions.map((q) => [q.prompt, q.correct])).toEqual([
      ['(True/False) `terraform output -json` hides a `sensitive = true` output the same way the plain `terraform output` display does.', ['B']],
      ['(Multiple Choice) `data.terraform_remote_state.net.outputs.vpc_id` is used in a new output that is not marked `sensitive`. What happens?', ['B']],
    ]);
  });

  it('the explanation after a bold answer is one paragraph and keeps underscores in code', () => {
    const r = parseNoteLines('notes/outputs.md', note);
    expect(r.deck.questions.map((q) => q.explanation)).toEqual([
      '`-json` shows the value and\ndoes not redact it.',
      'Sensitivity follows the reference — `terraform_remote_state`\nkeeps it.',
    ]);
  });
});

describe('learner marks on options', () => {
  it('🔴 / 🟡 marks are taken off the option text (ids stay hashed as written); the answer still comes from the <details>', () => {
    const r = parseNoteLines('notes/ccp.md', [
      '# Practice Exam 1',
      '',
      '1. What does AWS Snowball provide? (Choose TWO)',
      '    - A. Built-in computing 🔴.',
      '    - B. A software catalog 🟡',
      '    - C. Transfer of large amounts of data 🔴.',
      '',
      '    <details markdown=1><summary markdown=\'span\'>Answer</summary>',
      '      Correct answer: A, C',
      '    </details>',
      '',
    ]);
    const [q] = r.deck.questions;
    expect(q!.options.map((o) => `${o.id}=${o.text}`)).toEqual(['A=Built-in computing.', 'B=A software catalog', 'C=Transfer of large amounts of data.']);
    expect(q!.correct).toEqual(['A', 'C']);
    expect(q!.id).toBe('ccp:' + questionHash('What does AWS Snowball provide? (Choose TWO)', [
      { id: 'A', text: 'Built-in computing 🔴.' },
      { id: 'B', text: 'A software catalog 🟡' },
      { id: 'C', text: 'Transfer of large amounts of data 🔴.' },
    ]));
  });
});
