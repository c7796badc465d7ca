// An answer of numbers where the options are numbers too (`What is 2 + 2?` with options 3, 4, 1, 2 and answer `2`):
// in the quiz platforms' templates (numbered option columns) the answer is an option's number; in any other sheet
// the option with that text is used and a warning says the answer could be read both ways. Our own imitations.
import { describe, expect, it } from 'vitest';
import { parseContent, parseSource } from '../../src/content/import/index.js';
import { matchAnswer } from '../../src/content/import/deck.js';
import type { Finding, ParseResult } from '../../src/content/types.js';

type Cell = string | number | null;
const csvOf = (rows: Cell[][]): string => rows.map((r) => r.map((c) => (c === null ? '' : /[,"\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\n') + '\n';
const correctTexts = (r: ParseResult) => r.deck.questions.map((q) => [q.prompt, q.correct.map((id) => q.options.find((o) => o.id === id)!.text)]);
const found = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`);

async function xlsxOf(rows: Cell[][]): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((row, i) => row.forEach((cell, j) => {
    if (cell !== null && cell !== '') ws.getCell(i + 1, j + 1).value = cell;
  }));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const KAHOOT: Cell[][] = [
  ['Quiz template'],
  [null, 'Question - max 120 characters', 'Answer 1 - max 75 characters', 'Answer 2 - max 75 characters', 'Answer 3 - max 75 characters', 'Answer 4 - max 75 characters', 'Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs', 'Correct answer(s) - choose at least one'],
  [1, 'What is 2 + 2?', 3, 4, 1, 2, 20, 2],
  [2, 'Which two are even?', 2, 3, 4, 1, 20, '1,3'],
  [3, 'Which two are odd?', 1, 2, 3, 4, 20, '1 and 3'],
  // Numbers beyond the options' count are no option numbers: the option with that text.
  [4, 'What is 10 + 2?', 10, 11, 12, 13, 20, 12],
  [5, 'Which one is proxy?', 'Proxy integration', 'Mock integration', null, null, 20, 'Proxy integration'],
];
const KAHOOT_SERVED = [
  ['What is 2 + 2?', ['4']],
  ['Which two are even?', ['2', '4']],
  ['Which two are odd?', ['1', '3']],
  ['What is 10 + 2?', ['12']],
  ['Which one is proxy?', ['Proxy integration']],
];

describe('numbered option columns (Kahoot, Quizizz, Blooket): an answer of integers is option numbers', () => {
  it('Kahoot CSV: "2" is option 2 ("4"), not the option whose text is "2"; no finding', () => {
    const r = parseContent(csvOf(KAHOOT), 'kahoot/sums.csv');
    expect(correctTexts(r)).toEqual(KAHOOT_SERVED);
    expect(found(r.findings)).toEqual([]);
  });

  it('Kahoot .xlsx with number cells: the same', async () => {
    const r = await parseSource(await xlsxOf(KAHOOT), 'kahoot/sums.xlsx');
    expect(correctTexts(r)).toEqual(KAHOOT_SERVED);
    expect(found(r.findings)).toEqual([]);
  });

  it('Quizizz: "Option 1…5" and "Correct Answer" 3 is option 3, an empty option column aside', () => {
    const r = parseContent(
      csvOf([
        ['Question Text', 'Question Type', 'Option 1', 'Option 2', 'Option 3', 'Option 4', 'Option 5', 'Correct Answer', 'Time in seconds', 'Image Link', 'Answer explanation'],
        ['What is 3 - 1?', 'Multiple Choice', 1, 3, 2, 4, null, 3, 30, null, null],
        ['Which are primes?', 'Checkbox', 4, 2, 9, 3, null, '2,4', 30, null, null],
        ['What is 1 + 1?', 'Multiple Choice', 2, null, 3, 1, null, 1, 30, null, null],
      ]),
      'quizizz/sums.csv',
    );
    expect(correctTexts(r)).toEqual([
      ['What is 3 - 1?', ['2']],
      ['Which are primes?', ['2', '3']],
      ['What is 1 + 1?', ['2']],
    ]);
    expect(found(r.findings)).toEqual([]);
  });

  it('Blooket: "Answer 1…4" and "Correct Answer(s)"', () => {
    const r = parseContent(
      csvOf([
        ['Blooket\nImport Template'],
        ['Question #', 'Question Text', 'Answer 1', 'Answer 2', 'Answer 3\n(Optional)', 'Answer 4\n(Optional)', 'Time Limit (sec)\n(Max: 300 seconds)', 'Correct Answer(s)\n(Only include Answer #)'],
        [1, 'How many legs has a spider?', 6, 8, 10, 4, 20, 2],
      ]),
      'blooket/legs.csv',
    );
    expect(correctTexts(r)).toEqual([['How many legs has a spider?', ['8']]]);
    expect(found(r.findings)).toEqual([]);
  });
});

describe('other sheets: an answer that is both an option text and option labels', () => {
  it('letter columns: the option with that text, and a warning naming both readings', () => {
    const r = parseContent(csvOf([['Question', 'A', 'B', 'C', 'D', 'Answer'], ['What is 2 + 2?', 3, 4, 1, 2, 2], ['What is 1 + 1?', 2, 1, 3, 4, 2]]), 'x/sums.csv');
    expect(correctTexts(r)).toEqual([
      ['What is 2 + 2?', ['2']],
      ['What is 1 + 1?', ['2']],
    ]);
    expect(found(r.findings)).toEqual([
      '2 warning answer-ambiguous: answer "2" is ambiguous: it is the text of option D ("2"), used as such; read as option numbers it would be B ("4"); write the option\'s label or its text so that only one reading fits',
      '3 warning answer-ambiguous: answer "2" is ambiguous: it is the text of option A ("2"), used as such; read as option numbers it would be B ("1"); write the option\'s label or its text so that only one reading fits',
    ]);
  });

  it('an options list column: the same warning; a text that is also its own number is silent', () => {
    const r = parseContent(csvOf([['Question', 'Options', 'Answer'], ['What is 2 + 2?', '3|4|1|2', 2], ['What is 1 + 1?', '1|2|3|4', 2]]), 'x/list.csv');
    expect(correctTexts(r)).toEqual([
      ['What is 2 + 2?', ['2']],
      ['What is 1 + 1?', ['2']],
    ]);
    expect(found(r.findings).map((f) => f.slice(0, 38))).toEqual(['2 warning answer-ambiguous: answer "2"']);
  });

  it('a letter that is also an option\'s text', () => {
    const r = parseContent(csvOf([['Question', 'A', 'B', 'C', 'Answer'], ['Which vitamin is in carrots?', 'C', 'A', 'D', 'A']]), 'x/vitamins.csv');
    expect(correctTexts(r)).toEqual([['Which vitamin is in carrots?', ['A']]]);
    expect(found(r.findings)).toEqual([
      '2 warning answer-ambiguous: answer "A" is ambiguous: it is the text of option B ("A"), used as such; read as option labels it would be A ("C"); write the option\'s label or its text so that only one reading fits',
    ]);
  });

  it('Gimkit: the answer column is the right option\'s text (options sorted), no warning', () => {
    const r = parseContent(
      csvOf([
        ['Gimkit Spreadsheet Import Template'],
        ['Question', 'Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2 (Optional)', 'Incorrect Answer 3 (Optional)'],
        ['What is 2 + 2?', 4, 10, 6, 8],
        ['What is 1 + 1?', 2, 1, 3, 4],
      ]),
      'gimkit/sums.csv',
    );
    expect(correctTexts(r)).toEqual([
      ['What is 2 + 2?', ['4']],
      ['What is 1 + 1?', ['2']],
    ]);
    expect(found(r.findings)).toEqual([]);
  });

  it('matchAnswer: "numbers" reads integers as option numbers, else as "any"', () => {
    const options = ['3', '4', '1', '2'].map((text, i) => ({ id: String(i + 1), text }));
    expect(matchAnswer('2', options, 'numbers')).toEqual({ correct: ['2'] });
    expect(matchAnswer('1;3', options, 'numbers')).toEqual({ correct: ['1', '3'] });
    expect(matchAnswer('2', options, 'text')).toEqual({ correct: ['4'] });
    expect(matchAnswer('2', options)).toMatchObject({ correct: ['4'], alsoReads: expect.stringContaining('read as option numbers it would be 2 ("4")') });
  });
});
