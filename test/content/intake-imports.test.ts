// CSV question files and Anki plain-text exports, through the real loader (issue 12 item 4).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { parseContent } from '../../src/content/import/index.js';
import type { Question } from '../../src/content/index.js';

const dir = 'test/fixtures/imports';
const brief = (q: Question) => ({ number: q.number, kind: q.kind, options: q.options.map((o) => `${o.id}) ${o.text}`), correct: q.correct, line: q.source.line });
const lines = (findings: { line: number; severity: string; code?: string }[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}`);

describe('CSV question files', () => {
  it('reads options columns, letter/number/text answers, multi-line quoted prompts and the # settings lines', async () => {
    const { decks, findings } = await loadContent([`${dir}/cloud-basics.csv`]);
    const deck = decks[0]!;
    expect(deck).toMatchObject({ id: 'cloud-basics', title: 'Cloud basics (CSV)', command: 'cloudcsv', description: 'Questions kept in a spreadsheet' });
    expect(deck.questions.map(brief)).toEqual([
      { number: '1', kind: 'choice', options: ['A) Amazon S3', 'B) Amazon EC2', 'C) Amazon RDS', 'D) AWS Lambda'], correct: ['A'], line: 5 },
      { number: '2', kind: 'choice', options: ['A) AWS Lambda', 'B) Amazon EC2', 'C) AWS Fargate', 'D) Amazon EBS'], correct: ['A', 'C'], line: 6 },
      { number: '3', kind: 'choice', options: ['A) 80', 'B) 443', 'C) 22'], correct: ['B'], line: 8 },
      { number: '4', kind: 'choice', options: ['A) Amazon Aurora Serverless', 'B) Amazon Redshift'], correct: ['A'], line: 9 },
      { number: '5', kind: 'flashcard', options: [], correct: [], line: 12 },
    ]);
    expect(deck.questions[1]!.prompt).toBe('Select TWO services that run code\nwithout managing servers.');
    expect(deck.questions.map((q) => q.domain)).toEqual(['storage', 'compute', undefined, undefined, undefined]);
    expect(deck.questions[4]!.answerText).toBe('Identity and Access Management');
    expect(deck.concepts.map((c) => [c.slug, c.text, c.source.line])).toEqual([['object-storage', 'S3 is object storage.', 5]]);
    // Bad rows are findings with the CSV line of their record; the rest is served.
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '10 warning row skipped: no question text',
      '11 error row skipped: answer E is out of range (options A–B)',
      '14 error row skipped: 10 fields but the header has 9 (a "," inside a field that is not in quotes?)',
    ]);
  });

  it('detects ";" (Excel), strips the BOM, reads CRLF and one options column with answers as option text', () => {
    const source = readFileSync(`${dir}/excel-semicolons.csv`, 'utf8');
    expect(source.startsWith('\uFEFF') && source.includes('\r\n')).toBe(true);
    const { deck, findings, dialect } = parseContent(source, `${dir}/excel-semicolons.csv`);
    expect(dialect).toBe('csv questions');
    expect(findings).toEqual([]);
    expect(deck.title).toBe('Excel semicolons');
    expect(deck.questions.map(brief)).toEqual([
      { number: '1', kind: 'choice', options: ['A) CloudFront', 'B) Route 53', 'C) S3'], correct: ['A'], line: 2 },
      { number: '2', kind: 'choice', options: ['A) DynamoDB', 'B) Aurora', 'C) Keyspaces', 'D) RDS'], correct: ['A', 'C'], line: 4 },
      { number: '3', kind: 'choice', options: ['A) 3', 'B) 4'], correct: ['B'], line: 5 },
    ]);
    expect(deck.questions[0]!.explanation).toBe('Edge caching, with\n400+ locations.');
  });

  it('gives the same ids as a markdown question with the same prompt and options, stable across edits elsewhere', () => {
    const csv = 'question,A,B,answer\nWhich one?,this,that,A\n';
    const a = parseContent(csv, 'x/same.csv').deck.questions[0]!;
    const b = parseContent(`question,A,B,answer\nAnother?,x,y,B\n${csv.split('\n')[1]}\n`, 'x/same.csv').deck.questions[1]!;
    const md = parseContent('---\ntitle: Same\n---\n## Questions\n### Q1\n\n**Which one?**\n\n- A) this\n- B) that\n\n<details><summary>x</summary>\n<div>\n<mark style="color:white">A</mark>\n</div>\n</details>\n', 'y/same.md').deck.questions[0]!;
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(md.id);
  });

  it('a CSV whose header names no question columns is reported, never ignored', async () => {
    const { files, findings } = await loadContent([`${dir}/inventory.csv`]);
    expect(files).toEqual([expect.objectContaining({ path: `${dir}/inventory.csv`, served: false, errors: 1, questions: 0 })]);
    expect(lines(findings)).toEqual(['1 error not-a-deck']);
    expect(findings[0]!.message).toMatch(/^not a question file: its first row should name the columns \(.*question.*answer.*\); see docs\/content-intake\.md$/);
  });

  it('settings lines padded by a spreadsheet (`# title: x,,,`) are read without the padding', () => {
    const { deck } = parseContent('# title: Padded,,,\n# command: padded;;\nquestion,A,B,answer\nOne?,x,y,A\n', 'x/p.csv');
    expect([deck.title, deck.command]).toEqual(['Padded', 'padded']);
  });

  it('a quote that never closes is an error at its row; the rows before it are served', () => {
    const { deck, findings } = parseContent('question,a,b,answer\nFirst?,x,y,A\n"Broken?,x,y,B\nThird?,x,y,A\n', 'x/q.csv');
    expect(deck.questions.map((q) => q.prompt)).toEqual(['First?']);
    expect(lines(findings)).toEqual(['3 error csv-row']);
  });
});

