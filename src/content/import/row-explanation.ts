// The explanation of a spreadsheet row (rows.ts): its explanation cell, why each option is right or wrong
// (`Explanation A` … as `A) why` lines), then what the quiz tool shows after an answer (feedback.ts).
import type { Finding } from '../types.js';
import type { CsvColumns } from './columns.js';
import { feedbackLines, type FeedbackKind } from './feedback.js';

const cellOf = (record: string[], index: number | undefined): string => (index === undefined ? '' : (record[index] ?? ''));

/** `show`: a cell as users see it (rows.ts `shown`). */
export function rowExplanation(record: string[], columns: CsvColumns, show: (cell: string) => string): string {
  const lines = [show(cellOf(record, columns.explanation)), optionNotesOf(record, columns, show)].filter(Boolean);
  const kinds = new Set<FeedbackKind>(columns.feedback.map((f) => f.kind));
  const feedback = columns.feedback.map((f) => ({ kind: f.kind, text: show(cellOf(record, f.index)) }));
  return [...lines, ...feedbackLines(feedback, kinds, lines.join('\n'))].join('\n');
}

/**
 * `Explanation A` … cells: one line per filled cell, `A) why`; a note for an option the row leaves empty is kept
 * too (its text is the author's), never dropped silently.
 */
function optionNotesOf(record: string[], columns: CsvColumns, show: (cell: string) => string): string {
  return columns.optionNotes
    .map((n) => ({ label: n.label, text: show(cellOf(record, n.index)) }))
    .filter((n) => n.text)
    .map((n) => `${n.label}) ${n.text}`)
    .join('\n');
}

/**
 * One warning at the header for columns whose name says they hold text for learners (`Comments`, `Rationale
 * (internal)`) and that no role reads, when a row fills one: their cells are not shown, and nothing is lost silently.
 */
export function unreadNotesFinding(columns: CsvColumns, rows: { cells: string[] }[], path: string, line: number): Finding | undefined {
  const filled = columns.unreadNotes.filter((n) => rows.some((r) => (r.cells[n.index] ?? '').trim()));
  if (!filled.length) return undefined;
  const names = filled.map((n) => `"${n.name}"`).join(', ');
  const message = `column${filled.length > 1 ? 's' : ''} ${names} not shown (not a name the reader knows): rename ${filled.length > 1 ? 'them' : 'it'} Explanation, Correct feedback, Incorrect feedback, General feedback or Hint to show the cells after the answer; see docs/content-intake.md`;
  return { path, line, severity: 'warning', message, code: 'ignored-columns' };
}
