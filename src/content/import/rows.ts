// Spreadsheet rows -> questions: what a CSV/TSV file (csv.ts) and the sheets of an .xlsx workbook (xlsx.ts)
// share once their cells are read. Header names: columns.ts; layout and findings: docs/content-intake.md.
import type { Concept, Deck, Finding, Question, QuestionOption } from '../types.js';
import { deriveAliases, slugify } from '../aliases.js';
import { decodeEntities, htmlToText, tidy } from '../text.js';
import { countingFinding, fromOne, indexCounting } from './index-answers.js';
import { writesEntityText } from './html-entities.js';
import { hasMarkup, markCellCode, markWholeCode, shownText } from './code-text.js';
import { UNDERSTOOD_HEADERS, type CsvColumns } from './columns.js';
import { addQuestion, letterLabel, matchAnswer, questionId, type AnswerReading } from './deck.js';
import { cardLayout, cardRowProblem } from './card-rows.js';
import { findHeader, isColumnGuide, rowsAboveHeader } from './header-row.js';
import { cardAnswer, quizTypeOf } from './quiz-types.js';
import { rowExplanation, unreadNotesFinding } from './row-explanation.js';
import { tagDomains } from './tags.js';
import type { DelimitedRecord } from './records.js';

/** One table of question rows: a CSV file, or one sheet of a workbook. */
export interface RowSheet {
  /**
   * The rows, each with the file line (CSV) or sheet row number (workbook) it starts on: the header first, or
   * below a title and instructions (header-row.ts).
   */
  records: DelimitedRecord[];
  /** Line of the sheet's first row, where the header is looked for. */
  headerLine: number;
  /**
   * The CSV delimiter: a row with more fields than the header is then an error (an unquoted delimiter), and `;`
   * splits an options cell only when it is not the delimiter. A workbook has none: cells right of the header are not read.
   */
  delimiter?: string;
  /** Named at the start of this sheet's findings (`sheet "Networking"`). */
  label?: string;
  /** The domain of rows that name none (a workbook with a sheet per exam domain). */
  domain?: string;
}

export interface SheetsRead {
  /** Sheets none of whose first rows (header-row.ts) names question columns, and that are no flashcard deck either: not read. */
  headerless: RowSheet[];
  /** Sheets whose rows were read (a header naming options but no answer is an error; its rows are not read). */
  read: number;
  /** Of those, the sheets read as flashcards with no question header (card-rows.ts). */
  cards: number;
  /** Why the first headerless sheet's rows of two or three cells were not read as cards, for the not-a-deck error. */
  notCards?: string;
}

const CARDS_INSTEAD = 'or, with no header, a flashcard on each row: front, then back';

/** `looked`: the rows searched for a header (`lines 1–30`), named in the message; `notCards`: why the rows are no flashcards. */
export const notAQuestionFile = (path: string, line: number, what = 'its first row', looked?: string, notCards?: string): Finding => ({
  path,
  line,
  severity: 'error',
  message: `not a question file: ${what} should name the columns (${UNDERSTOOD_HEADERS}; ${CARDS_INSTEAD}${looked ? `; a title and instructions may come first, but none of ${looked} names them` : ''}${notCards ? `; not read as flashcards: ${notCards}` : ''}); see docs/content-intake.md`,
  code: 'not-a-deck',
});

const prefixed = (findings: Finding[], label: string | undefined): Finding[] =>
  label ? findings.map((f) => ({ ...f, message: `${label}: ${f.message}` })) : findings;

/**
 * Reads the rows of each sheet that has a question header into the deck, numbering questions across sheets;
 * concepts are gathered across them too. Findings go to `findings`, each sheet's named by its label.
 */
