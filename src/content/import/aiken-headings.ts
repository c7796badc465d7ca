// Aiken files made from printed papers: headings (`Unit 2`, a paper's title block) right above a numbered
// question, and question numbers that restart under each heading. Read as the markdown dialects read
// `## Section 2` groups (dialects/numbering.ts): the heading is the question's group, not part of its prompt,
// and numbering that restarts runs on (1, 2, … in file order) so `quiz 12` names one question.
import type { Finding, Question } from '../types.js';

const NUMBER = /^\s*(?:Q(?:uestion)?\s*)?(\d{1,4})\s*[.):]\s+/i;

/** A heading line: short, not a sentence going on (`Unit 2`, `Part A — 1 mark(s) each`, `Section 3: Storage`). */
const isHeading = (line: string): boolean => line.trim().length <= 60 && !/[:?,;]$/.test(line.trim());

export interface Headed {
  /** The prompt lines from the numbered line on. */
  prompt: string[];
  /** Offset of the numbered line in the draft's lines (0 when there is no heading). */
  offset: number;
  /** The heading line right above the number, the group of this question and the ones after it. */
  group?: string;
  /** Text above the heading (a paper's title block): reported, not served. */
  above: { offset: number; text: string }[];
}

/**
 * A prompt whose one numbered line (`1. Which …`) comes after other lines, the one right above it a heading:
 * those lines are no part of the question. A prompt with several numbered lines (steps listed in a question)
 * or no heading above its number is left as written.
 */
export function splitHeading(lines: string[]): Headed {
  const numbered = lines.flatMap((l, i) => (NUMBER.test(l) ? [i] : []));
  const at = numbered[0];
  const filled = (from: number, to: number) => lines.slice(from, to).flatMap((text, i) => (text.trim() ? [{ offset: from + i, text: text.trim() }] : []));
  if (numbered.length !== 1 || !at) return { prompt: lines, offset: 0, above: [] };
  const before = filled(0, at);
  const heading = before.at(-1);
  if (!heading || !isHeading(heading.text)) return { prompt: lines, offset: 0, above: [] };
  return { prompt: lines.slice(at), offset: at, group: heading.text, above: before.slice(0, -1) };
}

/**
 * Numbers as written when each is used once; else (numbering restarts per unit) every question takes its running
 * number, with a warning for a number repeated inside one group (a slip, not a restart).
 */
export function runningNumbers(questions: { q: Question; written?: number }[], path: string, findings: Finding[]): void {
  const seen = new Set<number>();
  const inGroup = new Map<string, Question>();
  const slips: { q: Question; written: number; first: Question }[] = [];
  let restarts = false;
  for (const { q, written } of questions) {
    if (written === undefined) continue;
    if (seen.has(written)) restarts = true;
    seen.add(written);
    const key = `${q.group ?? ''}\u0000${written}`;
    const first = inGroup.get(key);
    if (first) slips.push({ q, written, first });
    else inGroup.set(key, q);
  }
  if (!restarts) return;
  questions.forEach(({ q }, i) => (q.number = String(i + 1)));
  for (const { q, written, first } of slips) {
    findings.push({ path, line: q.source.line, severity: 'warning', message: `${written}: number already used by the question at line ${first.source.line}; shown as ${q.number} (quiz ${q.number})`, code: 'duplicate-number' });
  }
}
