// Where a question's answer is written, and what it says: a white `<mark>` in `<details>`,
// an "Answer: B" line (many spellings and languages), or ticked task-list options.
import { dropCodeMarks } from '../code-spans.js';
import type { QuestionOption } from '../types.js';
import { lexBlocks } from '../lexer.js';
import { htmlToText, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';

export interface Mark {
  attrs: string;
  inner: string;
  whole: string;
  index: number;
}

/** "B", "1, 2", "A and C", "B / D": labels only. */
export const ANSWER_TEXT = /^[A-Za-z0-9]{1,2}(?:\s*(?:,|;|\/|&|\band\b|\s)\s*[A-Za-z0-9]{1,2})*[.]?$/;

export const ANSWER_WORDS =
  '(?:(?:the\\s+)?(?:correct|right)\\s+(?:answers?|options?|choices?|responses?)|correct|answers?|ans|solutions?|' +
  'antworte?n?|richtige\\s+antworte?n?|l[öo]sung|respuestas?(?:\\s+correctas?)?|respostas?(?:\\s+correi?tas?)?|' +
  'r[ée]ponses?(?:\\s+correctes?)?|risposte?(?:\\s+corrett[ae])?|antwoord|odpowied[źz]|ответы?|правильный\\s+ответ|' +
  'đáp\\s+án(?:\\s+đúng)?|答え|正解|解答|答案|정답|答|답)';

/** `✅ `, `📘 `: a symbol or emoji an author puts before a label (`### ✅ Correct Answer:`). */
const LEAD_SYMBOL = '(?:(?:[\\u2190-\\u2BFF]|[\\uD83C-\\uD83E][\\uDC00-\\uDFFF])\\uFE0F?[ \\t]*)?';
/** Bold or italic around a label, in markdown (`**`, `_`) or HTML (`<b>`, `<strong>`: `<b>Answer: C</b> – …`). */
const EMPHASIS_OPEN = '(?:[*_]{0,2}|<(?:b|strong)>)';
const EMPHASIS_CLOSE = '(?:[*_]{0,2}|<\\/(?:b|strong)>)';
/** A markdown heading's hashes before a label: `## ✅ Correct Answer: B` inside `<details>`. */
const HEADING_LEAD = '(?:#{1,6}[ \\t]+)?';

/**
 * A line that states the answer: `Answer: B`, `**Answer:** A, C`, `Correct answer: 2, 3`, `Correct: B`,
 * `Correct Answer: AB`, `Antwort: B`. Group 1 is the value as written (emphasis still around it).
 */
export const ANSWER_LINE = new RegExp(
  `^[ \\t]*(?:[-*+>][ \\t]+)?${HEADING_LEAD}${LEAD_SYMBOL}${EMPHASIS_OPEN}${ANSWER_WORDS}${EMPHASIS_CLOSE}[ \\t]*[:：\\-–]${EMPHASIS_CLOSE}[ \\t]*(\\S[^\\n]*)$`,
  'im',
);
/**
 * A label alone on its line, the answer on the bold line(s) below: `### ✅ Correct Answer:` then `**B. False**`
 * (`Correct Answers:` over one bold line per option). Group 1 is the bold lines.
 */
const ANSWER_LABEL_ABOVE = new RegExp(
  `^[ \\t]*${HEADING_LEAD}${LEAD_SYMBOL}[*_]{0,2}${ANSWER_WORDS}[*_]{0,2}[ \\t]*[:：][*_]{0,2}[ \\t]*\\n(?:[ \\t]*\\n)?((?:[ \\t]*\\*\\*[^*\\n]+\\*\\*[ \\t]*(?:\\n|$))+)`,
  'im',
);
/**
 * A label alone on its line, the labels alone on the next one: `Correct Answer:` then `B` (or, in ExamTopics pages
 * copied as text, `B Community vote distribution B (75%) A (25%)`). Group 1 is the labels. A next line that goes on
 * in prose (`A company …`) is not an answer.
 */
const ANSWER_LABEL_OVER = new RegExp(
  `^[ \\t]*${HEADING_LEAD}${LEAD_SYMBOL}${EMPHASIS_OPEN}${ANSWER_WORDS}${EMPHASIS_CLOSE}[ \\t]*[:：]${EMPHASIS_CLOSE}[ \\t]*\\n[ \\t]*` +
    `([A-Z](?:[ \\t]*,[ \\t]*[A-Z]){0,7}|[A-Z]{2,8})(?:[ \\t]*$|[ \\t]+(?=community[ \\t]+vote\\b))`,
  'im',
);

/** True when `raw` (a paragraph) opens with an answer line, or with an answer label over the labels' line. */
export const opensWithAnswer = (raw: string): boolean => ANSWER_LINE.test(raw.split('\n')[0] ?? '') || labelOver(raw)?.index === 0;

/** ANSWER_LABEL_OVER's match when its labels are capitals as written (the pattern ignores case for the label). */
function labelOver(text: string): RegExpExecArray | undefined {
  const m = ANSWER_LABEL_OVER.exec(text);
  return m && m[1] === m[1]?.toUpperCase() ? m : undefined;
}

/** A paragraph that begins the explanation: `Explanation: …`, `**Explanation**`, `Reason:`. */
export const EXPLANATION_START =
  /^[ \t]*(?:#{1,6}[ \t]+)?(?:(?:[\u2190-\u2BFF]|[\uD83C-\uD83E][\uDC00-\uDFFF])\uFE0F?[ \t]*)?[*_]{0,2}(?:explanations?|reason(?:ing)?|rationale|erkl[äa]rung|explicaci[óo]n|explica[çc][ãa]o|giải\s+thích|объяснение|解説|说明)[*_]{0,2}[ \t]*(?:[:：][*_]{0,2}\s*|(?=\n|$))/i;

/** `<mark …>B</mark>`; a missing `</mark>` ends at the next closing tag or blank line. */
export const MARK = /<mark\b([^>]*)>([\s\S]*?)(?:<\/mark\s*>|(?=<\/div|<\/details|<\/p\b|\n[ \t]*\n|$))/gi;
const WHITE = /color\s*:\s*(?:white|#fff(?:fff)?\b|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))/i;

export function chooseAnswerMark(marks: Mark[]): Mark | undefined {
  const white = marks.find((m) => WHITE.test(m.attrs));
  if (white) return white;
  const answerish = marks.filter((m) => ANSWER_TEXT.test(htmlToText(m.inner).trim()));
  return answerish.at(-1) ?? (marks.length === 1 && !htmlToText(marks[0]?.inner ?? '').trim() ? marks[0] : undefined);
}

export const marksIn = (region: string): Mark[] =>
  [...region.matchAll(MARK)].map((m) => ({ attrs: m[1] ?? '', inner: m[2] ?? '', whole: m[0], index: m.index ?? 0 }));

/** The first answer line in `text`, as a Mark over its value. */
/** ExamTopics' vote button after an answer (`B 🗳️`, `AB [🗳️](https://…/#)`), taken off by hand (no pattern scans a run). */
export function withoutVoteButton(value: string): string {
  const v = value.trimEnd();
  if (v.endsWith(')')) {
    const open = v.lastIndexOf('[\u{1F5F3}');
    return open >= 0 && /^\[\u{1F5F3}\uFE0F?\]\([^)\s]*\)$/u.test(v.slice(open)) ? v.slice(0, open).trimEnd() : v;
  }
  const at = v.lastIndexOf('\u{1F5F3}');
  return at >= 0 && /^\u{1F5F3}\uFE0F?$/u.test(v.slice(at)) ? v.slice(0, at).trimEnd() : v;
}

export function answerLineIn(text: string): Mark | undefined {
  const m = ANSWER_LINE.exec(text);
  const above = ANSWER_LABEL_ABOVE.exec(text);
  const over = labelOver(text);
  // At the same place as an answer line, that line's value is only emphasis (`**Correct Answer:**` over `A, C`).
  if (over && (!m || over.index <= m.index) && (!above || over.index < above.index)) {
    return { attrs: '', inner: (over[1] ?? '').replace(/\s+/g, ''), whole: over[0], index: over.index };
  }
  if (above && (!m || above.index <= m.index)) {
    const named = (above[1] ?? '').split('\n').map((l) => l.trim().replace(/^\*\*|\*\*$/g, '').trim()).filter(Boolean);
    return { attrs: '', inner: named.join(', '), whole: above[0].replace(/\n$/, ''), index: above.index };
  }
  if (!m) return undefined;
  // `**答案：B**。explanation`, `**Answer: B**. Because …`: the bold that opened before the label ends the answer.
  // `<b>Answer: C</b> – reason`: the same with HTML bold, a dash before the reason.
  // The value runs to the end of the line (a lazy value before `[ \t]*$` retried every space of a long run), trimmed here.
  const written = (m[1] ?? '').trimEnd();
  const opener = /^[ \t]*(?:[-*+>][ \t]+)?(\*\*|<b>|<strong>)/i.exec(m[0])?.[1]?.toLowerCase();
  const closer = opener === '**' ? '**' : opener ? `</${opener.slice(1)}` : '';
  const boldEnd = closer ? written.toLowerCase().indexOf(closer) : -1;
  if (boldEnd > 0) {
    const valueStart = m[0].indexOf(written);
    // `**Correct Answer: A, C, D** (Select three)`: the count hint goes with the answer.
    const after = /^[ \t]*(?:[。.．:：]|[-–—](?=[ \t])|\((?:select|choose|pick)\b[^)\n]*\))?/i.exec(written.slice(boldEnd + closer.length))?.[0] ?? '';
    const inner = written.slice(0, boldEnd).trim();
    if (inner) return { attrs: '', inner, whole: m[0].slice(0, valueStart + boldEnd + closer.length + after.length), index: m.index };
  }
  const value = withoutVoteButton(written.replace(/^[*_]+|[*_]+$|^<\/(?:b|strong)>/gi, '').trim());
  return value ? { attrs: '', inner: value, whole: m[0], index: m.index } : undefined;
}

export function explanationOf(region: string, answer: Mark | undefined, removeLines: RegExp[] = []): string {
  let inner = region;
  if (answer && answer.index >= 0) inner = inner.slice(0, answer.index) + inner.slice(answer.index + answer.whole.length);
  for (const line of removeLines) inner = inner.replace(line, '');
  inner = inner
    .replace(/<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/gi, (_, text: string) => summaryExplanation(text))
    .replace(/<\/?(?:details|div|p)\b[^>]*>/gi, '\n');
  // Notes indent the markdown inside <div>; left as is, 4 spaces would turn it into a code block.
  const text = tidy(blockTextNumbered(lexBlocks(dedentOutsideCode(inner))));
  return text.replace(EXPLANATION_START, '').trim();
}

/**
 * `<summary>🔽: Explaining: A Service is …</summary>`: a summary that holds the explanation itself (not a reveal
 * button such as `Explanation` or `Show answer`) keeps its text, without the label.
 */
const EXPLAINING_SUMMARY = /^[^\p{L}\p{N}]*(?:explaining|explanations?|explicaci[óo]n|explica[çc][ãa]o|erkl[äa]rung)[ \t]*[:：][ \t]*(?=\S)/iu;
function summaryExplanation(text: string): string {
  const plain = htmlToText(text).trim();
  const label = EXPLAINING_SUMMARY.exec(plain);
  return label ? `\n\n${plain.slice(label[0].length)}\n\n` : '';
}

const FENCE_LINE = /^([ \t]*)(`{3,}|~{3,})/;

/**
 * Every line's indentation removed, except inside fenced code (which loses only its fence's indentation,
 * as markdown reads it) and inside `<pre>` (kept as written): code keeps its indentation (YAML, JSON).
 */
export function dedentOutsideCode(text: string): string {
  if (!/```|~~~|<pre\b/i.test(text)) return text.replace(/^[ \t]+/gm, '');
  let fence: { marker: string; indent: number } | undefined;
  let inPre = false;
  return text
    .split('\n')
    .map((line) => {
      if (inPre) {
        if (/<\/pre\s*>/i.test(line)) inPre = false;
        return line;
      }
      const f = FENCE_LINE.exec(line);
      if (fence) {
        if (f && f[2]?.[0] === fence.marker[0] && (f[2]?.length ?? 0) >= fence.marker.length && !line.slice(f[0].length).trim()) fence = undefined;
        else return line.replace(new RegExp(`^[ \t]{0,${fence.indent}}`), '');
        return line.trimStart();
      }
      if (f) fence = { marker: f[2] ?? '```', indent: (f[1] ?? '').length };
      else if (/<pre\b/i.test(line) && !/<\/pre\s*>/i.test(line)) inPre = true;
      return line.trimStart();
    })
    .join('\n');
}