export function readSheets(deck: Deck, sheets: RowSheet[], path: string, findings: Finding[]): SheetsRead {
  const headerless: RowSheet[] = [];
  const ready: ReadySheet[] = [];
  for (const sheet of sheets) {
    const found = findHeader(sheet.records);
    if (!found) {
      headerless.push(sheet);
      continue;
    }
    const { columns } = found;
    const header = sheet.records[found.index]!;
    const out = rowsAboveHeader(sheet.records.slice(0, found.index), header.line, path);
    const below = sheet.records.slice(found.index + 1);
    const rows = below[0] && isColumnGuide(below[0], header) ? below.slice(1) : below;
    if (headerProblems(columns, path, header.line, out)) ready.push({ sheet, columns, rows, problem: tooWide(header.cells.length, sheet.delimiter) });
    const unread = unreadNotesFinding(columns, rows, path, header.line);
    if (unread) out.push(unread);
    findings.push(...prefixed(out, sheet.label));
  }
  // Headerless sheets are flashcards only where no sheet has a header: beside question sheets they are instructions.
  const cards = headerless.length === sheets.length ? cardSheets(headerless, path) : { sheets: [], notCards: undefined };
  ready.push(...cards.sheets);
  const concepts: ConceptsSeen = { byName: new Map(), rows: new Map(), defined: new Set() };
  let running = 0;
  const cells = ready.flatMap(({ rows }) => rows.map((row) => row.cells));
  const htmlFile = writesHtml(cells) || writesEntityText(cells, decodeEntities);
  for (const { sheet, columns, rows, problem, notes = [] } of ready) {
    const out: Finding[] = [...notes];
    const { delimiter } = sheet;
    const tagged = columns.tags === undefined ? [] : tagDomains(rows.map((r) => plainCell(cellOf(r.cells, columns.tags), htmlFile)), 'sheet');
    // Option columns labelled from 0 (`Option0`…) are named by the index as written.
    const counting = columns.answerIndexName && !columns.options.some((o) => o.label === '0') ? indexCountingOf(rows, columns) : undefined;
    const counted = counting && countingFinding(path, rows[0]?.line ?? 1, columns.answerIndexName ?? '', counting);
    if (counted) out.push(counted);
    for (const [index, row] of rows.entries()) {
      const line = row.line;
      if (row.cells.every((c) => !c.trim())) continue;
      const skipped = problem(row);
      if (skipped) {
        out.push({ path, line, ...skipped });
        continue;
      }
      noteConcept(row.cells, columns, line, path, concepts, htmlFile);
      const ctx: RowContext = { htmlFile, line, path, deckId: deck.id, delimiter, number: String(running + 1), domain: sheet.domain, tagDomain: tagged[index], fromZero: counting?.fromZero };
      const q = questionOf(row.cells, columns, ctx, out);
      if (!q) continue;
      running++;
      const note = pictureNote(row.cells, columns, q, path);
      if (note) out.push(note);
      addQuestion(deck, q, out);
    }
    findings.push(...prefixed(out, sheet.label));
  }
  deck.concepts = conceptsOf(concepts);
  const unread = headerless.filter((h) => !cards.sheets.some((c) => c.sheet === h));
  return { headerless: unread, read: ready.length, cards: cards.sheets.length, ...(cards.notCards ? { notCards: cards.notCards } : {}) };
}

type RowProblem = (row: DelimitedRecord) => Pick<Finding, 'severity' | 'message' | 'code'> | undefined;

interface ReadySheet {
  sheet: RowSheet;
  columns: CsvColumns;
  rows: DelimitedRecord[];
  /** Why a row is skipped before its cells are read (more cells than the sheet has columns). */
  problem: RowProblem;
  /** Findings about the sheet as a whole, reported with its rows'. */
  notes?: Finding[];
}

/**
 * A headerless card file's first row that may name its columns (card-rows.ts): served as a card, as it may be one
 * (a short first card), and reported at its line, so that a header is renamed or deleted.
 */
const maybeHeaderFinding = (row: DelimitedRecord, path: string): Finding => {
  const [front = '', back = ''] = row.cells.map((c) => c.trim());
  return {
    path,
    line: row.line,
    severity: 'warning',
    message: `"${front}" → "${back}" may be a header naming the columns, not a card (the rows below are longer): served as a card; if it is a header, name the columns Front and Back (or Term and Definition), or delete the row`,
    code: 'card-header',
  };
};

