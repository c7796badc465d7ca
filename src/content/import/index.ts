// One content file -> one deck, whatever its format: markdown notes (parse.ts), CSV question files,
// Anki plain-text exports, Excel workbooks and Anki packages (read from their bytes). Limits are checked first; nothing here throws.
import { extname } from 'node:path';
import type { Finding, ParseResult } from '../types.js';
import { parseDeck } from '../parse.js';
import { readFrontMatter } from '../frontmatter.js';
import { checkText, DEFAULT_LIMITS, maxPackageBytes, tooLarge, type IntakeLimits } from '../limits/index.js';
import { parseCsvDeck, TSV_DIALECT } from './csv.js';
import { hasAnkiCsvHeader, hasAnkiHeader, looksLikeAnki, parseAnkiNotes } from './anki.js';
import { looksLikeAiken, parseAikenQuestions } from './aiken.js';
import { looksLikeGift, parseGiftQuestions } from './gift.js';
import { parseJsonBank } from './json.js';
import { parseMoodleXml } from './moodle-xml.js';
import { parseQuizletCards, quizletLayout } from './quizlet.js';
import { importSource, leadingLines } from './settings.js';
import { failedResult } from './deck.js';
import { parseWorkbook } from './xlsx.js';
import { parsePackage } from './apkg.js';

export { CSV_DIALECT, TSV_DIALECT } from './csv.js';
export { ANKI_DIALECT } from './anki.js';
export { AIKEN_DIALECT } from './aiken.js';
export { GIFT_DIALECT } from './gift.js';
export { JSON_DIALECT } from './json.js';
export { MOODLE_XML_DIALECT } from './moodle-xml.js';
export { QUIZLET_DIALECT } from './quizlet.js';
export { XLSX_DIALECT } from './xlsx.js';
export { APKG_DIALECT } from './apkg.js';
export { failedResult } from './deck.js';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
/** Spreadsheets that are read from their bytes (.xlsx), or refused with a finding saying how to save them. */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xls', '.ods'];
/** Anki Deck Packages and Collection Packages (zips holding an SQLite collection), read from their bytes. */
export const PACKAGE_EXTENSIONS = ['.apkg', '.colpkg'];
export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gift', '.json', '.xml', ...WORKBOOK_EXTENSIONS, ...PACKAGE_EXTENSIONS];
export const MARKDOWN_DIALECT = 'markdown note';

const isPackage = (path: string): boolean => PACKAGE_EXTENSIONS.includes(extname(path).toLowerCase());

/** True for files whose bytes, not their text, are parsed (`parseSource`). */
export const readsBytes = (path: string): boolean => WORKBOOK_EXTENSIONS.includes(extname(path).toLowerCase()) || isPackage(path);

/** The largest file of this kind that is read into memory: packages carry their media, so they may be larger. */
export const maxBytesOf = (path: string, limits: IntakeLimits = DEFAULT_LIMITS): number => (isPackage(path) ? maxPackageBytes(limits) : limits.maxFileBytes);

/** The too-large finding for a file of this kind. */
export const tooLargeFile = (path: string, bytes: number, limits: IntakeLimits = DEFAULT_LIMITS) =>
  isPackage(path) ? tooLarge(path, bytes, limits, maxPackageBytes(limits), 'export the deck from Anki without its media, or split it') : tooLarge(path, bytes, limits);

const OTHER_SPREADSHEET: Record<string, string> = {
  '.xls': 'an old Excel (.xls) workbook',
  '.ods': 'an OpenDocument (.ods) spreadsheet',
};

/**
 * Any content file: a workbook or an Anki package from its bytes (async: exceljs and sql.js load asynchronously), other files from their text
 * (`parseContent`). Never rejects.
 */
