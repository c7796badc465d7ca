// A learner's notes between a question's prompt and its options (an annotated copy of an exam): a `\t1. …` line
// nested under `1. Which …?`, or a column-0 `- …` bullet that ends the numbered list and holds the options.
// Neither is an option nor part of the prompt: they are shown with the explanation (docs/content.md).
import type { Tokens } from 'marked';
import { childrenOf, itemsOf, type LineMap, type Located } from '../markdown.js';
import { tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';
import type { QuestionOption } from '../types.js';
import { letteredList, letterLabelled, type OptionsFound } from './options.js';

const isList = (b: Located | undefined): b is Located<Tokens.List> => b?.token.type === 'list';

/** A list none of whose items has a letter label: `1. avaliablity Zone(AZ) : …`, `- AWS Snowball: …`. */
export const noteList = (list: Tokens.List): boolean => !list.items.some((i) => letterLabelled(i.text) || i.task);

/**
 * Adjacent lists `lists[first..last]` before the answer: when the last is lettered options, the unlettered lists
 * in front of it are notes. Returns where the options start (`first` when there are no notes).
 */
export function optionsStart(blocks: Located[], first: number, last: number): number {
  const options = blocks[last];
  if (!isList(options) || !letteredList(options.token)) return first;
  let at = last;
  while (at > first && isList(blocks[at - 1]) && letteredList((blocks[at - 1] as Located<Tokens.List>).token)) at--;
  for (let i = first; i < at; i++) if (!noteList((blocks[i] as Located<Tokens.List>).token)) return first;
  return at;
}

export interface Borrowed {
  /** The note bullets' own text: shown with the explanation. */
  notes: Located[];
  /** The options list and what follows it (the answer's `<details>`), read as the rest of the question. */
  body: Located[];
  end: number;
}

/**
 * `8. What does AWS Snowball provide?` then, at column 0, `- AWS Snowball: …` whose item holds the indented
 * `- A. …` options and the answer: the bullet list ends the numbered list, but its options are the question's.
 */
export function noteBullets(next: Located | undefined, lines: LineMap): Borrowed | undefined {
  if (!isList(next) || next.token.ordered || !noteList(next.token)) return undefined;
  const items = itemsOf(next.token, next.offset, lines);
  const last = items.at(-1);
  if (!last) return undefined;
  const before = items.slice(0, -1).flatMap(({ item, offset }) => childrenOf(item, offset, lines));
  const own = childrenOf(last.item, last.offset, lines);
  const at = own.findIndex((c) => isList(c) && letteredList(c.token));
  if (at < 0) return undefined;
  return { notes: [...before, ...own.slice(0, at)], body: own.slice(at), end: next.offset + next.token.raw.trimStart().length };
}

/** The notes as explanation text (a single note line without its bullet or number). */
export function notesText(notes: Located[]): string {
  const text = notes.length ? tidy(blockTextNumbered(notes.map((n) => n.token))) : '';
  return text.includes('\n') ? text : text.replace(/^(?:- |\d{1,9}\. )/, '');
}

/**
 * Takes a learner's tab-indented notes off the options they sit under (after the question's id is hashed over the
 * options as written) and returns them as explanation lines: `A) 예산을 설정하고 …`.
 */
export function takeOptionNotes(options: QuestionOption[], found: OptionsFound | undefined): string {
  const out: string[] = [];
  options.forEach((o, i) => {
    const n = found?.notes?.[i];
    if (!n) return;
    o.text = n.shown;
    out.push(`${o.id}) ${n.note.replace(/\n/g, `\n${o.id}) `)}`);
  });
  return out.join('\n');
}