/** A CSV row with more fields than the header: an unquoted delimiter. A workbook's cells right of the header are not read. */
const tooWide = (width: number, delimiter: string | undefined): RowProblem => (row) =>
  delimiter !== undefined && row.cells.length > width && row.cells.slice(width).some((c) => c.trim())
    ? { severity: 'error', message: `row skipped: ${row.cells.length} fields but the header has ${width} (a "${delimiter === '\t' ? 'tab' : delimiter}" inside a field that is not in quotes?)`, code: 'csv-row' }
    : undefined;

/** The headerless sheets read as flashcards (card-rows.ts): front -> question, back -> answer, a third cell as a domain or explanation. */
function cardSheets(headerless: RowSheet[], path: string): { sheets: ReadySheet[]; notCards: string | undefined } {
  const sheets: ReadySheet[] = [];
  let notCards: string | undefined;
  for (const sheet of headerless) {
    const verdict = cardLayout(sheet.records);
    if (!verdict) continue;
    if ('notCards' in verdict) {
      notCards ??= verdict.notCards;
      continue;
    }
    const { layout } = verdict;
    const columns: CsvColumns = { question: 0, answer: 1, options: [], optionNotes: [], wrongOptions: [], feedback: [], ignored: [], unreadNotes: [], optionLike: [] };
    if (layout.third) columns[layout.third === 'extra' ? 'explanation' : layout.third] = 2;
    const header = layout.maybeHeader;
    const notes = header ? [maybeHeaderFinding(header, path)] : [];
    sheets.push({ sheet, columns, rows: layout.rows, problem: (row) => cardRowProblem(row, layout, sheet.delimiter), notes });
  }
  return { sheets, notCards };
}

/** An `Image Link` cell the question's picture is made of: an http(s) address, as the chat platforms take (platform-limits.ts). */
const WEB_PICTURE = /^https?:\/\/\S+$/i;

/** The warning for an `Image Link` cell that is no http(s) address: it stays text in the question, not a picture. */
function pictureNote(record: string[], columns: CsvColumns, q: Question, path: string): Finding | undefined {
  const picture = tidy(cellOf(record, columns.image));
  if (!picture || WEB_PICTURE.test(picture)) return undefined;
  const shownUrl = picture.length > 80 ? `${picture.slice(0, 77)}…` : picture;
  return { path, line: q.source.line, severity: 'warning', message: `question ${q.number}: image ${shownUrl} is not an http(s) URL: shown as text, not as a picture`, code: 'image-link' };
}

/** Findings about a header; false when its rows cannot be read (options but no answer column). */
function headerProblems(columns: CsvColumns, path: string, line: number, findings: Finding[]): boolean {
  if (columns.answer === undefined && (columns.options.length || columns.optionList !== undefined)) {
    // Every row would be "no answer": say once what the header lacks instead.
    const unknown = columns.ignored.length ? `; columns not understood: ${columns.ignored.map((h) => `"${h}"`).join(', ')}` : '';
    findings.push({
      path,
      line,
      severity: 'error',
      message: `no answer column: the header names options but no answer (answer, correct, correct answer, correct option, key…)${unknown}; see docs/content-intake.md`,
      code: 'no-answer-column',
    });
    return false;
  }
  if (columns.answer !== undefined && !columns.options.length && columns.optionList === undefined && columns.optionLike.length) {
    // Rows become flashcards whose answer may be an option's number: say which columns were not read.
    findings.push({
      path,
      line,
      severity: 'warning',
      message: `rows read as flashcards (question and answer only); columns not understood: ${columns.optionLike.map((h) => `"${h}"`).join(', ')}: name option columns A, B… or Option 1, Option 2…; see docs/content-intake.md`,
      code: 'ignored-columns',
    });
  }
  return true;
}

/** Options from one cell: one per line, else split by `|`, else by `;` (when `;` is not the delimiter). */
function splitOptionList(cell: string, delimiter: string | undefined): string[] {
  const text = cell.trim();
  if (!text) return [];
  const parts = text.includes('\n') ? text.split('\n') : text.includes('|') ? text.split('|') : delimiter !== ';' && text.includes(';') ? text.split(';') : [text];
  return parts.map((p) => p.trim()).filter(Boolean);
}

const WRITTEN_LABEL = /^\(?([A-Za-z]|\d{1,2})[.):]\s+/;

