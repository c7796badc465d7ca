// Code blocks in the text users see (fenced, indented and HTML `<pre>` code in notes). Content text keeps
// a block as a markdown fence on lines of its own (```yaml … ```, a longer fence when the code holds
// backticks), its lines and indentation untouched. Renderers read blocks back with `splitCodeBlocks`.
//
// While a note is parsed a block is held between marks, like a code span (code-spans.ts):
// BLOCK_OPEN language INFO_END code BLOCK_CLOSE, with CODE_BREAK for a line break the note wrote as
// `<br>` inside `<pre>`. Question ids hash the text without marks, and `legacyCode` gives a block's code
// exactly as the text held it when blocks were shown as prose (white space aside, which ids fold), so
// ids, answers and stored reviews keep their questions.
import { codeSpan, longestBacktickRun } from './inline-code.js';
import { replaceBetween } from './spans.js';

export const BLOCK_OPEN = '\uFDD2';
export const INFO_END = '\uFDD3';
export const BLOCK_CLOSE = '\uFDD4';
export const CODE_BREAK = '\uFDD5';
const MARKED_BLOCK = /\uFDD2([^\uFDD2-\uFDD4]*)\uFDD3([^\uFDD2-\uFDD4]*)\uFDD4/g;
const BLOCK_MARKS = /[\uFDD2-\uFDD5]/g;
/** A language name we pass on (the first word of an info string, if it is a plain word). */
const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,30}$/;

