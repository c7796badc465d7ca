// Options written with bold labels, one paragraph each (`**A:** anomaly detection`, `**B:** computer vision`, as
// ExamTopics exports write them): read as the option lines they are (`A. anomaly detection`). Only a run that starts
// at A and goes on in order (A, B, C…) with nothing but blank lines between: a lone `**A:** …` is a Q/A card's answer.
// Lines keep their place in the file.

import { fencedLines } from '../flashcard-notes/line-scan.js';

const BOLD_LABEL = /^([ \t]{0,3}(?:[-*+][ \t]+)?)(\*\*|__)([A-Za-z])[ \t]?[.:：)](\*\*|__)[ \t]+(?=\S)/;

export function withPlainOptionLabels(source: string): string {
  if (!/(?:\*\*|__)[A-Za-z][ \t]?[.:：)](?:\*\*|__)/.test(source)) return source;
  const lines = source.split('\n');
  /** The current run: line indexes and the letter expected next. */
  let run: number[] = [];
  let changed = false;
  const close = () => {
    if (run.length >= 2) {
      for (const i of run) lines[i] = (lines[i] as string).replace(BOLD_LABEL, (_w, lead: string, _o: string, letter: string) => `${lead}${letter}. `);
      changed = true;
    }
    run = [];
  };
  const fenced = fencedLines(lines);
  lines.forEach((text, i) => {
    if (fenced[i]) {
      close();
      return;
    }
    if (!text.trim()) return;
    const m = BOLD_LABEL.exec(text);
    const letter = m?.[3]?.toUpperCase();
    const expected = String.fromCharCode(65 + run.length);
    if (m && m[2] === m[4] && letter === expected) run.push(i);
    else {
      close();
      if (m && m[2] === m[4] && letter === 'A') run.push(i);
    }
  });
  close();
  return changed ? lines.join('\n') : source;
}

/** An exam page's question-type label alone on its line (`HOTSPOT`, `DRAG DROP`, `SIMULATION`). */
const TYPE_LABEL = /^[ \t]*(?:HOT[ \t]?SPOT|DRAG[ \t]+(?:AND[ \t]+)?DROP|SIMULATION|CASE[ \t]+STUDY|LAB|SELECT[ \t]+AND[ \t]+PLACE)[ \t]*$/;

/**
 * `HOTSPOT` over a line holding only `-` (newer ExamTopics pages): markdown reads the pair as a heading, which ended
 * the question there and lost the rest of it. Both lines go blank (lines keep their place), so the question reads on
 * under its own heading; the label was never part of a prompt or an id (as a heading it was not either). Fenced code
 * is left as it is.
 */
export function withoutLabelUnderlines(source: string): string {
  if (!/^[ \t]*-[ \t]*$/m.test(source)) return source;
  const lines = source.split('\n');
  let changed = false;
  const fenced = fencedLines(lines);
  for (let i = 1; i < lines.length; i++) {
    if (fenced[i - 1] || fenced[i] || !/^[ \t]*-[ \t]*$/.test(lines[i] as string) || !TYPE_LABEL.test(lines[i - 1] as string)) continue;
    lines[i - 1] = '';
    lines[i] = '';
    changed = true;
  }
  return changed ? lines.join('\n') : source;
}


/** `- **Assertion (A):** …` / `- **Reason (R):** …`: the two statements of an assertion–reason question. */
const STATEMENT_ITEM = /^([ \t]{0,3})[-*+][ \t]+(?=(?:\*\*|__)?(?:assertion|reason)[ \t]*\((?:a|r)\)[ \t]*(?:\*\*|__)?[ \t]*:?)/i;

/**
 * An assertion–reason question's statements written as bullets right above the `(A) …` options are its prompt, not
 * two more options (they shifted every label: the answer `(A)` named the assertion). The bullet goes; the lines keep
 * their place, and the options' list still opens on its own line.
 */
export function withStatementsAsText(source: string): string {
  if (!/assertion/i.test(source)) return source;
  const lines = source.split('\n');
  let changed = false;
  const fenced = fencedLines(lines);
  lines.forEach((line, i) => {
    if (fenced[i] || !STATEMENT_ITEM.test(line)) return;
    lines[i] = line.replace(STATEMENT_ITEM, '$1');
    changed = true;
  });
  return changed ? lines.join('\n') : source;
}
