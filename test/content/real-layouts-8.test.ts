// Shapes met in the eighth round of real public files (ExamTopics exports with bold option labels, practice tests
// answered by a key at the end, generated study guides), each in our own small imitation of the pattern.
import { describe, expect, it } from 'vitest';
import { parseDeck, type Question } from '../../src/content/index.js';
import { findingLines as codes } from './helpers.js';
import { withPlainOptionLabels } from '../../src/content/markdown/bold-labels.js';

const view = (q: Question) => ({ n: q.number, kind: q.kind, prompt: q.prompt, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct, explanation: q.explanation });
const parse = (path: string, lines: string[], eol = '\n') => parseDeck(lines.join(eol), path);

describe('an ExamTopics export: `**A:** …` option paragraphs, page chrome, label underlines', () => {
  const page = [
    '# Exam Topics Questions',
    '',
    '## Exam AI-900 topic 1 question 7 discussion',
    '',
    'Which workload detects upset customers?',
    '',
    '**A:** anomaly detection',
    '',
    '**B:** natural language processing',
    '',
    '**Answer: B**',
    '',
    '**Timestamp: 2021-11-10 17:00:00**',
    '',
    '[View on ExamTopics](https://www.examtopics.com/discussions/x/view/1/)',
    '',
    '## Exam AI-900 topic 1 question 8 discussion',
    '',
    'DRAG DROP',
    '-',
    '',
    'Match the workloads to the scenarios.',
    '',
    '//IMG//',
    '',
    '**Answer: **',
    '',
    '**Timestamp: 2022-10-31 23:51:00**',
    '',
    '## Exam AI-900 topic 1 question 9 discussion',
    '',
    'SIMULATION -',
    'Sign in to the portal and enable backups.',
    '',
    '**Answer: See the explanation below.**',
    '',
    '**Timestamp: 2020-11-10 12:43:00**',
    '',
    '[View on ExamTopics](https://www.examtopics.com/discussions/x/view/9/)',
  ];

  it('reads the bold labels as options, leaves the timestamp out (the link to the discussion stays); a lone `**A:**` stays a card answer (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/ai-900.md', page, eol);
      expect(r.deck.questions.map(view)).toEqual([
        { n: '7', kind: 'choice', prompt: 'Which workload detects upset customers?', options: ['A=anomaly detection', 'B=natural language processing'], correct: ['B'], explanation: 'View on ExamTopics (https://www.examtopics.com/discussions/x/view/1/)' },
      ]);
      // The drag-and-drop question under `DRAG DROP` / `-` (read as a heading before) and the simulation are reported.
      expect(r.findings.filter((f) => f.code === 'no-answer').map((f) => [f.line, f.message])).toEqual([
        [17, '8: not served: its answer line is empty (a hotspot or drag-and-drop answer whose picture was not copied?), with no options to score'],
        [30, '9: not served: its answer is "See the explanation below." and no explanation follows'],
      ]);
    }
  });

  it('bold labels are options only in a run from A on, in order (a lone `**A:**` is a Q/A card\'s answer)', () => {
    expect(withPlainOptionLabels('**Q:** What is S3?\n\n**A:** Object storage.')).toBe('**Q:** What is S3?\n\n**A:** Object storage.');
    expect(withPlainOptionLabels('**A:** one\n**C:** three')).toBe('**A:** one\n**C:** three');
    expect(withPlainOptionLabels('**A:** one\n\n**B.** two\n```\n**A:** x\n**B:** y\n```')).toBe('A. one\n\nB. two\n```\n**A:** x\n**B:** y\n```');
  });
});

