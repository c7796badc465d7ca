// Tags and delimited spans (`<pre …>…</pre>`, `<!-- … -->`) found in one pass, and the run of characters ending a
// text found from its end. A pattern such as
// /<pre\b([^>]*)>([\s\S]*?)<\/pre\s*>/g tries every opening and, when nothing closes it, scans from each
// to the end of the text: a file of unclosed openings took time in the square of its length
// (npm run bench:hostile). Here an opening that nothing closes ends the search, since no later opening
// can be closed either.

const opening = (name: string) => new RegExp(`<${name}\\b`, 'gi');

/** Each `<name …>` tag replaced by `by(tag)`. */
export function replaceTags(html: string, name: string, by: (tag: string) => string): string {
  const start = opening(name);
  let out = '';
  let at = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const close = html.indexOf('>', m.index);
    if (close < 0) break;
    out += html.slice(at, m.index) + by(html.slice(m.index, close + 1));
    at = start.lastIndex = close + 1;
  }
  return out + html.slice(at);
}

export interface TagPair {
  start: number;
  end: number;
  /** What stands between the name and the `>` of the opening tag. */
  attrs: string;
  inner: string;
}

/** Each `<name …>…</name>`, the first closing tag ending it (as a lazy pattern would). */
export function* tagPairs(html: string, name: string): Generator<TagPair> {
  const start = opening(name);
  const end = new RegExp(`</${name}\\s*>`, 'gi');
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const gt = html.indexOf('>', m.index);
    if (gt < 0) return;
    end.lastIndex = gt + 1;
    const close = end.exec(html);
    if (!close) return;
    const pair = { start: m.index, end: close.index + close[0].length, attrs: html.slice(m.index + m[0].length, gt), inner: html.slice(gt + 1, close.index) };
    start.lastIndex = pair.end;
    yield pair;
  }
}

/** Each `<name …>…</name>` replaced by `by(attrs, inner)`. */
export function replaceTagPairs(html: string, name: string, by: (attrs: string, inner: string) => string): string {
  let out = '';
  let at = 0;
  for (const pair of tagPairs(html, name)) {
    out += html.slice(at, pair.start) + by(pair.attrs, pair.inner);
    at = pair.end;
  }
  return out + html.slice(at);
}

/** Each span from `open` to the first `close` after it (both literal, included) replaced by `by(span)`. */
export function replaceBetween(text: string, open: string, close: string, by: (span: string) => string): string {
  let out = '';
  let at = 0;
  for (let from = text.indexOf(open); from >= 0; from = text.indexOf(open, at)) {
    const to = text.indexOf(close, from + open.length);
    if (to < 0) break;
    out += text.slice(at, from) + by(text.slice(from, to + close.length));
    at = to + close.length;
  }
  return out + text.slice(at);
}

/**
 * Where the run of characters ending `text` that `inRun` accepts starts, found from the end one code point at a
 * time: a pattern anchored at `$` (`[\s.]+$`) retries every start in a long run, in time the square of its length.
 */
export function trailingRunStart(text: string, inRun: (char: string) => boolean): number {
  let end = text.length;
  while (end > 0) {
    const low = text.charCodeAt(end - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end > 1 ? 2 : 1;
    if (!inRun(text.slice(end - width, end))) break;
    end -= width;
  }
  return end;
}
