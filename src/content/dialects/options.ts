// A question's options: a list (`- A) text`, `1. text`, `- [ ] text`, plain bullets) or option lines
// inside a paragraph (`A. text`), each with the images it shows.
import type { Tokens } from 'marked';
import type { QuestionOption } from '../types.js';
import { lexInline } from '../lexer.js';
import { itemsOf, type LineMap, type Located } from '../markdown.js';
import { collectImages, takeImages, type SeenImage } from '../markdown/images.js';
import { inlineText, listItemText, tidy } from '../text.js';
import { leadMarks, withoutLeadMarks } from './option-marks.js';

/** Option letters: Latin, or the first letters of the Cyrillic and Greek alphabets (а) б) в) / α) β) γ)). */
const LETTER = '[A-Za-zа-иА-Иα-κΑ-Κ]';
const LETTER_LABEL = new RegExp(`^\\(?(${LETTER})[.)](?:\\s+|$)`);
export const OPTION_LINE = new RegExp(`^\\s{0,3}(?:[-*+]\\s+)?(?:\\(?(${LETTER})[.)]|(\\d{1,2})[.)])\\s+\\S`);
const CYRILLIC_ORDER = 'абвгдежзи';
const GREEK_ORDER = 'αβγδεζηθικ';

/** A label as the Latin letter at the same place in its alphabet ("б" → "B", "γ" → "C"); ids stay ASCII. */
export function latinLabel(label: string): string {
  const lower = label.toLowerCase();
  const at = CYRILLIC_ORDER.indexOf(lower) >= 0 ? CYRILLIC_ORDER.indexOf(lower) : GREEK_ORDER.indexOf(lower);
  return at >= 0 ? String.fromCharCode(65 + at) : label.toUpperCase();
}

/**
 * `` `A. True` ``: an option written wholly as a code span, its label inside. The span styles the whole line (it is
 * not code): read as the label and plain text. Works on raw markdown (backticks) and on read text (code marks).
 */
const CODED_LABEL = new RegExp(`^(?:\`([^\`\\n]*)\`|\uFDD0([^\uFDD0\uFDD1]*)\uFDD1)$`);
export function withoutCodedLabel(text: string): string {
  const m = CODED_LABEL.exec(text.trim());
  const inner = m ? (m[1] ?? m[2] ?? '') : '';
  return m && LETTER_LABEL.test(inner.trimStart()) ? inner.trim() : text;
}

/** Text that starts with a letter label: `A. …`, `b) …`, `(c) …`, also after a learner's mark (`🔴 B. …`) or in a code span. */
export const letterLabelled = (text: string): boolean => LETTER_LABEL.test(withoutLeadMarks(withoutCodedLabel(text).trimStart()));
/** A list whose every item starts with a letter label: `- A. …`, `- b) …`. */
export const letteredList = (list: Tokens.List): boolean => list.items.length > 0 && list.items.every((i) => letterLabelled(i.text));

export interface OptionsFound {
  options: QuestionOption[];
  /**
   * 'letters': labels written by the author (A, B…); 'numbers': positions in a numbered list;
   * 'implicit': a plain bullet list with no labels (ids follow the answer's style).
   */
  labels: 'letters' | 'numbers' | 'implicit';
  line: number;
  /** Ids of `- [x]` items when the options are a task list: the author ticked the answer. */
  checked: string[];
  /** How many items were task-list items (`- [ ]` / `- [x]`). */
  tasks: number;
  /** The images each option shows (same order as options). */
  images: SeenImage[][];
  /** Tab-indented note bullets under an option (a learner's): its text without them, and the notes. */
  notes?: ({ shown: string; note: string } | undefined)[];
  /**
   * The options' texts as questions were hashed before labels behind a mark (`- 🔴 B. …`) were read: the whole
   * item, label and all. Present only when such a mark was skipped to read the labels.
   */
  hashedAs?: string[];
  /** The id of the one option written wholly in bold (`1. **Fargate**`), among three or more. */
  bold: string[];
}

function withImages<T>(read: () => T): { value: T; images: SeenImage[] } {
  collectImages();
  const value = read();
  return { value, images: takeImages() };
}

