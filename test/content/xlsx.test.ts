// Excel workbooks (.xlsx) as question files: the CSV vocabulary through exceljs, a sheet per domain, cell values
// as Excel shows them, and hostile or unreadable files as findings, inline and through the parse worker.
// Fixtures: test/fixtures/imports-xlsx/make.ts.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary } from '../../src/content/index.js';
import { loadContent, parseFile, type ParseCache } from '../../src/content/load.js';
import { ParseWorker } from '../../src/content/parse-in-worker.js';
import { maxUnpackedBytes } from '../../src/content/limits/zip.js';
import type { Finding, Question } from '../../src/content/types.js';
import { zipOf } from './zip-writer.js';

const fixtures = 'test/fixtures/imports-xlsx';
const brief = (q: Question) => ({ line: q.source.line, number: q.number, options: q.options.map((o) => `${o.id}) ${o.text}`), correct: q.correct, domain: q.domain });
const shown = (findings: Finding[], dir: string) => findings.map((f) => `${f.path.slice(dir.length + 1)}:${f.line} ${f.severity} ${f.code}: ${f.message}`);

const sheetXml = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
/** Declares 1 GB for a sheet of 130 bytes: refused from the directory alone. */
const declaredBomb = () => zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml), declared: 1024 * 1024 * 1024 }]);
/** Declares 1,000 bytes for 64 MB of zeros (64 kB deflated): refused when unpacking passes the declared size. */
const lyingBomb = () => zipOf([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024), deflated: true, declared: 1000 }]);

/** practice.xlsx with bytes in the middle of its entries overwritten: a damaged download. */
async function damaged(): Promise<Buffer> {
  const bytes = Buffer.from(await readFile(`${fixtures}/practice.xlsx`));
  bytes.fill(0x55, 1500, 2500);
  return bytes;
}

