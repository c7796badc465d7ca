// One content file -> one deck, whatever its format: markdown notes (parse.ts), CSV question files,
// Anki plain-text exports. Limits are checked first; nothing here throws.
import { extname } from 'node:path';
import type { Finding, ParseResult } from '../types.js';
import { commandFor, deckIdFromPath, parseDeck } from '../parse.js';
import { readFrontMatter } from '../frontmatter.js';
import { checkText, DEFAULT_LIMITS, type IntakeLimits } from '../limits/index.js';
import { parseCsvDeck, TSV_DIALECT } from './csv.js';
import { hasAnkiCsvHeader, hasAnkiHeader, looksLikeAnki, parseAnkiNotes } from './anki.js';
import { looksLikeAiken, parseAikenQuestions } from './aiken.js';
import { looksLikeGift, parseGiftQuestions } from './gift.js';
import { parseJsonBank } from './json.js';
import { parseQuizletCards, quizletLayout } from './quizlet.js';
import { importSource, leadingLines } from './settings.js';

export { CSV_DIALECT, TSV_DIALECT } from './csv.js';
export { ANKI_DIALECT } from './anki.js';
export { AIKEN_DIALECT } from './aiken.js';
export { GIFT_DIALECT } from './gift.js';
export { JSON_DIALECT } from './json.js';
export { QUIZLET_DIALECT } from './quizlet.js';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gift', '.json'];
export const MARKDOWN_DIALECT = 'markdown note';

/** A result for a file that could not be read as a deck: no questions, one error. */
export function failedResult(path: string, finding: Finding, command?: unknown): ParseResult {
  const id = deckIdFromPath(path);
  return {
    deck: { id, path, title: id, description: '', command: commandFor(id, command) || commandFor(id), meta: {}, concepts: [], questions: [] },
    findings: [finding],
  };
}

const NOT_A_DECK =
  'not a deck: a .txt file in the content folder must be an Anki "Notes in Plain Text" export (#separator:tab, #html:true … header lines, or tab-separated fields), a Quizlet export (term, then a tab, " - " or "," and the definition, one card per line or separated by ";"), Aiken questions (a question, options "A. …", then "ANSWER: A") or GIFT questions (answers in braces, {=right ~wrong}); see docs/content-intake.md';

export function parseContent(source: string, path: string, limits: IntakeLimits = DEFAULT_LIMITS): ParseResult {
  const ext = extname(path).toLowerCase();
  const markdown = !IMPORT_EXTENSIONS.includes(ext);
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
