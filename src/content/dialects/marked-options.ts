// A prompt paragraph right over options some of which carry an answer mark (✅, ⭐), with no heading or number
// above it: wrong-answer notes (`…사용해야 하는 서비스는?` / `1. …` / `3. … ⭐️`, questions parted by rules or
// `#####` lines). The marks on the options are the evidence that this is a question.
import type { Tokens } from 'marked';
import type { LineMap, Located } from '../markdown.js';
import type { Group, QuestionBlock } from './blocks.js';
import { hasTick } from './option-marks.js';
import { letteredList, OPTION_LINE } from './options.js';

const someNotAll = (marks: boolean[]): boolean => marks.some(Boolean) && !marks.every(Boolean);

/** The options' own lines (from the first option line on), when every one is an option and some, not all, are marked. */
function markedLines(raw: string): { promptLines: number } | undefined {
  const rawLines = raw.replace(/\n+$/, '').split('\n');
  const first = rawLines.findIndex((l) => OPTION_LINE.test(l));
  const options = first < 0 ? [] : rawLines.slice(first);
  if (options.length < 2 || !options.every((l) => OPTION_LINE.test(l)) || !someNotAll(options.map(hasTick))) return undefined;
  return { promptLines: first };
}

/** A list of options (numbered or lettered) with an answer mark on some of them. */
function markedList(b: Located): boolean {
  if (b.token.type !== 'list') return false;
  const list = b.token as Tokens.List;
  return list.items.length >= 2 && (list.ordered || letteredList(list)) && someNotAll(list.items.map((i) => hasTick(i.text)));
}

const isParagraph = (b: Located | undefined): b is Located<Tokens.Paragraph> => b?.token.type === 'paragraph';

/** One question per marked option list (or option lines) not in `taken`, with the paragraph above it as the prompt. */
export function markedOptionBlocks(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  const shown = blocks.filter((b) => b.token.type !== 'space');
  shown.forEach((b, i) => {
    if (taken.has(b)) return;
    const glued = isParagraph(b) ? markedLines(b.token.raw) : undefined;
    if (!markedList(b) && !glued) return;
    // `Which …?` glued over its option lines is a question on its own; else the paragraph right above is the prompt.
    const above = shown[i - 1];
    const prompt = glued?.promptLines ? undefined : isParagraph(above) && !taken.has(above) && !markedLines(above.token.raw) ? above : undefined;
    if (!glued?.promptLines && !prompt) return;
    const first = prompt ?? b;
    const group = groupOf.get(first);
    out.push({ origin: 'heading', written: '', line: first.line, end: b.offset + b.token.raw.trimStart().length, body: prompt ? [prompt, b] : [b], ...(group ? { group } : {}) });
  });
  return out;
}
