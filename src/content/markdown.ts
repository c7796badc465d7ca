// marked's lexer plus source positions: every block token gets the line it starts on in the original file.
import type { Token, Tokens } from 'marked';
import { inlineOf } from './lexer.js';
import { dropCodeMarks } from './code-spans.js';
import { inlineText, tidy } from './text.js';

/** Maps character offsets of the (cleaned) source to 1-based line numbers. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

export interface Located<T extends Token = Token> {
  token: T;
  /** Offset of the token's first non-blank character in the cleaned source. */
  offset: number;
  line: number;
}

const isBlank = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 13;

const firstContentOffset = (raw: string): number => {
  let i = 0;
  while (i < raw.length && isBlank(raw.charCodeAt(i))) i++;
  return i < raw.length ? i : 0;
};

/** marked's top-level raws add up to the body; checking the ends avoids comparing whole strings. */
const rawAt = (body: string, raw: string, at: number): boolean =>
  raw.length === 0 ||
  (body.charCodeAt(at) === raw.charCodeAt(0) && body.charCodeAt(at + raw.length - 1) === raw.charCodeAt(raw.length - 1));

/** Top-level tokens of `body`, which starts at `bodyOffset` in the source `lines` maps. */
export function locateTopLevel(tokens: Token[], body: string, bodyOffset: number, lines: LineMap): Located[] {
  const out: Located[] = [];
  let cursor = 0;
  for (const token of tokens) {
    let at = rawAt(body, token.raw, cursor) ? cursor : body.indexOf(token.raw, cursor);
    if (at < 0) at = cursor;
    const offset = bodyOffset + at + firstContentOffset(token.raw);
    out.push({ token, offset, line: lines.lineAt(offset) });
    cursor = at + token.raw.length;
  }
  return out;
}

/**
 * Finds where a nested token (a list item, whose raw text marked may have de-indented) starts,
 * searching the original text forward from `from`. Falls back to `from`.
 */
export function locateWithin(source: string, raw: string, from: number): number {
  const exact = source.indexOf(raw, from);
  if (exact >= 0) return exact + firstContentOffset(raw);
  const firstLine = raw.split('\n').find((l) => l.trim())?.trim();
  if (firstLine) {
    const at = source.indexOf(firstLine, from);
    if (at >= 0) return at;
  }
  return from;
}

export interface LocatedItem {
  item: Tokens.ListItem;
  offset: number;
  line: number;
}

/** List items with their start lines; nested lists are located by the caller via `itemsOf` again. */
export function itemsOf(list: Tokens.List, listOffset: number, lines: LineMap): LocatedItem[] {
  const out: LocatedItem[] = [];
  let cursor = listOffset;
  for (const item of list.items) {
    const offset = locateWithin(lines.text, item.raw, cursor);
    out.push({ item, offset, line: lines.lineAt(offset) });
    cursor = offset + 1;
  }
  return out;
}

/** A list item's child tokens, located in the source (their raw text may be de-indented). */
export function childrenOf(item: Tokens.ListItem, itemOffset: number, lines: LineMap): Located[] {
  const out: Located[] = [];
  let cursor = itemOffset;
  for (const token of item.tokens) {
    if (token.type === 'space') continue;
    const offset = locateWithin(lines.text, token.raw.trimStart(), cursor);
    out.push({ token, offset, line: lines.lineAt(offset) });
    cursor = Math.max(cursor, offset + 1);
  }
  return out;
}

/** A heading's text with its code spans marked (a question's prompt may be its heading). */
export const headingWithCode = (h: Tokens.Heading): string => tidy(inlineText(inlineOf(h)));
/** A heading's text without code marks: titles, section and group names, concept names. */
export const headingText = (h: Tokens.Heading): string => dropCodeMarks(headingWithCode(h));
