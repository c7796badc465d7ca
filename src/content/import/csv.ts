// A question file exported from a spreadsheet (CSV or TSV, read by csv-parse) -> one deck: its text is split into
// records here, and the records become questions in rows.ts (which .xlsx sheets share). Layout: docs/content-intake.md.
import type { Finding, ParseResult } from '../types.js';
import { importedDeck } from './deck.js';
import { findHeader, rowsLookedAt } from './header-row.js';
import { cardLayout, filledWidth } from './card-rows.js';
import { readRecords, type DelimitedRecord, type DelimitedRecords } from './records.js';
import { notAQuestionFile, readSheets } from './rows.js';
import { importSource, leadingSettings } from './settings.js';

export const CSV_DIALECT = 'csv questions';
/** Google Sheets' and Excel's "tab-separated values": the same headers, a tab between fields. */
export const TSV_DIALECT = 'tsv questions';
/** A file with no question header whose rows are front, back: flashcards (card-rows.ts). */
export const CSV_CARDS_DIALECT = 'csv cards';
export const TSV_CARDS_DIALECT = 'tsv cards';

const DELIMITERS = [';', '\t', ','];

/** `;` (Excel in many locales), tab or `,`: whichever the first row uses most, outside quotes. */
function delimiterOf(firstLine: string): string {
  const bare = firstLine.replace(/"[^"]*"/g, '');
  const counts = DELIMITERS.map((d) => ({ d, n: bare.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/**
 * With no header anywhere, the delimiter that makes the most rows cards (card-rows.ts), the rows it leaves
 * too wide or too narrow counted against it: `Was ist S3?;Objektspeicher, global` is one card split at `;`.
 */
function cardScore(records: DelimitedRecord[]): number {
  const verdict = cardLayout(records);
  if (!verdict || !('layout' in verdict)) return -Infinity;
  const columns = verdict.layout.third ? 3 : 2;
  return verdict.layout.rows.reduce((n, r) => n + (filledWidth(r.cells) === 2 || filledWidth(r.cells) === columns ? 1 : -1), 0);
}

/** Lines a header is looked for in when choosing the delimiter: 30 rows, with room for cells over several lines. */
const HEAD_LINES = 400;

/** Where line `line` (1-based) of `text` starts, or the text's length when it has fewer lines. */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/**
 * The records of the file's text (LF-only, its settings lines blanked). The delimiter is the one the first row
 * uses, as long as that row is the header; a title row above the header may use none (`"Blooket\nImport
 * Template"`): then the one that finds the header soonest in the first lines. The rows above a header found
 * there come from that first look, and the rest is read from the header on: a title row narrower than the
 * header slows csv-parse down on every row after it.
 */
function recordsOf(body: string, firstLine: string, fixed: string | undefined): DelimitedRecords & { delimiter: string } {
  const head = body.slice(0, lineStart(body, HEAD_LINES + 1));
  const look = (delimiter: string) => {
    const records = readRecords(head, delimiter).records;
    return { delimiter, records, at: findHeader(records)?.index ?? Infinity };
  };
  let best = look(fixed ?? delimiterOf(firstLine));
  const looked = [best];
  for (const d of fixed ? [] : DELIMITERS) {
    if (best.at === 0) break;
    if (d === best.delimiter) continue;
    const other = look(d);
    looked.push(other);
    if (other.at < best.at) best = other;
  }
  if (best.at === Infinity) best = looked.reduce((a, b) => (cardScore(b.records) > cardScore(a.records) ? b : a));
  const { delimiter, records, at } = best;
  if (at === 0 || at === Infinity) return { ...readRecords(body, delimiter), delimiter };
  const headerLine = records[at]!.line;
  const rest = readRecords('\n'.repeat(headerLine - 1) + body.slice(lineStart(body, headerLine)), delimiter);
  return { ...rest, records: [...records.slice(0, at), ...rest.records], delimiter };
}

export function parseCsvDeck(rawSource: string, path: string, format: { delimiter?: string; dialect?: string } = {}): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: format.dialect ?? CSV_DIALECT };
  const firstLine = source.split('\n')[lead.firstLine - 1] ?? '';
  const { records, unclosedQuoteLine, delimiter } = recordsOf(lead.body, firstLine, format.delimiter);
  const { headerless, read, cards, notCards } = readSheets(deck, [{ records, headerLine: lead.firstLine, delimiter }], path, findings);
  if (headerless.length) {
    findings.push(notAQuestionFile(path, lead.firstLine, undefined, rowsLookedAt(records), notCards));
    return { deck, findings };
  }
  if (cards) result.dialect = format.dialect === TSV_DIALECT ? TSV_CARDS_DIALECT : CSV_CARDS_DIALECT;
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
