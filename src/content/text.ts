// Markdown tokens -> the plain text users see in chat (inline code as marked spans: see code-spans.ts;
// fenced, indented and `<pre>` code as marked blocks: see code-blocks.ts).
import type { Token, Tokens } from 'marked';
import { CODE_BREAK, markBlock, proseCleanup, withBlocksHeld } from './code-blocks.js';
import { heldMarkCharacter, holdMarks, markCode } from './code-spans.js';
import { inlineOf } from './lexer.js';
import { htmlNamedEntity } from './import/html-entities.js';
import { imageText } from './markdown/images.js';
import { replaceBetween, replaceTags, tagPairs } from './spans.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** The noncharacters that mark code while a note is parsed (code-spans.ts, code-blocks.ts); a note's own are held (holdMarks). */
const CODE_MARKS = /[\uFDD0-\uFDD6]/g;
const NO_BREAK_SPACE = /[\u00A0\u2007\u202F]/g;
const SHORTCODE = /\{\{[<%][\s\S]*?[%>]\}\}/g;
const HTML_TAG = /<\/?[a-zA-Z][^<>]*>/g;

/** Keeps every newline so that line numbers in the cleaned text match the original file. */
const blankOutKeepingNewlines = (match: string): string => match.replace(/[^\n]/g, '');

/**
 * Source-level clean-up done once before parsing: BOM, CRLF, zero-width and no-break spaces, code marks held,
 * HTML comments and Hugo shortcodes. Line numbers are preserved.
 */
export function cleanSource(source: string): string {
  const held = holdMarks(source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, ''))
    .replace(NO_BREAK_SPACE, ' ');
  const cleaned = replaceBetween(held, '<!--', '-->', blankOutKeepingNewlines)
    .replace(DETAILS_SHORTCODE, (whole, close: string) => (close ? '</details>' : '<details>') + blankOutKeepingNewlines(whole))
    .replace(SHORTCODE, blankOutKeepingNewlines)
    .replace(QUIZDOWN_FENCE, blankOutKeepingNewlines);
  return cleaned.includes('fa-') ? cleaned.replace(ICON_BOX, (_whole, checked?: string, late?: string) => (checked || late ? '- [x] ' : '- [ ] ')) : cleaned;
}

/**
 * Font Awesome checkboxes at the start of a line, as Microsoft Learn knowledge-check exports write options:
 * `<i class='far fa-square'></i> &nbsp;&nbsp;Draft` is `- [ ] Draft`; `fa-check-square` (`fa-square-check`) is `- [x]`.
 */
const ICON_BOX = /^[ \t]*<i\s+class\s*=\s*['"][^'"]*?\bfa-(?:(check-)square|square(-check)?)\b[^'"]*['"][^>]*>\s*<\/i>(?:[ \t]|&nbsp;)*/gim;

/**
 * A quizdown block's fences: `:::{quizdown}` (with the `---` settings right after it) and a closing `:::` line;
 * they are markup, never text of the question above or below.
 */
const QUIZDOWN_FENCE = /^[ \t]*:::[ \t]*\{?quizdown\}?[^\n]*\n(?:[ \t]*\n)*(?:---[ \t]*\n(?:(?!---)[^\n]*\n)*?---[ \t]*(?=\n))?|^[ \t]*:::[ \t]*$/gim;

/** Hugo's collapsible shortcodes (`{{< details "Answer" >}}…{{< /details >}}`, `expand`, `spoiler`) read like `<details>`. */
const DETAILS_SHORTCODE = /\{\{[<%]\s*(\/)?\s*(?:details|expand|spoiler|collapse|answer|solution|hint)\b[\s\S]*?[%>]\}\}/gi;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  copy: '©',
  reg: '®',
  trade: '™',
};

/**
 * Which names decodeEntities knows: `html`, all of HTML 4's (`&eacute;`, `&pound;`, `&rarr;`: html-entities.ts) on top
 * of the common ones; `common`, NAMED_ENTITIES only, as every reader decoded before 2026-12-07. Question ids of
 * imports are hashed from text decoded the `common` way, so that decoding more names moved no id; a markdown code
 * span is decoded so too (`&eacute;` in code stays as written, as CommonMark shows it).
 */
export type EntityNames = 'html' | 'common';

/** What a decode without a stated `names` knows: `html`, but `common` while a markdown note is read (withCommonEntities). */
let proseNames: EntityNames = 'html';

/**
 * Runs `read` with entities decoded the `common` way: a markdown note's question ids are hashed from its text as read
 * before 2026-12-07, so none moved; the other names are decoded in the shown texts afterwards (markdown/shown-entities.ts).
 */
export function withCommonEntities<T>(read: () => T): T {
  const before = proseNames;
  proseNames = 'common';
  try {
    return read();
  } finally {
    proseNames = before;
  }
}

