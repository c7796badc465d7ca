// Text helpers every renderer shares: bounded lines and plurals. Nothing is escaped here
// (adapters escape for their platform).

import { closeOpenBlock, inlineCodeBlocks } from '../content/code-blocks.js';
import { splitCodeSpans } from '../content/code-spans.js';
import { graphemePrefix } from '../graphemes.js';

export const MAX_TEXT = 2800; // under Slack's 3,000 per section and Discord's 4,096 per embed

/**
 * Cut to `max` characters with "…", between two graphemes (an emoji or an accented letter is never
 * split); a code block cut short is closed (its fence may take a few more), and so is a code span,
 * within `max` (its opening fence left alone would pair with a later backtick).
 */
export function clip(s: string, max = MAX_TEXT): string {
  if (s.length <= max) return s;
  const head = graphemePrefix(s, max - 1);
  const cut = `${head}…`;
  const closed = closeOpenBlock(cut);
  if (closed !== cut || !cut.includes('`')) return closed;
  const span = spanAround(s, head.length);
  if (!span) return cut;
  const fence = '`'.repeat(span.fence);
  const inner = graphemePrefix(s, head.length - fence.length);
  if (s.slice(span.start + fence.length, inner.length).trim()) return `${inner}…${fence}`;
  return `${s.slice(0, span.start).trimEnd()}…`;
}

/** The code span (start, fence length) that position `at` of `s` falls inside, fences included. */
function spanAround(s: string, at: number): { start: number; fence: number } | undefined {
  const lineStart = s.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = s.indexOf('\n', at);
  let start = lineStart;
  for (const part of splitCodeSpans(s.slice(lineStart, lineEnd < 0 ? s.length : lineEnd))) {
    if (part.fence !== undefined && start < at && at < start + part.text.length) return { start, fence: part.fence };
    start += part.text.length;
  }
  return undefined;
}
/** One line: a code block becomes inline code (`{ "a": 1 }`). */
export const oneLine = (s: string, max = 150) => clip(inlineCodeBlocks(s).replace(/\s+/g, ' ').trim(), max);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/**
 * User display names are untrusted and unbounded: one line, at most 60 characters, and plain text:
 * their backticks become the look-alike U+02CB, as only study material's code may render as code.
 */
export const person = (name: string) => oneLine(name.replace(/`/g, '\u02CB'), 60) || 'someone';
/** Ends the text with a period unless it already ends a sentence ("… mock." stays one period). */
export const sentence = (s: string) => (/[.!?…]["')\]]*$/.test(s.trimEnd()) ? s.trimEnd() : `${s.trimEnd()}.`);
