// Questions with no heading, number or label: a prompt paragraph over lettered options and then the answer, each
// question parted from the next by a rule (`---`) or `<br>` lines. ExamTopics pages copied into markdown are written
// so: `A. …` options as paragraphs of their own, then `<details>` holding `Correct Answer: B 🗳️` and the community
// vote. The answer after the options is the evidence that this is a question, or some (not all) options quoted as
// the page's voted one (`> B. … Most Voted`), read as a check mark.
import type { Tokens } from 'marked';
import type { LineMap, Located } from '../markdown.js';
import { opensWithAnswer } from './answer.js';
import type { Group, QuestionBlock } from './blocks.js';
import { letteredList, OPTION_LINE } from './options.js';

/** How many blocks above the options may hold the prompt (a scenario, then its question). */
const MAX_PROMPT_BLOCKS = 8;

const isParagraph = (b: Located | undefined): b is Located<Tokens.Paragraph> => b?.token.type === 'paragraph';
const optionLines = (raw: string): string[] => raw.replace(/\n+$/, '').split('\n');
/** A paragraph that is nothing but option lines (`A. …`, one or more). */
const optionParagraph = (b: Located | undefined): boolean => isParagraph(b) && optionLines(b.token.raw).every((l) => OPTION_LINE.test(l));
const letteredOptions = (b: Located): boolean => b.token.type === 'list' && (b.token as Tokens.List).items.length >= 2 && letteredList(b.token as Tokens.List);

/** `> B. agentic RAG Most Voted`: the option an exam page shows as voted, quoted (ExamTopics' badge at its end). */
const QUOTED_OPTION = /^[ \t]*>[ \t]?(?=[ \t]*\S)/;
function quotedOption(b: Located | undefined): boolean {
  if (b?.token.type !== 'blockquote') return false;
  const lines = b.token.raw.replace(/\n+$/, '').split('\n');
  return lines.length === 1 && QUOTED_OPTION.test(lines[0] ?? '') && OPTION_LINE.test((lines[0] ?? '').replace(QUOTED_OPTION, ''));
}

/** The quoted option as an option paragraph marked ✅ (read like a check mark: a written answer wins over it). */
function markedFromQuote(b: Located): Located {
  let line = b.token.raw.replace(/\n+$/, '').replace(QUOTED_OPTION, '').trim();
  if (/\bmost voted$/i.test(line)) line = line.slice(0, -'most voted'.length).trimEnd();
  const raw = `${line} ✅`;
  return { ...b, token: { type: 'paragraph', raw, text: raw, tokens: [] } as Tokens.Paragraph };
}

/** `<br>` alone on its line, then text: an HTML block whose text GitHub shows as it is (the prompt after a rule). */
const BR_LED = /^[ \t]*<br\s*\/?>[ \t]*\n[ \t]*[^<\s]/i;

/** A block that may be (part of) a prompt: a paragraph that is no option or answer, or text led by a `<br>` line. */
const promptLike = (b: Located | undefined): boolean =>
  (isParagraph(b) && !optionParagraph(b) && !opensWithAnswer(b.token.raw)) || (b?.token.type === 'html' && BR_LED.test(b.token.raw));

/** `<details>` holding an answer line, or an answer line, right after the options. */
function answerBlock(b: Located | undefined): boolean {
  if (!b) return false;
  if (isParagraph(b)) return opensWithAnswer(b.token.raw);
  if (b.token.type !== 'html' || !/^\s*<details\b/i.test(b.token.raw)) return false;
  // Each tag ends at its `>` or the next `<` (an unclosed `<details` scans no further than that).
  const lines = b.token.raw.split('\n').map((l) => l.replace(/<\/?(?:details|summary)\b[^<>\n]*>/gi, ''));
  return lines.some((_, i) => opensWithAnswer(lines.slice(i, i + 2).join('\n')));
}

/** A rule or a `<br>` line: what parts one question from the next in these pages. */
const separator = (b: Located | undefined): boolean => b?.token.type === 'hr' || (b?.token.type === 'html' && /^[ \t]*<br\s*\/?>/i.test(b.token.raw));

/**
 * One question per run of lettered options (not in `taken`) with a prompt above and an answer right below: the
 * answer in a `<details>`, or an answer line with a rule or `<br>` after it (without either, where a prompt starts is
 * anyone's guess: the unread-question check reports it).
 */
export function answeredOptionBlocks(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  const shown = blocks.filter((b) => b.token.type !== 'space');
  let i = 0;
  while (i < shown.length) {
    const b = shown[i] as Located;
    if (taken.has(b) || !(optionParagraph(b) || quotedOption(b) || letteredOptions(b))) {
      i++;
      continue;
    }
    // The options: one lettered list, or option paragraphs one after another (blank lines between them).
    let last = i;
    let count = b.token.type === 'list' ? (b.token as Tokens.List).items.length : quotedOption(b) ? 1 : optionLines(b.token.raw).length;
    let quoted = quotedOption(b) ? 1 : 0;
    if (b.token.type !== 'list') {
      for (let next = shown[last + 1]; (optionParagraph(next) || quotedOption(next)) && !taken.has(next as Located); next = shown[last + 1]) {
        last++;
        if (quotedOption(next)) quoted++;
        count += quotedOption(next) ? 1 : optionLines((next as Located).token.raw).length;
      }
    }
    const answer = shown[last + 1];
    let first = i;
    while (first > 0 && i - first < MAX_PROMPT_BLOCKS && promptLike(shown[first - 1]) && !taken.has(shown[first - 1] as Located)) first--;
    const answered = answerBlock(answer) && !taken.has(answer as Located);
    const parted = isParagraph(answer) ? separator(shown[last + 2]) || last + 2 >= shown.length : true;
    // Some options quoted, not all: the page's vote is the evidence, whatever follows.
    const voted = quoted > 0 && quoted < count;
    if (count < 2 || first === i || !((answered && parted) || voted)) {
      i = last + 1;
      continue;
    }
    const through = answered && parted ? last + 1 : last;
    const body = shown.slice(first, through + 1).map((x) => (quotedOption(x) ? markedFromQuote(x) : x));
    const start = shown[first] as Located;
    const close = shown[through] as Located;
    const end = close.offset + close.token.raw.trimStart().length;
    const group = groupOf.get(start);
    out.push({ origin: 'heading', written: '', line: start.line, end, body, ...(group ? { group } : {}) });
    for (const x of shown.slice(first, through + 1)) taken.add(x);
    i = through + 1;
  }
  return out;
}
