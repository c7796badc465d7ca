// Anki's "Notes in Plain Text" export (.txt, read by csv-parse) -> one deck of flashcards.
// Each note's cards: anki-note.ts (shared with the .apkg reader).
import type { Finding, ParseResult } from '../types.js';
import { isHtmlElement } from '../text.js';
import { addQuestion, importedDeck, questionId, titleFromId } from './deck.js';
import { noteCards } from './anki-note.js';
import { readRecords } from './records.js';
import { importSource, leadingLines, leadingSettings, type LeadingLines } from './settings.js';
import { quizletLayout } from './quizlet.js';
import { flashcardsDeluxe } from './anki-deluxe.js';
import { deckIdFromPath } from '../parse.js';
import { looksLikeAnkiTags, tagDomains } from './tags.js';
import { deckNaming, lastPart } from './anki-decks.js';

export const ANKI_DIALECT = 'anki notes';

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };
const ANKI_KEYS = ['separator', 'html', 'columns', 'notetype', 'deck', 'tags', 'notetype column', 'deck column', 'tags column', 'guid column'];

/** Anki's own export header (`#separator:tab`, `#html:true`…): such a file is Anki's whatever its fields hold. */
export const hasAnkiHeader = (lead: LeadingLines): boolean => ANKI_KEYS.some((k) => lead.values.has(k));

/** The same in a .csv, without `#tags:`, which a sheet's own settings lines (`# title:`, `# command:`) could mean otherwise. */
export const hasAnkiCsvHeader = (lead: LeadingLines): boolean => ANKI_KEYS.some((k) => k !== 'tags' && lead.values.has(k));

/**
 * Anki's older `tags:tag1 tag2` first line (its manual still shows it, and header lines may follow it): blanked,
 * line numbers kept. Its tags are never shown, as a `#tags:` header's are not.
 */
export function withoutTagsLine(source: string): string {
  let at = 0;
  while (at < source.length && /\s/.test(source[at] as string)) at++;
  if (source.slice(at, at + 5).toLowerCase() !== 'tags:') return source;
  const end = source.indexOf('\n', at);
  return source.slice(0, at) + (end < 0 ? '' : source.slice(end));
}

/** The first line holding fields (after the `#` lines). */
const firstDataLine = (lead: LeadingLines): string => lead.body.split('\n').find((l) => l.trim()) ?? '';

/**
 * The separator Anki takes when a file names none: the first of tab, `|`, `;`, `,` its first line holds (Anki's
 * importer tries them in that order; `:` and space, its last resorts, are left out: `Q: …` is no separator).
 */
function guessedSeparator(lead: LeadingLines): string {
  const line = firstDataLine(lead);
  return ['\t', '|', ';', ','].find((d) => line.includes(d)) ?? '\t';
}

/**
 * A headerless file of notes written as Anki's manual shows them: `front;back` (or `|`) on every line, quoted
 * fields over several lines. Every record, or two in three (two at least), must have two fields, and Quizlet's `;` between cards
 * (`term,definition;term,definition`) stays Quizlet's.
 */
function semicolonNotes(lead: LeadingLines, text: string): boolean {
  const sep = guessedSeparator(lead);
  if (sep !== '|' && sep !== ';') return false;
  if (quizletLayout(text)?.row === ';') return false;
  // The first 30 lines (64 kB at most) decide, as the first 20 do for tab-separated lines.
  let end = 0;
  for (let n = 0; n < 30 && end >= 0 && end < 65_536; n++) end = lead.body.indexOf('\n', end + 1);
  const { records } = readRecords(lead.body.slice(0, end < 0 ? 65_536 : Math.min(end, 65_536)), sep);
  const notes = records.filter((r) => r.cells.some((c) => c.trim()));
  const twoFields = notes.filter((r) => r.cells.filter((c) => c.trim()).length >= 2).length;
  return notes.length > 0 && (twoFields === notes.length || (twoFields >= 2 && twoFields >= (2 * notes.length) / 3));
}

/**
 * True when the text looks like an Anki export: its header lines, (older exports) tab-separated lines, or the
 * `;` / `|` notes of Anki's manual.
 */
export function looksLikeAnki(lead: LeadingLines, source: string): boolean {
  const text = withoutTagsLine(source);
  const l = text === source ? lead : leadingLines(text);
  if (hasAnkiHeader(l)) return true;
  const lines = text.split('\n').slice(l.firstLine - 1).filter((x) => x.trim());
  if (lines.length > 0 && lines.slice(0, 20).every((x) => x.includes('\t'))) return true;
  return semicolonNotes(l, text);
}

const columnNumber = (lead: LeadingLines, key: string): number | undefined => {
  const n = Number(lead.values.get(key)?.value);
  return Number.isInteger(n) && n > 0 ? n - 1 : undefined;
};

/**
 * Columns `#columns:Front<sep>Back<sep>Tags` names (Anki's import header, also written by hand): `Tags`,
 * `Deck`, `Notetype`, `GUID` are those columns, as `#tags column:3` says, never a field to show.
 */
function namedColumns(lead: LeadingLines, delimiter: string): Map<string, number> {
  const names = lead.values.get('columns')?.value ?? '';
  const roles = new Map<string, number>();
  names.split(names.includes(delimiter) ? delimiter : /[\t,;]/).forEach((name, i) => {
    const role = name.trim().toLowerCase().replace(/^note ?type$/, 'notetype');
    if (['guid', 'notetype', 'deck', 'tags'].includes(role) && !roles.has(role)) roles.set(role, i);
  });
  return roles;
}

/**
 * The tags column of an export with no header lines (Anki before 2.1.55 wrote none): the last of three columns or
 * more, when its cells are Anki's tags (`aws::s3 exam_prep`: tags.ts), as such exports put them last.
 */
