// What follows a question's option list: a quizdown `> Solución: …` / `> Hint: …` blockquote is its
// explanation, never more prompt; a second checked list after a paragraph is a second question.
import type { Tokens } from 'marked';
import { inlineOf } from '../lexer.js';
import type { Located } from '../markdown.js';
import { inlineText, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';

/** `Solución:`, `Solution:`, `Solução:`: the label of a solution note (a hint keeps its `Hint:`). */
const SOLUTION_LABEL = /^[*_]{0,2}(?:soluci[oó]n|solu[çc][ãa]o|solution|l[öo]sung|explanation|explicaci[oó]n|explica[çc][ãa]o)[*_]{0,2}\s*[:：][*_]{0,2}\s*/i;

/** The explanation written as blockquotes after the options (`after`: the blocks after the list), or ''. */
export function quotedNotes(after: Located[]): string {
  if (!after.length || !after.every((b) => b.token.type === 'blockquote')) return '';
  return after
    .map((b) => tidy(blockTextNumbered([b.token])).replace(SOLUTION_LABEL, ''))
    .filter(Boolean)
    .join('\n\n');
}

const isList = (b: Located): b is Located<Tokens.List> => b.token.type === 'list';
const checkedList = (b: Located): boolean => isList(b) && b.token.items.some((i) => i.task && i.checked);

/** Where each run of adjacent lists (blank lines apart) starts in `body`, for runs holding a `[x]`. */
export function checkedListRuns(body: Located[]): number[] {
  const starts: number[] = [];
  let run = -1;
  let checked = false;
  const close = () => {
    if (run >= 0 && checked) starts.push(run);
  };
  body.forEach((b, i) => {
    if (b.token.type === 'space') return;
    if (!isList(b)) {
      close();
      run = -1;
      return;
    }
    if (run < 0) {
      run = i;
      checked = false;
    }
    checked ||= checkedList(b);
  });
  close();
  return starts;
}

/** The parts of a question block (blocks.ts) a split reads and writes. */
interface SplitBlock {
  origin: string;
  card?: unknown;
  written: string;
  line: number;
  end: number;
  inSection?: boolean;
  body: Located[];
}

/**
 * A heading over two checked option lists, a paragraph before the second (a question whose `##` was
 * forgotten): two questions, the paragraph the second one's prompt.
 */
export function splitAtSecondList<B extends SplitBlock>(block: B): B[] {
  if (block.origin !== 'heading' || block.card) return [block];
  const runs = checkedListRuns(block.body);
  if (runs.length < 2 || runs[0] !== block.body.findIndex(isList)) return [block];
  const out: B[] = [];
  let from = 0;
  let current = block;
  for (const start of runs.slice(1)) {
    let at = start - 1;
    while (at > from && block.body[at]?.token.type === 'space') at--;
    const prompt = block.body[at];
    if (!prompt || prompt.token.type !== 'paragraph' || at <= from) continue;
    out.push({ ...current, body: block.body.slice(from, at), end: prompt.offset });
    const written = tidy(inlineText(inlineOf(prompt.token as Tokens.Paragraph)));
    current = { ...block, written, line: prompt.line, body: [] };
    delete current.inSection;
    from = start;
  }
  out.push({ ...current, body: block.body.slice(from) });
  return out;
}
