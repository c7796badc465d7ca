// One Anki note's fields -> its flashcards, shared by the "Notes in Plain Text" reader (anki.ts) and the package
// reader (apkg.ts), so a note gives the same cards and question ids whichever way the deck was exported.
// Basic notes: front -> prompt, back -> answer. Cloze notes: one card per cloze number, the cloze hidden.
import type { Finding, Question } from '../types.js';
import { replaceTags } from '../spans.js';
import { htmlToText, normalise, tidy } from '../text.js';
import { markHtmlCode, markTextCode, shownText } from './code-text.js';
import { clozesOf, replaceClozes } from './anki-cloze.js';

const SOUND = /\[sound:[^\]]*\]/g;

/**
 * Anki field HTML -> chat text: line breaks kept, media references named. `shown`: code kept as code
 * (code-text.ts); without it, the text ids are hashed from (what was shown before code was kept).
 */
export function fieldText(html: string, isHtml: boolean, images: string[], shown = true): string {
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
  return tidy(htmlToText(named.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(?:div|p|li|tr|h\d)>/gi, '\n'), false, 'common'));
}

/**
 * A field as shown (code kept) and as hashed (the text shown before). A field is empty when it was empty
 * before, so the same notes give cards (and the same numbers) as before.
 */
function fieldTexts(html: string, isHtml: boolean, images: string[]): { shown: string; hashed: string } {
  const shown = fieldText(html, isHtml, images);
  const hashed = fieldText(html, isHtml, [], false);
  return { shown: hashed ? shown || hashed : '', hashed };
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

/** A card, with the prompt its id is hashed from (the text shown before code was kept). */
export type Card = Omit<Question, 'id' | 'number' | 'deckId'> & { hashed: string };

function card(prompt: { shown: string; hashed: string }, answerText: string, explanation: string, path: string, line: number): Card {
  return { kind: 'flashcard', prompt: prompt.shown, hashed: prompt.hashed, options: [], correct: [], answerText, explanation, scored: false, source: { path, line } };
}

export interface AnkiNote {
  /** The note's fields as Anki stores them (HTML when `isHtml`). */
  fields: string[];
  isHtml: boolean;
  cloze: boolean;
  path: string;
  /** Where findings about this note point: its line in an export, its position in a package. */
  line: number;
  /** Fields never shown in an explanation (a package's `Add Reverse` switch). */
  hidden?: ReadonlySet<number>;
  /** Further cards of a basic note (a reversed template): the field asked and the field answering it. */
  more?: { prompt: number; answer: number }[];
  /** Named in "note skipped" findings (a package has no line to jump to). */
  label?: string;
}

/** The note's cards, in order; problems as warnings; the pictures its fields name (shown by name). */
export function noteCards(note: AnkiNote, findings: Finding[]): { cards: Card[]; images: string[] } {
  const { fields, isHtml, path, line } = note;
  const images: string[] = [];
  const made: Card[] = [];
  const textOf = (html: string, seen: string[]) => fieldTexts(html, isHtml, seen);
  const skip = (message: string) => findings.push({ path, line, severity: 'warning', message: note.label ? `${note.label}: ${message}` : message, code: 'no-answer' });
  const explanation = (from: number, used: number[] = []) =>
    fields
      .map((f, i) => (i >= from && !used.includes(i) && !note.hidden?.has(i) ? textOf(f, images).shown : ''))
      .filter(Boolean)
      .join('\n\n');
  const first = fields[0] ?? '';
  if (note.cloze) {
    const numbers = [...new Set(clozesOf(first).map((c) => c.num))].sort((a, b) => a - b);
    if (!numbers.length) {
      skip('cloze note without {{c1::…}}; skipped');
      return { cards: [], images };
    }
    const extra = explanation(1);
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
        skip(`cloze c${n} hides nothing ({{c${n}::}}); that card skipped`);
        continue;
      }
      made.push(card(prompt, answerText, extra, path, line));
    }
    return { cards: made, images };
  }
  const prompt = textOf(first, images);
  const answerText = textOf(answerPart(first, fields[1] ?? '', isHtml), images).shown;
  if (!prompt.shown || !answerText) {
    skip(`note skipped: ${prompt.shown ? 'the back (second field) is empty' : 'the front (first field) is empty'}`);
    return { cards: [], images: [] };
  }
  made.push(card(prompt, answerText, explanation(2), path, line));
  for (const { prompt: p, answer: a } of note.more ?? []) {
    const asked = textOf(fields[p] ?? '', images);
    const answer = textOf(fields[a] ?? '', images).shown;
    if (asked.shown && answer) made.push(card(asked, answer, explanation(0, [p, a, 0, 1]), path, line));
  }
  return { cards: made, images };
}
