// A question file exported from a spreadsheet (CSV or TSV, read by csv-parse) -> one deck: its text is split into
// records here, and the records become questions in rows.ts (which .xlsx sheets share). Layout: docs/content-intake.md.
import type { Finding, ParseResult } from '../types.js';
import { importedDeck } from './deck.js';
import { findHeader, rowsLookedAt } from './header-row.js';
import { readRecords, type DelimitedRecords } from './records.js';
import { notAQuestionFile, readSheets } from './rows.js';
import { importSource, leadingSettings } from './settings.js';

export const CSV_DIALECT = 'csv questions';
/** Google Sheets' and Excel's "tab-separated values": the same headers, a tab between fields. */
export const TSV_DIALECT = 'tsv questions';

const DELIMITERS = [';', '\t', ','];

/** `;` (Excel in many locales), tab or `,`: whichever the first row uses most, outside quotes. */
function delimiterOf(firstLine: string): string {
  const bare = firstLine.replace(/"[^"]*"/g, '');
  const counts = DELIMITERS.map((d) => ({ d, n: bare.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/**
 * The file's records, split by the delimiter its first row uses, as long as that row is the header. A title
 * row above the header may use none (`"Blooket\nImport Template"`): then the delimiter that finds the header
 * soonest wins (three reads at most, each linear).
 */
function recordsOf(body: string, firstLine: string): DelimitedRecords & { delimiter: string } {
  const preferred = delimiterOf(firstLine);
  const first = { ...readRecords(body, preferred), delimiter: preferred };
  let best = first;
  let bestAt = findHeader(first.records)?.index ?? Infinity;
  if (bestAt === 0) return first;
  for (const delimiter of DELIMITERS.filter((d) => d !== preferred)) {
    const read = { ...readRecords(body, delimiter), delimiter };
    const at = findHeader(read.records)?.index ?? Infinity;
    if (at < bestAt) [best, bestAt] = [read, at];
  }
  return best;
}

export function parseCsvDeck(rawSource: string, path: string, format: { delimiter?: string; dialect?: string } = {}): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: format.dialect ?? CSV_DIALECT };
  const firstLine = source.split('\n')[lead.firstLine - 1] ?? '';
  const { records, unclosedQuoteLine, delimiter } = format.delimiter ? { ...readRecords(lead.body, format.delimiter), delimiter: format.delimiter } : recordsOf(lead.body, firstLine);
  const { headerless, read } = readSheets(deck, [{ records, headerLine: lead.firstLine, delimiter }], path, findings);
  if (headerless.length) {
    findings.push(notAQuestionFile(path, lead.firstLine, undefined, rowsLookedAt(records)));
    return { deck, findings };
  }
  if (!read) return result;
  if (unclosedQuoteLine !== undefined) {
    findings.push({ path, line: unclosedQuoteLine, severity: 'error', message: 'a quote (") opened in this row is never closed; this row and the rest of the file were not read', code: 'csv-row' });
  }
  if (!deck.questions.length) {
    findings.push({ path, line: lead.firstLine, severity: 'error', message: 'no usable question rows in this file', code: 'no-questions' });
  }
  findings.sort((a, b) => a.line - b.line);
  return result;
}