export const labelsOf = (text: string): string[] =>
  text
    .replace(/\band\b/gi, ',')
    .split(/[\s,;/&]+/)
    .map((s) => s.replace(/[.)]+$/, '').trim())
    .filter(Boolean);

const fold = (s: string): string => dropCodeMarks(s).toLowerCase().replace(/[\s.]+$/g, '').replace(/\s+/g, ' ').trim();

/**
 * An answer written in a form other than plain labels, read against the options:
 * `AB` / `BCD` (letters run together), `B. Amazon EBS` / `B) EBS` (label then text), or an option's text.
 * Returns the labels, or undefined when the text names no option.
 */
export function labelsFromProse(answer: string, options: QuestionOption[]): string[] | undefined {
  const text = answer.replace(/[*_`]/g, '').trim();
  const ids = new Set(options.map((o) => o.id.toUpperCase()));
  if (/^[A-Za-z]{2,8}$/.test(text) && text === text.toUpperCase() && [...text].every((c) => ids.has(c))) return [...text];
  // `(A)`, `(B) and (D)`: labels in parentheses, nothing else.
  if (/^\(\s*(?:[A-Za-z]|\d{1,2})\s*\)(?:\s*(?:(?:,|;|&|and)\s*)?\(\s*(?:[A-Za-z]|\d{1,2})\s*\)){0,7}\.?$/.test(text)) {
    const named = [...text.matchAll(/\(\s*([A-Za-z]|\d{1,2})\s*\)/g)].map((m) => (m[1] ?? '').toUpperCase());
    if (named.every((l) => ids.has(l))) return named;
  }
  const labelled = /^\(?([A-Za-z]|\d{1,2})[.):]\s+\S/.exec(text);
  if (labelled && ids.has((labelled[1] ?? '').toUpperCase())) {
    // "B. Amazon EBS, D. Amazon EFS" names two.
    const more = [...text.matchAll(/(?:^|[,;]\s*|\band\s+)\(?([A-Za-z]|\d{1,2})[.):]\s+/g)].map((m) => m[1] ?? '');
    return more.filter((l) => ids.has(l.toUpperCase()));
  }
  const wanted = fold(text);
  const byText = options.filter((o) => fold(o.text) === wanted);
  if (byText.length === 1 && byText[0]) return [byText[0].id];
  return undefined;
}

/** Every answer form the parser reads, for findings about a missing answer. */
export const ANSWER_FORMS =
  'write it as `<mark style="color:white">B</mark>` inside `<details>`, an `Answer: B` line ' +
  '(also `**Answer:** A, C`, `Correct answer: 2, 3`, `Correct: B`), or tick the right options `- [x]`';
