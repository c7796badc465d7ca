// Anki's "Notes in Plain Text" export (.txt, read by csv-parse) -> one deck of flashcards.
// Each note's cards: anki-note.ts (shared with the .apkg reader).
import type { Finding, ParseResult } from '../types.js';
import { tidy } from '../text.js';
import { addQuestion, importedDeck, questionId, titleFromId } from './deck.js';
import { noteCards } from './anki-note.js';
import { readRecords } from './records.js';
import { importSource, leadingSettings, type LeadingLines } from './settings.js';
import { deckIdFromPath } from '../parse.js';

export const ANKI_DIALECT = 'anki notes';

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };
const ANKI_KEYS = ['separator', 'html', 'columns', 'notetype', 'deck', 'tags', 'notetype column', 'deck column', 'tags column', 'guid column'];

/** Anki's own export header (`#separator:tab`, `#html:true`…): such a file is Anki's whatever its fields hold. */
export const hasAnkiHeader = (lead: LeadingLines): boolean => ANKI_KEYS.some((k) => lead.values.has(k));

/** The same in a .csv, without `#tags:`, which a sheet's own settings lines (`# title:`, `# command:`) could mean otherwise. */
export const hasAnkiCsvHeader = (lead: LeadingLines): boolean => ANKI_KEYS.some((k) => k !== 'tags' && lead.values.has(k));

/** True when the text looks like an Anki export: its header lines, or (older exports) tab-separated lines. */
export function looksLikeAnki(lead: LeadingLines, source: string): boolean {
  if (hasAnkiHeader(lead)) return true;
  const lines = source.split('\n').slice(lead.firstLine - 1).filter((l) => l.trim());
  return lines.length > 0 && lines.slice(0, 20).every((l) => l.includes('\t'));
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

export function parseAnkiNotes(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const sepName = (lead.values.get('separator')?.value ?? 'tab').toLowerCase();
  const delimiter = SEPARATORS[sepName] ?? (sepName.length === 1 ? sepName : '\t');
  const isHtml = /^true$/i.test(lead.values.get('html')?.value ?? 'false');
  const named = namedColumns(lead, delimiter);
  const at = (role: string) => columnNumber(lead, `${role} column`) ?? named.get(role);
  const special = new Set(['guid', 'notetype', 'deck', 'tags'].map(at).filter((n) => n !== undefined));
  const notetypeAt = at('notetype');
  const deckAt = at('deck');
  const fileDeck = lead.values.get('deck')?.value;
  const deck = importedDeck(path, { ...lead.settings, title: lead.settings.title ?? (fileDeck ? lastPart(fileDeck) : undefined) }, findings, lead.settingsLine);
  const result: ParseResult = { deck, findings, dialect: ANKI_DIALECT };

  const { records, unclosedQuoteLine } = readRecords(lead.body, delimiter);
  const decksSeen = new Set<string>();
  let cards = 0;
  for (const { cells: record, line } of records) {
    const fields = record.filter((_, i) => !special.has(i));
    if (fields.every((f) => !f.trim())) continue;
    if (deckAt !== undefined && record[deckAt]) decksSeen.add(record[deckAt]);
    const notetype = (notetypeAt !== undefined ? record[notetypeAt] : lead.values.get('notetype')?.value) ?? '';
    const { cards: made, images } = noteCards({ fields, isHtml, cloze: /cloze/i.test(notetype) || /\{\{c\d+::/.test(fields[0] ?? ''), path, line }, findings);
    if (images.length) {
      findings.push({ path, line, severity: 'warning', message: `images are not exported with Anki notes; shown by name (${[...new Set(images)].join(', ')})`, code: 'image' });
    }
    for (const { hashed, ...c } of made) {
      cards++;
      addQuestion(deck, { ...c, id: questionId(deck.id, hashed, []), deckId: deck.id, number: String(cards) }, findings);
    }
  }
  if (unclosedQuoteLine !== undefined) {
    findings.push({ path, line: unclosedQuoteLine, severity: 'error', message: 'a quote (") opened in this note is never closed; this note and the rest of the file were not read', code: 'csv-row' });
  }
  if (!lead.settings.title && !fileDeck && decksSeen.size === 1) deck.title = lastPart([...decksSeen][0] as string) || titleFromId(deckIdFromPath(path));
  if (!deck.questions.length) {
    findings.push({ path, line: lead.firstLine, severity: 'error', message: 'no notes with a front and a back (or a cloze) in this export', code: 'no-questions' });
  }
  findings.sort((a, b) => a.line - b.line);
  return result;
}

export const lastPart = (ankiDeck: string): string => tidy(ankiDeck.split('::').at(-1) ?? ankiDeck);
