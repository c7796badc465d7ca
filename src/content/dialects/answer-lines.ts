// An answer given as whole option lines, one per line: `B. AWS Budgets` / `D. Amazon CloudWatch` under
// `<summary>Answer</summary>`, or `**Correct Answer:** \`B. Use import\`` with `` `C. Write config` `` below it.
// Each line repeats an option exactly (label and text), so each names one more right option.
import { dropCodeMarks } from '../code-spans.js';
import { trailingRunStart } from '../spans.js';
import type { QuestionOption } from '../types.js';
import type { Mark } from './answer.js';

/** `B. text`, `(b) text`, `` `C. text` ``, `**D) text**`: a label and text, emphasis or a code span around them. */
const OPTION_LABEL = /^[*_`]{0,2}\(?([A-Za-z])[.)][ \t]+/;

/**
 * A line's label and text, a trailing `<br>` and up to two emphasis marks taken off its end by hand: one pattern
 * with optional parts after a lazy text retried every space of a long run (cubic).
 */
function optionLineParts(line: string): { label: string; text: string } | undefined {
  let rest = line.trim();
  if (rest.endsWith('>')) {
    const br = rest.toLowerCase().lastIndexOf('<br');
    if (br >= 0 && /^<br\s*\/?>$/i.test(rest.slice(br))) rest = rest.slice(0, br).trimEnd();
  }
  const m = OPTION_LABEL.exec(rest);
  if (!m) return undefined;
  let text = rest.slice(m[0].length);
  for (let k = 0; k < 2 && /[*_`]$/.test(text); k++) text = text.slice(0, -1);
  return { label: m[1] ?? '', text };
}

/** Trailing spaces and dots off. */
const withoutTrailingDots = (s: string): string => s.slice(0, trailingRunStart(s, (c) => c === '.' || /\s/.test(c)));

const fold = (s: string): string => withoutTrailingDots(dropCodeMarks(s).replace(/[*_`]/g, '').toLowerCase().replace(/\s+/g, ' ')).trim();

/** The option a line repeats exactly (its label and its text), if any. */
function repeatedOption(line: string, options: QuestionOption[]): QuestionOption | undefined {
  const parts = optionLineParts(line);
  if (!parts) return undefined;
  const option = options.find((o) => o.id.toUpperCase() === parts.label.toUpperCase());
  return option && fold(option.text) === fold(parts.text) ? option : undefined;
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
