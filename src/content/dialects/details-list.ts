// A list inside a question-asking `<details><summary>…</summary>`: the question's options when something below or on
// them picks the answer (`Answer: 2`, `Correct: B`, a `[x]`, a ✅, one option in bold), else the card's answer (the
// list of correct items: "Which services are serverless?" over `1. Lambda` / `2. Fargate`).
import type { Tokens } from 'marked';
import { lexBlocks } from '../lexer.js';
import { locateTopLevel, type LineMap, type Located } from '../markdown.js';
import { ANSWER_LINE } from './answer.js';
import { hasTick, withoutLeadMarks } from './option-marks.js';
import { letteredList, OPTION_LINE } from './options.js';

const isList = (b: Located | undefined): b is Located<Tokens.List> => b?.token.type === 'list';
const WHOLLY_BOLD_ITEM = /^\s*(?:\*\*[^*\n]+\*\*|__[^_\n]+__)\s*$/;

/** A list that can hold options: numbered, lettered (`- A. …`) or a task list, two items or more. */
export const optionLike = (b: Located | undefined): b is Located<Tokens.List> =>
  isList(b) && b.token.items.length >= 2 && (b.token.ordered || letteredList(b.token) || b.token.items.every((i) => i.task));

/** A mark on the options themselves that picks some of them: `[x]`, ✅, or some (not all) items wholly bold. */
function marksOnItems(list: Tokens.List): boolean {
  const items = list.items;
  const some = (test: (i: Tokens.ListItem) => boolean) => {
    const n = items.filter(test).length;
    return n > 0 && n < items.length;
  };
  return items.some((i) => i.task && i.checked) || some((i) => hasTick(i.text)) || some((i) => !i.task && WHOLLY_BOLD_ITEM.test(withoutLeadMarks(i.text).replace(/^\(?[A-Za-z][.)]\s+/, '')));
}

/** A bare label line (`2`, `B`, `A, C`) right below the options: the answer written alone. */
const BARE_LABELS = /^[ \t]*(?:\*\*)?(?:[A-Za-z]|\d{1,2})(?:[ \t]*[,/&][ \t]*(?:[A-Za-z]|\d{1,2}))*\.?(?:\*\*)?[ \t]*$/;

/** Something after the list that names the answer: an answer line, a `<mark>`, or the label(s) alone. */
function answerAfter(after: Located[]): boolean {
  const first = after[0];
  return (
    after.some((b) => (b.token.type === 'paragraph' || b.token.type === 'text' || b.token.type === 'html') && (ANSWER_LINE.test(b.token.raw) || /<mark\b/i.test(b.token.raw))) ||
    (first !== undefined && first.token.type === 'paragraph' && BARE_LABELS.test(first.token.raw.trim().split('\n')[0] ?? ''))
  );
}

/** Where an answer line glued to the last item starts (`4. A tool …` / `Answer: 2` with no blank line between). */
function gluedAnswerAt(list: Located<Tokens.List>, lines: LineMap): number | undefined {
  const last = list.token.items.at(-1);
  if (!last) return undefined;
  const rest = last.raw.replace(/\n+$/, '').split('\n').slice(1);
  const line = rest.find((l) => ANSWER_LINE.test(l) && !OPTION_LINE.test(l));
  if (line === undefined) return undefined;
  const start = list.offset;
  const end = start + list.token.raw.trimStart().length;
  const at = lines.text.indexOf(line, lines.text.indexOf(last.raw.split('\n')[0] ?? '', start));
  return at > start && at < end ? at : undefined;
}

/** The blocks as read, a glued answer line taken out of the list's last item as a paragraph of its own. */
function splitGlued(blocks: Located[], at: number, lines: LineMap): Located[] {
  const list = blocks[at];
  if (!isList(list)) return blocks;
  const cut = gluedAnswerAt(list, lines);
  if (cut === undefined) return blocks;
  const end = list.offset + list.token.raw.trimStart().length;
  const head = lines.text.slice(list.offset, cut);
  const tail = lines.text.slice(cut, end);
  const parts = [...locateTopLevel(lexBlocks(head), head, list.offset, lines), ...locateTopLevel(lexBlocks(tail), tail, cut, lines)];
  return [...blocks.slice(0, at), ...parts.filter((b) => b.token.type !== 'space'), ...blocks.slice(at + 1)];
}

export type DetailsList =
  /** The options of a question, its answer below or on them: the blocks to read as the question's body. */
  | { kind: 'options'; body: Located[] }
  /** Only a numbered list, nothing picking one item: options or the answer, decided by the file (summary-cards.ts). */
  | { kind: 'list-only'; list: Located<Tokens.List> }
  | { kind: 'none' };

/** What the blocks inside a `<details>` (below its summary, markup and blank lines left out) are. */
export function readDetailsList(inner: Located[], lines: LineMap): DetailsList {
  const at = inner.findIndex(optionLike);
  if (at < 0) return { kind: 'none' };
  const list = inner[at] as Located<Tokens.List>;
  // Above the options only prompt text (a paragraph, a code block): not an answer with a list in it.
  const promptAbove = inner.slice(0, at).every((b) => b.token.type === 'paragraph' || b.token.type === 'code');
  if (promptAbove && (marksOnItems(list.token) || answerAfter(inner.slice(at + 1)) || gluedAnswerAt(list, lines) !== undefined)) {
    return { kind: 'options', body: splitGlued(inner, at, lines) };
  }
  if (inner.length === 1 && list.token.ordered) return { kind: 'list-only', list };
  return { kind: 'none' };
}

const COUNT_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  duas: 2, dois: 2, três: 3, tres: 3, quatro: 4, cuatro: 4, cinco: 5, seis: 6, sete: 7, siete: 7, oito: 8, ocho: 8, nove: 9, nueve: 9, dez: 10, diez: 10,
  deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
};
const COUNT = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2}|${Object.keys(COUNT_WORDS).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
/** "(Choose 2)", "Select two": the count is how many options to pick, not how many items answer. */
const CHOOSE = /(?<!\p{L})(?:choose|select|pick|escolha|selecione|elija|seleccione|choisissez|w[äa]hlen)(?!\p{L})/iu;

/** "What are the five pillars …?" over five items: the prompt counts the list, so the list is the answer. */
export function promptCountsList(prompt: string, list: Tokens.List): boolean {
  if (CHOOSE.test(prompt)) return false;
  for (const m of prompt.matchAll(COUNT)) {
    const word = (m[1] ?? '').toLowerCase();
    if ((COUNT_WORDS[word] ?? Number(word)) === list.items.length) return true;
  }
  return false;
}
