// Quiz platforms' spreadsheet templates (Kahoot, Quizizz/Wayground, Blooket, Gimkit) as question files: our own
// imitations of their layouts (title and instruction rows above the header, header notes, numbered answer
// columns, question types), as CSV (CRLF, BOM, `;`, multi-line cells) and as .xlsx, findings at the real rows.
import { describe, expect, it } from 'vitest';
import { parseContent, parseSource } from '../../src/content/import/index.js';
import type { Finding, ParseResult, Question } from '../../src/content/types.js';

type Cell = string | number | null;

/** Rows as a spreadsheet saves them: fields quoted when they hold the delimiter, a quote or a line break. */
function csvOf(rows: Cell[][], opts: { delimiter?: string; crlf?: boolean; bom?: boolean } = {}): string {
  const d = opts.delimiter ?? ',';
  const field = (c: Cell) => {
    const s = c === null ? '' : String(c);
    return s.includes(d) || /["\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const eol = opts.crlf ? '\r\n' : '\n';
  return (opts.bom ? '\uFEFF' : '') + rows.map((r) => r.map(field).join(d)).join(eol) + eol;
}

/** A workbook of one sheet per entry, built with exceljs; `merge` ranges as the templates merge their title rows. */
async function xlsxOf(sheets: { name: string; rows: Cell[][]; merge?: string[] }[]): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      row.forEach((cell, j) => {
        if (cell !== null && cell !== '') ws.getCell(i + 1, j + 1).value = cell;
      });
    });
    for (const range of s.merge ?? []) ws.mergeCells(range);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const brief = (q: Question) => ({ line: q.source.line, number: q.number, kind: q.kind, prompt: q.prompt, options: q.options.map((o) => `${o.id}) ${o.text}`), correct: q.correct, ...(q.answerText ? { answer: q.answerText } : {}) });
