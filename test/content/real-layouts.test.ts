// Layouts met in real public study material (issue 12 follow-up, docs/content-intake.md "Checked against real
// material"). Every source here is our own small imitation of the pattern, not the material itself.
import { describe, expect, it } from 'vitest';
import { parseDeck, type Question } from '../../src/content/index.js';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const view = (q: Question) => ({ n: q.number, line: q.source.line, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct });

describe('bold "**Question N**" paragraphs with the answer as the last option bullet', () => {
  // A course quiz: a document title that starts with "Quiz:", a course heading, then each question as a bold
  // label, the prompt on the next line, option bullets, and the answer plus a per-option analysis as more bullets.
  const note = [
    '# Quiz: Unit 3 - Object Storage', //                                   1
    '',
    '## Course: STOR-101 (Cloud storage basics)',
    '',
    '---',
    '',
    '**Question 1**', //                                                   7
    'Which storage class suits data read once a quarter?',
    '',
    '* A) Standard',
    '* B) Infrequent Access',
    '* C) Express One Zone',
    '* D) Reduced Redundancy',
    '* **Correct Answer:** B) Infrequent Access is priced for data that is stored long and read rarely.',
    '* **Distractor Analysis:**',
    '  * *Why A is incorrect:* Standard costs more to keep.',
    '  * *Why C is incorrect:* Express One Zone is for low latency.',
    '',
    '---',
    '',
    '**Question 2**', //                                                   21
    'What keeps every version of an object?',
    '',
    '* A) Lifecycle rules',
    '* B) Replication',
    '* C) Versioning',
    '* **Correct Answer:** C) Versioning keeps each write as its own version.',
    '',
  ].join('\n');

  it('reads each question with its own options, the answer from the bullet and the rest as the explanation', () => {
    const r = parseDeck(note, 'notes/storage-quiz.md');
    expect(r.dialect).toBe('answer lines');
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 7, options: ['A=Standard', 'B=Infrequent Access', 'C=Express One Zone', 'D=Reduced Redundancy'], correct: ['B'] },
      { n: '2', line: 21, options: ['A=Lifecycle rules', 'B=Replication', 'C=Versioning'], correct: ['C'] },
    ]);
    const [first, second] = r.deck.questions;
    expect(first!.prompt).toBe('Which storage class suits data read once a quarter?');
    expect(first!.scored).toBe(true);
    expect(first!.explanation).toMatch(/^Infrequent Access is priced for data that is stored long and read rarely\./);
    expect(first!.explanation).toContain('Why C is incorrect: Express One Zone is for low latency.');
    expect(second!.explanation).toBe('Versioning keeps each write as its own version.');
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('a level-1 "# Quiz: …" title does not make every heading below it a question', () => {
    const r = parseDeck(note, 'notes/storage-quiz.md');
    expect(JSON.stringify(r.deck.questions)).not.toContain('STOR-101');
  });
});

describe('"Answer: B) <reason>" lines', () => {
  it('keeps the reason after the label as the start of the explanation, but not a repeat of the option', () => {
    const r = parseNoteLines('notes/net.md', [
      '# Networking drill',
      '',
      '**Q1.** Which port does HTTPS use?',
      '',
      '- A) 80',
      '- B) 443',
      '',
      '**Answer:** B) 443 is the port TLS-wrapped HTTP listens on.',
      '',
      '**Q2.** Which record maps a name to an IPv4 address?',
      '',
      '- A) AAAA',
      '- B) A',
      '',
      '**Answer:** B) A',
      '',
      '**Explanation:** AAAA is for IPv6.',
      '',
    ]);
    expect(r.deck.questions.map((q) => [q.correct, q.explanation])).toEqual([
      [['B'], '443 is the port TLS-wrapped HTTP listens on.'],
      [['B'], 'AAAA is for IPv6.'],
    ]);
  });
});

