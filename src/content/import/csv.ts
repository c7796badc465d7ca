// A question file exported from a spreadsheet (CSV or TSV, read by csv-parse) -> one deck: its text is split into
// records here, and the records become questions in rows.ts (which .xlsx sheets share). Layout: docs/content-intake.md.
import type { Finding, ParseResult } from '../types.js';
import { importedDeck } from './deck.js';
import { readRecords } from './records.js';
import { notAQuestionFile, readSheets } from './rows.js';
import { importSource, leadingSettings } from './settings.js';

export const CSV_DIALECT = 'csv questions';
/** Google Sheets' and Excel's "tab-separated values": the same headers, a tab between fields. */
export const TSV_DIALECT = 'tsv questions';

/** `;` (Excel in many locales), tab or `,`: whichever the header row uses most, outside quotes. */
function delimiterOf(headerLine: string): string {
  const bare = headerLine.replace(/"[^"]*"/g, '');
  const counts = [';', '\t', ','].map((d) => ({ d, n: bare.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function parseCsvDeck(rawSource: string, path: string, format: { delimiter?: string; dialect?: string } = {}): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: format.dialect ?? CSV_DIALECT };
  const headerLine = source.split('\n')[lead.firstLine - 1] ?? '';
  const delimiter = format.delimiter ?? delimiterOf(headerLine);
  const { records, unclosedQuoteLine } = readRecords(lead.body, delimiter);
  const { headerless, read } = readSheets(deck, [{ records, headerLine: lead.firstLine, delimiter }], path, findings);
  if (headerless.length) {
    findings.push(notAQuestionFile(path, lead.firstLine));
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
