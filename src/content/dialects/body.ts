// A question block's body, tidied before it is read: navigation links and rules dropped, the
// `Domain:` line taken out, and paragraphs split where an answer or explanation line starts inside them.
import type { Tokens } from 'marked';
import { lexBlocks } from '../lexer.js';
import { locateWithin, type LineMap, type Located } from '../markdown.js';
import { trailingRunStart } from '../spans.js';
import { ANSWER_LINE, EXPLANATION_START } from './answer.js';

/**
 * `Domain: 2`, `**Domain:** Security`, `Exam domain - Design resilient architectures`, `[domain:Compute]` (a tag on
 * the line above the prompt). The value runs to the line's end (group 1, or 2 for the tag) and is trimmed by
 * `domainOf`: a lazy value before `[ \t]*[*_]{0,2}[ \t]*$` retried every space of a run (4 kB: 211 s).
 */
export const DOMAIN_LINE = /^[ \t]*(?:(?:[-*+][ \t]+)?[*_]{0,2}(?:exam[ \t]+)?domain[*_]{0,2}[ \t]*[:：][*_]{0,2}[ \t]*(\S[^\n]*)|\[domain[ \t]*[:：]([^\]\n]*)\][ \t]*)$/im;

const TRAILING = (c: string): boolean => c === "*" || c === "_" || /\s/.test(c);

/** The domain a DOMAIN_LINE match names, without trailing spaces and emphasis (taken off by hand). */
export function domainOf(m: RegExpExecArray | null | undefined): string | undefined {
  const value = m?.[1] ?? m?.[2];
  if (!value) return undefined;
  return value.slice(0, trailingRunStart(value, TRAILING)).trim() || undefined;
}
/**
 * `**[⬆ Back to Top](#table-of-contents)**`, `[Back](#top) | [Next](#q2)`: in-page navigation only; also a saved
 * page's buttons, links to its own address ending in `#` (ExamTopics' `[Reveal Solution](https://…/view/3/#)`).
 */
const NAVIGATION = /^[\s*_|·•]*(?:\[[^\]\n]*\]\((?:#[^)\n]*|[^)\s#]*#)\)[\s*_|·•]*)+$/;

export interface TidyBody {
  body: Located[];
  domain?: string;
}

const isTextual = (b: Located): b is Located<Tokens.Paragraph | Tokens.Text> => b.token.type === 'paragraph' || b.token.type === 'text';

/** Re-lexes part of a paragraph as its own block(s), keeping its place in the file. */
export function part(raw: string, offset: number, lines: LineMap): Located[] {
  if (!raw.trim()) return [];
  let cursor = offset;
  return lexBlocks(raw)
    .filter((t) => t.type !== 'space')
    .map((token) => {
      // Each block at its own place (a region that runs to the last block's end needs it).
      const found = locateWithin(lines.text, token.raw.trimStart(), cursor);
      const at = found >= cursor && found <= offset + raw.length ? found : cursor;
      cursor = at;
      return { token, offset: at, line: lines.lineAt(at) };
    });
}

/** Words every answer, explanation or domain line contains: most blocks are skipped by one test. */
const KEYWORDS = /answer|correct|\bans\b|solution|explan|reason|rationale|domain|antwor|losung|respuest|respost|reponse|rispost|antwoord|odpowied|erkl|explica/i;
const NON_ASCII_KEYWORDS = /lösung|réponse|ответ|объяснение|答|正解|解説|说明|정답|답|đáp án|giải thích/i;
const hasKeyword = (raw: string): boolean => KEYWORDS.test(raw) || (/[^\x00-\x7f]/.test(raw) && NON_ASCII_KEYWORDS.test(raw));

/** Starts a new block inside a paragraph or after a list: an answer, explanation or domain line. */
const startsPart = (line: string): boolean => ANSWER_LINE.test(line) || EXPLANATION_START.test(line) || DOMAIN_LINE.test(line);

/**
 * Splits paragraphs (and lists, whose last item may run on lazily) before every line that starts an
 * answer, an explanation or a domain line: `- B. Redis\nCorrect: B` is an option and an answer.
 */
function splitParts(b: Located, lines: LineMap): Located[] {
  const list = b.token.type === 'list';
  if ((!list && !isTextual(b)) || !hasKeyword(b.token.raw)) return [b];
  const rawLines = b.token.raw.replace(/\n+$/, '').split('\n');
  const cuts: number[] = [];
  rawLines.forEach((l, i) => {
    if (i > 0 && startsPart(l) && (!list || /^ {0,3}\S/.test(l))) cuts.push(i);
  });
  if (!cuts.length) return [b];
  const lineOffsets: number[] = [];
  let at = b.offset;
  for (const l of rawLines) {
    lineOffsets.push(at);
    at += l.length + 1;
  }
  const bounds = [0, ...cuts, rawLines.length];
  const out: Located[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as number;
    const chunk = rawLines.slice(from, bounds[k + 1]);
    // `* **Correct Answer:** B` cut from an option list is an answer line, not one more option.
    if (list && k > 0) chunk[0] = (chunk[0] ?? '').replace(/^( {0,3})[-*+][ \t]+/, '$1');
    out.push(...part(chunk.join('\n'), lineOffsets[from] ?? b.offset, lines));
  }
  return out;
}

export function tidyBody(blocks: Located[], lines: LineMap): TidyBody {
  const out: Located[] = [];
  let domain: string | undefined;
  for (const b of blocks.flatMap((x) => splitParts(x, lines))) {
    const type = b.token.type;
    if (type === 'space' || type === 'hr') continue;
    if (!isTextual(b)) {
      out.push(b);
      continue;
    }
    if (NAVIGATION.test(b.token.raw.trim())) continue;
    if (!/domain/i.test(b.token.raw)) {
      out.push(b);
      continue;
    }
    const rawLines = b.token.raw.replace(/\n+$/, '').split('\n');
    const domainAt = rawLines.findIndex((l) => DOMAIN_LINE.test(l));
    if (domainAt < 0) {
      out.push(b);
      continue;
    }
    domain ??= domainOf(DOMAIN_LINE.exec(rawLines[domainAt] ?? ''));
    out.push(...part(rawLines.filter((_, i) => i !== domainAt).join('\n'), b.offset, lines));
  }
  return domain ? { body: out, domain } : { body: out };
}