describe('"**Question 1:**" paragraphs whose numbering restarts in every "## Section N"', () => {
  it('are numbered in running order within the deck, each with its section as its group, and no duplicate warnings', () => {
    const section = (n: number, topic: string) => [
      `## Section ${n}: ${topic}`,
      '',
      '### Learning Objectives',
      `- Know the basics of ${topic}.`,
      '',
      '### Assessment Questions',
      '',
      `**Question 1:** What is the first thing about ${topic}?`,
      '',
      '  A) One',
      '  B) Two',
      '',
      '**Correct Answer:** A',
      `**Explanation:** ${topic} starts with one.`,
      '',
      `**Question 2:** What is the second thing about ${topic}?`,
      '',
      '  A) One',
      '  B) Two',
      '',
      '**Correct Answer:** B',
      '',
      '### Discussion Questions',
      `- Where would you use ${topic}?`,
      '',
    ];
    const r = parseNoteLines('notes/week3.md', ['# Week 3 assessment', '', ...section(1, 'Queues'), ...section(2, 'Topics')]);
    expect(r.deck.questions.map((q) => [q.number, q.source.line, q.group, q.correct])).toEqual([
      ['1', 10, 'Section 1: Queues', ['A']],
      ['2', 18, 'Section 1: Queues', ['B']],
      ['3', 35, 'Section 2: Topics', ['A']],
      ['4', 43, 'Section 2: Topics', ['B']],
    ]);
    expect(r.deck.questions[2]!.explanation).toBe('Topics starts with one.');
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('interview-style Q&A lists: "1. **Question?**" over one "- **Answer**: …" bullet', () => {
  it('are flashcards, the answer on the same line or as its own bullets below', () => {
    const r = parseNoteLines('notes/interview.md', [
      '# Cloud interview prep',
      '',
      '### **Warm-up**',
      '',
      '1. **What does a load balancer do?**',
      '   - **Answer**: It spreads incoming requests over several targets.',
      '',
      '2. **Name two benefits of managed databases.**',
      '   - **Answer**:',
      '     - Patching is done for you',
      '     - Backups are automatic',
      '',
      '3. **Why use tags?**',
      '   - Answer: To find and bill resources by owner.',
      '',
    ]);
    expect(r.dialect).toBe('flashcards');
    expect(r.deck.questions.map((q) => [q.number, q.source.line, q.kind, q.prompt, q.answerText])).toEqual([
      ['1', 5, 'flashcard', 'What does a load balancer do?', 'It spreads incoming requests over several targets.'],
      ['2', 8, 'flashcard', 'Name two benefits of managed databases.', '- Patching is done for you\n- Backups are automatic'],
      ['3', 13, 'flashcard', 'Why use tags?', 'To find and bill resources by owner.'],
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '5 warning flashcards-only']);
  });
});

describe('a README title that starts with a navigation glyph', () => {
  it('is the title from its first letter on', () => {
    const note = ['# ⬆️ Storage Practice Questions', '', '### Which service stores objects?', '', '- [x] Amazon S3', '- [ ] Amazon EBS', ''].join('\n');
    expect(parseDeck(note, 'banks/storage/README.md').deck.title).toBe('Storage Practice Questions');
  });
});

describe('task lists with a blank line between options', () => {
  it('keep each option\'s text (a loose list puts the checkbox in the paragraph)', () => {
    const r = parseNoteLines('banks/loose.md', ['### Which service sends email?', '', '- [ ] Amazon SQS', '', '- [x] Amazon SES', '', '- [ ] Amazon SNS', '', '### Which one is a CDN?', '', '- [x] CloudFront', '- [ ] Route 53', '']);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 1, options: ['A=Amazon SQS', 'B=Amazon SES', 'C=Amazon SNS'], correct: ['B'] },
      { n: '2', line: 9, options: ['A=CloudFront', 'B=Route 53'], correct: ['A'] },
    ]);
  });
});

describe('knowledge checks exported with Font Awesome checkbox icons', () => {
  it('read `<i class="far fa-square">` options as unticked and `fa-check-square` as ticked', () => {
    const r = parseNoteLines('mslearn/check.md', [
      '####  1. Your team needs shared files for several VMs. Which service fits?',
      '',
      '',
      "<i class='far fa-square'></i> &nbsp;&nbsp;Blob archive tier",
      '',
      "<i class='fas fa-check-square' style='color: Dodgerblue;'></i> &nbsp;&nbsp;File shares",
      '',
      "<i class='far fa-square'></i> &nbsp;&nbsp;Queue storage",
      '<br />',
      '<br />',
      '',
      '####  2. Which two can run containers? ',
      '',
      '<i class="fas fa-check-square"></i> Container instances',
      '',
      '<i class="far fa-square"></i> Key vault',
      '',
      '<i class="fas fa-check-square"></i> Kubernetes service',
      '',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 1, options: ['A=Blob archive tier', 'B=File shares', 'C=Queue storage'], correct: ['B'] },
      { n: '2', line: 12, options: ['A=Container instances', 'B=Key vault', 'C=Kubernetes service'], correct: ['A', 'C'] },
    ]);
    expect(JSON.stringify(r.deck.questions)).not.toMatch(/fa-square|&nbsp;/);
  });
});
