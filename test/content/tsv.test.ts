// Tab-separated question files (.tsv) as Google Sheets and Excel save them: read as CSV with a tab delimiter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { listNoteFiles } from '../../src/content/load.js';

const dir = 'test/fixtures/imports-tsv';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);

describe('TSV question files', () => {
  it('the CSV headers work with tabs between fields, even when a header hint holds commas; quoted cells span lines', () => {
    const { deck, findings, dialect } = read('sheet.tsv');
    expect(dialect).toBe('tsv questions');
    expect(deck.title).toBe('Sheets export');
    expect(deck.questions.map((q) => [q.source.line, q.kind, q.prompt, q.options.map((o) => o.text), q.correct, q.answerText, q.explanation])).toEqual([
      [3, 'choice', 'Which service stores objects, files and backups?', ['Amazon S3', 'Amazon EC2', 'AWS Lambda'], ['A'], undefined, 'S3 is object storage; files, backups.'],
      [4, 'choice', 'Which two are serverless?\nSelect TWO.', ['AWS Lambda', 'Amazon EC2', 'AWS Fargate'], ['A', 'C'], undefined, ''],
      [6, 'flashcard', 'What does IAM stand for?', [], [], 'Identity and Access Management', ''],
    ]);
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '7 error row skipped: 7 fields but the header has 6 (a "tab" inside a field that is not in quotes?)',
    ]);
  });

  it('.tsv files in the content folder are deck files', async () => {
    expect((await listNoteFiles([dir])).files).toEqual([`${dir}/sheet.tsv`]);
  });
});