describe('.xlsx question files through loadContent', () => {
  it('reads the CSV vocabulary, # settings rows, and every kind of cell as Excel shows it; findings at the sheet row', async () => {
    const { decks, findings, files } = await loadContent([`${fixtures}/practice.xlsx`]);
    const deck = decks[0]!;
    expect(deck).toMatchObject({ id: 'practice', title: 'AWS practice exam', command: 'awsxl' });
    expect(files).toMatchObject([{ dialect: 'xlsx questions', questions: 8, scored: 7, flashcards: 1, errors: 1, served: true }]);
    expect(deck.questions.map(brief)).toEqual([
      { line: 4, number: '1', options: ['A) Amazon S3', 'B) Amazon EC2', 'C) Amazon RDS', 'D) AWS Lambda'], correct: ['A'], domain: 'Storage' },
      { line: 5, number: '2', options: ['A) AWS Lambda', 'B) Amazon EC2', 'C) AWS Fargate', 'D) Amazon EBS'], correct: ['A', 'C'], domain: 'Compute' },
      // Rich text runs joined; the answer a formula's cached result; the domain merged down from row 5.
      { line: 6, number: '3', options: ['A) AWS Fargate', 'B) Amazon S3', 'C) Amazon Route 53', 'D) AWS IAM'], correct: ['A'], domain: 'Compute' },
      // Numbers as written (2, not 2.0000000000000004; 0.3, not 0.30000000000000004); row 7 is empty.
      { line: 8, number: '4', options: ['A) 1', 'B) 2', 'C) 3', 'D) 0.3'], correct: ['B'], domain: 'Resilience' },
      { line: 9, number: '5', options: ['A) Buckets are public', 'B) Buckets are private by default'], correct: ['B'], domain: 'Security' },
      { line: 10, number: '6', options: ['A) TRUE', 'B) FALSE'], correct: ['A'], domain: 'Security' },
      { line: 11, number: '7', options: ['A) 2006-03-14', 'B) 2008-10-23'], correct: ['A'], domain: undefined },
      { line: 13, number: '8', options: [], correct: [], domain: undefined },
    ]);
    const [, , fargate, , lines] = deck.questions;
    expect(fargate!.prompt).toBe('Which service runs containers without managing servers?');
    expect(fargate!.explanation).toBe('Fargate docs (https://docs.aws.amazon.com/fargate/)');
    // Alt+Enter line breaks stay line breaks.
    expect(lines!.prompt).toBe('Which statement is true?\nRead both lines.');
    expect(lines!.explanation).toBe('New buckets block public access.\nSee the S3 guide.');
    expect(deck.questions[7]!.answerText).toBe('Identity and Access Management');
    expect(shown(findings, fixtures)).toEqual(['practice.xlsx:12 error answer-invalid: row skipped: answer E is out of range (options A–B)']);
  });

  it('gives each question the id the same row has in a CSV export', async () => {
    const xlsx = (await loadContent([`${fixtures}/practice.xlsx`])).decks[0]!;
    const csv = (await loadContent([`${fixtures}/csv-twin/practice.csv`])).decks[0]!;
    expect(csv.questions).toHaveLength(8);
    expect(xlsx.questions.map((q) => q.id)).toEqual(csv.questions.map((q) => q.id));
    expect(xlsx.questions.map((q) => [q.prompt, q.options, q.correct, q.explanation, q.domain])).toEqual(csv.questions.map((q) => [q.prompt, q.options, q.correct, q.explanation, q.domain]));
  });

  it('reads every sheet with a question header, the sheet name as the domain; a README sheet is reported, an empty one ignored', async () => {
    const { decks, findings, files } = await loadContent([`${fixtures}/domains.xlsx`]);
    const deck = decks[0]!;
    expect(files).toMatchObject([{ dialect: 'xlsx questions', questions: 4, served: true, errors: 1, warnings: 1 }]);
    expect(deck.questions.map((q) => [q.number, q.source.line, q.domain])).toEqual([
      ['1', 2, 'Networking'],
      ['2', 3, 'Networking'],
      ['3', 2, 'Storage'],
      // A row's own domain wins over its sheet's name.
      ['4', 3, 'Design Resilient Architectures'],
    ]);
    expect(shown(findings, fixtures)).toEqual([
      'domains.xlsx:1 warning sheet-skipped: sheet "README" skipped: its first row names no question column (question, prompt, …); a sheet of instructions is fine, a sheet of questions needs a header row',
      'domains.xlsx:4 error answer-invalid: sheet "Networking": row skipped: answer Z is out of range (options A–B)',
    ]);
  });

  describe('hostile and unreadable files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'studybot-xlsx-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses a zip bomb by its declared sizes, a lying archive when it unpacks past them, and reports damaged, non-zip and old files', async () => {
      await writeFile(join(dir, 'declared.xlsx'), declaredBomb());
      await writeFile(join(dir, 'lying.xlsx'), lyingBomb());
      await writeFile(join(dir, 'damaged.xlsx'), await damaged());
      await writeFile(join(dir, 'cut.xlsx'), (await readFile(`${fixtures}/practice.xlsx`)).subarray(0, 3000));
      await writeFile(join(dir, 'text.xlsx'), 'Question,Answer\nWhat is S3?,Object storage\n');
      await copyFile(`${fixtures}/legacy.xls`, join(dir, 'legacy.xls'));
      await writeFile(join(dir, 'calc.ods'), zipOf([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }]));
      await copyFile(`${fixtures}/practice.xlsx`, join(dir, 'practice.xlsx'));
      const { decks, findings, files } = await loadContent([dir]);
      expect(decks.map((d) => d.id)).toEqual(['practice']);
      expect(files.filter((f) => f.served).map((f) => f.deckId)).toEqual(['practice']);
      const byFile = findings.filter((f) => !f.path.endsWith('practice.xlsx')).map((f) => `${f.path.slice(dir.length + 1)}:${f.line} ${f.code}`);
      expect(byFile).toEqual([
        'calc.ods:1 not-a-deck',
        'cut.xlsx:1 unreadable-workbook',
        'damaged.xlsx:1 unreadable-workbook',
        'declared.xlsx:1 too-large',
        'legacy.xls:1 not-a-deck',
        'lying.xlsx:1 too-large',
        'text.xlsx:1 unreadable-workbook',
      ]);
      const message = (name: string) => findings.find((f) => f.path.endsWith(name))!.message;
      expect(maxUnpackedBytes()).toBe(10 * 1024 * 1024);
      expect(message('declared.xlsx')).toBe('workbook unpacks to 1024.0 MB; the limit is 10.0 MB; this file is not read (split it, or remove pictures)');
      expect(message('lying.xlsx')).toBe('workbook entry xl/sharedStrings.xml unpacks to more than the 1000 bytes it declares (a zip bomb?); this file is not read (save it again from Excel)');
      expect(message('damaged.xlsx')).toMatch(/^workbook entry \S+ is damaged/);
      expect(message('cut.xlsx')).toBe('not an .xlsx workbook: it is not a zip archive; save it again as Excel Workbook (.xlsx), or as CSV; this file is not read');
      expect(message('text.xlsx')).toMatch(/^not an \.xlsx workbook: it is not a zip archive/);
      expect(message('legacy.xls')).toBe('an old Excel (.xls) workbook is not read: open it in Excel, LibreOffice or Google Sheets and save it as Excel Workbook (.xlsx) or as CSV; see docs/content-intake.md');
      expect(message('calc.ods')).toMatch(/^an OpenDocument \(\.ods\) spreadsheet is not read: .* save it as Excel Workbook \(\.xlsx\) or as CSV/);
    });

    it('an .xls file renamed .xlsx is told to be saved as .xlsx', async () => {
      await copyFile(`${fixtures}/legacy.xls`, join(dir, 'renamed.xlsx'));
      const { findings } = await loadContent([dir]);
      expect(findings.map((f) => `${f.code}: ${f.message}`)).toEqual([
        'not-a-deck: this is an old Excel (.xls) workbook or a password-protected one, not an .xlsx: save it as Excel Workbook (.xlsx) without a password, or as CSV; this file is not read',
      ]);
    });

    it('a workbook whose sheets have no question header is not a deck', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Instructions').addRow(['Fill in one question per row']);
      wb.addWorksheet('Notes').addRow(['Ask Sam before editing']);
      await writeFile(join(dir, 'only-readme.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
      const { findings, files } = await loadContent([dir]);
      expect(files).toMatchObject([{ served: false, questions: 0 }]);
      expect(findings.map((f) => `${f.line} ${f.code}: ${f.message}`)).toEqual([
        expect.stringMatching(/^1 not-a-deck: not a question file: no sheet starts with a row that names its columns; a sheet's first row should name the columns \(a header row with a question column .*\); see docs\/content-intake.md$/),
      ]);
    });

    it('a range merged down a column gives each row its value; merged across columns it is one cell, not repeated', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Quiz');
      ws.addRow(['# title: Merged cells']);
      ws.mergeCells('A1:D1');
      ws.addRow(['Domain', 'Question', 'A', 'B', 'Answer']);
      ws.addRow(['Networking', 'Which service is a CDN?', 'Amazon CloudFront', 'Amazon S3', 'A']);
      ws.addRow([null, 'Which service resolves DNS names?', 'Amazon VPC', 'Amazon Route 53', 'B']);
      ws.addRow([null, null, null, null, null]); // only the merged domain: an empty row
      ws.mergeCells('A3:A5');
      ws.addRow(['Storage', 'Which service stores objects? (merged over the option cells)', null, null, 'S3']);
      ws.mergeCells('B6:D6');
      await writeFile(join(dir, 'merged.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
      const { decks, findings } = await loadContent([dir]);
      expect(decks[0]!.title).toBe('Merged cells');
      expect(decks[0]!.questions.map((q) => [q.source.line, q.domain, q.kind, q.options.map((o) => o.text)])).toEqual([
        [3, 'Networking', 'choice', ['Amazon CloudFront', 'Amazon S3']],
        [4, 'Networking', 'choice', ['Amazon VPC', 'Amazon Route 53']],
        [6, 'Storage', 'flashcard', []],
      ]);
      expect(findings).toEqual([]);
    });

    it('reuses the last parse of an unchanged workbook (keyed by its bytes) and parses it again once it changes', async () => {
      const file = join(dir, 'practice.xlsx');
      await copyFile(`${fixtures}/practice.xlsx`, file);
      const cache: ParseCache = new Map();
      const first = await parseFile(file, { cache });
      expect(await parseFile(file, { cache })).toBe(first);
      expect(cache.get(file)!.key).toMatch(/^sha256:[0-9a-f]{64}$/);
      await copyFile(`${fixtures}/domains.xlsx`, file);
      const second = await parseFile(file, { cache });
      expect(second).not.toBe(first);
      expect(second.deck.questions).toHaveLength(4);
    });
  });
});