/** `A) text` / `1. text` labels written in the cells are taken as the ids when every option has one. */
export function optionsOf(texts: string[], fallback: string[], show: (cell: string) => string = tidy): QuestionOption[] {
  const written = texts.map((t) => WRITTEN_LABEL.exec(t)?.[1]?.toUpperCase());
  const labelled = written.every(Boolean) && new Set(written).size === written.length;
  return texts.map((t, i) => ({
    id: labelled ? (written[i] as string) : (fallback[i] ?? letterLabel(i)),
    text: show(labelled ? t.replace(WRITTEN_LABEL, '') : t),
  }));
}

interface RowContext {
  htmlFile: boolean;
  line: number;
  path: string;
  deckId: string;
  delimiter: string | undefined;
  number: string;
  /** The sheet's domain, for rows with none. */
  domain: string | undefined;
  /** The domain the row's tags give (tags.ts), for a row whose domain cell is empty. */
  tagDomain?: string | undefined;
  /** The sheet's index answers count from 0 (index-answers.ts). */
  fromZero?: boolean | undefined;
}

const indexCountingOf = (rows: DelimitedRecord[], columns: CsvColumns) =>
  indexCounting(rows.map((r) => ({ answer: cellOf(r.cells, columns.answer), options: columns.options.filter((o) => cellOf(r.cells, o.index).trim()).length })));

/** A file writes HTML when two or more of its cells hold markup: one cell mentioning `<br>` is text. */
export function writesHtml(records: string[][]): boolean {
  let seen = 0;
  for (const cells of records) for (const cell of cells) if (hasMarkup(cell) && ++seen >= 2) return true;
  return false;
}

/** A cell as users see it, its code kept as code (code-text.ts); never empty where it was not before (tidy). */
export const shown = (cell: string, htmlFile: boolean, opts: { inline?: boolean } = {}): string => shownText(markCellCode(cell, { htmlFile }), opts) || tidy(cell);

/** A name (domain, concept) as text: no markup, entities decoded, in a file that writes HTML. */
const plainCell = (cell: string, htmlFile: boolean): string => tidy(htmlFile ? htmlToText(cell) : cell);

const cellOf = (record: string[], index: number | undefined): string => (index === undefined ? '' : (record[index] ?? ''));

/** An answer written as labels of the option columns only: `2`, `B`, `A, C` (with four option columns). */
function namesOptionColumn(answer: string, columns: CsvColumns): boolean {
  const labels = new Set(columns.options.flatMap((o, i) => [o.label, String(i + 1), letterLabel(i)]));
  const parts = tidy(answer).toUpperCase().split(/\s*[,;/&]\s*|\s+/);
  return columns.options.length > 0 && parts.every((p) => labels.has(p));
}