export async function parseSource(source: string | Uint8Array, path: string, limits: IntakeLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  const ext = extname(path).toLowerCase();
  if (!readsBytes(path)) return parseContent(typeof source === 'string' ? source : Buffer.from(source).toString('utf8'), path, limits);
  const other = OTHER_SPREADSHEET[ext];
  if (other) {
    const message = `${other} is not read: open it in Excel, LibreOffice or Google Sheets and save it as Excel Workbook (.xlsx) or as CSV; see docs/content-intake.md`;
    return failedResult(path, { path, line: 1, severity: 'error', message, code: 'not-a-deck' });
  }
  if (typeof source === 'string') return failedResult(path, { path, line: 1, severity: 'error', message: `a ${ext} file is read from its bytes, not as text`, code: 'internal' });
  try {
    const bytes = source.byteLength;
    if (bytes > maxBytesOf(path, limits)) return failedResult(path, tooLargeFile(path, bytes, limits));
    return await (isPackage(path) ? parsePackage(source, path, limits) : parseWorkbook(source, path, limits));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failedResult(path, { path, line: 1, severity: 'error', message: `could not read this file: ${message}`, code: 'internal' });
  }
}


const NOT_A_DECK =
  'not a deck: a .txt file in the content folder must be an Anki "Notes in Plain Text" export (#separator:tab, #html:true … header lines, or tab-separated fields), a Quizlet export (term, then a tab, " - " or "," and the definition, one card per line or separated by ";"), Aiken questions (a question, options "A. …", then "ANSWER: A") or GIFT questions (answers in braces, {=right ~wrong}); see docs/content-intake.md';

export function parseContent(source: string, path: string, limits: IntakeLimits = DEFAULT_LIMITS): ParseResult {
  const ext = extname(path).toLowerCase();
  const markdown = !IMPORT_EXTENSIONS.includes(ext);
  if (readsBytes(path)) return failedResult(path, { path, line: 1, severity: 'error', message: `a ${ext} file is read from its bytes (parseSource), not as text`, code: 'internal' });
  try {
    const over = checkText(source, path, markdown ? limits : { ...limits, maxNesting: Infinity });
    if (over) {
      // The front matter is read with its own bounds, so the deck's command can still be named.
      const command = markdown && over.code !== 'too-large' ? readFrontMatter(source.replace(/\r\n?/g, '\n')).meta.command : undefined;
      return failedResult(path, over, command);
    }
    // Anki's import and export header (`#separator:Comma`, `#columns:…`) makes a .csv Anki's, as Anki reads it.
    if (ext === '.csv') return hasAnkiCsvHeader(leadingLines(importSource(source))) ? parseAnkiNotes(source, path) : parseCsvDeck(source, path);
    if (ext === '.tsv') return parseCsvDeck(source, path, { delimiter: '\t', dialect: TSV_DIALECT });
    if (ext === '.gift') return parseGiftQuestions(source, path);
    if (ext === '.json') return parseJsonBank(source, path);
    if (ext === '.xml') return parseMoodleXml(source, path);
    if (ext === '.txt') {
      const text = importSource(source);
      const lead = leadingLines(text);
      if (hasAnkiHeader(lead)) return parseAnkiNotes(source, path);
      if (looksLikeAiken(text)) return parseAikenQuestions(source, path);
      // Quizlet's term<TAB>definition rows before Anki's older headerless exports (which may have more fields);
      // its other separators (` - `, `,`) only when the file is not GIFT.
      const cards = quizletLayout(text);
      if (cards?.term === '\t') return parseQuizletCards(source, path, cards);
      if (looksLikeAnki(lead, text)) return parseAnkiNotes(source, path);
      if (looksLikeGift(text)) return parseGiftQuestions(source, path);
      if (cards) return parseQuizletCards(source, path, cards);
      return failedResult(path, { path, line: 1, severity: 'error', message: NOT_A_DECK, code: 'not-a-deck' });
    }
    const result = parseDeck(source, path);
    return result.dialect ? result : { ...result, dialect: MARKDOWN_DIALECT };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failedResult(path, { path, line: 1, severity: 'error', message: `could not read this file: ${message}`, code: 'internal' });
  }
}