describe('.xlsx through the parse worker (DeckLibrary, default parseIn)', () => {
  let dir: string;
  let lib: DeckLibrary | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-xlsx-worker-'));
  });
  afterEach(async () => {
    lib?.close();
    lib = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the workbooks and reports the hostile, damaged and old files, each for its own file only', async () => {
    for (const name of ['practice.xlsx', 'domains.xlsx', 'legacy.xls']) await copyFile(`${fixtures}/${name}`, join(dir, name));
    await writeFile(join(dir, 'declared.xlsx'), declaredBomb());
    await writeFile(join(dir, 'lying.xlsx'), lyingBomb());
    await writeFile(join(dir, 'damaged.xlsx'), await damaged());
    lib = await DeckLibrary.load(dir, { log: pino({ level: 'silent' }) });
    expect(lib.decks().map((d) => d.id)).toEqual(['domains', 'practice']);
    expect(lib.byCommand('awsxl')!.questions).toHaveLength(8);
    expect(lib.failures().map((f) => f.deckId)).toEqual(['damaged', 'declared', 'legacy', 'lying']);
    expect(lib.failureFor('lying')!.reason).toBe('lying.xlsx:1: error: workbook entry xl/sharedStrings.xml unpacks to more than the 1000 bytes it declares (a zip bomb?); this file is not read (save it again from Excel)');
    expect(shown(lib.findings(), dir).filter((f) => f.startsWith('practice') || f.startsWith('domains'))).toEqual([
      'domains.xlsx:1 warning sheet-skipped: sheet "README" skipped: its first row names no question column (question, prompt, …); a sheet of instructions is fine, a sheet of questions needs a header row',
      'domains.xlsx:4 error answer-invalid: sheet "Networking": row skipped: answer Z is out of range (options A–B)',
      'practice.xlsx:12 error answer-invalid: row skipped: answer E is out of range (options A–B)',
    ]);
  }, 60_000);

  it('hands a workbook\'s bytes over to the worker (transferred, not copied) and reads it there', async () => {
    const worker = new ParseWorker();
    try {
      const bytes = new Uint8Array(await readFile(`${fixtures}/practice.xlsx`));
      const result = await worker.parse(bytes, `${fixtures}/practice.xlsx`);
      expect(bytes.byteLength).toBe(0); // detached: moved to the worker
      expect(result.dialect).toBe('xlsx questions');
      expect(result.deck.questions).toHaveLength(8);
    } finally {
      worker.close();
    }
  }, 60_000);
});
