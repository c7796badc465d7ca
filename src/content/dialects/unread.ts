// The safety net: after a note is read, a line that looks like a question (a heading, a list item or a bold
// paragraph ending with `?` or `(Choose TWO)`, or opening with `Question 3`, `Q1.`, `**Q1**`, `Pregunta 2`, …)
// that no question, concept or finding covers is reported once (`unread-question`): study material is never
// dropped silently. Only in notes that have questions, outside concept and About sections, and (unless labelled)
// only over options or an answer. A labelled line or a numbered item counts anywhere; a heading, bullet or bold
// line only inside the questions region (the `## Questions` / `## Q1 - Q10` sections, else from the first question
// to the last), so a study note's rhetorical "### Why use a stage?" headings are left alone.
import type { Tokens } from 'marked';
import type { Finding } from '../types.js';
import { isAboutSection, isConceptSection } from '../concepts.js';
import { headingText, itemsOf, type LineMap, type Located } from '../markdown.js';
import { ANSWER_LINE } from './answer.js';
import { QUESTION_HEADING, QUESTIONS_SECTION, RANGE_GROUP } from './blocks.js';
import { OPTION_LINE } from './options.js';
import { PICTURE_QUESTION_LABEL, pictureAnswerAfter, pictureAnswerReason } from './picture-answers.js';
import { trailingRunStart } from '../spans.js';

/** Findings about the whole file (at line 1 or a front matter line): they say nothing about a question there. */
const FILE_LEVEL = new Set(['no-title', 'command', 'draft', 'flashcards-only', 'no-scored-questions', 'no-questions']);

/** Reported per file at most; one more finding counts the rest. */
export const MAX_UNREAD = 20;

/**
 * `Question 3`, `Q1.`, `**Q1**`, `Pregunta 2:`, `Questão 4`, `问题 1`, `질문 2`, `Frage 3` (a number or a colon
 * follows; `Q1 - Q10` is a group).
 */
