// An answer key at the end of a note (`## Answers` / `## Answer key` with `1. B`, `2 - A, C`, `Q3: D`):
// the answer of every question that carries none of its own, looked up by the question's number.
import type { Tokens } from 'marked';
import { headingText, type Located } from '../markdown.js';

const KEY_SECTION = /^(?:[^\p{L}\p{N}]*)(?:answers?(?:\s+key)?|answer\s+sheet|key|solutions?|l[öo]sungen|antworten|respuestas|respostas|r[ée]ponses|ответы|解答|答え|正解)\s*[:.]?$/iu;
const KEY_LINE = /^\s*(?:[-*+]\s+)?[*_]{0,2}(?:q(?:uestion)?\s*)?#?(\d{1,4})[*_]{0,2}\s*[.):\-–—=]\s*[*_]{0,2}\s*(.+?)\s*[*_]{0,2}\s*$/i;

export interface KeyEntry {
  answer: string;
  line: number;
}

/** Number → answer, from every answer-key section of the note. */
export function answerKey(blocks: Located[]): Map<number, KeyEntry> {
  const key = new Map<number, KeyEntry>();
  let depth = 0;
  for (const b of blocks) {
    if (b.token.type === 'heading') {
      const h = b.token as Tokens.Heading;
      if (KEY_SECTION.test(headingText(h))) depth = h.depth;
      else if (depth && h.depth <= depth) depth = 0;
      continue;
    }
    if (!depth || !['list', 'paragraph', 'text', 'table'].includes(b.token.type)) continue;
    const rawLines = b.token.type === 'table' ? b.token.raw.split('\n').map((l) => l.replace(/^\s*\|\s*|\s*\|\s*$/g, '').replace(/\s*\|\s*/, ': ')) : b.token.raw.split('\n');
    rawLines.forEach((l, i) => {
      const m = KEY_LINE.exec(l);
      if (m && !key.has(Number(m[1]))) key.set(Number(m[1]), { answer: m[2] ?? '', line: b.line + i });
    });
  }
  return key;
}
