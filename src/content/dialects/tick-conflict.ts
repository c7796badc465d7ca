// A check mark on an option (`- C. Amazon S3 ✅`) and an answer written elsewhere (`Answer: B`, a `<mark>`, an
// answer key) that disagree: the written answer is served, the mark is reported so the author can fix one of them.
import type { Question } from '../types.js';

const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.some((y) => y.toUpperCase() === x.toUpperCase()));

/** Reports (once, at the options) ticked options that are not the question's answer as read from its answer. */
export function checkTicks(question: Question, ticked: string[], warn: (line: number, message: string) => void, line: number): void {
  if (!ticked.length || !question.correct.length || same(ticked, question.correct)) return;
  const marked = ticked.join(', ');
  const answer = question.correct.join(', ');
  warn(line, `option${ticked.length === 1 ? '' : 's'} ${marked} marked ✅ but the answer says ${answer}; serving ${answer}`);
}
