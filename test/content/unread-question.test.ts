// The safety net: a line that looks like a question and was read by no layout gets one `unread-question` warning
// at its line; study notes' rhetorical headings do not. Every source here is our own small example.
import { describe, expect, it } from 'vitest';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const unread = (findings: { line: number; code?: string; message: string }[]) =>
  findings.filter((f) => f.code === 'unread-question').map((f) => `${f.line}: ${f.message}`);

describe('unread-question', () => {
  it('an ordered-list item that asks but holds no options is reported at its line', () => {
    const { deck, findings } = parseNoteLines('ordered.md', [
      '1. Which service sends email?',
      '    - A. SES',
      '    - B. SNS',
      '',
      '    Answer: A',
      '',
      '2. Which region is cheapest? (Choose TWO)', //                         7
      '   - us-east-1',
      '',
      '3. Which service stores objects?',
      '    - A. S3',
      '    - B. EBS',
      '',
      '    Answer: A',
    ]);
    expect(deck.questions.map((q) => q.number)).toEqual(['1', '3']);
    expect(unread(findings)).toEqual([
      '7: looks like a question but was not read: "Which region is cheapest? (Choose TWO)"; see docs/content.md for the layouts studybot reads',
    ]);
  });

  it('a heading that asks between served questions, and a labelled paragraph with no options or answer', () => {
    const bank = parseNoteLines('bank.md', [
      '### Which service stores objects?',
      '- [ ] EBS',
      '- [x] S3',
      '',
      '### Which service queues messages?', //                                5
      '- SQS',
      '- SNS',
      '',
      '### Which service sends email?',
      '- [x] SES',
      '- [ ] SNS',
      '',
      '### Why use tags?', //                                   after the last question: a study heading
      '',
      'Tags group costs.',
    ]);
    expect(codes(bank.findings)).toEqual(['1 warning no-title', '5 warning unread-question']);
    const paragraphs = parseNoteLines('paragraphs.md', [
      '**Q1. Which service stores objects?**',
      '- A. S3',
      '- B. EBS',
      '',
      'Answer: A',
      '',
      '**Q2. What does CloudTrail record?**', //                              7
      '',
      'It records API calls.',
      '',
      '**Q3. Which service sends email?**',
      '- A. SES',
      '- B. SNS',
      '',
      'Answer: A',
    ]);
    expect(codes(paragraphs.findings)).toEqual(['1 warning no-title', '7 warning unread-question']);
    expect(unread(paragraphs.findings)[0]).toContain('"Q2. What does CloudTrail record?"');
  });

  it('leaves study notes alone: rhetorical headings outside the Questions section, concept sections, notes without questions', () => {
    const seed = [
      '---',
      'title: Stages',
      '---',
      '',
      '## Use cases',
      '',
      '### Why use a stage?',
      '',
      '- **Is it cheap?** Yes.',
      '',
      '## Concepts',
      '',
      '### What is a stage?',
      '',
      'A named deployment.',
      '',
      '## Questions',
      '',
      '### Q1',
      '',
      'Which service stores objects?',
      '',
      '- A. S3',
      '- B. EBS',
      '',
      '<details><summary>Answer</summary><mark style="color:white">A</mark></details>',
    ];
    expect(codes(parseNoteLines('seed.md', seed).findings)).toEqual([]);
    const prose = parseNoteLines('prose.md', ['# Notes', '', '### Why use a stage?', '', '1. What is a stage?', '2. Question 2: when to use one?']);
    expect(codes(prose.findings).filter((c) => c.includes('unread'))).toEqual([]);
  });

  it('reports at most 20 lines a file, and one more finding counts the rest', () => {
    const lost = Array.from({ length: 25 }, (_, i) => [`**Q${i + 2}. Which service number ${i + 2} is it?**`, '', 'No options here.', '']).flat();
    const { findings } = parseNoteLines('many.md', ['**Q1. Which service stores objects?**', '- A. S3', '- B. EBS', '', 'Answer: A', '', ...lost]);
    const found = unread(findings);
    expect(found).toHaveLength(21);
    expect(found[0]).toMatch(/^7: looks like a question but was not read: "Q2\. Which service number 2 is it\?"/);
    expect(found[20]).toBe('87: 5 more lines from here on look like questions but were not read');
  });
});

describe('unread-question on the first line', () => {
  it('a file-level finding at line 1 (no title) does not hide a question lost there', () => {
    const { findings } = parseNoteLines('first.md', [
      '1. Which zone setup is most available?',
      '\t- one zone',
      '',
      '2. Which service stores objects?',
      '    - A. S3',
      '    - B. EBS',
      '',
      '    Answer: A',
      '',
      '3. Which service sends email?',
      '    - A. SES',
      '    - B. SNS',
      '',
      '    Answer: A',
    ]);
    expect(codes(findings)).toEqual(['1 warning no-title', '1 warning unread-question']);
  });
});
