// ExamTopics discussion pages exported to markdown: `## Exam GH-200 topic 1 question 2 discussion`, then the site's
// boilerplate (`Actual exam question from`, `Microsoft's` / `GH-200`, `Question #: 2` / `Topic #: 1`,
// `[All GH-200 Questions]`), the prompt with `Suggested Answer: E 🗳️` on its last line, options `A. …` between blank
// lines, `**Answer: E**`, `**Timestamp: …**` and a `[View on ExamTopics](…)` link.
//
// Two answers: `Suggested Answer:` is the site's own answer; `**Answer:**` is the exporter's copy of it, which in the
// exports seen keeps only the first letter of a "Choose two" answer (`Suggested Answer: BC` over `**Answer: B**`). The
// suggested answer is served; when the two disagree a warning names both.
import type { LineMap, Located } from '../markdown.js';
import type { Mark } from './answer.js';
import { part } from './body.js';

/** `Exam GH-200 topic 1 question 2 discussion` (also `Exam AZ-104 topic 3 question 12 discussion`). */
const HEADING = /^exam\s+\S+(?:\s+\S+)?\s+topic\s+\d+\s+question\s+(\d+)\s+discussion\s*$/i;
/** `[All GH-200 Questions]`, also as a link: the last line of the site's header. */
const ALL_QUESTIONS = /^\[all\s[^\]\n]*questions\](?:\([^)\n]*\))?\s*$/i;
/** Header lines when `[All … Questions]` is missing. */
const HEADER_LINE = /^(?:actual\s+exam\s+question\s+from|question\s*#\s*:?\s*\d+|topic\s*#\s*:?\s*\d+)\s*$/i;
/** `Suggested Answer: BC 🗳️` (the ballot box is the site's vote button). */
const SUGGESTED = /^[ \t]*suggested\s+answer\s*[:：]\s*([A-Za-z]{1,8})\b[^\n]*$/im;
/** `**Timestamp: Sept. 19, 2025, 2:32 a.m.**`: when the page was saved, not part of the explanation. */
export const TIMESTAMP_LINE = /^[ \t]*[*_]{0,2}timestamp\s*:[^\n]*$/im;
/** The same line written wholly in bold (`**Timestamp: 2021-09-28 16:28:00**`): page chrome wherever it is. */
export const BOLD_TIMESTAMP_LINE = /^[ \t]*\*\*timestamp\s*:[^\n*]*\*\*[ \t]*$/im;

/** The question number an ExamTopics heading carries, or undefined for any other heading. */
export const examTopicsNumber = (heading: string): string | undefined => HEADING.exec(heading.trim())?.[1];

export interface ExamTopicsBody {
  body: Located[];
  suggested?: { answer: string; line: number };
}

/** The question's blocks without the site's header and timestamp, its `Suggested Answer:` line taken out and read. */
export function examTopicsBody(body: Located[], lines: LineMap): ExamTopicsBody {
  const textual = (b: Located) => b.token.type === 'paragraph' || b.token.type === 'text';
  const all = body.findIndex((b) => textual(b) && ALL_QUESTIONS.test(b.token.raw.trim()));
  let rest = all >= 0 ? body.slice(all + 1) : body.filter((b) => !(textual(b) && b.token.raw.trim().split('\n').every((l) => HEADER_LINE.test(l.trim()))));
  let suggested: ExamTopicsBody['suggested'];
  const out: Located[] = [];
  for (const b of rest) {
    const m = suggested || !textual(b) ? null : SUGGESTED.exec(b.token.raw);
    if (!m) {
      out.push(b);
      continue;
    }
    const raw = b.token.raw;
    const base = b.offset - (/^\s*/.exec(raw)?.[0].length ?? 0);
    suggested = { answer: (m[1] ?? '').toUpperCase(), line: lines.lineAt(base + m.index) };
    out.push(...part(raw.slice(0, m.index), base, lines), ...part(raw.slice(m.index + m[0].length), base + m.index + m[0].length, lines));
  }
  return suggested ? { body: out, suggested } : { body: out };
}

const letters = (answer: string): string => [...new Set(answer.toUpperCase().replace(/[^A-Z]/g, ''))].sort().join('');

/**
 * The answer served: the suggested one, in place of the `**Answer:**` line's value (whose place in the text is kept,
 * so the line is not shown in the explanation); a warning when the two name different options.
 */
export function suggestedAnswer(suggested: { answer: string; line: number }, mark: Mark | undefined, warn: (line: number, message: string) => void): Mark {
  if (!mark) return { attrs: '', inner: suggested.answer, whole: '', index: -1 };
  if (letters(mark.inner) !== letters(suggested.answer)) {
    warn(suggested.line, `"Suggested Answer: ${suggested.answer}" and the answer line "${mark.inner}" disagree; serving the suggested answer ${suggested.answer}`);
  }
  return { ...mark, inner: suggested.answer };
}

/** `Community vote distribution` (also in a Japanese clipping, `コミュニティ投票の配分`), then the votes, most first. */
const VOTE_HEADING = /community\s+vote\s+distribution|コミュニティ投票の配分/i;
/** `C (100%)`, `AB（82％）`: the options voted for and their share. */
const VOTE = /([A-Z]{1,8})\s*[(（]\s*(\d{1,3})\s*[%％]\s*[)）]/;

/** The community's top vote on an ExamTopics page (its letters, sorted), and where it is in `text`. */
export function communityVote(text: string): { letters: string; percent: number; index: number } | undefined {
  const heading = VOTE_HEADING.exec(text);
  if (!heading) return undefined;
  const from = heading.index + heading[0].length;
  // The votes follow the heading closely; a bounded slice keeps a page with no vote from being scanned on.
  const vote = VOTE.exec(text.slice(from, from + 200));
  if (!vote) return undefined;
  return { letters: letters(vote[1] ?? ''), percent: Number(vote[2]), index: from + vote.index };
}

/**
 * A warning when most of the community voted for other options than the answer served (the site's answers are
 * often wrong; the vote is the learners' own reading). The answer is served as written.
 */
export function checkVote(text: string, correct: string[], warn: (index: number, message: string) => void): void {
  const vote = communityVote(text);
  if (!vote || vote.percent < 50 || !correct.length) return;
  const served = letters(correct.join(''));
  if (vote.letters !== served) warn(vote.index, `the community vote is ${vote.letters} (${vote.percent}%) but the answer is ${correct.join(', ')}; serving ${correct.join(', ')}`);
}