/** Clean-up `tidy` does on prose, which it did on code too before blocks were kept (see legacyCode). */
const SHORTCODE = /\{\{[<%][\s\S]*?[%>]\}\}/g;
const BROKEN_LINK = /\[([^[\]\n]+)\]\((?![^()\n]*\))/g;
const DANGLING_TAG = /<\/?(?:mark|details|summary|div|span|p|br|img|a|b|i|u|em|strong|sup|sub)\b[^<>\n]*(?=\n|$)/g;
const DANGLING_SHORTCODE_OR_COMMENT = /(?:\{\{[<%]|<!--)[^\n]*/g;

export function proseCleanup(text: string): string {
  return replaceBetween(text.replace(SHORTCODE, ''), '<!--', '-->', () => '')
    .replace(BROKEN_LINK, '$1')
    .replace(DANGLING_TAG, '')
    .replace(DANGLING_SHORTCODE_OR_COMMENT, '');
}

/** The code as the text held it before blocks were kept: prose clean-up applied, `<br>` dropped. */
export const legacyCode = (code: string): string => proseCleanup(code.split(CODE_BREAK).join(''));

/**
 * A code block as the parser holds it. Blank lines around the code and white space after it stay
 * outside the marks (as plain white space); code that is only white space stays plain white space.
 */
export function markBlock(code: string, info = ''): string {
  const lead = /^(?:[ \t]*\n)*/.exec(code)?.[0] ?? '';
  const trail = /\s*$/.exec(code)?.[0] ?? '';
  const core = code.slice(lead.length, code.length - trail.length);
  if (!core.trim()) return code;
  const word = info.trim().split(/\s+/)[0] ?? '';
  const language = LANGUAGE.test(word) ? word : '';
  return `${lead}${BLOCK_OPEN}${language}${INFO_END}${core}${BLOCK_CLOSE}${trail}`;
}

export const hasBlockMarks = (text: string): boolean => text.includes(BLOCK_OPEN) || text.includes(CODE_BREAK);

/** The text without block marks: each block's code as it was shown before (legacyCode), its language left out. */
export function dropBlockMarks(text: string): string {
  return text.replace(MARKED_BLOCK, (_whole, _lang: string, code: string) => legacyCode(code)).replace(BLOCK_MARKS, '');
}

/** Applies `edit` to the text between marked blocks only. */
export function outsideMarkedBlocks(text: string, edit: (prose: string) => string): string {
  if (!text.includes(BLOCK_OPEN)) return edit(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKED_BLOCK)) {
    out += edit(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + edit(text.slice(last));
}

/** Starts a placeholder (U+FDD6, then a private-use character numbering the text it stands for). */
export const PLACEHOLDER = '\uFDD6';
const PLACEHOLDERS = /\uFDD6([\uE000-\uF8FF])/g;

/**
 * Texts taken out while the text around them is edited: `hold` returns a two-character placeholder
 * (U+FDD6 cannot come from a note or a field: it is a code mark, held as a look-alike), `restore` puts
 * every held text back.
 */
export function placeholders(): { hold: (text: string) => string; restore: (text: string) => string } {
  const held: string[] = [];
  return {
    hold: (text) => `${PLACEHOLDER}${String.fromCharCode(0xe000 + held.push(text) - 1)}`,
    restore: (text) => text.replace(PLACEHOLDERS, (_w, i: string) => held[i.charCodeAt(0) - 0xe000] ?? ''),
  };
}

/** Runs `edit` with every marked block taken out (stood in by a placeholder), then puts the blocks back. */
export function withBlocksHeld(text: string, edit: (text: string) => string): string {
  if (!text.includes(BLOCK_OPEN)) return edit(text);
  const { hold, restore } = placeholders();
  return restore(edit(text.replace(MARKED_BLOCK, hold)));
}

/** A fence longer than any run of backticks in the code (at least three), so nothing inside can close it. */
export function fenceFor(code: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
}

/** The marked blocks written as fenced markdown blocks on lines of their own. */
export function writeBlockMarks(text: string): string {
  if (!hasBlockMarks(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKED_BLOCK)) {
    const before = text.slice(last, m.index);
    out += before;
    if (out && !out.endsWith('\n')) out = `${out.replace(/[ \t]+$/, '')}\n`;
    const code = (m[2] ?? '').split(CODE_BREAK).join('\n');
    const fence = fenceFor(code);
    out += `${fence}${m[1] ?? ''}\n${code}\n${fence}`;
    last = m.index + m[0].length;
    const rest = text.slice(last);
    if (rest && !rest.startsWith('\n')) {
      out += '\n';
      last += /^[ \t]*/.exec(rest)?.[0].length ?? 0;
    }
  }
  return (out + text.slice(last)).replace(BLOCK_MARKS, '');
}

/** The marked blocks as inline code (one line): for one-line places such as answer options. */
export function writeBlockMarksInline(text: string): string {
  if (!hasBlockMarks(text)) return text;
  return text
    .replace(MARKED_BLOCK, (_whole, _lang: string, code: string) => codeSpan(code.split(CODE_BREAK).join(' ').replace(/\s+/g, ' ').trim()))
    .replace(BLOCK_MARKS, '');
}

export interface TextSegment {
  text: string;
  /** Set on a code block: its code (lines and indentation as written), its language ('' when none). */
  block?: { code: string; lang: string };
}

const OPENING_FENCE = /^(`{3,})([^`\s]*)[ \t]*$/;

/**
 * Content text split into prose and fenced code blocks (a line of three or more backticks, with an
 * optional language word, up to a line of at least as many backticks). A fence that is never closed is
 * prose (text cut inside a block is closed by whoever cut it: closeOpenBlock). Segments were separated by
 * one line break, which they do not hold.
 */
export function splitCodeBlocks(text: string): TextSegment[] {
  if (!text.includes('```')) return text ? [{ text }] : [];
  const lines = text.split('\n');
  const segments: TextSegment[] = [];
  let prose: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPENING_FENCE.exec(lines[i] ?? '');
    if (!open) {
      prose.push(lines[i] ?? '');
      i++;
      continue;
    }
    const fence = open[1] ?? '```';
    const closer = new RegExp(`^\`{${fence.length},}[ \\t]*$`);
    let end = i + 1;
    while (end < lines.length && !closer.test(lines[end] ?? '')) end++;
    if (end >= lines.length) {
      prose.push(lines[i] ?? '');
      i++;
      continue;
    }
    if (prose.length) segments.push({ text: prose.join('\n') });
    prose = [];
    segments.push({ text: lines.slice(i, end + 1).join('\n'), block: { code: lines.slice(i + 1, end).join('\n'), lang: open[2] ?? '' } });
    i = end + 1;
  }
  if (prose.length) segments.push({ text: prose.join('\n') });
  return segments;
}

/** The text with a block it ends inside (it was cut there) closed by its fence. */
export function closeOpenBlock(text: string): string {
  if (!text.includes('```')) return text;
  let fence = '';
  for (const line of text.split('\n')) {
    if (!fence) fence = OPENING_FENCE.exec(line)?.[1] ?? '';
    else if (new RegExp(`^\`{${fence.length},}[ \t]*$`).test(line)) fence = '';
  }
  return fence ? `${text}\n${fence}` : text;
}

/** Fenced blocks shown as their code alone (fence lines and language left out): for matching and plain text. */
export function stripCodeBlocks(text: string): string {
  if (!text.includes('```')) return text;
  return splitCodeBlocks(text)
    .map((s) => s.block?.code ?? s.text)
    .join('\n');
}

/** Fenced blocks as inline code spans on one line (for one-line places: summaries, labels). */
export function inlineCodeBlocks(text: string): string {
  if (!text.includes('```')) return text;
  return splitCodeBlocks(text)
    .map((s) => (s.block ? codeSpan(s.block.code.replace(/\s+/g, ' ').trim()) : s.text))
    .join('\n');
}

/**
 * Code for a platform's code block: no run of three backticks is left to end the block early (a
 * zero-width space goes between each pair of backticks).
 */
export const breakFences = (code: string): string => (code.includes('``') ? code.replace(/`(?=`)/g, '`\u200b') : code);
