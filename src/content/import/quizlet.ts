// Quizlet's export (.txt, "Export" on a set): one card per row, `term<TAB>definition`, or the custom
// separators Quizlet offers: ` - ` or `,` between term and definition, a newline or `;` between rows. No
// header. A definition over several lines is written in double quotes (`""` a quote inside). Each row becomes
// a flashcard, term -> definition, hashed as an Anki card with the same front would be.
import type { Finding, ParseResult } from '../types.js';
import { tidy } from '../text.js';
import { shownPlainText as shown } from './code-text.js';
import { addQuestion, importedDeck, questionId } from './deck.js';
import { importSource, leadingSettings } from './settings.js';

export const QUIZLET_DIALECT = 'quizlet cards';

export interface QuizletLayout {
  term: string;
  row: string;
}

interface Row {
  line: number;
  fields: string[];
}

const TERM_SEPARATORS = ['\t', ' - ', ' – ', ','];

/**
 * Rows of `text` (LF-only, file line numbers kept): fields split at `term` (at the first one only unless
 * `all`), a field starting with `"` read up to its closing quote, rows split at `row` outside quotes.
 */
function readRows(text: string, layout: QuizletLayout, all: boolean): Row[] {
  const rows: Row[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) if (text[i++] === '\n') line++;
    if (i >= text.length) break;
    const row: Row = { line, fields: [] };
    let field = '';
    let atStart = true;
    while (i < text.length && !text.startsWith(layout.row, i)) {
      if (atStart && text[i] === '"') {
        let j = i + 1;
        let quoted = '';
        for (; j < text.length; j++) {
          if (text[j] === '"' && text[j + 1] === '"') quoted += text[j++];
          else if (text[j] === '"') break;
          else quoted += text[j];
        }
        if (j < text.length) {
          field += quoted;
          line += quoted.split('\n').length - 1;
          i = j + 1;
          atStart = false;
          continue;
        }
      }
      if ((all || row.fields.length === 0) && text.startsWith(layout.term, i)) {
        row.fields.push(field);
        field = '';
        atStart = true;
        i += layout.term.length;
        continue;
      }
      if (text[i] === '\n') line++;
      if (atStart && /[ ]/.test(text[i]!)) {
        i++;
        continue;
      }
      field += text[i++];
      atStart = false;
    }
    row.fields.push(field);
    rows.push(row);
    if (i < text.length) {
      if (layout.row === '\n') line++;
      i += layout.row.length;
    }
  }
  return rows;
}

let last: { text: string; layout: QuizletLayout | undefined } | undefined;

/**
 * The separators a headerless `.txt` of cards uses, if its rows hold a term separator. The import asks twice of
 * the same text (before Anki's headerless notes, and in them), so the last answer is kept.
 */
export function quizletLayout(text: string): QuizletLayout | undefined {
  if (last?.text !== text) last = { text, layout: findLayout(text) };
  return last.layout;
}

function findLayout(text: string): QuizletLayout | undefined {
  const body = leadingSettings(text).body;
  // Anki's cloze notes (`{{c1::…}}`) are Anki's, two fields or not; so are Flashcards Deluxe's files (`*<TAB>name…`).
  if (!body.trim() || /\{\{c\d+::/.test(body) || body.trimStart().startsWith('*\t')) return undefined;
  const semicolons = body.includes(';');
  for (const term of TERM_SEPARATORS) {
    // A separator the text never holds splits no row: those readings are no cards (and cost a pass each).
    if (!body.includes(term)) continue;
    const byLine = readRows(body, { term, row: '\n' }, term === '\t');
    const bySemicolon = semicolons ? readRows(body, { term, row: ';' }, term === '\t') : [];
    // Every row a card, or (two rows or more) four in five: the others are reported, not taken for another format.
    const cards = (rows: Row[]) => {
      const good = rows.filter((r) => (term === '\t' ? r.fields.length === 2 : r.fields.length > 1)).length;
      return rows.length > 0 && (good === rows.length || (good >= 2 && good >= 0.8 * rows.length));
    };
    if (bySemicolon.length > byLine.length && cards(bySemicolon)) return { term, row: ';' };
    if (cards(byLine)) return { term, row: '\n' };
  }
  const custom = customSeparator(body);
  if (custom === undefined) return undefined;
  const rows = readRows(body, { term: custom, row: '\n' }, false);
  const good = rows.filter((r) => r.fields.length > 1).length;
  return good === rows.length || (good >= 2 && good >= 0.8 * rows.length) ? { term: custom, row: '\n' } : undefined;
}

/** Characters a custom term separator is made of (`/////`, `--`, `->`, `==`, `|`), as Quizlet's "Custom" box allows. */
const SEPARATOR_CHARS = new Set(['-', '=', '/', '|', '~', '>', ':', '_', '*', '#', '+', '→', '\\']);

/** The runs of separator characters a line holds: two or more, or a lone `|` or `→`. */
function runsOf(line: string): Set<string> {
  const runs = new Set<string>();
  let i = 0;
  while (i < line.length) {
    if (!SEPARATOR_CHARS.has(line[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && SEPARATOR_CHARS.has(line[j] as string)) j++;
    const run = line.slice(i, j);
    if (run.length >= 2 || run === '|' || run === '→') runs.add(run);
    i = j;
  }
  return runs;
}

/**
 * A custom separator between term and definition (Quizlet's export lets users type any: real sets use `/////`,
 * `--`, `|`): the run of separator characters four in five of the first 30 lines hold (two lines at least), the
 * one most lines hold, the longer on a tie.
 */
function customSeparator(body: string): string | undefined {
  const lines = body.split('\n', 400).filter((l) => l.trim()).slice(0, 30);
  const counts = new Map<string, number>();
  for (const line of lines) for (const run of runsOf(line.slice(0, 4096))) counts.set(run, (counts.get(run) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [run, n] of counts) {
    if (n > most || (n === most && best !== undefined && run.length > best.length)) [best, most] = [run, n];
  }
  return best !== undefined && most >= 2 && most >= 0.8 * lines.length ? best : undefined;
}

const named = (sep: string): string => (sep === '\t' ? 'a tab' : sep === '\n' ? 'a line break' : `"${sep.trim() || sep}"`);

export function parseQuizletCards(rawSource: string, path: string, layout: QuizletLayout): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  for (const { line, fields } of readRows(lead.body, layout, false)) {
    const [term = '', definition] = fields;
    if (definition === undefined || !tidy(term) || !tidy(definition)) {
      const reason = definition === undefined ? `no ${named(layout.term)} between term and definition` : tidy(term) ? 'the definition is empty' : 'the term is empty';
      findings.push({ path, line, severity: 'warning', message: `card skipped: ${reason}`, code: 'no-answer' });
      continue;
    }
    addQuestion(
      deck,
      {
        id: questionId(deck.id, tidy(term), []),
        deckId: deck.id,
        number: String(deck.questions.length + 1),
        kind: 'flashcard',
        prompt: shown(term),
        options: [],
        correct: [],
        answerText: shown(definition),
        explanation: '',
        scored: false,
        source: { path, line },
      },
      findings,
    );
  }
  if (!deck.questions.length) findings.push({ path, line: lead.firstLine, severity: 'error', message: 'no cards (term, then definition) in this file', code: 'no-questions' });
  findings.sort((a, b) => a.line - b.line);
  return { deck, findings, dialect: QUIZLET_DIALECT };
}
