// Anki's "Notes in Plain Text" export (.txt, read by csv-parse) -> one deck of flashcards.
// Basic notes: front -> prompt, back -> answer. Cloze notes: one card per cloze number, the cloze hidden.
import type { Finding, ParseResult, Question } from '../types.js';
import { replaceTags } from '../spans.js';
import { htmlToText, normalise, tidy } from '../text.js';
import { markHtmlCode, markTextCode, shownText } from './code-text.js';
import { addQuestion, importedDeck, questionId, titleFromId } from './deck.js';
import { clozesOf, replaceClozes } from './anki-cloze.js';
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

/**
 * Anki field HTML -> chat text: line breaks kept, media references named. `shown`: code kept as code
 * (code-text.ts); without it, the text ids are hashed from (what was shown before code was kept).
 */
function fieldText(html: string, isHtml: boolean, images: string[], shown = true): string {
  if (!isHtml) {
    const text = html.replace(SOUND, '');
    return shown ? shownText(markTextCode(text)) : tidy(text);
  }
  const named = replaceTags(html, 'img', (tag) => {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1] ?? 'image';
    const alt = /\balt\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    images.push(src);
    return alt ? `[${alt}]` : `[image: ${src}]`;
  }).replace(SOUND, '');
  if (shown) return shownText(markHtmlCode(named));
  return tidy(htmlToText(named.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(?:div|p|li|tr|h\d)>/gi, '\n')));
}

const SOUND = /\[sound:[^\]]*\]/g;

/**
 * A field as shown (code kept) and as hashed (the text shown before). A field is empty when it was empty
 * before, so the same notes give cards (and the same numbers) as before.
 */
function fieldTexts(html: string, isHtml: boolean, images: string[]): { shown: string; hashed: string } {
  const shown = fieldText(html, isHtml, images);
  const hashed = fieldText(html, isHtml, [], false);
  return { shown: hashed ? shown || hashed : '', hashed };
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
    const images: string[] = [];
    const textOf = (html: string, seen: string[]) => fieldTexts(html, isHtml, seen);
    const first = fields[0] ?? '';
    const made: Card[] = [];
    if (/cloze/i.test(notetype) || /\{\{c\d+::/.test(first)) {
      const numbers = [...new Set(clozesOf(first).map((c) => c.num))].sort((a, b) => a - b);
      if (!numbers.length) {
        findings.push({ path, line, severity: 'warning', message: 'cloze note without {{c1::…}}; skipped', code: 'no-answer' });
        continue;
      }
      const extra = fields.slice(1).map((f) => textOf(f, images).shown).filter(Boolean).join('\n\n');
      for (const n of numbers) {
        const answers: string[] = [];
        const hidden = replaceClozes(first, ({ num, text, hint }) => {
          if (num !== n) return text;
          answers.push(text);
          return hint ? `[${hint}]` : '[…]';
        });
        const prompt = textOf(hidden, images);
        const answerText = answers.map((a) => textOf(a, []).shown).filter(Boolean).join(', ');
        if (!answerText) {
          findings.push({ path, line, severity: 'warning', message: `cloze c${n} hides nothing ({{c${n}::}}); that card skipped`, code: 'no-answer' });
          continue;
        }
        made.push(card(prompt, answerText, extra, path, line));
      }
    } else {
      const prompt = textOf(first, images);
      const answerText = textOf(answerPart(first, fields[1] ?? '', isHtml), images).shown;
      if (!prompt.shown || !answerText) {
        findings.push({ path, line, severity: 'warning', message: `note skipped: ${prompt.shown ? 'the back (second field) is empty' : 'the front (first field) is empty'}`, code: 'no-answer' });
        continue;
      }
      const extra = fields.slice(2).map((f) => textOf(f, images).shown).filter(Boolean).join('\n\n');
      made.push(card(prompt, answerText, extra, path, line));
    }
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

/** Anki's answer rule, `<hr id=answer>` as its `{{FrontSide}}<hr id=answer>` card templates write it. */
const ANSWER_RULE = /<hr\s+id\s*=\s*["']?answer["']?\s*\/?>/i;

/**
 * A back that repeats the front above Anki's answer rule (a card pasted or exported as shown): the part after
 * the rule. Ids are hashed from the front, so they do not change.
 */
function answerPart(front: string, back: string, isHtml: boolean): string {
  const rule = ANSWER_RULE.exec(back);
  if (!rule) return back;
  const [above, answer] = [back.slice(0, rule.index), back.slice(rule.index + rule[0].length)];
  const before = normalise(fieldText(above, isHtml, [], false));
  // Other text above the rule stays, on a line of its own.
  return !before || before === normalise(fieldText(front, isHtml, [], false)) ? answer : `${above}${isHtml ? '<br>' : '\n'}${answer}`;
}

const lastPart = (ankiDeck: string): string => tidy(ankiDeck.split('::').at(-1) ?? ankiDeck);

/** A card, with the prompt its id is hashed from (the text shown before code was kept). */
type Card = Omit<Question, 'id' | 'number' | 'deckId'> & { hashed: string };

function card(prompt: { shown: string; hashed: string }, answerText: string, explanation: string, path: string, line: number): Card {
  return { kind: 'flashcard', prompt: prompt.shown, hashed: prompt.hashed, options: [], correct: [], answerText, explanation, scored: false, source: { path, line } };
}
