// Cutting text for chat: lengths are counted in UTF-16 units (the way Slack and Discord count their
// limits), cuts fall between graphemes (user-perceived characters), so an emoji, a ZWJ family, a
// flag or a letter with its accents is kept whole or left out: never half of it, never a lone
// surrogate. Shared by the core (src/quiz) and the adapters; imports nothing.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Graphemes (user-perceived characters) in `text`: 😀, 👨‍👩‍👧, 🇫🇷 and "é" written e + U+0301 are one each. */
export function graphemeCount(text: string): number {
  // Plain ASCII without CR (CR LF is one grapheme) is one grapheme per unit.
  if (/^[\x00-\x0c\x0e-\x7f]*$/.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes(text)) n += 1;
  return n;
}

/** Units segmented at once: Node 20's segmenter slows with the length of the text it was given, not the step. */
const CHUNK = 128;
/** Context read past a chunk, longer than any real grapheme, so boundaries inside the chunk are exact. */
const LOOKAHEAD = 64;

/**
 * The graphemes of `text` with their offsets, in time that grows with the text: segmenting a 40,000-unit
 * CJK text whole took 0.7 s (each step costs with the whole text), so it is segmented a chunk at a time,
 * each chunk starting where a whole grapheme of the previous one ended.
 */
export function* graphemes(text: string): Generator<{ index: number; segment: string }> {
  let pos = 0;
  while (pos < text.length) {
    const last = pos + CHUNK >= text.length;
    const window = text.slice(pos, last ? text.length : pos + CHUNK + LOOKAHEAD);
    let next = pos;
    for (const { index, segment } of segmenter.segment(window)) {
      if (!last && index >= CHUNK) break;
      yield { index: pos + index, segment };
      next = pos + index + segment.length;
    }
    // A grapheme longer than the whole window (a pile of combining marks) still moves on.
    pos = next > pos ? next : pos + window.length;
  }
}

/** Longer than any real character (the longest emoji sequences take 14 units): a pile of marks. */
const HUGE_GRAPHEME = 32;

/**
 * The longest prefix of `text` of at most `max` UTF-16 units that ends between two graphemes. A
 * grapheme of more than 32 units straddling the cut (a letter under a pile of combining marks, as
 * in "Zalgo" text) is cut between code points instead, so such text is not dropped whole.
 */
export function graphemePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Segmenting is slow (µs per grapheme): start at the last boundary before the cut that is certain.
  const start = certainBoundaryBefore(text, max);
  // The boundary at `max` depends on what follows it (a ZWJ before an emoji, a combining mark):
  // two units past it are enough to see the next code point whole.
  let end = start;
  for (const { index, segment } of segmenter.segment(text.slice(start, max + 2))) {
    const at = start + index;
    if (at + segment.length > max) {
      // The window may end inside this grapheme: measure it in a window of its own.
      const whole = at + segment.length < max + 2 ? segment.length : firstGraphemeLength(text.slice(at, at + HUGE_GRAPHEME + 1));
      if (whole > HUGE_GRAPHEME) return codePointPrefix(text, max);
      break;
    }
    end = at + segment.length;
  }
  return text.slice(0, end);
}

/**
 * The last position before `max` that is a grapheme boundary whatever surrounds it: between two
 * printable ASCII characters, or after a line break (0 when there is none, as in a run of emoji).
 */
function certainBoundaryBefore(text: string, max: number): number {
  const floor = Math.max(0, Math.min(max, text.length) - LOOKAHEAD);
  for (let p = Math.min(max, text.length) - 1; p > floor; p--) {
    const before = text.charCodeAt(p - 1);
    const at = text.charCodeAt(p);
    if (before === 0x0a || (before >= 0x20 && before < 0x7f && at >= 0x20 && at < 0x7f)) return p;
  }
  // None near the cut (CJK, emoji): start a window back, on a code point. Segmenting from the text's
  // start cost time with the square of the cut; a grapheme longer than the window is a pile of marks,
  // which is cut between code points anyway.
  let p = floor;
  while (p > 0 && isLowSurrogate(text.charCodeAt(p))) p--;
  return p;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

function firstGraphemeLength(text: string): number {
  for (const { segment } of segmenter.segment(text)) return segment.length;
  return 0;
}

/** The longest prefix of at most `max` units that does not end on a high surrogate. */
export function codePointPrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** At most `max` units: whole when it fits, else cut between graphemes and ended with `ellipsis`. */
export function cutText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, Math.max(0, max));
  return `${graphemePrefix(text, room)}${ellipsis}`;
}

/** At most `max` graphemes (user-perceived characters) of `text`, cut between two of them. */
export function firstGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  let n = 0;
  for (const { index, segment } of graphemes(text)) {
    if (n === max) break;
    n += 1;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** Every string in a rendered payload made well-formed (a lone surrogate becomes U+FFFD), in place. */
export function wellFormedDeep<T>(value: T): T {
  const fix = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return v.isWellFormed() ? v : v.toWellFormed();
    if (depth > 12 || typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const fixed = fix(v[i], depth + 1);
        if (fixed !== v[i]) v[i] = fixed; // only a changed string is written (shared constants may be frozen)
      }
      return v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const fixed = fix(o[k], depth + 1);
      if (fixed !== o[k]) o[k] = fixed;
    }
    return v;
  };
  return fix(value, 0) as T;
}