const found = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`);
const served = (r: ParseResult) => r.deck.questions.map(brief);

// ---------------------------------------------------------------- Kahoot

const KAHOOT_TITLE: Cell[][] = [
  ['Kahoot Quiz Template'],
  ['Add questions, at least two answer alternatives, time limit and choose correct answers (at least one). Have fun creating your awesome quiz!'],
  ['Remember: questions have a limit of 120 characters and answers can have 75 characters max. The text will turn red in Excel or Google Docs if you exceed this limit. If several answers are correct, separate them with a comma.'],
  ["See an example question below (don't forget to overwrite this with your first question!)"],
  ["And remember,  if you're not using Excel you need to export to .xlsx format before you upload to Kahoot!"],
  [],
];
const KAHOOT_HEADER: Cell[] = [
  null,
  'Question - max 120 characters',
  'Answer 1 - max 75 characters',
  'Answer 2 - max 75 characters',
  'Answer 3 - max 75 characters',
  'Answer 4 - max 75 characters',
  'Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs',
  'Correct answer(s) - choose at least one',
];
/** Header on row 7, questions from row 8; row 11 blank, row 13 names option 5 of 4, row 14 has no correct answer. */
const KAHOOT_ROWS: Cell[][] = [
  ...KAHOOT_TITLE,
  KAHOOT_HEADER,
  [1, 'Which API Gateway feature caches responses?', 'Stage cache', 'Usage plans', 'Mapping templates', 'Custom domains', 20, 1],
  [2, 'Which two are API Gateway API types?', 'REST', 'SOAP', 'HTTP', 'gRPC', 30, '1,3'],
  [3, 'Which two limit request rates?', 'Usage plans', 'Stage variables', 'Throttling', 'Models', 30, '1 and 3'],
  [],
  [4, 'Which one integrates a Lambda function\nwithout mapping templates?', 'Proxy integration', 'Mock integration', null, null, 20, 'Proxy integration'],
  [5, 'Which one is out of range?', 'a', 'b', 'c', 'd', 20, 5],
  [6, 'Which one has no correct answer?', 'a', 'b', null, null, 20, null],
  [7, 'Which two, by letter?', 'Edge-optimized', 'Regional', 'Private', 'Global', 20, 'A;C'],
];

/** In CSV, question 4's two-line cell puts the rows after it one line further down than in the sheet. */
const kahootServed = (csv: boolean) => [
  { line: 8, number: '1', kind: 'choice', prompt: 'Which API Gateway feature caches responses?', options: ['1) Stage cache', '2) Usage plans', '3) Mapping templates', '4) Custom domains'], correct: ['1'] },
  { line: 9, number: '2', kind: 'choice', prompt: 'Which two are API Gateway API types?', options: ['1) REST', '2) SOAP', '3) HTTP', '4) gRPC'], correct: ['1', '3'] },
  { line: 10, number: '3', kind: 'choice', prompt: 'Which two limit request rates?', options: ['1) Usage plans', '2) Stage variables', '3) Throttling', '4) Models'], correct: ['1', '3'] },
  { line: 12, number: '4', kind: 'choice', prompt: 'Which one integrates a Lambda function\nwithout mapping templates?', options: ['1) Proxy integration', '2) Mock integration'], correct: ['1'] },
  { line: csv ? 16 : 15, number: '5', kind: 'choice', prompt: 'Which two, by letter?', options: ['1) Edge-optimized', '2) Regional', '3) Private', '4) Global'], correct: ['1', '3'] },
];
const kahootFindings = (csv: boolean) => [
  `${csv ? 14 : 13} error answer-invalid: row skipped: answer 5 is out of range (options 1–4)`,
  `${csv ? 15 : 14} warning no-answer: row skipped: no answer`,
];

describe('Kahoot quiz template', () => {
  it('CSV (CRLF, BOM): the header under the title and instructions, notes in its names, answers as numbers, "1 and 3", letters or text', () => {
    const r = parseContent(csvOf(KAHOOT_ROWS, { crlf: true, bom: true }), 'kahoot/api.csv');
    expect(served(r)).toEqual(kahootServed(true));
    // The instructions above the header are not material: no finding for them.
    expect(found(r.findings)).toEqual(kahootFindings(true));
  });

  it('CSV with ";" (Excel in many locales): the same questions', () => {
    const r = parseContent(csvOf(KAHOOT_ROWS, { delimiter: ';' }), 'kahoot/api.csv');
    expect(served(r)).toEqual(kahootServed(true));
    expect(found(r.findings)).toEqual(kahootFindings(true));
  });

  it('.xlsx with merged instruction rows: the same questions and ids, findings at the sheet rows', async () => {
    const bytes = await xlsxOf([{ name: 'Sheet1', rows: KAHOOT_ROWS, merge: ['A1:H1', 'A2:H2', 'A3:H3', 'A4:H4', 'A5:H5'] }]);
    const r = await parseSource(bytes, 'kahoot/api.xlsx');
    expect(served(r)).toEqual(kahootServed(false));
    expect(found(r.findings)).toEqual(kahootFindings(false));
    const csv = parseContent(csvOf(KAHOOT_ROWS), 'kahoot/api.csv');
    expect(r.deck.questions.map((q) => q.id)).toEqual(csv.deck.questions.map((q) => q.id));
  });

  it('an extra empty row above the title (the header on row 8) moves every finding with it', async () => {
    const bytes = await xlsxOf([{ name: 'Sheet1', rows: [[], ...KAHOOT_ROWS] }]);
    const r = await parseSource(bytes, 'kahoot/api.xlsx');
    expect(r.deck.questions.map((q) => q.source.line)).toEqual([9, 10, 11, 13, 16]);
    expect(found(r.findings).map((f) => f.split(' ')[0])).toEqual(['14', '15']);
  });

  it('a question typed above the header is reported once, at its row; the title and instructions are not', () => {
    const rows = [...KAHOOT_TITLE.slice(0, 3), [null, 'What does S3 stand for?', 'Simple Storage Service', 'Simple Server Service', null, null, 20, 1], ...KAHOOT_ROWS.slice(6, 8)];
    const r = parseContent(csvOf(rows), 'kahoot/early.csv');
    expect(found(r.findings)).toEqual([
      '4 warning above-header: row not read: it is above the header row (line 5), where a template\'s title and instructions go; a question belongs below the header',
    ]);
    expect(r.deck.questions.map((q) => q.source.line)).toEqual([6]);
  });

  it('a translated template is read: Spanish header names are the English ones (2026-12-07)', () => {
    const rows: Cell[][] = [
      ['Plantilla de Kahoot'],
      [],
      [null, 'Pregunta - máx. 120 caracteres', 'Respuesta 1 - máx. 75 caracteres', 'Respuesta 2 - máx. 75 caracteres', 'Tiempo límite (seg)', 'Respuesta(s) correcta(s)'],
      [1, '¿Qué servicio guarda objetos?', 'S3', 'EC2', 20, 1],
    ];
    const r = parseContent(csvOf(rows), 'kahoot/es.csv');
    expect(found(r.findings)).toEqual([]);
    expect(r.deck.questions.map((q) => [q.source.line, q.prompt, q.options.map((o) => o.text), q.correct])).toEqual([[4, '¿Qué servicio guarda objetos?', ['S3', 'EC2'], ['1']]]);
  });

  it('a header in no language the reader knows is not read, and the error names the rows looked at', () => {
    const rows: Cell[][] = [
      ['Kahoot-sjabloon'],
      [],
      [null, 'Vraag - max. 120 tekens', 'Antwoord 1 - max. 75 tekens', 'Antwoord 2 - max. 75 tekens', 'Tijdslimiet (sec)', 'Juiste antwoord(en)'],
      [1, 'Welke dienst slaat objecten op?', 'S3', 'EC2', 20, 1],
    ];
    const r = parseContent(csvOf(rows), 'kahoot/nl.csv');
    expect(r.deck.questions).toEqual([]);
    expect(found(r.findings)).toEqual([
      expect.stringMatching(/^1 error not-a-deck: not a question file: its first row should name the columns \(.*; a title and instructions may come first, but none of lines 1–4 names them\); see docs\/content-intake\.md$/),
    ]);
  });

  it('no header in the first 30 rows: not a deck, naming lines 1–30', () => {
    const rows: Cell[][] = [...Array.from({ length: 30 }, (_, i) => [`Instruction ${i + 1}`]), KAHOOT_HEADER, KAHOOT_ROWS[7]!];
    const r = parseContent(csvOf(rows), 'kahoot/late.csv');
    expect(r.deck.questions).toEqual([]);
    expect(found(r.findings)[0]).toMatch(/none of lines 1–30 names them\); see docs/);
  });
});

// ---------------------------------------------------------------- Quizizz / Wayground

const QUIZIZZ_HEADER: Cell[] = ['Question Text', 'Question Type', 'Option 1', 'Option 2', 'Option 3', 'Option 4', 'Option 5', 'Correct Answer', 'Time in seconds', 'Image Link', 'Answer explanation'];
/** The row under the header in which the sample sheet says what each column takes. */
const QUIZIZZ_GUIDE: Cell[] = [
  'Text of the question\n\n(required)',
  'Question Type\n\n(default is Multiple Choice)',
  'Text for option 1\n\n(required in all cases except open-ended & draw questions)',
  'Text for option 2\n\n(required in all cases except open-ended & draw questions)',
  'Text for option 3\n\n(optional)',
  'Text for option 4\n\n(optional)',
  'Text for option 5\n\n(optional)',
  'The correct option choice (between 1-5).\n\nLeave blank for "Open-Ended", "Poll", "Draw" and "Fill-in-the-Blank".',
  'Time in seconds\n\n(optional, default value is 30 seconds)',
  'Link of the image\n\n(optional)',
  'Explanation for the answer\n(optional)',
];
const PICTURE = 'https://example.com/regions.png';
const QUIZIZZ_ROWS: Cell[][] = [
  QUIZIZZ_HEADER,
  QUIZIZZ_GUIDE,
  ['Which service is a CDN?', 'Multiple Choice', 'CloudFront', 'Route 53', 'S3', 'VPC', null, 1, 20, null, 'CloudFront caches at edge locations.'],
  ['Which are serverless?', 'Checkbox', 'Lambda', 'EC2', 'Fargate', 'EBS', null, '1,3', 30, null, null],
  ['The object storage service is Amazon ___.', 'Fill-in-the-Blank', 'S3', 'Simple Storage Service', null, null, null, null, 30, null, null],
  ['Explain what a region is.', 'Open-Ended', null, null, null, null, null, null, 60, null, null],
  ['Describe an availability zone.', 'Open-Ended', 'One or more data centers in a region', null, null, null, null, null, 60, null, null],
  ['How confident are you with VPCs?', 'Poll', 'Very', 'Somewhat', 'Not yet', null, null, null, 20, null, null],
  ['How many regions does this map show?', null, '12', '24', '33', null, null, 3, 20, PICTURE, null],
  ['Which is an edge service?', 'Multiple Choice', 'CloudFront', 'Global Accelerator', 'EC2', null, null, '1,2', 20, null, null],
  ['Which one is missing its answer?', 'Multiple Choice', 'a', 'b', null, null, null, null, 20, null, null],
  ['Which one names option 5?', 'Multiple Choice', 'a', 'b', 'c', null, null, 5, 20, null, null],
];

describe('Quizizz (Wayground) spreadsheet', () => {
  /** `at`: a sheet row as the format numbers it; in CSV the guide row's line breaks (21) push the questions down. */
  const expectQuizizz = (r: ParseResult, csv: boolean) => {
    const at = (row: number) => (csv ? row + 21 : row);
    expect(served(r)).toEqual([
      { line: at(3), number: '1', kind: 'choice', prompt: 'Which service is a CDN?', options: ['1) CloudFront', '2) Route 53', '3) S3', '4) VPC'], correct: ['1'] },
      { line: at(4), number: '2', kind: 'choice', prompt: 'Which are serverless?', options: ['1) Lambda', '2) EC2', '3) Fargate', '4) EBS'], correct: ['1', '3'] },
      { line: at(5), number: '3', kind: 'flashcard', prompt: 'The object storage service is Amazon ___.', options: [], correct: [], answer: 'S3 / Simple Storage Service' },
      { line: at(7), number: '4', kind: 'flashcard', prompt: 'Describe an availability zone.', options: [], correct: [], answer: 'One or more data centers in a region' },
      { line: at(9), number: '5', kind: 'choice', prompt: `How many regions does this map show?\n\nPicture (${PICTURE})`, options: ['1) 12', '2) 24', '3) 33'], correct: ['3'] },
      { line: at(10), number: '6', kind: 'choice', prompt: 'Which is an edge service?', options: ['1) CloudFront', '2) Global Accelerator', '3) EC2'], correct: ['1', '2'] },
    ]);
    expect(r.deck.questions[0]!.explanation).toBe('CloudFront caches at edge locations.');
    expect(r.deck.questions[4]!.images).toEqual([{ url: PICTURE, alt: '' }]);
    expect(found(r.findings)).toEqual([
      `${at(6)} warning no-answer: row skipped: question type "Open-Ended" with no answer (in its answer or option cells)`,
      `${at(8)} warning no-answer: row skipped: question type "Poll" has no correct answer to study`,
      `${at(10)} warning answer-count: question type "Multiple Choice" but the answer names 2 options (1, 2): served as a question with several answers (Checkbox)`,
      `${at(11)} warning no-answer: row skipped: no answer`,
      `${at(12)} error answer-invalid: row skipped: answer 5 is out of range (options 1–3)`,
    ]);
  };

  it('CSV: the column-guide row skipped, each question type as the platform means it, the image as the picture', () => {
    expectQuizizz(parseContent(csvOf(QUIZIZZ_ROWS, { crlf: true }), 'quizizz/aws.csv'), true);
  });

  it('.xlsx: the same', async () => {
    expectQuizizz(await parseSource(await xlsxOf([{ name: 'Sheet1', rows: QUIZIZZ_ROWS }]), 'quizizz/aws.xlsx'), false);
  });
});

// ---------------------------------------------------------------- Blooket

const BLOOKET_HEADER: Cell[] = [
  'Question #',
  'Question Text',
  'Answer 1',
  'Answer 2',
  'Answer 3\n(Optional)',
  'Answer 4\n(Optional)',
  'Time Limit (sec)\n(Max: 300 seconds)',
  'Correct Answer(s)\n(Only include Answer #)',
];
const BLOOKET_ROWS: Cell[][] = [
  ['Blooket\nImport Template', null, null, null, null, null, null, null],
  BLOOKET_HEADER,
  [1, 'Which database is serverless and key-value?', 'DynamoDB', 'RDS', 'Redshift', 'Aurora', 20, 1],
  [2, 'Which two are block or file storage?', 'EBS', 'EFS', 'SQS', null, 20, '1,2'],
  [],
  [3, 'Which queue keeps order?', 'SQS FIFO', 'SQS standard', null, null, 20, 4],
];

describe('Blooket import template', () => {
  const expectBlooket = (r: ParseResult, lines: number[]) => {
    expect(served(r)).toEqual([
      { line: lines[0], number: '1', kind: 'choice', prompt: 'Which database is serverless and key-value?', options: ['1) DynamoDB', '2) RDS', '3) Redshift', '4) Aurora'], correct: ['1'] },
      { line: lines[1], number: '2', kind: 'choice', prompt: 'Which two are block or file storage?', options: ['1) EBS', '2) EFS', '3) SQS'], correct: ['1', '2'] },
    ]);
    expect(found(r.findings)).toEqual([`${lines[2]} error answer-invalid: row skipped: answer 4 is out of range (options 1–2)`]);
  };

  it('CSV: the two-line title cell, header names over two lines, "Question #" as the number', () => {
    // The title cell and four header cells hold a line break: the header starts on line 3, questions on 8, 9 and 11.
    expectBlooket(parseContent(csvOf(BLOOKET_ROWS, { crlf: true }), 'blooket/db.csv'), [8, 9, 11]);
  });

  it('CSV with ";": found though the title row names no delimiter', () => {
    expectBlooket(parseContent(csvOf(BLOOKET_ROWS, { delimiter: ';' }), 'blooket/db.csv'), [8, 9, 11]);
  });

  it('.xlsx', async () => {
    expectBlooket(await parseSource(await xlsxOf([{ name: 'Sheet1', rows: BLOOKET_ROWS }]), 'blooket/db.xlsx'), [3, 4, 6]);
  });
});

// ---------------------------------------------------------------- Gimkit

const GIMKIT_ROWS: Cell[][] = [
  ['Gimkit Spreadsheet Import Template', null, null, null, null],
  ['Question', 'Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2 (Optional)', 'Incorrect Answer 3 (Optional)'],
  ['Which service sends notifications?', 'SNS', 'SQS', 'Kinesis', 'Step Functions'],
  ['Which service runs containers without servers?', 'Fargate', 'EC2', null, null],
  ['What does IAM stand for?', 'Identity and Access Management', null, null, null],
  ['Which one lost its answer?', null, 'a', 'b', null],
];

describe('Gimkit spreadsheet import', () => {
  const expectGimkit = (r: ParseResult) => {
    expect(served(r)).toEqual([
      // Options in alphabetical order, as JSON banks' correct and incorrect answers: stable, the answer not always first.
      { line: 3, number: '1', kind: 'choice', prompt: 'Which service sends notifications?', options: ['A) Kinesis', 'B) SNS', 'C) SQS', 'D) Step Functions'], correct: ['B'] },
      { line: 4, number: '2', kind: 'choice', prompt: 'Which service runs containers without servers?', options: ['A) EC2', 'B) Fargate'], correct: ['B'] },
      { line: 5, number: '3', kind: 'flashcard', prompt: 'What does IAM stand for?', options: [], correct: [], answer: 'Identity and Access Management' },
    ]);
    expect(found(r.findings)).toEqual(['6 warning no-answer: row skipped: no answer']);
  };

  it('CSV: the answer column and the incorrect answers are the options', () => {
    expectGimkit(parseContent(csvOf(GIMKIT_ROWS, { bom: true }), 'gimkit/messaging.csv'));
  });

  it('.xlsx', async () => {
    expectGimkit(await parseSource(await xlsxOf([{ name: 'Sheet1', rows: GIMKIT_ROWS, merge: ['A1:E1'] }]), 'gimkit/messaging.xlsx'));
  });
});
