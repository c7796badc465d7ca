// Where a sheet's header row is: the first row, or below the title and instructions quiz platforms' templates put
// above it (Kahoot, Blooket, Gimkit). What is above it is not read; a row there that looks like a question is reported.
import type { Finding } from '../types.js';
import { columnsOf, type CsvColumns } from './columns.js';
import type { DelimitedRecord } from './records.js';

/** Rows searched for the header: Kahoot's template has it on row 7 or 8; a sheet with 30 rows of prose above its questions is not a question sheet. */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderRow {
  /** Index of the header in the sheet's records. */
  index: number;
  columns: CsvColumns;
}

/** The first of the sheet's first 30 rows that names question columns (columns.ts). */
export function findHeader(records: DelimitedRecord[]): HeaderRow | undefined {
  const n = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < n; index++) {
    const columns = columnsOf(records[index]!.cells);
    if (columns) return { index, columns };
  }
  return undefined;
}

/** `lines 1–30`: the rows a header was looked for in, for the finding that says none was found. */
export function rowsLookedAt(records: DelimitedRecord[]): string | undefined {
  const looked = records.slice(0, HEADER_SEARCH_ROWS);
  if (!looked.length) return undefined;
  const [first, last] = [looked[0]!.line, looked.at(-1)!.line];
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

const filled = (cells: string[]): string[] => cells.map((c) => c.trim()).filter(Boolean);

/**
 * A row that may be a question put above the header: a question mark and something beside it, or three filled
 * cells. Titles and instructions fill one cell (often merged across the row), so they stay silent.
 */
const looksLikeQuestion = (cells: string[]): boolean => {
  const texts = filled(cells);
  return texts.length >= 3 || (texts.length >= 2 && texts.some((t) => t.endsWith('?')));
};

/** One warning for the rows above the header, at the first that looks like a question; none for a title and instructions. */
export function rowsAboveHeader(above: DelimitedRecord[], headerLine: number, path: string): Finding[] {
  const question = above.find((r) => looksLikeQuestion(r.cells));
  if (!question) return [];
  return [
    {
      path,
      line: question.line,
      severity: 'warning',
      message: `row not read: it is above the header row (line ${headerLine}), where a template's title and instructions go; a question belongs below the header`,
      code: 'above-header',
    },
  ];
}

/** `(required)`, `(optional, default value is 30 seconds)`: how a template describes a column. */
const GUIDE_WORDS = /\((?:required|optional)\b/i;

/**
 * The row under the header in which a template says what each column takes (Quizizz's "Text of the question
 * (required)", "Time in seconds (optional…)"): half or more of its cells, and at least two, say "(required)" or
 * "(optional…)" or repeat their column's name. Not a question, skipped without a finding, as the instructions above a header are.
 */
export function isColumnGuide(row: DelimitedRecord, header: DelimitedRecord): boolean {
  let texts = 0;
  let guides = 0;
  row.cells.forEach((cell, i) => {
    const text = cell.trim();
    if (!text) return;
    texts++;
    const name = (header.cells[i] ?? '').trim().toLowerCase();
    if (GUIDE_WORDS.test(text) || (name.length >= 4 && text.toLowerCase().includes(name))) guides++;
  });
  return guides >= 2 && guides * 2 >= texts;
}