function unnamedTagsColumn(records: { cells: string[] }[]): number | undefined {
  const width = records.reduce((w, r) => Math.max(w, r.cells.length), 0);
  if (width < 3) return undefined;
  return looksLikeAnkiTags(records.map((r) => r.cells[width - 1] ?? '')) ? width - 1 : undefined;
}

export function parseAnkiNotes(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const deluxe = flashcardsDeluxe(withoutTagsLine(importSource(rawSource)));
  const source = deluxe?.source ?? withoutTagsLine(importSource(rawSource));
  const lead = leadingSettings(source);
  if (deluxe?.title && !lead.settings.title) lead.settings.title = deluxe.title;
  if (deluxe?.description && !lead.settings.description) lead.settings.description = deluxe.description;
  const sepName = lead.values.get('separator')?.value.toLowerCase();
  const delimiter = sepName === undefined ? guessedSeparator(lead) : (SEPARATORS[sepName] ?? (sepName.length === 1 ? sepName : '\t'));
  const htmlValue = lead.values.get('html')?.value;
  const { records, unclosedQuoteLine } = readRecords(lead.body, delimiter);
  // No `#html:` in a file whose separator was guessed (Anki's manual's `;` notes): HTML when the first note writes
  // it, as Anki guesses. A tab-separated file keeps reading as text unless it says `#html:true`, as before.
  const isHtml = htmlValue !== undefined ? /^true$/i.test(htmlValue) : sepName === undefined && delimiter !== '\t' && writesHtml(records[0]?.cells ?? []);
  const named = namedColumns(lead, delimiter);
  const at = (role: string) => columnNumber(lead, `${role} column`) ?? named.get(role);
  const special = new Set(['guid', 'notetype', 'deck', 'tags'].map(at).filter((n) => n !== undefined));
  for (const k of deluxe?.dropped ?? []) special.add(k);
  if (deluxe?.droppedNames.length) {
    const message = `Flashcards Deluxe columns not shown: ${deluxe.droppedNames.join(', ')} (pictures and sounds are addresses the app loads; the cards use the text columns)`;
    findings.push({ path, line: deluxe.labelLine ?? 1, severity: 'warning', message, code: 'ignored-columns' });
  }
  const notetypeAt = at('notetype');
  const deckAt = at('deck');
  const tagsAt = at('tags') ?? (hasAnkiHeader(lead) || deluxe ? undefined : unnamedTagsColumn(records));
  if (tagsAt !== undefined) special.add(tagsAt);
  const fileDeck = lead.values.get('deck')?.value;
  const deck = importedDeck(path, { ...lead.settings, title: lead.settings.title ?? (fileDeck ? lastPart(fileDeck) : undefined) }, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: ANKI_DIALECT };

  const decksSeen = new Set<string>();
  let cards = 0;
  const domains = tagsAt !== undefined ? tagDomains(records.map((r) => r.cells[tagsAt] ?? ''), 'anki') : [];
  // Notes in sub-decks of one deck (`AWS::Storage`, `AWS::Networking`): the shared part is the title, the rest each
  // note's domain, as a package's are (apkg.ts); tags give the domain of notes the decks do not.
  const deckNames = deckAt === undefined ? [] : records.map((r) => (r.cells[deckAt] ?? '').trim());
  const usedDecks = [...new Set(deckNames.filter(Boolean))];
  const naming = usedDecks.length > 1 ? deckNaming(usedDecks) : undefined;
  for (const [index, { cells: record, line }] of records.entries()) {
    const fields = record.filter((_, i) => !special.has(i));
    if (fields.every((f) => !f.trim())) continue;
    if (deckAt !== undefined && record[deckAt]) decksSeen.add(record[deckAt]);
    const notetype = (notetypeAt !== undefined ? record[notetypeAt] : lead.values.get('notetype')?.value) ?? '';
    const { cards: made, images } = noteCards({ fields, isHtml, cloze: /cloze/i.test(notetype) || /\{\{c\d+::/.test(fields[0] ?? ''), path, line }, findings);
    if (images.length) {
      findings.push({ path, line, severity: 'warning', message: `images are not exported with Anki notes; shown by name (${[...new Set(images)].join(', ')})`, code: 'image' });
    }
    // Tags group cards (the domain, as a JSON bank's: tags.ts): never text shown with them.
    const domain = (naming && deckNames[index] ? naming.domainOf(deckNames[index]!) : undefined) ?? domains[index];
    for (const { hashed, ...c } of made) {
      cards++;
      addQuestion(deck, { ...c, id: questionId(deck.id, hashed, []), deckId: deck.id, number: String(cards), ...(domain ? { domain } : {}) }, findings);
    }
  }
  if (unclosedQuoteLine !== undefined) {
    findings.push({ path, line: unclosedQuoteLine, severity: 'error', message: 'a quote (") opened in this note is never closed; this note and the rest of the file were not read', code: 'csv-row' });
  }
  if (!lead.settings.title && !fileDeck && decksSeen.size === 1) deck.title = lastPart([...decksSeen][0] as string) || titleFromId(deckIdFromPath(path));
  else if (!lead.settings.title && !fileDeck && naming?.title) deck.title = naming.title;
  if (!deck.questions.length) {
    findings.push({ path, line: lead.firstLine, severity: 'error', message: 'no notes with a front and a back (or a cloze) in this export', code: 'no-questions' });
  }
  findings.sort((a, b) => a.line - b.line);
  return result;
}

// A tag of at most 200 characters: each try stops there, so a flood of `<b` costs no more than the text.
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?=[\s/>])[^<>]{0,200}>/g;
const writesHtml = (cells: string[]): boolean => cells.some((c) => [...c.matchAll(TAG)].some((m) => isHtmlElement(m[0])));

