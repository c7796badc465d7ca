// Line-level scanning shared by the flashcard-note readers: code kept out of the way, fences, the `::`
// separator, list markers. Every scan walks a line once (hostile lines stay linear).
import { splitCodeSpans } from '../code-spans.js';

/** Stands in for each character of a code span, so positions in the masked line match the line. */
const CODE_FILL = '\u0001';

/** The line with its code spans (`` `std::vec` ``) filled in: nothing in code is read as a separator, tag or cloze. */
export function maskCode(line: string): string {
  if (!line.includes('`')) return line;
  let out = '';
  for (const part of splitCodeSpans(line)) out += part.code === undefined ? part.text : CODE_FILL.repeat(part.text.length);
  return out;
}

export interface Fence {
  char: string;
  length: number;
}

/** A ``` or ~~~ line opening a fenced code block (at any indentation: fences sit in list items too). */
export function fenceOpening(line: string): Fence | undefined {
  const m = /^[ \t]*(`{3,}|~{3,})/.exec(line);
  if (!m) return undefined;
  const run = m[1] as string;
  // A backtick fence's info string holds no backtick (CommonMark): ```a``` on one line is inline code.
  if (run[0] === '`' && line.slice(m[0].length).includes('`')) return undefined;
  return { char: run[0] as string, length: run.length };
}

export function closesFence(line: string, fence: Fence): boolean {
  const t = line.trim();
  if (t.length < fence.length || t[0] !== fence.char) return false;
  for (const ch of t) if (ch !== fence.char) return false;
  return true;
}

/** For each line, whether it is fenced code (its fence lines included): for scans that edit lines in place. */
export function fencedLines(lines: readonly string[]): boolean[] {
  let fence: Fence | undefined;
  return lines.map((line) => {
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      return true;
    }
    fence = fenceOpening(line);
    return fence !== undefined;
  });
}

/** Each line outside fenced code blocks through `change`; fence lines and the code in them as written. */
export function mapOutsideFences(text: string, change: (line: string) => string): string {
  let fence: Fence | undefined;
  return text
    .split('\n')
    .map((line) => {
      if (fence) {
        if (closesFence(line, fence)) fence = undefined;
        return line;
      }
      fence = fenceOpening(line);
      return fence ? line : change(line);
    })
    .join('\n');
}

export const isBlank = (line: string): boolean => line.trim() === '';
/** `# Title` … `###### Section`: ends a card and is never part of one. */
export const isHeading = (line: string): boolean => /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line);

/** `- `, `* `, `1. `, `- [ ] `, `> ` before a card's text. */
export const LIST_MARK = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/;

export interface Separator {
  at: number;
  /** 2: `Question::Answer` (or `Question;;Answer`); 3: `Question:::Answer`, read both ways. */
  length: 2 | 3;
}

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number): boolean => c === 32 || c === 9;
/** `fe80::1`, `2001:db8::1/64`, `(fe80::1%eth0)`: an IPv6 address, never a card. Checked without a pattern that could backtrack. */
function isIpv6(token: string): boolean {
  if (token.length > 64) return false;
  const address = token
    .replace(/^[(\[]+/, '')
    .replace(/[)\],.;!?]+$/, '')
    .replace(/\/\d{1,3}$/, '')
    .replace(/%\w+$/, '');
  if (!address.includes('::') || address.includes(':::') || !/\d/.test(address)) return false;
  return address.split(':').every((group) => group.length <= 4 && /^[0-9a-f]*$/i.test(group));
}

/**
 * The first `::` (or `:::`, or `;;`) of a masked line that separates a question from its answer. Not one: a run of four
 * colons or more (three semicolons or more), one inside a name of three or more parts written without spaces (`AWS::S3::Bucket`,
 * `Aws::S3::Model::GetObjectRequest`), one in an IPv6 address (`fe80::1`) or in code (masked out).
 */
export function findSeparator(masked: string): Separator | undefined {
  if (!masked.includes('::') && !masked.includes(';;')) return undefined;
  const n = masked.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(masked.charCodeAt(i))) i++;
    let end = i;
    while (end < n && !isSpace(masked.charCodeAt(end))) end++;
    const found = isIpv6(masked.slice(i, end)) ? undefined : separatorInToken(masked, i, end);
    if (found) return found;
    i = end;
  }
  return undefined;
}

function separatorInToken(s: string, from: number, to: number): Separator | undefined {
  let i = from;
  while (i < to) {
    if (isWordChar(s.charCodeAt(i))) {
      // A name: word (`::` word)…; one `::` in it separates (`S3::Object storage`), two or more make a type name.
      let j = i;
      while (j < to && isWordChar(s.charCodeAt(j))) j++;
      let runs = 0;
      let first = -1;
      while (j + 2 < to && s.charCodeAt(j) === 58 && s.charCodeAt(j + 1) === 58 && isWordChar(s.charCodeAt(j + 2))) {
        if (runs++ === 0) first = j;
        j += 2;
        while (j < to && isWordChar(s.charCodeAt(j))) j++;
      }
      if (runs === 1) return { at: first, length: 2 };
      i = j;
      continue;
    }
    if (s.charCodeAt(i) === 58) {
      let j = i;
      while (j < to && s.charCodeAt(j) === 58) j++;
      if (j - i === 2 || j - i === 3) return { at: i, length: (j - i) as 2 | 3 };
      i = j;
      continue;
    }
    if (s.charCodeAt(i) === 59) {
      // `;;`: the single-line separator vaults most often set instead of `::` (`Question?;; Answer`).
      let j = i;
      while (j < to && s.charCodeAt(j) === 59) j++;
      if (j - i === 2) return { at: i, length: 2 };
      i = j;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Lines without their common indentation (a card inside a list item is not indented code once it stands alone). */
export function dedent(lines: string[]): string[] {
  let common: string | undefined;
  for (const l of lines) {
    if (!l.trim()) continue;
    const lead = /^[ \t]*/.exec(l)?.[0] ?? '';
    if (common === undefined || lead.length < common.length) common = lead;
  }
  if (!common) return lines;
  const cut = common.length;
  return lines.map((l) => (l.slice(0, cut).trim() ? l.trimStart() : l.slice(cut)));
}