const ENTITY = /&(#x[0-9a-f]{1,8}|#\d{1,9}|[a-z][a-z0-9]{1,31});/gi;

/** Entities decoded; a code mark written as one (`&#xFDD0;`) is held as its look-alike, never a mark (heldMarkCharacter). */
export function decodeEntities(text: string, names: EntityNames = proseNames): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(Number.isFinite(code) && code > 0 && code <= 0x10ffff)) return whole;
      const ch = String.fromCodePoint(code);
      return code >= 0xfdd0 && code <= 0xfdd6 ? heldMarkCharacter(ch) : ch;
    }
    const common = Object.hasOwn(NAMED_ENTITIES, body.toLowerCase()) ? NAMED_ENTITIES[body.toLowerCase()] : undefined;
    if (common !== undefined || names === 'common') return common ?? whole;
    return htmlNamedEntity(body) ?? whole;
  });
}

/**
 * Text of an HTML fragment: tags dropped (`<img>` shown as its image inside questions, a link as
 * `text (url)`), entities decoded.
 */
export function htmlToText(html: string, markdown = false, names: EntityNames = proseNames): string {
  const text = htmlImages(linksAsText(replaceBetween(html, '<!--', '-->', () => '')));
  return decodeEntities(markdown ? text.replace(HTML_TAG, dropKnownTag) : text.replace(HTML_TAG, ''), names);
}

/**
 * HTML elements a markdown note uses as markup. In a note, anything else in angle brackets (`<inbound>`,
 * `<Permission>WEBSITE</Permission>`, `<bucket-name>`) is text the author wants shown, never a tag to drop.
 */
const HTML_ELEMENTS = new Set(
  ('a abbr address article aside audio b bdi bdo big blockquote br button caption center cite code col colgroup dd del details ' +
    'dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i iframe img input ins kbd li main mark nav nobr ' +
    'ol p picture pre q rp rt ruby s samp section small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var video wbr')
    .split(' '),
);
const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])/;
/** A tag's name when it is a known HTML element (see HTML_ELEMENTS). */
export const isHtmlElement = (tag: string): boolean => HTML_ELEMENTS.has((TAG_NAME.exec(tag)?.[1] ?? '').toLowerCase());
const dropKnownTag = (tag: string): string => (isHtmlElement(tag) ? '' : tag);

const LINK_OPEN = /<a\b[^<>]*>/gi;
const HREF = /\bhref\s*=\s*["']?(https?:\/\/[^"'\s<>]+)/i;

/** `<a href="https://…">docs</a>` -> `docs (https://…)`, as a picture's `alt (url)`; one pass, so a flood of unclosed links costs no more than the text. */
function linksAsText(html: string): string {
  if (!/<a\b/i.test(html)) return html;
  const lower = html.toLowerCase();
  let out = '';
  let last = 0;
  LINK_OPEN.lastIndex = 0;
  for (let m = LINK_OPEN.exec(html); m; m = LINK_OPEN.exec(html)) {
    const close = lower.indexOf('</a', LINK_OPEN.lastIndex);
    if (close < 0) break;
    const end = html.indexOf('>', close);
    if (end < 0) break;
    const text = html.slice(LINK_OPEN.lastIndex, close);
    const url = HREF.exec(m[0])?.[1];
    const shown = decodeEntities(text.replace(HTML_TAG, '')).trim();
    out += html.slice(last, m.index) + (url && decodeEntities(url) !== shown ? `${text}${shown ? ' ' : ''}(${url})` : text);
    last = end + 1;
    LINK_OPEN.lastIndex = last;
  }
  return out + html.slice(last);
}

export const LANGUAGE_CLASS = /\bclass\s*=\s*["'][^"']*?\b(?:language|lang)-([A-Za-z0-9_+#.-]+)/i;

/**
 * An HTML block's text, its `<pre>` elements kept as code blocks (`<br>` in them as line breaks). Without
 * the marks it reads exactly as htmlToText reads the whole block.
 */
export function htmlBlockText(html: string): string {
  if (!/<pre\b/i.test(html)) return htmlToText(html, true).trim();
  let out = '';
  let last = 0;
  for (const { start, end, attrs, inner } of tagPairs(html, 'pre')) {
    out += htmlToText(html.slice(last, start), true);
    const language = LANGUAGE_CLASS.exec(attrs)?.[1] ?? LANGUAGE_CLASS.exec(inner)?.[1] ?? '';
    out += markBlock(htmlToText(inner.replace(/<br\s*\/?>/gi, CODE_BREAK)), language);
    last = end;
  }
  return (out + htmlToText(html.slice(last), true)).trim();
}

/** An attribute's value in an HTML tag (`src`, `alt`), or ''. */
export const tagAttribute = (tag: string, name: string): string =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined) ?? '';

/** `<img src=… alt=…>` -> the image's text (see markdown/images.ts); other tags untouched. */
function htmlImages(html: string): string {
  if (!/<img\b/i.test(html)) return html;
  return replaceTags(html, 'img', (tag) => {
    const text = imageText(decodeEntities(tagAttribute(tag, 'alt')), decodeEntities(tagAttribute(tag, 'src')));
    return text ? ` ${text} ` : '';
  });
}

const isAbsoluteUrl = (href: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
const sameUrl = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** "text (url)" for absolute links, "url" when the text is the url, "text" for relative links. */
export function linkText(text: string, href: string): string {
  const url = href.trim();
  if (!isAbsoluteUrl(url)) return text;
  if (!text || sameUrl(text, url)) return url;
  return `${text} (${url})`;
}

export function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const token of tokens) out += inlineTokenText(token);
  return out;
}

