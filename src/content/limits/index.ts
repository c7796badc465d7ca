// Limits on what one content file may ask of the parser, checked before marked or YAML see it.
// Why these numbers: docs/content-intake.md ("Limits").
import type { Finding } from '../types.js';

export interface IntakeLimits {
  /** Largest file read, in bytes (the largest real question bank seen is about 750 kB). */
  maxFileBytes: number;
  /** Deepest nesting of lists and block quotes (real notes stay under 8; marked is superlinear in depth). */
  maxNesting: number;
}

export const DEFAULT_LIMITS: IntakeLimits = { maxFileBytes: 2 * 1024 * 1024, maxNesting: 20 };

export const FRONT_MATTER_LIMITS = {
  /** Characters of YAML between the `---` lines. */
  maxChars: 64 * 1024,
  /** Alias (`*name`) expansions the YAML reader may do (yaml's own guard; its default is 100). */
  maxAliasCount: 50,
  /** Values (scalars, lists, maps) front matter may produce once aliases are expanded. */
  maxValues: 10_000,
};

/** Time and memory a parse worker may spend on one file before it is stopped (see parse-in-worker.ts). */
export const WORKER_LIMITS = { fileTimeoutMs: 10_000, maxHeapMb: 512 };

/** Codes of intake findings that make a file unusable (the library keeps its last good version). */
export const INTAKE_FATAL_CODES = new Set(['too-large', 'too-deep', 'parse-timeout', 'parse-crashed', 'not-a-deck', 'unreadable-workbook', 'unreadable-package']);

const CONTAINER_MARKER = /^(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*/;

/** Column width of leading whitespace (a tab advances to the next multiple of 4, as in CommonMark). */
function widthOf(space: string): number {
  let col = 0;
  for (const ch of space) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

/**
 * Nesting depth of lists and block quotes, by a cheap line scan that never under-counts:
 * a stack of the indents of open list items, plus the markers repeated on one line (`- - - x`, `> > x`).
 * Returns the deepest depth and its first line.
 */
export function deepestNesting(text: string, stopAbove = Infinity): { depth: number; line: number } {
  // marked ends lines at \r\n, \r and \n alike; so must the scan.
  const source = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const open: number[] = [];
  let deepest = { depth: 0, line: 1 };
  let lineNo = 0;
  let afterBlank = false;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    lineNo++;
    const line = source.slice(start, end);
    start = end + 1;
    const indentText = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indentText.length === line.length) {
      afterBlank = true; // blank lines keep lists open
      continue;
    }
    const indent = widthOf(indentText);
    let rest = line.slice(indentText.length);
    // A text line right after another line may be a lazy continuation: it closes nothing.
    if (afterBlank || CONTAINER_MARKER.test(rest)) while (open.length && (open.at(-1) as number) >= indent) open.pop();
    afterBlank = false;
    let quotes = 0;
    let col = indent;
    for (let m = CONTAINER_MARKER.exec(rest); m; m = CONTAINER_MARKER.exec(rest)) {
      if (m[0].startsWith('>')) quotes++;
      else open.push(col);
      col += m[0].length;
      rest = rest.slice(m[0].length);
    }
    const depth = open.length + quotes;
    if (depth > deepest.depth) deepest = { depth, line: lineNo };
    if (deepest.depth > stopAbove) break;
  }
  return deepest;
}

/** The first limit this file's text breaks, as an error finding; undefined when it is within limits. */
export function checkText(source: string, path: string, limits: IntakeLimits = DEFAULT_LIMITS): Finding | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxFileBytes) return tooLarge(path, bytes, limits);
  const { depth, line } = deepestNesting(source, limits.maxNesting);
  if (depth > limits.maxNesting) {
    return {
      path,
      line,
      severity: 'error',
      message: `lists or quotes nested more than ${limits.maxNesting} levels deep; this file is not read (split or flatten it)`,
      code: 'too-deep',
    };
  }
  return undefined;
}

/** `2.0 MB`: sizes in findings. */
export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const tooLarge = (path: string, bytes: number, limits: IntakeLimits = DEFAULT_LIMITS, max = limits.maxFileBytes, hint = 'split it into several decks'): Finding => ({
  path,
  line: 1,
  severity: 'error',
  message: `file is ${megabytes(bytes)}; the limit is ${megabytes(max)}; this file is not read (${hint})`,
  code: 'too-large',
});

/**
 * An Anki package (.apkg, .colpkg) may be larger than a text file: it carries its pictures and sounds, which are
 * not unpacked (only the collection is). Why these numbers: docs/content-intake.md ("Anki packages").
 */
export const maxPackageBytes = (limits: IntakeLimits = DEFAULT_LIMITS): number => 25 * limits.maxFileBytes;

/** What the collection (SQLite) inside a package may unpack to. */
export const maxCollectionBytes = (limits: IntakeLimits = DEFAULT_LIMITS): number => 10 * limits.maxFileBytes;
