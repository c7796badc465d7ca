// Three shapes met in real public question files, each in our own small imitations: a numbered list inside a
// question-asking `<details>` (the answer of a flashcard, or options with their answer below), a bare `A)` over a
// fenced code block (the option is the code), and check marks a learner puts on the right option.
import { describe, expect, it } from 'vitest';
import { parseDeck, type Question } from '../../src/content/index.js';
import { questionHash } from '../../src/content/questions.js';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const view = (q: Question) => ({ n: q.number, kind: q.kind, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct });
const crlf = (lines: string[]) => lines.join('\r\n');

describe('a numbered list inside <details><summary>N. question?</summary>', () => {
  const cards = [
    '# Simulado Cloud Practitioner',
    '',
    '<details>',
    '  <summary><strong>1. Qual serviço armazena objetos?</strong></summary>',
    '',
    'Amazon S3 (Simple Storage Service)',
    '',
    '</details>',
    '',
    '<details>', //                                                           10
    '  <summary><strong>2. Quais serviços são <em>serverless</em>?</strong></summary>',
    '',
    '1. AWS Lambda  ',
    '2. AWS Fargate  ',
    '3. Amazon DynamoDB',
    '',
    '</details>',
  ];

  it('in a file of flashcards, the list is the card\'s answer (the correct items), not options; CRLF alike', () => {
    for (const source of [cards.join('\n'), crlf(cards)]) {
      const r = parseDeck(source, 'notes/ccp.md');
      expect(r.deck.questions.map((q) => [q.number, q.kind, q.prompt, q.answerText])).toEqual([
        ['1', 'flashcard', 'Qual serviço armazena objetos?', 'Amazon S3 (Simple Storage Service)'],
        // A numbered answer keeps its numbers (docs/content-intake.md, "Eighth check").
        ['2', 'flashcard', 'Quais serviços são serverless?', '1. AWS Lambda\n2. AWS Fargate\n3. Amazon DynamoDB'],
      ]);
      expect(r.deck.questions[1]!.id).toBe(`ccp:${questionHash('Quais serviços são serverless?', [])}`);
      expect(codes(r.findings)).toEqual(['1 warning no-title', '3 warning flashcards-only']);
    }
  });

  it('alone in its file, the list is the answer when the prompt counts its items ("the five pillars")', () => {
    const r = parseNoteLines('notes/waf.md', [
      '<details><summary>7. What are the six pillars of the Well-Architected Framework?</summary>',
      '',
      '1. Operational excellence',
      '2. Security',
      '3. Reliability',
      '4. Performance efficiency',
      '5. Cost optimization',
      '6. Sustainability',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.kind, q.answerText?.split('\n').length])).toEqual([['7', 'flashcard', 6]]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 warning flashcards-only']);
  });

  it('a count that asks to choose ("Choose 2") is not the list\'s length: options, reported without an answer', () => {
    const r = parseNoteLines('notes/mock.md', [
      '<details><summary>1. Which two are serverless? (Choose 2)</summary>',
      '',
      '1. Lambda',
      '2. EC2',
      '</details>',
    ]);
    expect(r.deck.questions.map(view)).toEqual([{ n: '1', kind: 'choice', options: ['1=Lambda', '2=EC2'], correct: [] }]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 warning no-answer', '1 error no-scored-questions']);
  });

  it('options with `Answer: N` below them (glued to the last option, or after a blank line) are a question; an explaining <summary> is the explanation', () => {
    const r = parseNoteLines('notes/kcna.md', [
      '## Practice questions',
      '',
      '<details close>', //                                                     3
      '<summary> :small_blue_diamond: 1. What is a Kubernetes Service?</summary>',
      '<br>',
      '',
      '1. A container runtime',
      '2. A stable address for a set of pods',
      '3. A log aggregator',
      'Answer: 2',
      '  ',
      '<summary> 🔽: Explaining: A Service gives pods one stable IP and DNS name.</summary>',
      '',
      '</details>',
      '',
      '<details close>', //                                                    16
      '',
      '  <summary> :small_blue_diamond: 2. Which object runs containers? </summary>',
      '<br>',
      '',
      '1. Service',
      '2. Pod',
      '  ',
      'Answer: 2  ',
      '',
      '</details>',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', kind: 'choice', options: ['1=A container runtime', '2=A stable address for a set of pods', '3=A log aggregator'], correct: ['2'] },
      { n: '2', kind: 'choice', options: ['1=Service', '2=Pod'], correct: ['2'] },
    ]);
    expect(r.deck.questions.map((q) => q.explanation)).toEqual(['A Service gives pods one stable IP and DNS name.', '']);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('options inside the <details> picked by `Correct: B`, a ticked task item, a ✅ or one option in bold', () => {
    const r = parseNoteLines('notes/picks.md', [
      '<details><summary>1. Which service queues messages?</summary>',
      '',
      '- A. SNS',
      '- B. SQS',
      '',
      '**Correct: B**',
      '</details>',
      '',
      '<details><summary>2. Which service stores objects?</summary>',
      '',
      '- [ ] EBS',
      '- [x] S3',
      '</details>',
      '',
      '<details><summary>3. Which service is a CDN?</summary>',
      '',
      '1. CloudFront ✅',
      '2. Route 53',
      '</details>',
      '',
      '<details><summary>4. Which runs containers without servers?</summary>',
      '',
      '1. EC2',
      '2. **Fargate**',
      '3. Lightsail',
      '</details>',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', kind: 'choice', options: ['A=SNS', 'B=SQS'], correct: ['B'] },
      { n: '2', kind: 'choice', options: ['A=EBS', 'B=S3'], correct: ['B'] },
      { n: '3', kind: 'choice', options: ['1=CloudFront', '2=Route 53'], correct: ['1'] },
      { n: '4', kind: 'choice', options: ['1=EC2', '2=Fargate', '3=Lightsail'], correct: ['2'] },
    ]);
    // Bold may be emphasis: an answer read from it is said at the options.
    expect(codes(r.findings)).toEqual(['1 warning no-title', '23 warning bold-option-answer']);
  });

  it('names no answer from two bold options (product names in bold are emphasis as often as answers)', () => {
    const r = parseNoteLines('bold.md', [
      '---', 'title: T', '---',
      '### 1. Which service gives a shared POSIX file system to many instances?',
      '',
      '- A. **Amazon S3**',
      '- B. **Amazon EBS**',
      '- C. Amazon EFS',
      '- D. Amazon FSx for Lustre',
    ]);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([[]]);
    expect(codes(r.findings)).not.toContain('6 warning bold-option-answer');
    expect(codes(r.findings).some((c) => c.includes('no-answer') || c.includes('no-scored'))).toBe(true);
  });

  it('a bulleted answer with every item bold stays a card', () => {
    const r = parseNoteLines('notes/cards.md', [
      '<details><summary>1. What are the cloud models?</summary>',
      '',
      '1. **IaaS**',
      '2. **PaaS**',
      '3. **SaaS**',
      '</details>',
      '',
      '<details><summary>2. What is S3?</summary>',
      '',
      'Object storage.',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => [q.kind, q.answerText])).toEqual([
      ['flashcard', '1. IaaS\n2. PaaS\n3. SaaS'],
      ['flashcard', 'Object storage.'],
    ]);
  });
});

describe('a bare `A)` over a fenced code block', () => {
  const yamlQuestion = [
    '## Question 1',
    '',
    '### Question',
    '',
    'Which template creates a versioned bucket?',
    '',
    'A)',
    '```yaml',
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      VersioningConfiguration:',
    '        Status: Enabled',
    '```',
    '',
    'B)',
    '',
    '```yaml',
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '```',
    '',
    '**Correct Answer: A**',
    '',
    '### Explanation',
    '',
    'Versioning is a property of the bucket.',
  ];

  it('each label\'s code block is its option (code kept as code, as a `- A)` list item holds it); CRLF alike', () => {
    for (const source of [yamlQuestion.join('\n'), crlf(yamlQuestion)]) {
      const r = parseDeck(source, 'notes/cfn.md');
      expect(r.deck.questions.map(view)).toEqual([
        {
          n: '1',
          kind: 'choice',
          options: ['A=`Resources: Bucket: Type: AWS::S3::Bucket Properties: VersioningConfiguration: Status: Enabled`', 'B=`Resources: Bucket: Type: AWS::S3::Bucket`'],
          correct: ['A'],
        },
      ]);
      expect(r.deck.questions[0]!.prompt).toBe('Which template creates a versioned bucket?');
      expect(r.deck.questions[0]!.explanation).toBe('Versioning is a property of the bucket.');
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('reads the same options as the list-item form', () => {
    const listed = parseNoteLines('notes/cfn.md', [
      '## Question 1',
      '',
      'Which template creates a versioned bucket?',
      '',
      '- A)',
      '  ```yaml',
      ...yamlQuestion.slice(8, 14).map((l) => `  ${l}`),
      '  ```',
      '- B)',
      '  ```yaml',
      ...yamlQuestion.slice(19, 22).map((l) => `  ${l}`),
      '  ```',
      '',
      'Answer: A',
    ]);
    const bare = parseDeck(yamlQuestion.join('\n'), 'notes/cfn.md');
    expect(bare.deck.questions[0]!.options).toEqual(listed.deck.questions[0]!.options);
  });

  it('bold, indented and numbered labels, a text after the label, a label with no code, under a bold `Q1.` prompt', () => {
    const r = parseNoteLines('notes/policies.md', [
      '**Q1. Which policy lets the role read objects?**',
      '',
      '**A)**',
      '  ```json',
      '  {"Effect": "Allow", "Action": "s3:GetObject"}',
      '  ```',
      '**B)** Deny it:',
      '```json',
      '{"Effect": "Deny", "Action": "s3:GetObject"}',
      '```',
      '',
      'C) Neither',
      '',
      'Answer: A',
      '',
      '**Q2. Which command lists pods?**',
      '',
      '1)',
      '```sh',
      'kubectl get pods',
      '```',
      '2)',
      '```sh',
      'kubectl list pods',
      '```',
      '',
      'Answer: 1',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      {
        n: 'Q1',
        kind: 'choice',
        options: ['A=`{"Effect": "Allow", "Action": "s3:GetObject"}`', 'B=Deny it: `{"Effect": "Deny", "Action": "s3:GetObject"}`', 'C=Neither'],
        correct: ['A'],
      },
      { n: 'Q2', kind: 'choice', options: ['1=`kubectl get pods`', '2=`kubectl list pods`'], correct: ['1'] },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('a code block under a prompt with no labelled code after it stays the prompt\'s', () => {
    const r = parseNoteLines('notes/code-prompt.md', [
      '## Question 1',
      '',
      'What does this print?',
      '',
      '```python',
      'print(1 + 1)',
      '```',
      '',
      'A) 2',
      'B) 11',
      '',
      'Answer: A',
    ]);
    expect(r.deck.questions.map(view)).toEqual([{ n: '1', kind: 'choice', options: ['A=2', 'B=11'], correct: ['A'] }]);
    expect(r.deck.questions[0]!.prompt).toBe('What does this print?\n\n```python\nprint(1 + 1)\n```');
  });
});

describe('check marks on options', () => {
  it('a ✅ ✔️ ☑️ ✓ after the text or before the label is the answer, under numbered headings with no answer line', () => {
    const r = parseNoteLines('notes/marked.md', [
      '## Q1',
      '',
      'Which service stores objects?',
      '',
      '- A. Amazon EBS',
      '- B. Amazon EFS',
      '- C. Amazon S3 ✅',
      '',
      '## Q2',
      '',
      'Which service is a queue?',
      '',
      '- ✅ A. Amazon SQS',
      '- B. Amazon SNS',
      '',
      '## Q3',
      '',
      'Which is a database?',
      '',
      'A. EC2',
      'B. DynamoDB ☑️',
      '',
      '## Q4',
      '',
      '어느 서비스가 서버리스입니까?',
      '',
      '  - A) Lambda ✓',
      '  - B) EC2',
      '  - C) Fargate ✔️',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: 'Q1', kind: 'choice', options: ['A=Amazon EBS', 'B=Amazon EFS', 'C=Amazon S3'], correct: ['C'] },
      { n: 'Q2', kind: 'choice', options: ['A=Amazon SQS', 'B=Amazon SNS'], correct: ['A'] },
      { n: 'Q3', kind: 'choice', options: ['A=EC2', 'B=DynamoDB'], correct: ['B'] },
      { n: 'Q4', kind: 'choice', options: ['A=Lambda', 'B=EC2', 'C=Fargate'], correct: ['A', 'C'] },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('a ✅ that disagrees with the answer line is a warning at the options; the answer line wins', () => {
    const r = parseNoteLines('notes/conflict.md', [
      '## Q1',
      '',
      'Which is a CDN?',
      '',
      '- A. Route 53 ✅', //                                                    5
      '- B. CloudFront',
      '',
      'Answer: B',
    ]);
    expect(r.deck.questions.map(view)).toEqual([{ n: 'Q1', kind: 'choice', options: ['A=Route 53', 'B=CloudFront'], correct: ['B'] }]);
    expect(r.findings.filter((f) => f.code === 'tick-conflict').map((f) => `${f.line}: ${f.message}`)).toEqual([
      '5: Q1: option A marked ✅ but the answer says B; serving B',
    ]);
  });

  it('🔴 before the label is taken off, not read as the answer (its meaning varies); the id stays hashed over the item as written', () => {
    const r = parseNoteLines('notes/ccp.md', [
      '1. Which service sends notifications?',
      '    - 🔴 A. Amazon SNS',
      '    - B. Amazon SQS',
      '',
      '    <details><summary>Answer</summary>',
      '',
      '    Correct answer: A',
      '    </details>',
      '',
      '2. Which service is a queue?',
      '    - A. Amazon SNS',
      '    - 🔴 B. Amazon SQS',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', kind: 'choice', options: ['A=Amazon SNS', 'B=Amazon SQS'], correct: ['A'] },
      { n: '2', kind: 'choice', options: ['A=Amazon SNS', 'B=Amazon SQS'], correct: [] },
    ]);
    expect(r.deck.questions[0]!.id).toBe(
      'ccp:' + questionHash('Which service sends notifications?', [
        { id: 'A', text: '🔴 A. Amazon SNS' },
        { id: 'B', text: 'B. Amazon SQS' },
      ]),
    );
    expect(codes(r.findings)).toEqual(['1 warning no-title', '10 warning no-answer']);
  });
});