const LABELLED =
  /^(?:(?:question|pregunta|quest[ãa]o|frage|domanda|vraag|问题|問題|質問|질문|문제|câu(?:\s+hỏi)?)\s*(?:n[o°º]\.?\s*|#\s*[:.]?\s*)?(?:\d+|[:：]\s*\S)|q\s*\d+(?![\d\p{L}]))(?!\s*(?:-|–|—|to|bis)\s*(?:q\s*)?\d)(?!\s*(?:solution|answer|explanation|l[öo]sung|soluci[oó]n)\b)/iu;
/** Ends like a question: `?`, `？`, or a `(Choose TWO)` / `(Select 2)` / `(Choose two answers)` / `(Each … Choose two.)` suffix. */
const ASKS = /(?:[?？]|\((?:[^()]*[.;]\s*)?(?:choose|select|pick)\s+(?:\w+)(?:\s+(?:answers?|options?|responses?))?\.?\))$/i;

/** Markdown emphasis and trailing learner marks off a line, for the shape tests. */
const plain = (line: string): string => {
  const text = line.replace(/[*_`]+/g, '');
  return text.slice(0, trailStart(text)).trim();
};

const TRAIL = /^(?:[\s.。:：\uFE0F]|\p{Extended_Pictographic})$/u;

/** Where the run of spaces, full stops, colons and emoji (learner marks) ending `text` starts. */
const trailStart = (text: string): number => trailingRunStart(text, (c) => TRAIL.test(c));

export const looksLikeQuestion = (line: string): boolean => {
  const text = plain(line);
  return text.length > 2 && (LABELLED.test(text) || ASKS.test(text));
};

interface Candidate {
  line: number;
  text: string;
  /** Labelled, or a numbered item: reported anywhere; else only inside the questions region. */
  strong: boolean;
  /** Options and an answer line follow: reported even in a note where no question was read. */
  answered?: boolean;
  /** Why it was not read, when known (a hotspot answered by a picture). */
  reason?: string;
}

const strong = (text: string): boolean => LABELLED.test(plain(text));

/** The text of the first `<summary>…</summary>` in `html` and where it opens, found with indexOf (one pass). */
function summaryOf(html: string): { text: string; at: number } | undefined {
  const lower = html.toLowerCase();
  const at = lower.indexOf('<summary');
  const open = at < 0 ? -1 : html.indexOf('>', at);
  const close = open < 0 ? -1 : lower.indexOf('</summary', open);
  if (close < 0) return undefined;
  return { text: html.slice(open + 1, close).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), at };
}

const isList = (b: Located | undefined): boolean => b?.token.type === 'list';
/** What a question has after its prompt: options (a list of two or more), an answer line or a `<details>`. */
const answersFollow = (b: Located | undefined): boolean =>
  b !== undefined &&
  ((isList(b) && (b.token as Tokens.List).items.length >= 2) || /<details\b/i.test(b.token.raw) || (b.token.type === 'paragraph' && ANSWER_LINE.test(b.token.raw)));

/** How far past a prompt its options and answer line are looked for. */
const LOOKAHEAD = 24;

/**
 * Two or more options (a list, or option lines; `options` already seen under the prompt), then an answer line, in
 * the blocks after `at` (before a heading).
 */
function optionsThenAnswer(shown: Located[], at: number, seen: number): boolean {
  let options = seen;
  for (const b of shown.slice(at + 1, at + 1 + LOOKAHEAD)) {
    if (b.token.type === 'heading') return false;
    if (isList(b)) options += (b.token as Tokens.List).items.length;
    else if (b.token.type === 'paragraph') {
      const lines = b.token.raw.split('\n');
      if (options >= 2 && lines.some((l) => ANSWER_LINE.test(l))) return true;
      options += lines.filter((l) => OPTION_LINE.test(l)).length;
    }
  }
  return false;
}

/** A quote holding one option line (`> C. …`): an exam page's way of showing the voted option. */
const quotedOption = (b: Located): boolean => b.token.type === 'blockquote' && OPTION_LINE.test(b.token.raw.replace(/^[ \t]*>[ \t]?/, ''));

/** Two or more options right after `at` (option paragraphs, a list, quoted option lines), with no answer needed. */
function optionsFollow(shown: Located[], at: number, seen: number): boolean {
  let options = seen;
  for (const b of shown.slice(at + 1, at + 1 + LOOKAHEAD)) {
    if (isList(b)) options += (b.token as Tokens.List).items.length;
    else if (b.token.type === 'paragraph' && b.token.raw.split('\n').every((l) => OPTION_LINE.test(l))) options += b.token.raw.split('\n').length;
    else if (quotedOption(b)) options++;
    else break;
    if (options >= 2) return true;
  }
  return options >= 2;
}

/** An answer line (also quoted: `> Correct Answer: ![…](…)`) in the few blocks after `at`, before a heading. */
function answerFollows(shown: Located[], at: number): boolean {
  for (const b of shown.slice(at + 1, at + 1 + 6)) {
    if (b.token.type === 'heading') return false;
    if ((b.token.type === 'paragraph' || b.token.type === 'blockquote') && ANSWER_LINE.test(b.token.raw)) return true;
  }
  return false;
}

/**
 * The question-like lines of a note's top-level blocks, outside concept and About sections, each with something a
 * question has after it (options, an answer, a `<details>`) unless it is labelled (`Q2. …`): a rhetorical heading
 * over prose, or a discussion question in a bullet, is not a lost quiz question.
 */
function candidates(blocks: Located[], lines: LineMap): Candidate[] {
  const out: Candidate[] = [];
  let skipDepth = 0;
  const shown = blocks.filter((b) => b.token.type !== 'space');
  /** Hotspot questions by their answer block: the asking line, when below a `HOTSPOT` label, names the question. */
  const pictured = new Map<number, Candidate>();
  /** Label paragraphs (`Question #2 Topic 1` alone) by block. */
  const labelled = new Map<number, Candidate>();
  shown.forEach((b, at) => {
    const t = b.token;
    const next = shown[at + 1];
    if (t.type === 'heading') {
      const h = t as Tokens.Heading;
      const text = headingText(h);
      if (skipDepth && h.depth <= skipDepth) skipDepth = 0;
      if (!skipDepth && (isConceptSection(text) || isAboutSection(text))) skipDepth = h.depth;
      else if (!skipDepth && looksLikeQuestion(text)) {
        const end = shown.findIndex((x, i) => i > at && x.token.type === 'heading');
        const body = shown.slice(at + 1, end < 0 ? undefined : end);
        if (strong(text) || body.some(answersFollow)) out.push({ line: b.line, text, strong: strong(text) });
      }
      return;
    }
    if (skipDepth) return;
    // `<details><summary>Which …?</summary>`: a collapsible question no card was read from (unclosed, or empty); a
    // summary that asks is a quiz question wherever it is (a rhetorical question is a heading, not a collapsible).
    const summary = t.type === 'html' ? summaryOf(t.raw) : undefined;
    if (summary && looksLikeQuestion(summary.text)) {
      out.push({ line: b.line + (t.raw.slice(0, summary.at).match(/\n/g)?.length ?? 0), text: summary.text, strong: true });
    } else if (t.type === 'paragraph') {
      const [first = '', ...rest] = t.raw.trimStart().replace(/\n+$/, '').split('\n');
      // A bold line ending with "?" over options or an answer, or a labelled one (`Q1. Which …`, `Question 2: …`).
      const options = rest.filter((l) => OPTION_LINE.test(l)).length >= 2 || answersFollow(next);
      if ((/^(?:\*\*|__)/.test(first) && looksLikeQuestion(first) && options) || strong(first)) {
        const c: Candidate = { line: b.line, text: first, strong: strong(first) };
        out.push(c);
        if (c.strong && !rest.length) labelled.set(at, c);
      }
      else {
        // Any line that asks, over options and then an answer line (`A. …` paragraphs, `**Answer: E**`): a question
        // in a layout not read, reported even in a note where nothing was read.
        const own = [first, ...rest];
        const asking = own.findIndex((l) => !OPTION_LINE.test(l) && looksLikeQuestion(l));
        const below = own.slice(asking + 1).filter((l) => OPTION_LINE.test(l)).length;
        const picture = asking >= 0 || PICTURE_QUESTION_LABEL.test(first) ? pictureAnswerAfter(shown, at) : undefined;
        if (picture) {
          const k = asking >= 0 ? asking : 0;
          const reason = pictureAnswerReason(picture.kind);
          // `Question #2 Topic 1` right above names the question: reported there, once.
          const label = labelled.get(at - 1);
          if (label) Object.assign(label, { reason, answered: true });
          else if (asking >= 0 || !pictured.has(picture.block)) {
            pictured.set(picture.block, { line: b.line + k, text: own[k] ?? '', strong: true, answered: true, reason });
          }
        } else if (asking >= 0 && optionsThenAnswer(shown, at, below)) out.push({ line: b.line + asking, text: own[asking] ?? '', strong: true, answered: true });
        // Options but no answer read: reported inside the questions region only (a note's own quiz with no key).
        // Options but no answer read, or an answer with no options (a hotspot answered by a picture): reported
        // inside the questions region only.
        else if (asking >= 0 && (optionsFollow(shown, at, below) || answerFollows(shown, at))) out.push({ line: b.line + asking, text: own[asking] ?? '', strong: false });
      }
    } else if (t.type === 'list') {
      const list = t as Tokens.List;
      const items = itemsOf(list, b.offset, lines);
      items.forEach(({ item, line }, i) => {
        const [first = '', ...rest] = item.text.split('\n');
        if (!looksLikeQuestion(first)) return;
        // Options nested (even one), option lines under it, or (the last item) a list or answer right after the list.
        const options =
          item.tokens.some((x) => x.type === 'list') || rest.filter((l) => OPTION_LINE.test(l)).length >= 2 || (i === items.length - 1 && (isList(next) || answersFollow(next)));
        if (options || strong(first)) out.push({ line, text: first, strong: list.ordered || strong(first) });
      });
    }
  });
  return [...out, ...pictured.values()].sort((a, b) => a.line - b.line);
}

/**
 * Findings for question-like lines no question block covers (`covered`: first and last line of every question
 * place read, served or reported) and no finding names.
 */
export function unreadQuestions(blocks: Located[], lines: LineMap, covered: [number, number][], findings: Finding[], path: string): Finding[] {
  const named = new Set(findings.filter((f) => !FILE_LEVEL.has(f.code ?? '')).map((f) => f.line));
  const within = (ranges: [number, number][], line: number) => ranges.some(([from, to]) => line >= from && line <= to);
  const sections = questionSections(blocks, lines);
  const first = Math.min(...covered.map(([from]) => from));
  const last = Math.max(...covered.map(([, to]) => to));
  const region: [number, number][] = sections.length ? sections : covered.length ? [[first, last]] : [];
  // In a note where nothing was read, only a prompt over options and an answer line: a note of prose with a
  // "Question 2: …" bullet is not a question bank.
  const lost = candidates(blocks, lines).filter(
    (c) => !within(covered, c.line) && !named.has(c.line) && (covered.length ? c.strong || within(region, c.line) : c.answered === true),
  );
  const out: Finding[] = lost.slice(0, MAX_UNREAD).map((c) => ({
    path,
    line: c.line,
    severity: 'warning',
    message: c.reason
      ? `not read: "${shorten(plain(c.text))}": ${c.reason}; not served`
      : `looks like a question but was not read: "${shorten(plain(c.text))}"; see docs/content.md for the layouts studybot reads`,
    code: 'unread-question',
  }));
  const rest = lost.length - MAX_UNREAD;
  if (rest > 0) {
    const at = lost[MAX_UNREAD] as Candidate;
    out.push({ path, line: at.line, severity: 'warning', message: `${rest} more line${rest === 1 ? '' : 's'} from here on look like questions but were not read`, code: 'unread-question' });
  }
  return out;
}

/** Lines of the `## Questions` sections and `## Q1 - Q10` groups (heading to the next heading as high). */
function questionSections(blocks: Located[], lines: LineMap): [number, number][] {
  const out: [number, number][] = [];
  let open: { from: number; depth: number } | undefined;
  for (const b of blocks) {
    if (b.token.type !== 'heading') continue;
    const h = b.token as Tokens.Heading;
    const text = headingText(h);
    if (open && h.depth <= open.depth) {
      out.push([open.from, b.line - 1]);
      open = undefined;
    }
    const section = (h.depth <= 2 && QUESTIONS_SECTION.test(text) && !QUESTION_HEADING.test(text)) || RANGE_GROUP.test(text);
    if (!open && section) open = { from: b.line, depth: h.depth };
  }
  if (open) out.push([open.from, lines.lineCount]);
  return out;
}

const shorten = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