function questionOf(record: string[], columns: CsvColumns, ctx: RowContext, findings: Finding[]): Question | undefined {
  const skip = (severity: 'error' | 'warning', reason: string, code: string) => {
    findings.push({ path: ctx.path, line: ctx.line, severity, message: `row skipped: ${reason}`, code });
    return undefined;
  };
  const code = cellOf(record, columns.code).replace(/^\n+|\s+$/g, '');
  // A code column belongs to the question: shown under its text as a code block (indentation kept).
  // Ids hash the prompt and options as they were shown before code was kept (code-text.ts).
  const hashedPrompt = [tidy(cellOf(record, columns.question)), code].filter(Boolean).join('\n\n');
  const prompt = [shown(cellOf(record, columns.question), ctx.htmlFile), code && shownText(markWholeCode(code))].filter(Boolean).join('\n\n');
  const answerCells = [columns.answer, ...(columns.moreAnswers ?? [])].map((i) => cellOf(record, i)).filter((c) => c.trim()).join(', ');
  const answer = ctx.fromZero ? fromOne(answerCells) : answerCells;
  if (!hashedPrompt) {
    if (columns.concept !== undefined && cellOf(record, columns.concept).trim()) return undefined; // a concept row
    return skip('warning', 'no question text', 'no-prompt');
  }
  const fromColumns = columns.options.map((o) => ({ text: cellOf(record, o.index).trim(), label: o.label })).filter((o) => o.text);
  const texts = fromColumns.length
    ? fromColumns.map((o) => o.text)
    : columns.wrongOptions.length
      ? withWrongOptions(record, columns, answer)
      : splitOptionList(cellOf(record, columns.optionList), ctx.delimiter);
  const labels = fromColumns.map((o) => o.label);
  const hashedOptions = optionsOf(texts, labels);
  const options = optionsOf(texts, labels, (cell) => shown(cell, ctx.htmlFile, { inline: true }));
  const explanation = rowExplanation(record, columns, (cell) => shown(cell, ctx.htmlFile));
  const written = tidy(cellOf(record, columns.number));
  const q: Question = {
    id: questionId(ctx.deckId, hashedPrompt, hashedOptions),
    deckId: ctx.deckId,
    number: written || ctx.number,
    kind: options.length ? 'choice' : 'flashcard',
    prompt,
    options,
    correct: [],
    explanation,
    scored: false,
    source: { path: ctx.path, line: ctx.line },
  };
  // A workbook's sheet per exam domain names the domain before a row's tags do.
  const domain = plainCell(cellOf(record, columns.domain), ctx.htmlFile) || ctx.domain || ctx.tagDomain;
  if (domain) q.domain = domain;
  const picture = tidy(cellOf(record, columns.image));
  if (picture) {
    // Named in the text as a note's images are ("alt (url)"), so a picture a platform cannot show is still a link;
    // only a web address is the question's picture (anything else stays text: pictureNote).
    if (WEB_PICTURE.test(picture)) q.images = [{ url: picture, alt: '' }];
    q.prompt = `${q.prompt}\n\nPicture (${picture})`;
  }
  const type = quizTypeOf(cellOf(record, columns.questionType));
  if (type?.kind === 'unscored') return skip('warning', `question type "${type.name}" has no correct answer to study`, 'no-answer');
  if (type?.kind === 'typed' || type?.kind === 'open') {
    const card = cardAnswer(answer, texts);
    if (card === undefined) return skip('warning', `question type "${type.name}" with no answer (in its answer or option cells)`, 'no-answer');
    return { ...q, id: questionId(ctx.deckId, hashedPrompt, []), kind: 'flashcard', options: [], answerText: shown(card, ctx.htmlFile) };
  }
  if (!options.length) {
    if (!tidy(answer)) return skip('warning', 'no options and no answer', 'no-answer');
    // In a sheet of option columns, an answer such as `1` or `B` names an option this row left empty.
    if (namesOptionColumn(answer, columns)) return skip('warning', `its option cells are empty but the answer "${tidy(answer)}" names an option`, 'no-options');
    q.answerText = shown(answer, ctx.htmlFile);
    return q;
  }
  if (!tidy(answer)) return skip('warning', options.length < 2 ? 'only one option and no answer' : 'no answer', 'no-answer');
  const reading = answerReading(columns);
  if (options.length < 2) return oneOption({ ...q, id: questionId(ctx.deckId, hashedPrompt, []) }, answer, hashedOptions, options[0]!, skip, reading);
  const match = answerOf(answer, hashedOptions, options, ctx.htmlFile, reading);
  if ('problem' in match) return skip('error', match.problem, 'answer-invalid');
  q.correct = match.correct;
  q.scored = true;
  if (match.alsoReads) {
    const message = `answer "${tidy(answer)}" is ambiguous: ${match.alsoReads}; write the option's label or its text so that only one reading fits`;
    findings.push({ path: ctx.path, line: ctx.line, severity: 'warning', message, code: 'answer-ambiguous' });
  }
  if (type?.kind === 'one' && q.correct.length > 1) {
    const message = `question type "${type.name}" but the answer names ${q.correct.length} options (${q.correct.join(', ')}): served as a question with several answers (Checkbox)`;
    findings.push({ path: ctx.path, line: ctx.line, severity: 'warning', message, code: 'answer-count' });
  }
  return q;
}

/**
 * How a row's answer names its options (deck.ts): in a sheet of numbered option columns (`Answer 1`…, `Option 1`…:
 * Kahoot's, Quizizz's and Blooket's templates) an answer of integers only is option numbers, though an option's
 * text is `2`; elsewhere an option's text first, with a warning when it is also other options' labels. Gimkit's
 * answer column is the right option's text (its options are that text and the incorrect answers): no warning.
 */
