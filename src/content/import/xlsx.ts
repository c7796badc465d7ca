// An Excel workbook (.xlsx) -> one deck. The archive is checked first (limits/zip.ts), exceljs reads the cells
// (xlsx-cells.ts), and each sheet's rows go through the CSV pipeline (rows.ts): the same header names, answers,
// findings and question ids. Layout: docs/content-intake.md ("Excel workbooks").
import type { Finding, ParseResult } from '../types.js';
import { DEFAULT_LIMITS, type IntakeLimits } from '../limits/index.js';
import { checkArchive } from '../limits/zip.js';
import { failedResult, importedDeck } from './deck.js';
import { findHeader, HEADER_SEARCH_ROWS, rowsLookedAt } from './header-row.js';
import type { DelimitedRecord } from './records.js';
import { notAQuestionFile, readSheets, type RowSheet } from './rows.js';
import { leadingSettings } from './settings.js';
import { readWorkbook, type SheetRows } from './xlsx-cells.js';

export const XLSX_DIALECT = 'xlsx questions';
/** A workbook none of whose sheets has a question header, its sheets of front, back rows read as flashcards. */
export const XLSX_CARDS_DIALECT = 'xlsx cards';

/** Names spreadsheets give new sheets ("Sheet1", "Feuil2", "Tabelle3"…): no domain. */
const DEFAULT_SHEET_NAME = /^(?:sheet|feuil|tabelle|hoja|foglio|planilha|plan|blad|arkusz|list|лист)\s*\d+$/i;

/** Rows at the top of a sheet whose first cell starts with `#`: settings, as `#` lines are in a CSV file. */
function splitSettings(rows: DelimitedRecord[]): { settings: DelimitedRecord[]; table: DelimitedRecord[] } {
  const n = rows.findIndex((r) => !(r.cells[0] ?? '').trimStart().startsWith('#'));
  const at = n < 0 ? rows.length : n;
  return { settings: rows.slice(0, at), table: rows.slice(at) };
}

/** `# title:` | `AWS practice exam` in two cells reads as `# title: AWS practice exam`; lines stay row numbers. */
function settingsText(rows: DelimitedRecord[]): string {
  const lines: string[] = [];
  for (const r of rows) lines[r.line - 1] = r.cells.map((c) => c.trim()).filter(Boolean).join(' ').replace(/\n/g, ' ');
  return Array.from(lines, (l) => l ?? '').join('\n');
}

export async function parseWorkbook(bytes: Uint8Array, path: string, limits: IntakeLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  const refused = checkArchive(bytes, path, limits);
  if (refused) return failedResult(path, refused);
  let sheets: SheetRows[];
  try {
    sheets = await readWorkbook(bytes);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return failedResult(path, { path, line: 1, severity: 'error', message: `could not read this workbook (${reason}); save it again as Excel Workbook (.xlsx), or as CSV`, code: 'unreadable-workbook' });
  }
  return deckOfSheets(sheets, path);
}

/** The deck of a workbook's sheets: every sheet with a question header is read; other non-empty sheets are reported. */
export function deckOfSheets(sheets: SheetRows[], path: string): ParseResult {
  const findings: Finding[] = [];
  const parts = sheets.filter((s) => s.rows.length).map((s) => ({ name: s.name, ...splitSettings(s.rows) }));
  // Settings rows: the first sheet that has them, as a CSV file's `#` lines.
  const lead = leadingSettings(settingsText(parts.find((p) => p.settings.length)?.settings ?? []));
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: XLSX_DIALECT };
  const tables = parts.filter((p) => p.table.length);
  const several = tables.length > 1;
  const questionSheets = tables.filter((t) => findHeader(t.table)).length;
  const rowSheets = tables.map(
    (t): RowSheet => ({
      records: t.table,
      headerLine: t.table[0]!.line,
      ...(several ? { label: `sheet "${t.name}"` } : {}),
      // A sheet per exam domain: its name is the domain of its rows that name none.
      ...(questionSheets > 1 && !DEFAULT_SHEET_NAME.test(t.name.trim()) ? { domain: t.name.trim() } : {}),
    }),
  );
  const { headerless, read, cards, notCards } = readSheets(deck, rowSheets, path, findings);
  if (cards) result.dialect = XLSX_CARDS_DIALECT;
  if (headerless.length === rowSheets.length) {
    const where = !rowSheets.length ? 'the workbook is empty; its first row' : several ? 'no sheet starts with a row that names its columns; a sheet\'s first row' : 'its first row';
    const looked = !rowSheets.length ? undefined : several ? `the first ${HEADER_SEARCH_ROWS} rows of any sheet` : rowsLookedAt(rowSheets[0]!.records);
    findings.push(notAQuestionFile(path, rowSheets[0]?.headerLine ?? 1, where, looked, notCards));
    return { deck, findings };
  }
  for (const sheet of headerless) {
    findings.push({
      path,
      line: sheet.headerLine,
      severity: 'warning',
      message: `${sheet.label ?? 'sheet'} skipped: its first row names no question column (question, prompt, …); a sheet of instructions is fine, a sheet of questions needs a header row`,
      code: 'sheet-skipped',
    });
  }
  if (read && !deck.questions.length) {
    findings.push({ path, line: rowSheets[0]?.headerLine ?? 1, severity: 'error', message: 'no usable question rows in this workbook', code: 'no-questions' });
  }
  findings.sort((a, b) => a.line - b.line);
  return result;
}
