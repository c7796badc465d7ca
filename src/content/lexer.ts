// marked's lexer, used in two steps: block structure for the whole note, inline tokens only for
// the text we actually show (lazily, and skipped for runs of text with no inline syntax).
import { Lexer, type Links, type Token, type Tokens } from 'marked';

const BLOCK_OPTIONS = { gfm: true } as const;
// GFM's inline additions (bare-URL autolinks, ~~strike~~) do not change the plain text we produce,
// and its autolink scanning is the slowest part of inline lexing.
const INLINE_OPTIONS = { gfm: false } as const;
const INLINE_SYNTAX = /[\\<>!\[\]`*_&~]| {2}\n|\n/;

/** Reference-link definitions of the note being parsed (parsing is synchronous, one note at a time). */
let links: Links = Object.create(null) as Links;
/** One inline lexer per note, as marked itself does for a document's inline queue. */
let inlineLexer: Lexer | undefined;

export function beginNote(): void {
  links = Object.create(null) as Links;
  inlineLexer = undefined;
}

/** Block tokens; their inline `tokens` are filled on demand by `inlineOf`. */
export function lexBlocks(markdown: string): Token[] {
  const lexer = new Lexer(BLOCK_OPTIONS);
  lexer.tokens.links = links;
  return lexer.blockTokens(markdown, []);
}

export function lexInline(markdown: string): Token[] {
  if (!INLINE_SYNTAX.test(markdown)) return markdown ? [{ type: 'text', raw: markdown, text: markdown } as Tokens.Text] : [];
  if (!inlineLexer) {
    inlineLexer = new Lexer(INLINE_OPTIONS);
    inlineLexer.tokens.links = links;
  }
  inlineLexer.state.inLink = false;
  inlineLexer.state.inRawBlock = false;
  return inlineLexer.inlineTokens(markdown, []);
}

/** Inline tokens of a paragraph, heading, text block or table cell, lexed the first time they are needed. */
export function inlineOf(token: { text?: string; tokens?: Token[] }): Token[] {
  const tokens = token.tokens ?? (token.tokens = []);
  // marked puts a loose task item's checkbox into its paragraph's tokens before any inline lexing.
  if (token.text && tokens.every((t) => t.type === 'checkbox')) tokens.push(...lexInline(tokens.length ? token.text.replace(/^\[[ xX]\][ \t]+/, '') : token.text));
  return tokens;
}
