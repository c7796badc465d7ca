// Code in imported fields and cells (Anki HTML, CSV text) held with the marks markdown notes use
// (code-spans.ts, code-blocks.ts) and written out as markdown code, so renderers show it as code.
// Question ids are not read from this text: the importers hash the text they showed before code was
// kept (tidy of the raw cell, Anki's plain field text), so imported ids did not change.
import { markBlock, PLACEHOLDER, placeholders, splitCodeBlocks } from '../code-blocks.js';
import { holdMarks, markCode, splitCodeSpans, writeCodeMarks } from '../code-spans.js';
import { replaceTagPairs, replaceTags } from '../spans.js';
import { decodeEntities, htmlToText, LANGUAGE_CLASS, tidy } from '../text.js';

const LINE_BREAK = /<div\b[^>]*>|<br\s*\/?>|<\/(?:div|p|tr|h\d)>/gi;
/**
 * Line breaks as Anki's editor writes them: `<br>`, a `<div>` per line (`text<div>line</div>`), a
 * `<div><br></div>` for an empty line; block ends.
 */
const htmlLines = (html: string): string =>
  // A list item is a "- " line, as in markdown notes.
  replaceTags(
    html
      .replace(/<br\s*\/?>\s*(?=<\/div>)/gi, '')
      .replace(/<\/div>\s*<div\b[^>]*>/gi, '\n')
      .replace(/<\/(?:ul|ol)\s*>/gi, '\n'),
    'li',
    () => '\n- ',
  )
    .replace(/<\/li\s*>/gi, '')
    .replace(LINE_BREAK, '\n');

const languageOf = (attrs: string, inner: string): string => LANGUAGE_CLASS.exec(attrs)?.[1] ?? LANGUAGE_CLASS.exec(inner)?.[1] ?? '';
/** Code written in HTML: line breaks as written (htmlLines), tags dropped, entities (`&nbsp;`, `&lt;`) decoded. */
const htmlCode = (inner: string): string => htmlToText(htmlLines(inner));
/** A block's first line break (`<pre><div>…`, `<pre>\n…`) starts no line of code, as in HTML. */
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;
const htmlBlock = (attrs: string, inner: string): string => markBlock(htmlCode(inner).replace(LEADING_BLANK_LINES, ''), languageOf(attrs, inner));
/** `<code>` holding line breaks is a block, not a span. */
const SEVERAL_LINES = /<br\b|<\/?div\b|<\/p>|\n/i;

/**
 * An HTML field or cell as marked text: `<pre>` (and `<code>` over several lines) as code blocks, `<code>` as
 * code spans, backtick code as in text. Lines that are each one `<code>` and nothing else, two or more in a
 * row, are one code block: editors (Anki's among them) write a snippet so, a `<code>` per line.
 */
export function markHtmlCode(html: string): string {
  // Code is taken out (placeholders) while the prose around it is read.
  const { hold, restore } = placeholders();
  const spans = new Map<string, { code: string; attrs: string }>();
  const blocks = replaceTagPairs(holdMarks(html), 'pre', (attrs, inner) => hold(htmlBlock(attrs, inner)));
  // A <code> around a <pre> (held already) adds nothing to it.
  const code = replaceTagPairs(blocks, 'code', (attrs, inner) => {
    if (inner.includes(PLACEHOLDER)) return inner;
    if (SEVERAL_LINES.test(inner.trim())) return hold(htmlBlock(attrs, inner));
    const text = htmlToText(inner);
    const held = hold(markCode(text));
    spans.set(held, { code: text, attrs });
    return held;
  });
  const text = markBackticks(htmlToText(htmlLines(code)));
  return restore(spans.size > 1 ? codeLinesAsBlocks(text, spans, hold) : text);
}

function codeLinesAsBlocks(text: string, spans: Map<string, { code: string; attrs: string }>, hold: (text: string) => string): string {
  const out: string[] = [];
  let run: { line: string; lead: string; held: string }[] = [];
  const flush = () => {
    if (run.length < 2) out.push(...run.map((r) => r.line));
    else out.push(hold(markBlock(run.map((r) => r.lead + spans.get(r.held)!.code).join('\n'), languageOf(spans.get(run[0]!.held)!.attrs, ''))));
    run = [];
  };
  for (const line of text.split('\n')) {
    const m = /^([ \t]*)(\S+)[ \t]*$/.exec(line);
    if (m && spans.has(m[2]!)) run.push({ line, lead: m[1]!, held: m[2]! });
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Plain text (a CSV cell, an Anki field without HTML) as marked text: fenced blocks and backtick spans as code. */
export const markTextCode = (text: string): string => markBackticks(holdMarks(text));

function markBackticks(text: string): string {
  if (!text.includes('`')) return text;
  return splitCodeBlocks(text)
    .map((s) => (s.block && !s.block.code.includes(PLACEHOLDER) ? markBlock(s.block.code, s.block.lang) : markSpans(s.text)))
    .join('\n');
}

const markSpans = (text: string): string =>
  splitCodeSpans(text)
    .map((p) => (p.code !== undefined && !p.code.includes(PLACEHOLDER) ? markCode(p.code) : p.text))
    .join('');

/** Code a cell holds as a whole (a CSV "code" column): one block, unless it writes its code as HTML or fences itself. */
export function markWholeCode(cell: string): string {
  if (/<(?:pre|code)\b/i.test(cell) || /^[ \t]*```/m.test(cell)) return markCellCode(cell);
  return markBlock(holdMarks(cell));
}

/**
 * Markup a cell pasted from a web page or a rich-text editor carries. Only these elements count, so text
 * such as `a < b` or `List<String>` is never taken for HTML.
 */
const PAIRED = 'p|div|span|b|i|u|em|strong|ul|ol|li|sup|sub|a|table|tr|td|th|h[1-6]|font';
const VOID_OR_CODE = /<(?:br|hr|img|pre|code)\b[^<>]*>/i;
const PAIRED_OPEN = new RegExp(`<(?:${PAIRED})\\b[^<>]*>`, 'i');
const PAIRED_CLOSE = new RegExp(`</(?:${PAIRED})\\s*>`, 'i');
export const hasMarkup = (cell: string): boolean => VOID_OR_CODE.test(cell) || (PAIRED_OPEN.test(cell) && PAIRED_CLOSE.test(cell));

/**
 * A CSV cell as marked text. `<pre>`/`<code>` make it HTML (as Anki writes code); in a file that writes HTML
 * (`htmlFile`: two or more cells hold markup, csv.ts) any markup does, and entities (`&amp;`) are decoded
 * in its other cells too. Else it is text: one cell asking what `<br>` does keeps its `<br>`.
 */
export const markCellCode = (cell: string, opts: { htmlFile?: boolean } = {}): string =>
  /<(?:pre|code)\b/i.test(cell) || (opts.htmlFile && hasMarkup(cell)) ? markHtmlCode(cell) : markTextCode(opts.htmlFile ? decodeEntities(cell) : cell);

/** Marked text as users see it: tidied, code written as markdown code (`inline`: one line, blocks as spans). */
export const shownText = (marked: string, opts: { inline?: boolean } = {}): string => writeCodeMarks(tidy(marked), opts);

/** Plain text (no HTML) as users see it, backtick code kept as code; never empty where it was not before (tidy). */
export const shownPlainText = (text: string, opts: { inline?: boolean } = {}): string => shownText(markTextCode(text), opts) || tidy(text);
