// Flashcards written as Obsidian callouts, as self-check sections of study notes write them:
//   > [!question]- When does BFS find the shortest path?      (the title asks, the body answers)
//   > Only in unweighted graphs …
// or a question callout followed by an answer callout:
//   > [!question] A user's account was compromised. How do you revoke their JWT?
//   > [!success]- Answer
//   > Short expiry and refresh-token deletion …
// A question callout with no answer (an interview prompt, an exercise) is not a card. Nested callouts in an answer
// (`> > [!tip] Interview framing`) are shown as their title and text.
import type { Tokens } from 'marked';
import { headingText, type Located, type LineMap } from '../markdown.js';
import { lexBlocks, lexInline } from '../lexer.js';
import { inlineText, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';
import type { Group, QuestionBlock } from './blocks.js';
import { looksLikeQuestion } from './unread.js';

/** `[!question]-`, `[!faq]+`, `[!help]`: a question callout's first line (group 1: its title). */
const QUESTION_CALLOUT = /^\[!(?:question|faq|help|quiz)\]([-+]?)[ \t]*(.*)$/i;
/** An answer callout: `[!answer]`, `[!solution]`, or a success/check/done/example callout titled as an answer. */
const ANSWER_CALLOUT = /^\[!(answer|solution|success|check|done|example)\][-+]?[ \t]*(.*)$/i;
const ANSWER_TITLE = /^(?:answers?|solution|show answer|réponse|respuesta|resposta|antwort|lösung|risposta|ответ|решение|答案|答え|解答|정답|đáp án)?\s*[:：]?$/i;
const ANY_CALLOUT = /^\[![A-Za-z-]+\][-+]?[ \t]*(.*)$/;
/** A question callout titled only `Question` / `Q1` / `问题 2`: the question is its body. */
const GENERIC_TITLE = /^(?:q(?:uestion)?|frage|pregunta|pergunta|question|вопрос|问题|問題|질문)?\s*\d{0,4}\s*[:.：]?$/i;
/** An answer body opening with its label (`**Answer**: …`, `**答案：C. …**`, a nested `> [!success]- Answer`). */
const ANSWER_OPENING = /^(?:\[![A-Za-z-]+\][-+]?[ \t]*)?[*_]{0,2}(?:answers?|solution|réponse|respuesta|resposta|antwort|ответ|答案|答え|解答|정답)[*_]{0,2}[ \t]*[:：]?[*_]{0,2}[ \t]*(?:\n|(?=\S))/i;

/** A nested callout's marker in shown text: `[!tip] Interview framing` → `Interview framing`. */
const NESTED_MARKER = /^([ \t]*)\[![A-Za-z-]+\][-+]?[ \t]*/gm;

interface Callout {
  type: 'question' | 'answer';
  title: string;
  body: string;
  /** `[!question]-`: folded, its body hidden until opened (as an answer is). */
  folded?: boolean;
}

/** A top-level blockquote read as a callout: its kind, title and body (one `>` level off), or undefined. */
function calloutOf(b: Located): Callout | undefined {
  if (b.token.type !== 'blockquote') return undefined;
  const inner = b.token.raw.replace(/\n+$/, '').split('\n').map((l) => l.replace(/^[ \t]{0,3}>[ \t]?/, ''));
  const first = inner[0]?.trim() ?? '';
  const body = inner.slice(1).join('\n');
  const q = QUESTION_CALLOUT.exec(first);
  if (q) return { type: 'question', title: q[2] ?? '', body, folded: q[1] === '-' };
  const a = ANSWER_CALLOUT.exec(first);
  if (a && (/^(?:answer|solution)$/i.test(a[1] ?? '') || ANSWER_TITLE.test((a[2] ?? '').trim()))) return { type: 'answer', title: a[2] ?? '', body };
  // `> [!tip]- Answer`: any callout titled as an answer.
  const titled = ANY_CALLOUT.exec(first);
  if (titled && (titled[1] ?? '').trim() && ANSWER_TITLE.test((titled[1] ?? '').trim())) return { type: 'answer', title: titled[1] ?? '', body };
  return undefined;
}

/** `> [!success]- Answer` one level down in a question callout's body. */
const isNestedAnswer = (line: string): boolean => {
  const m = /^[ \t]{0,3}>[ \t]?\[![A-Za-z-]+\][-+]?[ \t]*(.*)$/.exec(line);
  return m !== null && ANSWER_TITLE.test((m[1] ?? '').trim()) && (m[1] ?? '').trim() !== '';
};

const shown = (markdown: string): string => tidy(blockTextNumbered(lexBlocks(markdown)).replace(NESTED_MARKER, '$1'));
/** The answer's text without the label it opens with (bold that closed after the label's value stays balanced off). */
const answerText = (markdown: string): string => {
  const unquoted = /^\s*>/.test(markdown) ? markdown.replace(/^[ \t]*>[ \t]?/gm, '') : markdown;
  const start = unquoted.trimStart();
  const label = ANSWER_OPENING.exec(start)?.[0] ?? '';
  let rest = start.slice(label.length);
  // `**答案：C. 观察**`: the bold opened before the label closes after the value.
  if (label.startsWith('**')) rest = rest.replace(/^([^\n]*?)\*\*/, '$1');
  return shown(rest);
};

/** One card per question callout (not in `taken`) answered by its own body or by the answer callout right after it. */
export function calloutCards(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  const shownBlocks = blocks.filter((b) => b.token.type !== 'space');
  shownBlocks.forEach((b, i) => {
    if (taken.has(b)) return;
    const q = calloutOf(b);
    if (q?.type !== 'question') return;
    const next = shownBlocks[i + 1];
    const a = next && !taken.has(next) ? calloutOf(next) : undefined;
    const written = tidy(inlineText(lexInline(q.title)));
    const title = GENERIC_TITLE.test(written) ? '' : written;
    // `>> [!success]- Answer` inside it, after the options: the question above, the answer below.
    const bodyLines = q.body.split('\n');
    const inner = bodyLines.findIndex(isNestedAnswer);
    const body = shown(inner >= 0 ? bodyLines.slice(0, inner).join('\n') : q.body);
    const hidden = inner >= 0 ? answerText(bodyLines.slice(inner).join('\n')) : undefined;
    // With an answer callout after it the question is the title and the body; else the title asks and the body answers.
    const prompt = a?.type === 'answer' || hidden !== undefined ? [title, body].filter(Boolean).join('\n\n') : title;
    // A title that neither asks nor hides its body (`> [!question] How it is asked` over the question) answers nothing.
    const answer = a?.type === 'answer' ? answerText(a.body) : hidden ?? (q.folded || /[?？]\s*$/.test(title) ? answerText(q.body) : '');
    if (!prompt || !answer) return;
    const last = a?.type === 'answer' ? (next as Located) : b;
    const end = last.offset + last.token.raw.trimStart().length;
    const group = groupOf.get(b);
    // `## Q1 — JWT revocation` right above names the card: the card starts there.
    const above = shownBlocks[i - 1];
    const named = above?.token.type === 'heading' && looksLikeQuestion(headingText(above.token as Tokens.Heading));
    out.push({ origin: 'heading', written: prompt, line: named ? (above as Located).line : b.line, end: Math.min(end, lines.text.length), body: [], card: { prompt, answer }, ...(group ? { group } : {}) });
  });
  return out;
}
