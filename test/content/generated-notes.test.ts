// Notes written by AI tools and practice exams with a summary block: reference markers, summary details,
// hotspot questions answered by a picture (or by nothing), numbered steps in answers. Our own imitations.
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import { withoutReferenceMarkers } from '../../src/content/markdown/reference-markers.js';
import { findingLines as codes } from './helpers.js';
import { slackText } from '../../adapters/slack/render.js';
import { escapeDiscord } from '../../adapters/discord/markdown.js';

const parse = (path: string, lines: string[], eol = '\n') => parseDeck(lines.join(eol), path);

describe('reference markers of generated notes', () => {
  const note = [
    '---',
    'title: S3 notes',
    '---',
    '',
    '## Concepts',
    '',
    '- [cite_start]**Durability**: eleven nines of durability [cite: 12, 14].',
    '- **Versioning**: keeps every version of an object【4†source】 (see [1]).',
    '',
    '## Questions',
    '',
    '### Which class is cheapest for archives? [web:483]',
    '',
    '- [ ] S3 Standard [cite:3]',
    '- [x] S3 Glacier Deep Archive',
    '',
    '**Explanation:** Deep Archive costs least【12:3†file.pdf】. Run `aws s3 cp [cite:1]` to copy :contentReference[oaicite:0]{index=0}.',
    '',
    '### Which setting keeps old versions?',
    '',
    '- [x] Versioning',
    '- [ ] Replication',
    '',
    '**Explanation:** See the [user guide](https://docs.aws.amazon.com/s3) and footnote [1]. [oai_citation:1‡docs.aws.amazon.com](https://docs.aws.amazon.com/s3)',
  ];

  it('are not shown in prompts, options, explanations or concepts; code, links and `[1]` stay; one warning says so', () => {
    const r = parse('notes/s3.md', note);
    const [first, second] = r.deck.questions;
    expect(first?.prompt).toBe('Which class is cheapest for archives?');
    expect(first?.options.map((o) => o.text)).toEqual(['S3 Standard', 'S3 Glacier Deep Archive']);
    expect(first?.explanation).toBe('Deep Archive costs least. Run `aws s3 cp [cite:1]` to copy.');
    expect(second?.explanation).toBe('See the user guide (https://docs.aws.amazon.com/s3) and footnote [1].');
    expect(r.deck.concepts.map((c) => [c.name, c.text])).toEqual([
      ['Durability', 'eleven nines of durability.'],
      ['Versioning', 'keeps every version of an object (see [1]).'],
    ]);
    expect(r.findings.map((f) => [f.line, f.code])).toEqual([[7, 'reference-markers']]);
    expect(r.findings[0]?.message).toMatch(/^8 reference markers left by an AI tool \(\[cite_start\], \[web:N\], \[cite:N\]\)/);
  });

  it('leave the question ids as they were hashed before (markers included)', () => {
    const marked = parse('notes/s3.md', note).deck.questions.map((q) => q.id);
    const bare = parse('notes/s3.md', note.map((l) => l.replace(' [web:483]', '').replace(' [cite:3]', ''))).deck.questions.map((q) => q.id);
    expect(marked[1]).toBe(bare[1]);
    expect(marked[0]).not.toBe(bare[0]);
  });

  it('keep lenticular brackets without a dagger, bracketed words and words that contain "cite"', () => {
    for (const text of ['【答案】B', 'see [source] and [cite]', 'an excited [Note: 1] reader', 'citation needed [2]']) {
      expect(withoutReferenceMarkers(text)).toEqual({ text, removed: [] });
    }
    expect(withoutReferenceMarkers('a [cite_start]b [web:1][web:2] c').text).toBe('a b c');
  });

  it('are removed from a long line of markers and spaces', () => {
    const line = `${' '.repeat(100_000)}[cite: 1]${'[cite_start]'.repeat(20_000)}x${' ['.repeat(50_000)}`;
    const r = withoutReferenceMarkers(line);
    expect([r.text.slice(0, 3), r.removed.length]).toEqual(['x [', 20_001]);
  });
});

describe('a summary block under the title of a practice exam', () => {
  const exam = (count: string) => [
    '# AWS SAA practice test 3',
    '',
    '## Summary',
    '',
    `**Total Questions**: ${count}`,
    '**Passing score**: 72%',
    'Time limit: 130 minutes',
    '',
    '## Questions',
    '',
    '### Q1. Which store is serverless?',
    '',
    '- [x] DynamoDB',
    '- [ ] RDS',
    '',
    '### Q2. Which one is a CDN?',
    '',
    '- [ ] SQS',
    '- [x] CloudFront',
  ];

  it('is not served as a concept; one warning names the lines at the first', () => {
    const r = parse('exams/saa-3.md', exam('2'));
    expect(r.deck.concepts).toEqual([]);
    expect(r.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [1, 'no-title', 'no title in front matter; using "AWS SAA practice test 3"'],
      [5, 'summary-details', 'summary details "Total Questions: 2", "Passing score: 72%", "Time limit: 130 minutes" describe the file, not a concept: not shown as the note\'s About text'],
    ]);
  });

  it('says when its question count is not the count read', () => {
    const r = parse('exams/saa-3.md', exam('20'));
    expect(r.findings.find((f) => f.code === 'summary-details')?.message).toMatch(/; it says 20 questions but 2 were read$/);
  });

  it('keeps the prose of the summary as the About concept', () => {
    const lines = exam('2');
    lines.splice(7, 0, '', 'This set covers storage and content delivery.');
    const r = parse('exams/saa-3.md', lines);
    expect(r.deck.concepts.map((c) => [c.name, c.text])).toEqual([['AWS SAA practice test 3', 'This set covers storage and content delivery.']]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '5 warning summary-details']);
  });
});