export function optionsFromList(lists: Located<Tokens.List>[], lines: LineMap): OptionsFound {
  const items = lists.flatMap((l) => itemsOf(l.token, l.offset, lines));
  // An option wrapped onto the next line reads as one line; its own sub-bullets stay lines.
  const textOf = (item: Tokens.ListItem) => withoutCodedLabel(tidy(listItemText(item)).replace(/^- /, '').replace(/\n(?![ \t]*- )/g, ' '));
  const read = items.map(({ item }) => withImages(() => textOf(item)));
  // Sub-bullets indented with a tab under space-indented options: a learner's notes (shown with the explanation).
  const notes = items.map(({ item, offset }) => {
    const tabbed = item.tokens.filter((t) => t.type === 'list' && tabIndented(lines.text, t as Tokens.List, offset));
    if (!tabbed.length || lines.text[lineStart(lines.text, offset)] === '\t') return undefined;
    const note = tidy(tabbed.map((t) => (t as Tokens.List).items.map((i) => listItemText(i).replace(/^- /, '')).join('\n')).join('\n'));
    return { shown: textOf({ ...item, tokens: item.tokens.filter((t) => !tabbed.includes(t)) }), note };
  });
  const texts = read.map((r) => r.value);
  const letters = texts.map((t) => {
    const l = LETTER_LABEL.exec(withoutLeadMarks(t))?.[1];
    return l ? latinLabel(l) : undefined;
  });
  const uniqueLetters = new Set(letters);
  const lettered = letters.every(Boolean) && uniqueLetters.size === letters.length;
  const ordered = lists[0]?.token.ordered ?? false;
  const unlabel = (text: string) => {
    const marks = leadMarks(text);
    return `${marks.trim()} ${text.slice(marks.length).replace(LETTER_LABEL, '').trim()}`.trim();
  };
  const options = texts.map((text, i) => ({
    id: lettered ? (letters[i] as string) : ordered ? String(i + 1) : String.fromCharCode(65 + i),
    text: lettered ? unlabel(text) : text,
  }));
  const markedLabels = lettered && texts.some((t) => leadMarks(t) !== '');
  const bold = boldIds(items.map(({ item }) => item), options);
  const checked = items.flatMap(({ item }, i) => (item.task && item.checked ? [options[i]?.id ?? ''] : []));
  return {
    options,
    labels: lettered ? 'letters' : ordered ? 'numbers' : 'implicit',
    line: lists[0]?.line ?? 0,
    checked,
    tasks: items.filter(({ item }) => item.task).length,
    images: read.map((r) => r.images),
    bold,
    ...(markedLabels ? { hashedAs: texts } : {}),
    ...(notes.some(Boolean) ? { notes: notes.map((n) => (n ? { shown: lettered ? unlabel(n.shown) : n.shown, note: n.note } : undefined)) } : {}),
  };
}

/** `**Fargate**`, `B. **Fargate**`, `__Fargate__`: an item whose whole text (after its label) is bold. */
const WHOLLY_BOLD = new RegExp(`^\\s*(?:\\(?${LETTER}[.)]\\s+)?(?:\\*\\*[^*\\n]+\\*\\*|__[^_\\n]+__)\\s*$`);

/**
 * The id of the one item written wholly in bold, among three or more. Two or more bold items are an author's
 * emphasis (product names, `**Amazon S3**` and `**Amazon EBS**`) as often as answers, so they name none.
 */
function boldIds(items: Tokens.ListItem[], options: QuestionOption[]): string[] {
  const bold = items.flatMap((item, i) => (!item.task && WHOLLY_BOLD.test(item.text) ? [options[i]?.id ?? ''] : []));
  return bold.length === 1 && items.length >= 3 ? bold : [];
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
/** A nested list whose first line starts with a tab in the source. */
function tabIndented(text: string, list: Tokens.List, from: number): boolean {
  const first = list.items[0]?.raw.split('\n')[0]?.trim();
  const at = first ? text.indexOf(first, from) : -1;
  return at >= 0 && text[lineStart(text, at)] === '\t';
}

/** Options written as paragraph lines (`A. text` with no list syntax, or a list glued to the prompt). */
/** A label alone on its line (`A.`), its text on the next: options copied from an exam page. */
const BARE_LABEL = new RegExp(`^\\s{0,3}(?:[-*+]\\s+)?\\(?${LETTER}[.)]\\s*$`);

/** Lines with each bare label joined to the text on the line below it (`A.` / `AWS Outposts` → `A. AWS Outposts`). */
function joinBareLabels(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];
    if (BARE_LABEL.test(line) && next?.trim() && !BARE_LABEL.test(next) && !OPTION_LINE.test(next)) {
      out.push(`${line.trimEnd()} ${next.trim()}`);
      i++;
    } else out.push(line);
  }
  return out;
}

export function optionsFromParagraph(
  p: Located<Tokens.Paragraph | Tokens.Text>,
): { prompt: string; promptImages: SeenImage[]; found: OptionsFound } | undefined {
  const rawLines = joinBareLabels(p.token.raw.split('\n'));
  const first = rawLines.findIndex((l) => OPTION_LINE.test(l));
  if (first < 0) return undefined;
  const firstLabel = OPTION_LINE.exec(rawLines[first] ?? '');
  if (!firstLabel || !(latinLabel(firstLabel[1] ?? '') === 'A' || firstLabel[2] === '1')) return undefined;
  const optionLines: string[] = [];
  for (const l of rawLines.slice(first)) {
    if (OPTION_LINE.test(l) || !optionLines.length) optionLines.push(l);
    else optionLines[optionLines.length - 1] += ` ${l.trim()}`;
  }
  if (optionLines.length < 2) return undefined;
  const byLetter = Boolean(firstLabel[1]);
  const read = optionLines.map((l, i) => {
    const { value: text, images } = withImages(() =>
      tidy(inlineText(lexInline(l.replace(new RegExp(`^\\s*(?:[-*+]\\s+)?(?:\\(?${LETTER}[.)]|\\d{1,2}[.)])\\s+`), '')))),
    );
    const label = OPTION_LINE.exec(l);
    return { option: { id: byLetter ? latinLabel(label?.[1] ?? String.fromCharCode(65 + i)) : String(i + 1), text }, images };
  });
  const prompt = withImages(() => tidy(inlineText(lexInline(rawLines.slice(0, first).join('\n')))));
  return {
    prompt: prompt.value,
    promptImages: prompt.images,
    found: { options: read.map((r) => r.option), labels: byLetter ? 'letters' : 'numbers', line: p.line + first, checked: [], tasks: 0, images: read.map((r) => r.images), bold: [] },
  };
}
