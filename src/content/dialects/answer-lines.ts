// An answer given as whole option lines, one per line: `B. AWS Budgets` / `D. Amazon CloudWatch` under
// `<summary>Answer</summary>`, or `**Correct Answer:** \`B. Use import\`` with `` `C. Write config` `` below it.
// Each line repeats an option exactly (label and text), so each names one more right option.
import { dropCodeMarks } from '../code-spans.js';
import type { QuestionOption } from '../types.js';
import type { Mark } from './answer.js';

/** `B. text`, `(b) text`, `` `C. text` ``, `**D) text**`: a label and text, emphasis or a code span around them. */
const OPTION_LINE_WRITTEN = /^[ \t]*[*_`]{0,2}\(?([A-Za-z])[.)][ \t]+([^\n]*?)[*_`]{0,2}[ \t]*(?:<br\s*\/?>)?[ \t]*$/;

const fold = (s: string): string => dropCodeMarks(s).replace(/[*_`]/g, '').toLowerCase().replace(/\s+/g, ' ').replace(/[\s.]+$/, '').trim();

/** The option a line repeats exactly (its label and its text), if any. */
function repeatedOption(line: string, options: QuestionOption[]): QuestionOption | undefined {
  const m = OPTION_LINE_WRITTEN.exec(line);
  if (!m) return undefined;
  const option = options.find((o) => o.id.toUpperCase() === (m[1] ?? '').toUpperCase());
  return option && fold(option.text) === fold(m[2] ?? '') ? option : undefined;
}

/**
 * The answer `mark` read from `text`, grown over the option lines right below it when it is itself an option line
 * (`B. AWS Budgets`); unchanged otherwise. The lines end at the first blank or other line.
 */
export function withOptionLinesBelow(text: string, mark: Mark, options: QuestionOption[]): Mark {
  if (mark.index < 0 || !repeatedOption(mark.inner, options)) return mark;
  let end = mark.index + mark.whole.length;
  const lineEnd = text.indexOf('\n', end);
  // The answer's own line must end where the mark does (trailing spaces or a `<br>` aside).
  if (lineEnd < 0 || !/^[ \t]*(?:<br\s*\/?>)?[ \t]*\r?$/i.test(text.slice(end, lineEnd))) return mark;
  const named = [mark.inner.trim()];
  let at = lineEnd + 1;
  while (at < text.length) {
    const next = text.indexOf('\n', at);
    const line = text.slice(at, next < 0 ? text.length : next).replace(/\r$/, '');
    if (!repeatedOption(line, options)) break;
    named.push(line.replace(/<br\s*\/?>/gi, '').replace(/[*_`]/g, '').trim());
    end = at + line.length;
    if (next < 0) break;
    at = next + 1;
  }
  if (named.length === 1) return mark;
  return { attrs: mark.attrs, inner: named.join(', '), whole: text.slice(mark.index, end), index: mark.index };
}
