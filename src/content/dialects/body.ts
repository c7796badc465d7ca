// A question block's body, tidied before it is read: navigation links and rules dropped, the
// `Domain:` line taken out, and paragraphs split where an answer or explanation line starts inside them.
import type { Tokens } from 'marked';
import { lexBlocks } from '../lexer.js';
import type { LineMap, Located } from '../markdown.js';
import { ANSWER_LINE, EXPLANATION_START } from './answer.js';

/** `Domain: 2`, `**Domain:** Security`, `Exam domain - Design resilient architectures` */
export const DOMAIN_LINE = /^[ \t]*(?:[-*+][ \t]+)?[*_]{0,2}(?:exam[ \t]+)?domain[*_]{0,2}[ \t]*[:：][*_]{0,2}[ \t]*(\S[^\n]*?)[ \t]*[*_]{0,2}[ \t]*$/im;
/** `**[⬆ Back to Top](#table-of-contents)**`, `[Back](#top) | [Next](#q2)`: in-page navigation only. */
const NAVIGATION = /^[\s*_|·•]*(?:\[[^\]\n]*\]\(#[^)\n]*\)[\s*_|·•]*)+$/;

export interface TidyBody {
  body: Located[];
  domain?: string;
}

const isTextual = (b: Located): b is Located<Tokens.Paragraph | Tokens.Text> => b.token.type === 'paragraph' || b.token.type === 'text';

/** Re-lexes part of a paragraph as its own block(s), keeping its place in the file. */
function part(raw: string, offset: number, lines: LineMap): Located[] {
  if (!raw.trim()) return [];
  return lexBlocks(raw)
    .filter((t) => t.type !== 'space')
    .map((token) => ({ token, offset, line: lines.lineAt(offset) }));
}

export function tidyBody(blocks: Located[], lines: LineMap): TidyBody {
  const out: Located[] = [];
  let domain: string | undefined;
  for (const b of blocks) {
    const type = b.token.type;
    if (type === 'space' || type === 'hr') continue;
    if (!isTextual(b)) {
      out.push(b);
      continue;
    }
    if (NAVIGATION.test(b.token.raw.trim())) continue;
    const rawLines = b.token.raw.replace(/\n+$/, '').split('\n');
    const domainAt = rawLines.findIndex((l) => DOMAIN_LINE.test(l));
    if (domainAt >= 0) {
      domain ??= DOMAIN_LINE.exec(rawLines[domainAt] ?? '')?.[1]?.replace(/[*_]+$/, '').trim();
    }
    const keep = (from: number, to: number): string =>
      rawLines.slice(from, to).filter((_, k) => from + k !== domainAt).join('\n');
    // Split before every line that starts an answer or an explanation.
    let start = 0;
    let offset = b.offset;
    const lineOffsets: number[] = [];
    let at = b.offset;
    for (const l of rawLines) {
      lineOffsets.push(at);
      at += l.length + 1;
    }
    rawLines.forEach((l, i) => {
      if (i > start && (ANSWER_LINE.test(l) || EXPLANATION_START.test(l))) {
        out.push(...part(keep(start, i), offset, lines));
        start = i;
        offset = lineOffsets[i] ?? offset;
      }
    });
    if (start === 0 && domainAt < 0) out.push(b);
    else {
      out.push(...part(keep(start, rawLines.length), offset, lines));
    }
  }
  return domain ? { body: out, domain } : { body: out };
}
