// An answer key at the end of a note (`## Answers` / `## Answer key` with `1. B`, `2 - A, C`, `Q3: D`):
// the answer of every question that carries none of its own, looked up by the question's number.
import type { Tokens } from 'marked';
import { headingText, type Located } from '../markdown.js';
import { trailingRunStart } from '../spans.js';
import { OPTION_LINE } from './options.js';

const KEY_SECTION = /^(?:[^\p{L}\p{N}]*)(?:answers?(?:\s+key)?|answer\s+sheet|key|solutions?|l[öo]sungen|antworten|respuestas|respostas|r[ée]ponses|ответы|解答|答え|正解)\s*[:.]?$/iu;
/** `Complete Master Answer Key`, `Final Answer Sheet`: a few words before the key's own name. */
const NAMED_KEY_SECTION = /^(?:[^\p{L}\p{N}]*)(?:[\p{L}]+\s+){1,3}answer\s+(?:key|sheet)\s*[:.]?$/iu;
/**
 * `1. B`, `**Q3:** D`, `2 - A, C`: the value runs to the line's end and is trimmed by hand (`keyValue`); a lazy value
 * before `\s*[*_]{0,2}\s*$` was retried at every space of a run (2 kB: 7 s).
 */
const KEY_LINE = /^\s*(?:[-*+]\s+)?[*_]{0,2}(?:q(?:uestion)?\s*)?#?(\d{1,4})[*_]{0,2}\s*[.):\-–—=]\s*[*_]{0,2}\s*(\S.*)$/i;

const keyValue = (value: string): string => value.slice(0, trailingRunStart(value, (c) => c === '*' || c === '_' || /\s/.test(c)));

/**
 * A key table's rows (`| **Q1** | **C** | why |`): the first cell the number, the second the answer, the others its
 * explanation. The header row is skipped by the parser; a row whose first cell holds no number is not an entry.
 */
function tableEntries(table: Tokens.Table, line: number, key: Map<number, KeyEntry>): void {
  table.rows.forEach((row, i) => {
    const cells = row.map((c) => c.text.trim());
    const plain = (cell: string | undefined) => (cell ?? '').replace(/[*_`]/g, '').trim();
    const m = KEY_LINE.exec(`${plain(cells[0])}: ${plain(cells[1])}`);
    const answer = keyValue(m?.[2] ?? '');
    if (!m || !answer || key.has(Number(m[1]))) return;
    const explanation = cells.slice(2).filter(Boolean).join(' ');
    // header line, delimiter line, then one line per row
    key.set(Number(m[1]), { answer, line: line + 2 + i, ...(explanation ? { explanation } : {}) });
  });
}

export interface KeyEntry {
  answer: string;
  line: number;
  /** The lines under the entry (`*Explanation:* …`), its label off. */
  explanation?: string;
}

/** `Answer: A` / `Correct answer: B, D` as a key entry's value (`**1. Answer: A** - IaaS, PaaS, SaaS`). */
const VALUE_LABEL = /^(?:(?:correct\s+)?answers?|ans|correct)\s*[:：]\s*/i;
const EXPLANATION_LABEL = /^[*_]{0,2}(?:explanation|reason|why)[*_]{0,2}\s*[:：]\s*[*_]{0,2}\s*/i;

/** The key line's value without its label, cut where a bold opened before the number closes (`A** - IaaS`). */
function entryValue(rawLine: string, value: string): string {
  const unlabelled = value.replace(VALUE_LABEL, '');
  const bold = /^\s*(?:[-*+]\s+)?(\*\*|__)/.exec(rawLine)?.[1];
  const close = bold ? unlabelled.indexOf(bold) : -1;
  return close > 0 ? unlabelled.slice(0, close).trim() : unlabelled;
}

/** A numbered question heading the answer key answers, over two or more option lines: a question without its own answer. */
export function keyedOptions(number: number, body: Located[], key: Map<number, KeyEntry>): boolean {
  if (!key.has(number)) return false;
  let options = 0;
  for (const b of body) {
    if (b.token.type === 'list') options += (b.token as Tokens.List).items.filter((i) => OPTION_LINE.test(`- ${i.text.split('\n')[0] ?? ''}`)).length;
    else if (b.token.type === 'paragraph') options += b.token.raw.split('\n').filter((l) => OPTION_LINE.test(l)).length;
  }
  return options >= 2;
}

/** Number → answer, from every answer-key section of the note. */
export function answerKey(blocks: Located[]): Map<number, KeyEntry> {
  const key = new Map<number, KeyEntry>();
  let depth = 0;
  let last: KeyEntry | undefined;
  for (const b of blocks) {
    if (b.token.type === 'heading') {
      const h = b.token as Tokens.Heading;
      if (KEY_SECTION.test(headingText(h)) || NAMED_KEY_SECTION.test(headingText(h))) depth = h.depth;
      else if (depth && h.depth <= depth) depth = 0;
      last = undefined;
      continue;
    }
    if (!depth || !['list', 'paragraph', 'text', 'table'].includes(b.token.type)) continue;
    if (b.token.type === 'table') {
      tableEntries(b.token as Tokens.Table, b.line, key);
      last = undefined;
      continue;
    }
    const rawLines = b.token.raw.split('\n');
    rawLines.forEach((l, i) => {
      const m = KEY_LINE.exec(l);
      const answer = entryValue(l, keyValue(m?.[2] ?? ''));
      if (m && answer && !key.has(Number(m[1]))) {
        last = { answer, line: b.line + i };
        key.set(Number(m[1]), last);
      } else if (m) last = undefined;
      else if (last && l.trim() && b.token.type !== 'table') {
        const text = l.trim().replace(EXPLANATION_LABEL, '');
        last.explanation = last.explanation ? `${last.explanation}\n${text}` : text;
      }
    });
  }
  return key;
}