/**
 * A mark in the text of a token marked read: marked decodes entities itself (`&#xFDD0;`), and the source
 * holds no mark after cleanSource, so it was written as an entity and is held like one.
 */
const tokenText = (text: string): string => (/[\uFDD0-\uFDD6]/.test(text) ? text.replace(CODE_MARKS, heldMarkCharacter) : text);

function inlineTokenText(token: Token): string {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens?.length ? inlineText(t.tokens) : decodeEntities(tokenText(t.text));
    }
    case 'escape':
      return tokenText((token as Tokens.Escape).text);
    case 'strong':
    case 'em':
    case 'del':
      return inlineText((token as Tokens.Strong).tokens);
    case 'codespan':
      return markCode(decodeEntities(tokenText((token as Tokens.Codespan).text), 'common'));
    case 'br':
      return '\n';
    case 'link': {
      const t = token as Tokens.Link;
      return linkText(inlineText(t.tokens).trim(), tokenText(t.href ?? ''));
    }
    case 'image': {
      const t = token as Tokens.Image;
      return imageText(tokenText(t.text), tokenText(t.href ?? ''));
    }
    case 'html':
      return /^<br\s*\/?>$/i.test(token.raw.trim()) ? '\n' : htmlImages(token.raw).replace(HTML_TAG, dropKnownTag);
    case 'code': {
      // Only a list item's own block reaches here (read with its inline text: see concepts.ts).
      const t = token as Tokens.Code;
      return markBlock(t.text, t.lang ?? '');
    }
    default:
      return 'tokens' in token && Array.isArray(token.tokens)
        ? inlineText(token.tokens as Token[])
        : decodeEntities(tokenText(String((token as { text?: unknown }).text ?? '')));
  }
}

/** Block tokens -> plain text: paragraphs separated by a blank line, list items as "- item". */
export function blockText(tokens: Token[] | undefined, indent = ''): string {
  if (!tokens) return '';
  const parts: string[] = [];
  for (const token of tokens) {
    const text = blockTokenText(token, indent);
    if (text.trim()) parts.push(text);
  }
  return parts.join(indent ? '\n' : '\n\n');
}

function blockTokenText(token: Token, indent: string): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'paragraph':
    case 'heading':
      return indent + inlineText(inlineOf(token as Tokens.Paragraph));
    case 'text': {
      return indent + inlineText(inlineOf(token as Tokens.Text));
    }
    case 'list':
      return (token as Tokens.List).items.map((item) => listItemText(item, indent)).join('\n');
    case 'code': {
      const t = token as Tokens.Code;
      return markBlock(t.text, t.codeBlockStyle === 'indented' ? '' : (t.lang ?? ''));
    }
    case 'blockquote':
      return blockText((token as Tokens.Blockquote).tokens, indent);
    case 'html':
      return indent + htmlBlockText(token.raw);
    case 'table': {
      const t = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(inlineOf(c)).trim()).join(' | ');
      return [row(t.header), ...t.rows.map(row)].map((r) => indent + r).join('\n');
    }
    default:
      return indent + inlineTokenText(token);
  }
}

export function listItemText(item: Tokens.ListItem, indent = ''): string {
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of item.tokens) {
    if (child.type === 'list') nested.push(blockTokenText(child, indent + '  '));
    else {
      const text = blockTokenText(child, '');
      if (text.trim()) own.push(text.trim());
    }
  }
  return [`${indent}- ${own.join(' ')}`, ...nested.filter((n) => n.trim())].join('\n');
}

/** Characters that mean a string needs the slow clean-up passes. */
const NEEDS_CLEANUP = /[\u200B-\u200D\u2060\uFEFF\u00AD\u00A0\u2007\u202F{<[]/;

/** Final pass over any user-visible text; marked code blocks are left exactly as they are. */
export function tidy(text: string): string {
  return withBlocksHeld(text, tidyProse);
}

function tidyProse(text: string): string {
  let s = text;
  if (NEEDS_CLEANUP.test(s)) s = proseCleanup(s.replace(ZERO_WIDTH, '').replace(NO_BREAK_SPACE, ' '));
  if (!s.includes('\n')) return s.replace(/[ \t]{2,}|\t/g, ' ').trim();
  return s
    .split('\n')
    .map((line) => {
      // Indentation only matters for the nested "- " items blockText writes.
      const lead = /^[ \t]*(?=- )/.exec(line)?.[0] ?? '';
      return lead + line.trimStart().replace(/[ \t]{2,}|\t/g, ' ').trimEnd();
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trim();
}

/** Single-line form for names and prompts compared across edits. */
export function normalise(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) {
    const lower = text.toLowerCase();
    // Most prompts have no runs of whitespace: skip the rewrite (same result, far less garbage).
    return (/[\t\n\v\f\r]| {2}/.test(lower) ? lower.replace(/\s+/g, ' ') : lower).trim();
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
