// The number each question is shown and looked up by (`quiz 12`, `report 12`). The core compares the
// digits of `Question.number`, so every number here is digits with an optional "Q", unique in the deck.
import { dropCodeMarks } from '../code-spans.js';
import type { Finding } from '../types.js';
import { QUESTION_HEADING, type QuestionBlock } from './blocks.js';

export interface Numbered {
  numbers: string[];
  findings: Finding[];
}

const digits = (n: string): string => n.replace(/\D+/g, '').replace(/^0+(?=\d)/, '');

/** The number as written, renumbered into its group's range when numbering restarts inside a `## Q11 - Q20` group. */
function written(block: QuestionBlock): { n?: number; q: boolean } {
  if (block.item) return { n: block.item.position, q: false };
  const m = QUESTION_HEADING.exec(dropCodeMarks(block.written));
  if (!m) return { q: false };
  let n = Number(m[2]);
  const g = block.group;
  if (g?.start !== undefined && g.end !== undefined && (n < g.start || n > g.end) && g.start + n - 1 <= g.end) n = g.start + n - 1;
  return { n, q: Boolean(m[1] && /^q\s*$/i.test(m[1])) };
}

/**
 * Numbers as written when they are unique. When numbering restarts (per `## Part 2` group or per list),
 * every question gets its running number; headings without a number get their position. A number
 * repeated by mistake inside one group is replaced by the next free one, with a warning.
 */
export function assignNumbers(blocks: QuestionBlock[], path: string, positions: number[] = blocks.map((_, i) => i + 1)): Numbered {
  const raw = blocks.map(written);
  const findings: Finding[] = [];
  const scope = (b: QuestionBlock): string => (b.item ? `list ${b.item.list}` : `group ${b.group?.index ?? -1}`);
  const seenIn = new Map<number, string>();
  let restarts = false;
  raw.forEach((r, i) => {
    if (r.n === undefined) return;
    const where = scope(blocks[i] as QuestionBlock);
    const first = seenIn.get(r.n);
    if (first !== undefined && first !== where) restarts = true;
    else if (first === undefined) seenIn.set(r.n, where);
  });
  const anyNumber = raw.some((r) => r.n !== undefined);
  const q = raw.some((r) => r.q);
  if (restarts || !anyNumber) return { numbers: positions.map((p) => `${q ? 'Q' : ''}${p}`), findings };

  const used = new Set<string>();
  const numbers: (string | undefined)[] = raw.map((r) => {
    if (r.n === undefined) return undefined;
    const n = `${r.q ? 'Q' : ''}${r.n}`;
    if (used.has(digits(n))) return undefined;
    used.add(digits(n));
    return n;
  });
  let next = Math.max(0, ...raw.map((r, i) => r.n ?? positions[i] ?? 0));
  const lineOf = new Map<string, number>();
  numbers.forEach((n, i) => n && lineOf.set(digits(n), (blocks[i] as QuestionBlock).line));
  return {
    numbers: numbers.map((n, i) => {
      if (n) return n;
      const block = blocks[i] as QuestionBlock;
      const r = raw[i] as { n?: number; q: boolean };
      // A heading without a number takes its position when that is free, else the next free number.
      const position = positions[i] as number;
      const free = r.n === undefined && !used.has(String(position));
      const value = free ? position : ++next;
      used.add(String(value));
      const fresh = `${r.q || q ? 'Q' : ''}${value}`;
      if (r.n !== undefined) {
        const label = `${r.q ? 'Q' : ''}${r.n}`;
        findings.push({
          path,
          line: block.line,
          severity: 'warning',
          message: `${label}: number already used by the question at line ${lineOf.get(String(r.n)) ?? '?'}; shown as ${fresh} (quiz ${value})`,
          code: 'duplicate-number',
        });
      }
      return fresh;
    }),
    findings,
  };
}
