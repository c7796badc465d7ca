// Quizzes written as Obsidian callouts (the shape Obsidian quiz generators write), an answer callout nested in each:
//   > [!question] Which of the following can help secure data in S3? (Choose TWO)
//   > a) Delete the encryption keys.
//   > c) Enable S3 Encryption.
//   >> [!success]- Answer
//   >> c) Enable S3 Encryption.
// or a true/false statement over `>> True`. Such a callout is rewritten, line for line, as a question the readers
// know (`###### 1. Which …?`, the option lines, `Answer: c`), so it is scored like any other; a callout whose answer is
// prose (several lines, not option labels) is left to the callout cards (dialects/callout-cards.ts).
import { OPTION_LINE } from '../dialects/options.js';
import { fencedLines } from '../flashcard-notes/line-scan.js';

const QUESTION_OPEN = /^[ \t]{0,3}>[ \t]?\[!(?:question|quiz|faq|help)\]([-+]?)[ \t]+(\S.*)$/i;
const NESTED_ANSWER =
  /^[ \t]{0,3}>[ \t]?>[ \t]?\[![A-Za-z-]+\][-+]?[ \t]*(?:(?:correct\s+)?answers?|solution|réponse|respuesta|resposta|antwort|ответ|答案|答え|정답)[ \t]*:?[ \t]*$/i;
const QUOTED = /^[ \t]{0,3}>/;
const ONE_LEVEL = /^[ \t]{0,3}>[ \t]?/;
const TWO_LEVELS = /^[ \t]{0,3}>[ \t]?>[ \t]?/;
const GENERIC_TITLE = /^(?:q(?:uestion)?|quiz|frage|pregunta|вопрос|问题|問題|질문)?\s*\d{0,4}\s*[:.：]?$/i;

interface QuizCallout {
  open: number;
  at: number;
  end: number;
  title: string;
  asked: string[];
  answer?: string;
}

/**
 * Rewritten only when every question callout holding a nested answer is a quiz item (options answered by their
 * labels, or a one-line answer to an unfolded callout): a rewritten question runs to the next heading, and would
 * take a callout card left after it as its own text.
 */
export function withQuizCallouts(source: string): string {
  if (!/>[ \t]?>[ \t]?\[!/.test(source)) return source;
  const lines = source.split('\n');
  const found = quizCallouts(lines);
  if (!found.length || found.some((q) => q.answer === undefined)) return source;
  found.forEach((q, n) => {
    // Numbered as the callouts come: a numbered heading over its answer is a question wherever it is.
    lines[q.open] = `###### ${n + 1}. ${q.title}`;
    q.asked.forEach((l, k) => (lines[q.open + 1 + k] = l));
    lines[q.at] = `Answer: ${q.answer}`;
    for (let k = q.at + 1; k < q.end; k++) lines[k] = '';
  });
  return lines.join('\n');
}

function quizCallouts(lines: string[]): QuizCallout[] {
  const out: QuizCallout[] = [];
  const fenced = fencedLines(lines);
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const open = QUESTION_OPEN.exec(lines[i] as string);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && QUOTED.test(lines[end] as string)) end++;
    let at = i + 1;
    while (at < end && !NESTED_ANSWER.test(lines[at] as string)) at++;
    if (at >= end) {
      i = end - 1;
      continue;
    }
    const title = (open[2] ?? '').trim();
    const asked = lines.slice(i + 1, at).map((l) => l.replace(ONE_LEVEL, ''));
    const answers = lines.slice(at + 1, end).map((l) => l.replace(TWO_LEVELS, '').trim()).filter(Boolean);
    const answer = GENERIC_TITLE.test(title) ? undefined : answerOf(asked, answers, open[1] === '-');
    out.push({ open: i, at, end, title, asked, ...(answer === undefined ? {} : { answer }) });
    i = end - 1;
  }
  return out;
}

/** The answer line's value: the labels of the answer's option lines, or its one line; undefined when it is prose. */
function answerOf(asked: string[], answers: string[], folded: boolean): string | undefined {
  if (!answers.length) return undefined;
  const options = asked.filter((l) => OPTION_LINE.test(l)).length;
  const labels = answers.map((l) => OPTION_LINE.exec(l)).map((m) => m?.[1] ?? m?.[2]);
  if (options >= 2 && labels.every(Boolean)) return labels.join(', ');
  return answers.length === 1 && !folded && !options ? answers[0] : undefined;
}