describe('a hotspot question answered by a picture, or by nothing', () => {
  const page = (answer: string[]) => [
    '# Practice page',
    '',
    'Question #1 Topic 1',
    '',
    'Which service runs containers without servers?',
    '',
    '- A. Fargate',
    '- B. Outposts',
    '',
    '**Correct Answer:** A',
    '',
    'Question #2 Topic 1',
    '',
    'HOTSPOT -',
    'You need to route traffic by path. Select the right values in the answer area.',
    'Hot Area:',
    '',
    '![area](https://example.com/area.png)',
    '',
    ...answer,
    '',
    'Question #3 Topic 1',
    '',
    'Which store answers key lookups in milliseconds?',
    '',
    '- A. Glacier',
    '- B. DynamoDB',
    '',
    '**Correct Answer:** B',
  ];

  for (const [name, answer, reason] of [
    ['an empty quoted answer line', ['> Correct Answer:'], /its answer line is empty/],
    ['an empty answer line over a picture', ['Correct Answer:', '![answer](https://example.com/answer.png)'], /its answer is a picture/],
    ['an empty bold label and nothing more', ['**Correct Answer:**'], /its answer line is empty/],
  ] as const) {
    it(`is reported once, at its label line, with the reason: ${name}`, () => {
      const r = parse('exams/hotspot.md', page([...answer]));
      expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Which service runs containers without servers?', 'Which store answers key lookups in milliseconds?']);
      const found = r.findings.filter((f) => f.code === 'unread-question' || f.code === 'no-answer');
      expect(found.map((f) => f.line)).toEqual([12]);
      expect(found[0]?.message).toMatch(reason);
    });
  }

  it('with no label above, the asking line names it', () => {
    const r = parse('exams/hotspot.md', ['# Notes', '', 'Which values should you select?', '', '![area](https://example.com/area.png)', '', '> Correct Answer:']);
    expect(r.findings.filter((f) => f.code === 'unread-question').map((f) => [f.line, f.message])).toEqual([
      [3, 'not read: "Which values should you select?": its answer line is empty (a hotspot or drag-and-drop answer whose picture was not copied?), with no options to score; not served'],
    ]);
  });

  it('under a question heading, an empty `**Answer: **` is not served as a flashcard of the page text', () => {
    const r = parse('exams/et.md', [
      '## Exam AZ-500 topic 5 question 4 discussion',
      '',
      'HOTSPOT -',
      'For each of the following statements, select Yes if the statement is true.',
      'Hot Area:',
      '//IMG//',
      '',
      '**Answer: **',
      '',
      '**Timestamp: 2021-09-28 16:28:00**',
      '',
      '## Exam AZ-500 topic 5 question 5 discussion',
      '',
      'Which service stores secrets?',
      '',
      '**Answer: Key Vault**',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.answerText])).toEqual([['5', 'Key Vault']]);
    expect(r.findings.filter((f) => f.code === 'no-answer').map((f) => [f.line, f.message])).toEqual([
      [1, '4: not served: its answer line is empty (a hotspot or drag-and-drop answer whose picture was not copied?), with no options to score'],
    ]);
  });

  it('a drag-and-drop question alone in a note is reported too', () => {
    const r = parse('exams/drag.md', ['DRAG DROP -', 'Put the steps in order.', '', '![steps](https://example.com/steps.png)', '', 'Correct Answer:', '![order](https://example.com/order.png)']);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '1 error no-questions', '1 warning unread-question']);
  });
});

describe('numbered steps in answers and explanations', () => {
  it('keep their numbers (a nested list keeps its indentation and bullet); prompts and options are as before', () => {
    const r = parse('notes/steps.md', [
      '## Questions',
      '',
      '### Which service hosts a static site?',
      '',
      '- [x] S3',
      '- [ ] EBS',
      '',
      '**Explanation:** To host it:',
      '',
      '1. Create a bucket',
      '2. Turn on website hosting',
      '   - an index document',
      '3. Upload the files',
      '   1. index.html',
      '   2. error.html',
    ]);
    expect(r.deck.questions.map((q) => q.explanation)).toEqual([
      'To host it:\n\n1. Create a bucket\n2. Turn on website hosting\n  - an index document\n3. Upload the files\n  - 1. index.html\n  - 2. error.html',
    ]);
  });

  it('reach Slack as written and Discord escaped (its markdown would renumber a list from 1)', () => {
    const r = parse('notes/cards.md', ['<details><summary>What are the two steps?</summary>', '', '3. Pick the snapshot', '4. Restore it', '', '</details>']);
    const answer = r.deck.questions[0]?.answerText ?? '';
    expect(slackText(answer)).toBe('3. Pick the snapshot\n4. Restore it');
    expect(escapeDiscord(answer)).toBe('3\\. Pick the snapshot\n4\\. Restore it');
  });

  it('a collapsible card whose answer is a numbered list keeps the list\'s own numbers', () => {
    const r = parse('notes/cards.md', [
      '<details><summary>What are the steps to restore a snapshot?</summary>',
      '',
      '3. Pick the snapshot',
      '4. Restore it',
      '',
      '</details>',
      '',
      '<details><summary>Which store is serverless?</summary>',
      '',
      'DynamoDB',
      '',
      '</details>',
    ]);
    expect(r.deck.questions.map((q) => q.answerText)).toEqual(['3. Pick the snapshot\n4. Restore it', 'DynamoDB']);
  });
});