describe('a practice test answered by a key at the end: `### Question N` over `A) …` lines', () => {
  it('reads the questions, their answers and the key\'s explanations', () => {
    const r = parse('exams/az-900.md', [
      '# AZ-900 Practice Test',
      '',
      '- **Total Questions:** 2',
      '',
      '### Question 1',
      'Which model gives the most control?',
      '',
      'A) SaaS  ',
      'B) IaaS',
      '',
      '### Question 2',
      '**Select all that apply:** Which are benefits of the cloud?',
      '',
      'A) Agility  ',
      'B) Fixed costs  ',
      'C) Elasticity',
      '',
      '## ✅ Answer Key',
      '',
      '**1. Answer: B** - IaaS  ',
      '*Explanation:* IaaS leaves the OS to you.',
      '',
      '**2. Answer: A, C** - Agility, Elasticity',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', kind: 'choice', prompt: 'Which model gives the most control?', options: ['A=SaaS', 'B=IaaS'], correct: ['B'], explanation: 'IaaS leaves the OS to you.' },
      { n: '2', kind: 'choice', prompt: 'Select all that apply: Which are benefits of the cloud?', options: ['A=Agility', 'B=Fixed costs', 'C=Elasticity'], correct: ['A', 'C'], explanation: '' },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('a generated bank: details under the title, a details line and labels in every prompt', () => {
  const bank = [
    '# Actions Exam — Question Bank',
    '',
    '**Generated**: March 20, 2026',
    '**Total Questions**: 40',
    '**Difficulty**: 20% Easy / 60% Medium',
    '',
    '---',
    '',
    '## Topic 1: Extension (2 Questions)',
    '',
    '**Question 1** — Extension Features',
    '',
    '**Difficulty**: Easy | **Answer Type**: one | **Topic**: IntelliSense',
    '',
    '**Question**: Which capability does the extension provide?',
    '',
    '- A) Deploy on save',
    '- B) Schema validation',
    '',
    '**Answer**: B',
    '',
    '---',
    '',
    '**Question 2** — Context IntelliSense',
    '',
    '**Difficulty**: Medium | **Answer Type**: many | **Topic**: Contexts',
    '',
    '**Scenario**: You type `${{ github.` in a step.',
    '',
    '**Question** (Select all that apply): Which contexts are suggested?',
    '',
    '- A) `github.actor`',
    '- B) `github.database`',
    '- C) `github.run_id`',
    '',
    '**Answer**: A, C',
  ];

  it('shows the prompt without the details line and the `Question:` label (ids as written); the stated count is checked', () => {
    const r = parse('exams/gh.md', bank);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.correct])).toEqual([
      ['1', 'Which capability does the extension provide?', ['B']],
      ['2', 'Scenario: You type `${{ github.` in a step.\n\n(Select all that apply) Which contexts are suggested?', ['A', 'C']],
    ]);
    expect(r.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [1, 'no-title', 'no title in front matter; using "Actions Exam — Question Bank"'],
      [4, 'summary-details', '"Total Questions: 40" says 40 questions, but 2 were read'],
    ]);
    const shown = parse('exams/gh.md', bank.map((l) => l.replace(/^\*\*Difficulty\*\*: \w+ \|.*$/, '').replace('**Question**: ', '')));
    expect(shown.deck.questions[0]?.id).not.toBe(r.deck.questions[0]?.id);
  });
});

describe('Obsidian callouts as cards: `> [!question]- …` answered in its body, or by the answer callout after it', () => {
  it('reads both shapes (code and nested callouts in the answer kept; an unanswered question callout is not a card)', () => {
    const r = parse('notes/self-check.md', [
      '# Graphs',
      '',
      '## Check yourself',
      '',
      '> [!question]- When does BFS find the shortest path?',
      '> Only in unweighted graphs: each level is one more edge.',
      '',
      '## Q1 — Token revocation',
      '',
      '> [!question] A token was stolen. How do you revoke it?',
      '',
      '> [!success]- Answer',
      '>',
      '> **Short expiry:**',
      '> ```',
      '> delete the refresh token',
      '> ```',
      '>',
      '> > [!tip] Interview framing',
      '> > Say the window is the token\'s lifetime.',
      '',
      '> [!question] How is it asked',
      '> "Explain K-Means."',
      '',
      '> [!note]',
      '> Not a card.',
    ]);
    expect(r.deck.questions.map((q) => [q.kind, q.source.line, q.prompt, q.answerText])).toEqual([
      ['flashcard', 5, 'When does BFS find the shortest path?', 'Only in unweighted graphs: each level is one more edge.'],
      ['flashcard', 8, 'A token was stolen. How do you revoke it?', 'Short expiry:\n\n```\ndelete the refresh token\n```\n\nInterview framing\nSay the window is the token\'s lifetime.'],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '5 warning flashcards-only']);
  });
});

describe('one paragraph per card: a statement or question, an answer line, an explanation line', () => {
  it('reads labelled true/false statements (and a generated note\'s `[cite_start]` before the answer label)', () => {
    const r = parse('notes/tf.md', [
      '## Exercise Set 1.1',
      '',
      '(a) A homogeneous linear system is always consistent.',
      '[cite_start]**Answer:** True [cite: 1901]',
      '**Penjelasan (Justifikasi dari buku):** x = 0 is always a solution.',
      '',
      '(b) Multiplying an equation by zero is an elementary row operation.',
      '**Answer:** False',
      '',
      'A paragraph of prose that mentions the key:',
      '**Answer:** see the appendix',
    ]);
    expect(r.deck.questions.map((q) => [q.kind, q.prompt, q.answerText, q.explanation])).toEqual([
      ['flashcard', 'A homogeneous linear system is always consistent.', 'True', 'x = 0 is always a solution.'],
      ['flashcard', 'Multiplying an equation by zero is an elementary row operation.', 'False', ''],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '3 warning flashcards-only', '3 warning reference-markers']);
  });
});

describe('a saved exam page whose answer is written under headings (`## 正しい回答：`, `### 1. …`)', () => {
  it('the numbered heading no longer swallows the next `質問#N トピック1` questions; the question it answers is reported', () => {
    const r = parse('exams/sc-200.md', [
      '質問#27 トピック1',
      '',
      'デバイスにアクセスできるようにする必要があります。何をすべきでしょうか？',
      'ホットエリア:',
      '![](https://example.com/area.png)',
      '',
      '## 正しい回答：',
      '',
      '### 1. Turn on Live Response',
      'Live Response は、リモートシェル接続する機能です。',
      '',
      '質問#30 トピック1',
      '',
      'どのようなツールを使用すればよいでしょうか？',
      '',
      '- A. インシデント ブレード',
      '- B. アクティビティ エクスプローラー',
      '',
      '**Correct Answer:** B',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.correct])).toEqual([['30', 'どのようなツールを使用すればよいでしょうか？', ['B']]]);
    expect(r.findings.map((f) => [f.line, f.code])).toEqual([[1, 'no-title'], [1, 'unread-question']]);
  });
});

describe('a generated study guide\'s numbered, decorated sections and a lab\'s exercises', () => {
  it('`## 5. Glossary of Terms 📖` is a concept section; `## 1. Overview 🗓️` an About section', () => {
    const r = parse('notes/guide.md', [
      '# Interval Problems',
      '',
      '## 5. Glossary of Undefined Terms 📖',
      '',
      '* **Greedy Algorithm:** picks the locally best choice at each step.',
      '* **Lower Bound:** the least any solution can use.',
    ]);
    expect(r.deck.concepts.map((c) => [c.name, c.text])).toEqual([
      ['Greedy Algorithm', 'picks the locally best choice at each step.'],
      ['Lower Bound', 'the least any solution can use.'],
    ]);
    const about = parse('notes/about.md', ['# Queues', '', '## 1. Overview 🗓️', '', 'Queues decouple producers from consumers.']);
    expect(about.deck.concepts.map((c) => c.text)).toEqual(['Queues decouple producers from consumers.']);
  });

  it('`# Exercise 1 - …` over numbered steps and a `<details>` answer is a card, not a question with the steps as options', () => {
    const r = parse('labs/services.md', [
      '# Exercise 1 - Understand connectivity between Pods',
      '',
      '1. Deploy the manifest',
      '2. Identify the Pod IP addresses',
      '',
      '<details><summary>Answer</summary>',
      '',
      'Filter the output:',
      '',
      '```shell',
      'kubectl get po -l app=nginx -o wide',
      '```',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => [q.kind, q.prompt, q.answerText])).toEqual([
      ['flashcard', 'Understand connectivity between Pods\n\n1. Deploy the manifest\n2. Identify the Pod IP addresses', 'Filter the output:\n\n```shell\nkubectl get po -l app=nginx -o wide\n```'],
    ]);
  });
});

describe('more callout cards seen in real vaults', () => {
  it('a nested answer callout, a bold answer label, a generic `Question` title over a `[!tip]- Answer`', () => {
    const r = parse('notes/recall.md', [
      '## 🧠 Active Recall',
      '> [!FAQ]- What is compliance, and how does GDPR go beyond PDPA?',
      '> > [!SUCCESS]- Answer',
      '> > - **Direct Criterion:** GDPR is stricter than PDPA.',
      '',
      '> [!question]- 28 岁运动员，体检 ECG PR 0.22s，无症状，下一步？',
      '> **答案：C. 观察 + 无需治疗**',
      '> 高迷走张力 → 生理性变异',
      '',
      '> [!question]- Question',
      '> Which traversal visits the root first?',
      '',
      '> [!tip]- Answer',
      '> `pre-order traversal`',
      '',
      '> [!question]- Why is a recommender an editorial publisher?',
      '> **Answer**: A passive pipe delivers data without evaluating it.',
    ]);
    expect(r.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([
      ['What is compliance, and how does GDPR go beyond PDPA?', '- Direct Criterion: GDPR is stricter than PDPA.'],
      ['28 岁运动员，体检 ECG PR 0.22s，无症状，下一步？', 'C. 观察 + 无需治疗\n高迷走张力 → 生理性变异'],
      ['Which traversal visits the root first?', '`pre-order traversal`'],
      ['Why is a recommender an editorial publisher?', 'A passive pipe delivers data without evaluating it.'],
    ]);
  });
});

describe('a course quiz: `### Question 1`, then `### Answer Key`, `### Explanation`, `### Distractor Analysis` at the same depth', () => {
  it('the parts answer the question (were options of a one-option question, not scored)', () => {
    const r = parse('quiz/module-06.md', [
      '# Quiz: Module 06 - State Locking',
      '',
      '### Question 1',
      'Why is state locking critical for teams?',
      '',
      '*   A) To encrypt variables',
      '*   B) To prevent concurrent runs from corrupting the state',
      '',
      '---',
      '',
      '### Answer Key',
      '*   **Correct Option:** **B**',
      '',
      '### Explanation',
      'A lock queues the second `apply`.',
      '',
      '### Distractor Analysis',
      '*   Locks do not encrypt anything.',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      {
        n: '1',
        kind: 'choice',
        prompt: 'Why is state locking critical for teams?',
        options: ['A=To encrypt variables', 'B=To prevent concurrent runs from corrupting the state'],
        correct: ['B'],
        explanation: 'A lock queues the second `apply`.\n\nDistractor Analysis\n\n- Locks do not encrypt anything.',
      },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('a board-exam question bank: `### **Question 1 (MCQ)**`, a source line, `#### **Model Solution & Marking Scheme**`', () => {
  it('reads the answer inside the solution, the assertion–reason statements as prompt, `(A)` as a label', () => {
    const r = parse('physics/dual-nature.md', [
      '# Question Bank',
      '',
      '### **Question 1 (MCQ)**',
      '**[CBSE 2024 (Delhi/AI), 1 Mark]** | ⭐⭐⭐⭐⭐ [Must-Know]',
      '',
      'The ratio $K_1 : K_2$ is:',
      '- (A) $1 : 2$',
      '- (B) $1 : 3$',
      '',
      '#### **Model Solution & Marking Scheme**',
      '* **Step 1:**  ',
      '  $K_2 = 3\\phi_0$.',
      '',
      '  **Correct Option:** **(B) $1 : 3$**  ',
      '',
      '### **Question 4 (Assertion–Reason)**',
      '',
      '- **Assertion (A):** The stopping potential does not depend on intensity.',
      '- **Reason (R):** The kinetic energy depends only on frequency.',
      '- (A) Both true, (R) explains (A).',
      '- (B) Both true, (R) does not explain (A).',
      '',
      '#### **Model Solution & Marking Scheme**',
      '  **Correct Option:** **(A)**',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.options.map((o) => `${o.id}=${o.text}`), q.correct])).toEqual([
      ['1', 'The ratio $K_1 : K_2$ is:', ['A=$1 : 2$', 'B=$1 : 3$'], ['B']],
      [
        '4',
        'Assertion (A): The stopping potential does not depend on intensity.\nReason (R): The kinetic energy depends only on frequency.',
        ['A=Both true, (R) explains (A).', 'B=Both true, (R) does not explain (A).'],
        ['A'],
      ],
    ]);
    expect(r.deck.questions[0]?.explanation).toBe('- Step 1:\n$K_2 = 3\\phi_0$.');
  });
});

describe('a diagnostic test answered by a `## Complete Master Answer Key` table, with per-question solution headings', () => {
  it('reads the key table (answer and its principle) and does not report `#### Q1 Solution` as a lost question', () => {
    const r = parse('tests/pnc.md', [
      '# Diagnostic Test',
      '',
      '#### Q1',
      'In how many ways can 6 books be arranged?',
      '- (A) 120',
      '- (C) 720',
      '',
      '## Complete Master Answer Key',
      '',
      '| Q# | Answer | Governing Principle |',
      '|:---:|:---:|:---|',
      '| **Q1** | **C** | `6!` = 720 |',
      '',
      '## Step-by-Step Solutions',
      '',
      '#### Q1 Solution',
      '- **Correct Option:** **(C) -- `720`**',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.correct, q.explanation])).toEqual([['Q1', ['C'], '`6!` = 720']]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('a quiz written as Obsidian callouts, each with a nested answer callout', () => {
  const quiz = [
    '# Practice 7',
    '',
    '> [!question] Which of the following can help secure data in Amazon S3? (Choose TWO)',
    '> a) Delete the encryption keys.',
    '> b) Enable S3 Encryption.',
    '> c) Encrypt the data before uploading it.',
    '>> [!success]- Answer',
    '>> b) Enable S3 Encryption.',
    '>> c) Encrypt the data before uploading it.',
    '',
    '> [!question] `fields = "__all__"` is recommended for production use.',
    '>> [!success]- Answer',
    '>> False',
  ];

  it('is scored: options answered by their labels; a true/false statement is a card', () => {
    const r = parse('quiz/clf.md', quiz);
    expect(r.deck.questions.map((q) => [q.kind, q.prompt, q.options.map((o) => o.id), q.correct, q.answerText ?? ''])).toEqual([
      ['choice', 'Which of the following can help secure data in Amazon S3? (Choose TWO)', ['A', 'B', 'C'], ['B', 'C'], ''],
      ['flashcard', '`fields = "__all__"` is recommended for production use.', [], [], 'False'],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('beside a callout answered in prose, every callout stays a card (none takes the next one as its text)', () => {
    const r = parse('quiz/mixed.md', [...quiz, '', '> [!question]- What is a hypervisor?', '> > [!success]- Answer', '> > Software that runs virtual machines.', '> > It shares the host.']);
    expect(r.deck.questions.map((q) => [q.kind, q.answerText])).toEqual([
      ['flashcard', 'b) Enable S3 Encryption.\nc) Encrypt the data before uploading it.'],
      ['flashcard', 'False'],
      ['flashcard', 'Software that runs virtual machines.\nIt shares the host.'],
    ]);
  });
});