describe('Anki "Notes in Plain Text" exports', () => {
  it('basic notes become flashcards: HTML to text, quoted fields, tags column left out, empty backs reported', () => {
    const { deck, findings, dialect } = parseContent(readFileSync(`${dir}/anki-basic.txt`, 'utf8'), `${dir}/anki-basic.txt`);
    expect(dialect).toBe('anki notes');
    expect(deck.questions.map((q) => [q.number, q.kind, q.prompt, q.answerText, q.scored, q.source.line])).toEqual([
      ['1', 'flashcard', 'What does S3 stand for?', 'Simple Storage Service\n(object storage)', false, 4],
      ['2', 'flashcard', 'Which port is SSH?', '22', false, 5],
      ['3', 'flashcard', 'A "quoted" front', 'Back with tab', false, 6],
      ['4', 'flashcard', 'Diagram [image: vpc.png]', 'A VPC', false, 8],
    ]);
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '7 warning note skipped: the back (second field) is empty',
      '8 warning images are not exported with Anki notes; shown by name (vpc.png)',
    ]);
  });

  it('cloze notes give one card per cloze number with that cloze hidden; the deck column names the deck', () => {
    const { deck, findings } = parseContent(readFileSync(`${dir}/anki-cloze.txt`, 'utf8'), `${dir}/anki-cloze.txt`);
    expect(deck.title).toBe('Networking');
    expect(deck.questions.map((q) => [q.prompt, q.answerText, q.explanation])).toEqual([
      ['[…] stands for Virtual Private Cloud.', 'VPC', 'See the VPC guide.'],
      ['VPC stands for [expansion].', 'Virtual Private Cloud', 'See the VPC guide.'],
      ['What is a subnet?', 'A range of IP addresses in a VPC.', ''],
    ]);
    expect(new Set(deck.questions.map((q) => q.id)).size).toBe(3);
    expect(lines(findings)).toEqual(['7 warning no-answer']);
  });

  it('a flashcard-only deck is a deck the library serves', async () => {
    const { files } = await loadContent([`${dir}/anki-cloze.txt`]);
    expect(files[0]).toMatchObject({ dialect: 'anki notes', questions: 3, scored: 0, flashcards: 3, served: true, errors: 0 });
  });

  it('a .txt that is not an Anki export is an error naming the layouts understood', async () => {
    const { files, findings } = await loadContent([`${dir}/meeting-notes.txt`]);
    expect(files[0]).toMatchObject({ served: false, errors: 1 });
    expect(files[0]!.dialect).toBeUndefined();
    expect(findings[0]).toMatchObject({ line: 1, severity: 'error', code: 'not-a-deck' });
    expect(findings[0]!.message).toContain('Anki "Notes in Plain Text" export');
  });
});

describe('imports in the DeckLibrary', () => {
  it('serves CSV and Anki decks from the folder, explains CSV concepts, and lists a .txt that is no deck as a failure', async () => {
    const { DeckLibrary, explain } = await import('../../src/content/index.js');
    const lib = await DeckLibrary.load(dir);
    try {
      expect(lib.decks().map((d) => d.id)).toEqual(['anki-basic', 'anki-cloze', 'cloud-basics', 'excel-semicolons']);
      expect(lib.byCommand('/cloudcsv')?.questions).toHaveLength(5);
      const found = explain(lib.byCommand('cloudcsv')!, 'object storage');
      expect(found.kind === 'found' && found.concept.text).toBe('S3 is object storage.');
      expect(lib.failures().map((f) => [f.command, f.reason.replace(/:\d+: error: .*/, '')])).toEqual([
        ['inventory', 'inventory.csv'],
        ['meeting-notes', 'meeting-notes.txt'],
      ]);
      expect(lib.failureFor('meeting-notes')?.reason).toMatch(/^meeting-notes\.txt:1: error: not a deck: /);
    } finally {
      lib.close();
    }
  }, 60_000);
});
