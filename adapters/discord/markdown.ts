// Discord markdown for the core's plain text: everything escaped and mentions neutralised, except the
// inline code and code blocks that come from study material, which are sent as code.
import { breakFences, splitCodeBlocks } from '../../src/content/code-blocks.js';
import { codeSpan, splitCodeSpans } from '../../src/content/code-spans.js';
import { graphemePrefix } from '../../src/graphemes.js';

export const ZWSP = '\u200b';
const URL_RE = /https?:\/\/[^\s<>()]+/g;

/**
 * Neutralises anything that could ping or render as a mention: `@everyone`, `@here`
 * and the `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<t:…>`, `<:emoji:id>` syntaxes.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

/**
 * Escapes Discord markdown in plain text (URLs are left intact so they stay clickable), except
 * well-formed inline code, which is sent as a code span. Mentions are broken everywhere, code included.
 */
export function escapeDiscord(text: string): string {
  if (!text.includes('```')) return escapeInline(text);
  return splitCodeBlocks(text)
    .map((s) => (s.block ? codeBlockLines(s.block).join('\n') : escapeInline(s.text)))
    .join('\n');
}

export function escapeInline(text: string): string {
  let out = '';
  for (const part of splitCodeSpans(text)) out += part.code === undefined ? escapeProse(part.text) : discordCode(part.code);
  return neutraliseMentions(out);
}

const FENCE = '```';
export const CLOSE_FENCE = `\n${FENCE}`;
/** A language Discord's highlighter takes after the opening fence. */
const LANGUAGE = /^[a-z0-9_+\-.#]{1,30}$/i;

/**
 * A code block as Discord markdown, one string per line: the fence (with its language) on a line of its
 * own, the code as written (nothing inside is markdown), no run of ``` left to close it early, mentions broken.
 * Every line of ours that starts with ``` is a fence: prose escapes its backticks, code has no such run.
 */
export function codeBlockLines(block: { code: string; lang: string }): string[] {
  const lang = LANGUAGE.test(block.lang) ? block.lang : '';
  return [`${FENCE}${lang}`, ...neutraliseMentions(breakFences(block.code)).split('\n'), FENCE];
}

export const isFence = (line: string): boolean => line.startsWith(FENCE);

/** True when the markdown ends inside a code block (an odd number of fence lines). */
function insideCode(markdown: string): boolean {
  if (!markdown.includes(FENCE)) return false;
  let inside = false;
  for (const line of markdown.split('\n')) if (isFence(line)) inside = !inside;
  return inside;
}

/** truncate for markdown we wrote: a code block cut short is closed. */
export function truncateMarkdown(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text || !insideCode(cut)) return cut;
  const shorter = truncate(text, max - CLOSE_FENCE.length);
  return insideCode(shorter) ? shorter + CLOSE_FENCE : shorter;
}

function escapeProse(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out += escapePlain(text.slice(last, m.index));
    out += m[0];
    last = m.index + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

/**
 * Code as a Discord code span. Its fence is longer than any backtick run inside, so nothing in the code
 * can close it, and nothing inside a span is markdown. Three backticks would open a code block instead,
 * so code holding a run of two or more backticks is sent as escaped text.
 */
function discordCode(code: string): string {
  const span = codeSpan(code);
  return span.startsWith('```') ? escapeProse(code) : span;
}

// Every markdown marker is escaped one by one. (discord.js' escapeMarkdown escapes markers in
// pairs and leaves an unpaired one raw — `a(n)____` became `\_\_\__` — which can then pair with a
// marker further down the message.)
function escapePlain(text: string): string {
  if (!text) return text;
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)(>|#|-#|[-+](?=\s)|\d+\.(?=\s))/gm, (_m, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\.` : `${space}\\${marker}`,
    );
}

/** Cuts to at most `max` UTF-16 units between two graphemes (never half an emoji), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = graphemePrefix(text, max - 1);
  // A trailing odd backslash would escape the ellipsis' neighbour: drop it.
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