function answerReading(columns: CsvColumns): AnswerReading {
  if (columns.options.length && columns.options.every((o) => /^\d{1,2}$/.test(o.label))) return 'numbers';
  return columns.wrongOptions.length && !columns.options.length ? 'text' : 'any';
}

/**
 * Gimkit's sheet: the answer column holds the right option's text, `Incorrect Answer 1…` the others. Options in
 * alphabetical order, as JSON banks' correct and incorrect answers are: stable, and the answer not always first.
 * No incorrect answers: none (the row is a flashcard, question -> answer).
 */
function withWrongOptions(record: string[], columns: CsvColumns, answer: string): string[] {
  const wrong = columns.wrongOptions.map((i) => cellOf(record, i).trim()).filter(Boolean);
  if (!wrong.length) return [];
  const right = answer.trim();
  return (right ? [right, ...wrong] : wrong).sort((a, b) => a.localeCompare(b));
}

/**
 * A row whose only option is its answer (a "typed answer" row in sheets that mix them with multiple choice):
 * a flashcard, question -> that option, hashed as a row with no options. Any other one-option row is reported.
 */
function oneOption(card: Question, answer: string, hashed: QuestionOption[], shownOption: QuestionOption, skip: (s: 'warning', reason: string, code: string) => undefined, reading: AnswerReading): Question | undefined {
  const match = matchAnswer(answer, hashed, reading);
  if ('problem' in match) return skip('warning', `only one option, and the answer "${tidy(answer)}" does not name it`, 'one-option');
  return { ...card, kind: 'flashcard', options: [], answerText: shownOption.text };
}

/**
 * The answer as written against the cells, else as users see both, code marks aside ("S3 & Glacier" for
 * `<i>S3</i> &amp; Glacier`, "aws s3 ls" for `<code>aws s3 ls</code>`).
 */
function answerOf(answer: string, written: QuestionOption[], seen: QuestionOption[], htmlFile: boolean, reading: AnswerReading): ReturnType<typeof matchAnswer> {
  const match = matchAnswer(answer, written, reading);
  if (!('problem' in match)) return match;
  const plain = (text: string) => text.replace(/`+/g, '');
  const asSeen = matchAnswer(plain(shown(answer, htmlFile, { inline: true })), seen.map((o) => ({ ...o, text: plain(o.text) })), reading);
  return 'problem' in asSeen ? match : asSeen;
}

/** A `concept` cell names a concept for `explain`; its text is the `definition` cell, else the row's explanation. */
interface ConceptsSeen {
  byName: Map<string, Concept>;
  /** Rows giving each concept a text, and the concepts some row defines (a `definition` cell). */
  rows: Map<string, number>;
  defined: Set<string>;
}

/**
 * A concept for `explain`: defined by a `definition` cell, or by the explanation of the one row that names it.
 * A `topic` shared by several explained rows without a definition is a category ("Networking"): no one row's
 * explanation says what it is, so it is no concept.
 */
const conceptsOf = (seen: ConceptsSeen): Concept[] =>
  [...seen.byName.values()].filter((c) => c.text && (seen.defined.has(c.slug) || seen.rows.get(c.slug) === 1));

function noteConcept(record: string[], columns: CsvColumns, line: number, path: string, seen: ConceptsSeen, htmlFile: boolean): void {
  const name = plainCell(cellOf(record, columns.concept), htmlFile);
  const slug = slugify(name);
  if (!name || !slug) return;
  const definition = shown(cellOf(record, columns.definition), htmlFile);
  const text = definition || shown(cellOf(record, columns.explanation), htmlFile);
  const wasDefined = seen.defined.has(slug);
  if (text) seen.rows.set(slug, (seen.rows.get(slug) ?? 0) + 1);
  if (definition) seen.defined.add(slug);
  const known = seen.byName.get(slug);
  if (!known) seen.byName.set(slug, { slug, name, text, aliases: deriveAliases(name), source: { path, line } });
  // The first definition wins over an explanation taken before it.
  else if (text && (!known.text || (definition && !wasDefined))) known.text = text;
}
