// Inline code in the text users see. Content text keeps a code span as markdown writes it:
// `sam build`, or `` a`b `` when the code holds backticks (CommonMark's rule: a fence longer than any
// run of backticks inside, padded with a space when the code starts or ends with one). Renderers read
// those spans back with `splitCodeSpans` and show them as code where the platform can.
//
// While a note is parsed, a span is held between two marks instead (Unicode noncharacters; a note's own,
// raw or as entities, are held as look-alikes: nothing else can forge them). Question ids hash the text
// without the marks: exactly the text they hashed when inline code was shown as plain text, so
// answers, review cards and reports stored against those ids keep matching their questions.

export { codeSpan } from './inline-code.js';
import { codeSpan } from './inline-code.js';
import {
  BLOCK_OPEN,
  INFO_END,
  dropBlockMarks,
  hasBlockMarks,
  outsideMarkedBlocks,
  splitCodeBlocks,
  writeBlockMarks,
  writeBlockMarksInline,
} from './code-blocks.js';

export const CODE_OPEN = '\uFDD0';
export const CODE_CLOSE = '\uFDD1';
const MARK = /[\uFDD0\uFDD1]/;
const MARKS = /[\uFDD0\uFDD1]/g;
const MARKED_SPAN = /\uFDD0([^\uFDD0\uFDD1]*)\uFDD1/g;

/** A code span as the parser holds it; code that is only white space stays plain white space. */
export function markCode(code: string): string {
  const flat = code.replace(/\n/g, ' ');
  return flat.trim() ? CODE_OPEN + flat + CODE_CLOSE : flat;
}

/**
 * A mark character a note wrote as an entity (`&#xFDD0;`, decoded after cleanSource) is held as a
 * look-alike noncharacter 0x10 above it (U+FDE0–U+FDE6), so it cannot act as a mark. Ids and matching
 * read it as the character it was (dropCodeMarks), as they did before code was kept; users see U+FFFD.
 */
export const heldMarkCharacter = (mark: string): string => String.fromCharCode(mark.charCodeAt(0) + 0x10);
const HELD = /[\uFDE0-\uFDE6]/;
const HELD_ALL = /[\uFDE0-\uFDE6]/g;
const MARKS_AND_HELD = /[\uFDD0-\uFDD6\uFDE0-\uFDE6]/;
const ALL_MARKS = /[\uFDD0-\uFDD6]/g;

/**
 * Source text (a note, an imported field) with its own mark characters held as look-alikes and its own
 * look-alikes dropped: nothing in it can forge code, and ids read the marks as the characters they were.
 */
export const holdMarks = (text: string): string =>
  MARKS_AND_HELD.test(text) ? text.replace(HELD_ALL, '').replace(ALL_MARKS, heldMarkCharacter) : text;

/** The text without its code marks (spans and blocks, code-blocks.ts): what users were shown before code was kept. */
export function dropCodeMarks(text: string): string {
  const plain = hasBlockMarks(text) ? dropBlockMarks(text) : text;
  const unmarked = MARK.test(plain) ? plain.replace(MARKS, '') : plain;
  return HELD.test(unmarked) ? unmarked.replace(HELD_ALL, (c) => String.fromCharCode(c.charCodeAt(0) - 0x10)) : unmarked;
}

/**
 * The rest of `text` (code marked) from its unmarked form's character `at` on: what follows a term or a
 * number read on the unmarked text. A mark closing the code before `at` is left out.
 */
export function markedFrom(text: string, at: number): string {
  let i = 0;
  for (let seen = 0; seen < at && i < text.length; i++) {
    // A block's language is not in the unmarked text (terms and numbers are read on single lines, never in a block).
    if (text[i] === BLOCK_OPEN) while (i < text.length && text[i] !== INFO_END) i++;
    else if (!/[\uFDD0-\uFDD5]/.test(text[i] ?? '')) seen++;
  }
  while (text[i] === CODE_CLOSE) i++;
  return text.slice(i);
}

/**
 * The marks written as markdown: code spans, and code blocks as fenced blocks (code-blocks.ts); a mark
 * left without its pair (text cut in between) is dropped. `inline`: blocks become code spans (one-line places).
 */
export function writeCodeMarks(text: string, opts: { inline?: boolean } = {}): string {
  const shown = HELD.test(text) ? text.replace(HELD_ALL, '\uFFFD') : text;
  const prose = shown.includes('```') ? outsideMarkedBlocks(shown, breakFenceLines) : shown;
  const blocksWritten = hasBlockMarks(prose) ? (opts.inline ? writeBlockMarksInline(prose) : writeBlockMarks(prose)) : prose;
  if (!MARK.test(blocksWritten)) return blocksWritten;
  return blocksWritten.replace(MARKED_SPAN, (_whole, code: string) => codeSpan(code)).replace(MARKS, '');
}


/**
 * Backticks the note wrote as text (\`\`\`) that start a line would read back as a fence (splitCodeBlocks)
 * and pair with a real block's. A zero-width space goes before them: they stay one run of backticks, so
 * code spans pair as before (one inside the run would leave a lone backtick to pair with the next span).
 * Ids are hashed before this (parse.ts), so they do not change.
 */
const FENCE_LIKE_LINE = /^([ \t]*)(?=```)/gm;
const breakFenceLines = (prose: string): string => prose.replace(FENCE_LIKE_LINE, '$1\u200b');

export interface TextPart {
  text: string;
  /** Set on a code span: the code itself, and the length of the fence around it in `text`. */
  code?: string;
  fence?: number;
}

/**
 * Text split into plain runs and well-formed code spans (a run of N backticks closed by the next run
 * of exactly N on the same line, with something besides spaces inside). A backtick that is never
 * closed stays plain text. Backslashes are plain characters here: content text is no longer markdown.
 */
export function splitCodeSpans(text: string): TextPart[] {
  if (!text.includes('`')) return text ? [{ text }] : [];
  const parts: TextPart[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let n = 1;
    while (text[i + n] === '`') n++;
    const close = closingRun(text, i + n, n);
    if (close < 0) {
      i += n;
      continue;
    }
    const inner = text.slice(i + n, close);
    if (!inner.trim()) {
      // A span of nothing but spaces shows nothing as code: it stays plain text.
      i = close + n;
      continue;
    }
    if (i > plainStart) parts.push({ text: text.slice(plainStart, i) });
    const padded = inner.length >= 2 && inner.startsWith(' ') && inner.endsWith(' ');
    parts.push({ text: text.slice(i, close + n), code: padded ? inner.slice(1, -1) : inner, fence: n });
    i = close + n;
    plainStart = i;
  }
  if (plainStart < text.length) parts.push({ text: text.slice(plainStart) });
  return parts;
}

/** Start of the next run of exactly `n` backticks at or after `from`, on the same line; -1 when there is none. */
function closingRun(text: string, from: number, n: number): number {
  let j = from;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\n') return -1;
    if (ch !== '`') {
      j++;
      continue;
    }
    let m = 1;
    while (text[j + m] === '`') m++;
    if (m === n) return j;
    j += m;
  }
  return -1;
}

/** Code shown as its code (`sam build` → sam build, a fenced block → its lines): for plain-text places and for matching. */
export function stripCodeSpans(text: string): string {
  if (!text.includes('`')) return text;
  if (text.includes('```')) return splitCodeBlocks(text).map((s) => s.block?.code ?? stripSpans(s.text)).join('\n');
  return stripSpans(text);
}

const stripSpans = (text: string): string =>
  splitCodeSpans(text)
    .map((p) => p.code ?? p.text)
    .join('');
