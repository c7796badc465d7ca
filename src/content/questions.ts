// Questions from the `## Questions` section(s) of a note.
import * as crypto from 'node:crypto';
import type { Token, Tokens } from 'marked';
import type { Finding, Question, QuestionOption, Severity } from './types.js';
import { lexBlocks, lexInline } from './lexer.js';
import { headingText, itemsOf, type LineMap, type Located } from './markdown.js';
import { blockText, htmlToText, inlineText, listItemText, normalise, tidy } from './text.js';

const QUESTIONS_SECTION = /^questions\b/i;
/** `## Q11 - Q20`, `## Questions 21–30`, `### 1 to 10` */
const GROUP_HEADING = /^(?:q(?:uestions?)?\s*)?(\d+)\s*(?:-|–|—|to)\s*(?:q\s*)?(\d+)$/i;
/** `### Q3`, `### 7`, `### Question 12`, `### Q4.` */
const QUESTION_HEADING = /^(q(?:uestion)?\s*)?(\d+)\b[.):]?/i;
/** At the level of `## Questions` itself only a bare `## Q3` / `## 3` counts as a question. */
const BARE_QUESTION_HEADING = /^(?:q(?:uestion)?\s*)?\d+\s*[.):]?$/i;
const LETTER_LABEL = /^\(?([A-Za-z])[.)]\s+/;
const OPTION_LINE = /^\s{0,3}(?:[-*+]\s+)?(?:\(?([A-Za-z])[.)]|(\d{1,2})[.)])\s+\S/;
const ANSWER_TEXT = /^[A-Za-z0-9]{1,2}(?:\s*(?:,|;|\/|&|\band\b|\s)\s*[A-Za-z0-9]{1,2})*[.]?$/;
const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const COUNT_WORDING = /\b(?:select|choose|pick|mark)\s+(?:the\s+)?(one|two|three|four|five|six|\d)\b/i;

export interface QuestionContext {
  deckId: string;
  path: string;
  lines: LineMap;
}

interface Group {
  label: string;
  start: number;
  end: number;
}

interface Block {
  heading: Located<Tokens.Heading>;
  written: string;
  group?: Group;
  body: Located[];
}

export interface QuestionsResult {
  questions: Question[];
  findings: Finding[];
  /** Line of the first `## Questions` heading, if any. */
  sectionLine?: number;
}

/** Splits the body into question blocks: headings inside the Questions section(s), with their tokens. */
function questionBlocks(blocks: Located[]): { blocks: Block[]; sectionLine?: number } {
  const out: Block[] = [];
  let sectionDepth = 0;
  let sectionLine: number | undefined;
  let group: Group | undefined;
  let current: Block | undefined;

  for (const located of blocks) {
    const { token, line } = located;
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      const text = headingText(h);
      if (h.depth <= 2 && QUESTIONS_SECTION.test(text)) {
        sectionDepth = h.depth;
        sectionLine ??= line;
        group = undefined;
        current = undefined;
        continue;
      }
      if (!sectionDepth) continue;
      const range = GROUP_HEADING.exec(text);
      if (range) {
        group = { label: text, start: Number(range[1]), end: Number(range[2]) };
        current = undefined;
        continue;
      }
      if (h.depth <= sectionDepth && !BARE_QUESTION_HEADING.test(text)) {
        sectionDepth = 0;
        current = undefined;
        continue;
      }
      current = { heading: located as Located<Tokens.Heading>, written: text, group, body: [] };
      out.push(current);
      continue;
    }
    if (current) current.body.push(located);
  }
  return { blocks: out, sectionLine };
}

/** "Q3" / "7" as written; renumbered into its group's range when numbering restarts inside a group. */
function displayNumber(written: string, group: Group | undefined): string {
  const m = QUESTION_HEADING.exec(written);
  if (!m) return written;
  const q = m[1] && /^q\s*$/i.test(m[1]) ? 'Q' : '';
  let n = Number(m[2]);
  if (group && (n < group.start || n > group.end) && group.start + n - 1 <= group.end) n = group.start + n - 1;
  return `${q}${n}`;
}

interface OptionsFound {
  options: QuestionOption[];
  /**
   * 'letters': labels written by the author (A, B…); 'numbers': positions in a numbered list;
   * 'implicit': a plain bullet list with no labels (ids follow the answer's style).
   */
  labels: 'letters' | 'numbers' | 'implicit';
  line: number;
  /** Ids of `- [x]` items when the options are a task list: the author ticked the answer. */
  checked: string[];
}

const isSpace = (t: Token) => t.type === 'space';

function optionsFromList(lists: Located<Tokens.List>[], lines: LineMap): OptionsFound {
  const items = lists.flatMap((l) => itemsOf(l.token, l.offset, lines));
  const texts = items.map(({ item }) => tidy(listItemText(item)).replace(/^- /, ''));
  const letters = texts.map((t) => LETTER_LABEL.exec(t)?.[1]?.toUpperCase());
  const uniqueLetters = new Set(letters);
  const lettered = letters.every(Boolean) && uniqueLetters.size === letters.length;
  const ordered = lists[0]?.token.ordered ?? false;
  const options = texts.map((text, i) => ({
    id: lettered ? (letters[i] as string) : ordered ? String(i + 1) : String.fromCharCode(65 + i),
    text: lettered ? text.replace(LETTER_LABEL, '').trim() : text,
  }));
  const checked = items.flatMap(({ item }, i) => (item.task && item.checked ? [options[i]?.id ?? ''] : []));
  return { options, labels: lettered ? 'letters' : ordered ? 'numbers' : 'implicit', line: lists[0]?.line ?? 0, checked };
}

/** Options written as paragraph lines (`A. text` with no list syntax, or a list glued to the prompt). */
function optionsFromParagraph(p: Located<Tokens.Paragraph>): { prompt: string; found: OptionsFound } | undefined {
  const rawLines = p.token.raw.split('\n');
  const first = rawLines.findIndex((l) => OPTION_LINE.test(l));
  if (first < 0) return undefined;
  const firstLabel = OPTION_LINE.exec(rawLines[first] ?? '');
  if (!firstLabel || !(/^a$/i.test(firstLabel[1] ?? '') || firstLabel[2] === '1')) return undefined;
  const optionLines: string[] = [];
  for (const l of rawLines.slice(first)) {
    if (OPTION_LINE.test(l) || !optionLines.length) optionLines.push(l);
    else optionLines[optionLines.length - 1] += ` ${l.trim()}`;
  }
  if (optionLines.length < 2) return undefined;
  const byLetter = Boolean(firstLabel[1]);
  const options = optionLines.map((l, i) => {
    const text = tidy(inlineText(lexInline(l.replace(/^\s*(?:[-*+]\s+)?(?:\(?[A-Za-z][.)]|\d{1,2}[.)])\s+/, ''))));
    const label = OPTION_LINE.exec(l);
    return { id: byLetter ? (label?.[1] ?? String.fromCharCode(65 + i)).toUpperCase() : String(i + 1), text };
  });
  const prompt = tidy(inlineText(lexInline(rawLines.slice(0, first).join('\n'))));
  return { prompt, found: { options, labels: byLetter ? 'letters' : 'numbers', line: p.line + first, checked: [] } };
}

interface Mark {
  attrs: string;
  inner: string;
  whole: string;
  index: number;
}

/** Fallback for notes that write the answer as text: `Answer: B`, `**Answer:** 1, 3`. */
const ANSWER_LINE = /^[ \t]*[*_]{0,2}(?:correct\s+)?answers?[*_]{0,2}\s*[:\-–][*_]{0,2}\s*([A-Za-z0-9](?:\s*(?:,|&|and)\s*[A-Za-z0-9])*)[*_]{0,2}[ \t.]*$/im;
/** `<mark …>B</mark>`; a missing `</mark>` ends at the next closing tag or blank line. */
const MARK = /<mark\b([^>]*)>([\s\S]*?)(?:<\/mark\s*>|(?=<\/div|<\/details|<\/p\b|\n[ \t]*\n|$))/gi;
const WHITE = /color\s*:\s*(?:white|#fff(?:fff)?\b|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))/i;

function chooseAnswerMark(marks: Mark[]): Mark | undefined {
  const white = marks.find((m) => WHITE.test(m.attrs));
  if (white) return white;
  const answerish = marks.filter((m) => ANSWER_TEXT.test(htmlToText(m.inner).trim()));
  return answerish.at(-1) ?? (marks.length === 1 && !htmlToText(marks[0]?.inner ?? '').trim() ? marks[0] : undefined);
}

function explanationOf(region: string, answer: Mark | undefined): string {
  let inner = region;
  if (answer && answer.index >= 0) inner = inner.slice(0, answer.index) + inner.slice(answer.index + answer.whole.length);
  inner = inner
    .replace(/<summary\b[^>]*>[\s\S]*?<\/summary\s*>/gi, '')
    .replace(/<\/?(?:details|div|p)\b[^>]*>/gi, '\n');
  // Notes indent the markdown inside <div>; left as is, 4 spaces would turn it into a code block.
  return tidy(blockText(lexBlocks(inner.replace(/^[ \t]+/gm, ''))));
}

const labelsOf = (text: string): string[] =>
  text
    .replace(/\band\b/gi, ',')
    .split(/[\s,;/&]+/)
    .map((s) => s.replace(/[.)]+$/, '').trim())
    .filter(Boolean);

export function questionHash(prompt: string, options: QuestionOption[]): string {
  // \u0001 keeps prompt and options apart (normalise folds only whitespace).
  const key = normalise([prompt, ...options.map((o) => o.text)].join('\u0001'));
  // crypto.hash (Node ≥ 20.12) is a one-shot and much cheaper than createHash for short keys.
  const digest =
    typeof crypto.hash === 'function'
      ? crypto.hash('sha256', key, 'base64url')
      : crypto.createHash('sha256').update(key).digest('base64url');
  return digest.slice(0, 10);
}

/** "Select TWO" / "(Choose 2 answers)" in the prompt, with the line it is on. */
function expectedCount(prompt: { raw: string; line: number }[]): { count: number; line: number } | undefined {
  for (const { raw, line } of prompt) {
    const m = COUNT_WORDING.exec(raw);
    if (m) {
      const word = (m[1] ?? '').toLowerCase();
      const count = COUNT_WORDS[word] ?? Number(word);
      if (count > 0) return { count, line: line + (raw.slice(0, m.index).match(/\n/g)?.length ?? 0) };
    }
  }
  return undefined;
}

function parseQuestion(block: Block, ctx: QuestionContext, findings: Finding[]): Question | undefined {
  const report = (severity: Severity, line: number, message: string, code: string) =>
    findings.push({ path: ctx.path, line, severity, message: `${number}: ${message}`, code });
  const number = displayNumber(block.written, block.group);
  const headingLine = block.heading.line;

  const body = block.body.filter((b) => !isSpace(b.token));
  // The answer region: `<details>` … `</details>`, or (notes without <details>) from a white `<mark>` on.
  let answerAt = body.findIndex((b) => /<details\b/i.test(b.token.raw));
  const inDetails = answerAt >= 0;
  if (!inDetails) answerAt = body.findIndex((b) => /<mark\b[^>]*color\s*:\s*(?:white|#fff)/i.test(b.token.raw));
  const before = answerAt < 0 ? body : body.slice(0, answerAt);
  let after: Located[] = [];
  if (answerAt >= 0) {
    const closeAt = inDetails ? body.findIndex((b, i) => i >= answerAt && /<\/details\s*>/i.test(b.token.raw)) : body.length - 1;
    after = body.slice(answerAt, closeAt < 0 ? body.length : closeAt + 1);
  }

  // Options: the last list (adjacent lists merged) or option-like paragraph before the answer.
  let found: OptionsFound | undefined;
  let promptBlocks: Located[] = before;
  let promptTail = '';
  let promptTailAt = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const b = before[i] as Located;
    if (b.token.type === 'list') {
      let first = i;
      while (first > 0 && before[first - 1]?.token.type === 'list') first--;
      found = optionsFromList(before.slice(first, i + 1) as Located<Tokens.List>[], ctx.lines);
      promptBlocks = [...before.slice(0, first), ...before.slice(i + 1)];
      promptTailAt = first;
      break;
    }
    if (b.token.type === 'paragraph') {
      const para = optionsFromParagraph(b as Located<Tokens.Paragraph>);
      if (para) {
        found = para.found;
        promptBlocks = [...before.slice(0, i), ...before.slice(i + 1)];
        promptTail = para.prompt;
        promptTailAt = i;
        break;
      }
    }
  }
  const promptParts = promptBlocks.map((b) => tidy(blockText([b.token])));
  promptParts.splice(promptTailAt, 0, promptTail);
  // `### Q1: Which service …?` with nothing under it: the heading carries the question.
  const headingPrompt = block.written.replace(QUESTION_HEADING, '').replace(/^[\s.:)\-–—]+/, '').trim();
  const prompt = promptParts.filter(Boolean).join('\n\n') || headingPrompt;
  if (!prompt) {
    report('warning', headingLine, 'no question text under this heading; skipped', 'no-prompt');
    return undefined;
  }

  const options = found?.options ?? [];
  const kind: Question['kind'] = options.length ? 'choice' : 'flashcard';
  // The answer region as written (blank lines kept), from `<details>` to `</details>`.
  const rawStart = (b: Located) => b.offset - (/^\s*/.exec(b.token.raw)?.[0].length ?? 0);
  const regionStart = after[0] ? rawStart(after[0]) : 0;
  const last = after.at(-1);
  const region = last ? ctx.lines.text.slice(regionStart, rawStart(last) + last.token.raw.length) : '';
  const lineOf = (indexInRegion: number): number => ctx.lines.lineAt(regionStart + indexInRegion);

  const marks: Mark[] = [...region.matchAll(MARK)].map((m) => ({
    attrs: m[1] ?? '',
    inner: m[2] ?? '',
    whole: m[0],
    index: m.index ?? 0,
  }));
  let answerMark = chooseAnswerMark(marks);
  if (!answerMark && kind === 'choice') {
    const written = ANSWER_LINE.exec(region);
    if (written) answerMark = { attrs: '', inner: written[1] ?? '', whole: written[0], index: written.index };
  }
  let answerLine = answerMark ? lineOf(answerMark.index) : after.length ? (after[0]?.line ?? headingLine) : headingLine;
  if (!answerMark && found?.checked.length) {
    answerMark = { attrs: '', inner: found.checked.join(', '), whole: '', index: -1 };
    answerLine = found.line;
  }
  const answerRaw = answerMark ? tidy(htmlToText(answerMark.inner)) : '';
  const explanation = after.length ? explanationOf(region, answerMark) : '';

  const question: Question = {
    id: `${ctx.deckId}:${questionHash(prompt, options)}`,
    deckId: ctx.deckId,
    number,
    kind,
    prompt,
    options,
    correct: [],
    explanation,
    scored: false,
    source: { path: ctx.path, line: headingLine },
  };
  if (block.group) question.group = block.group.label;

  if (kind === 'flashcard') {
    question.answerText = answerRaw || explanation;
    if (answerRaw) question.explanation = explanation;
    else question.explanation = '';
    if (!question.answerText) report('warning', answerLine, 'flashcard has no answer text', 'no-answer');
    return question;
  }

  if (options.length < 2) {
    report('warning', found?.line ?? headingLine, 'only one option; not scored', 'one-option');
    return question;
  }
  if (!after.length && !answerMark) {
    report('warning', headingLine, 'no answer (expected <details> with <mark>…</mark>); not scored', 'no-answer');
    return question;
  }
  if (!answerMark) {
    report('warning', answerLine, 'no answer <mark>…</mark> in <details>; not scored', 'no-answer');
    return question;
  }
  if (!answerRaw) {
    report('warning', answerLine, 'empty answer <mark></mark>; not scored', 'empty-answer');
    return question;
  }
  if (!ANSWER_TEXT.test(answerRaw)) {
    report('error', answerLine, `answer "${answerRaw}" is not an option label (${options.map((o) => o.id).join(', ')})`, 'answer-invalid');
    return question;
  }

  if (found?.labels === 'implicit' && labelsOf(answerRaw).every((l) => /^\d+$/.test(l))) {
    // An unlabelled bullet list answered by number: number the options.
    options.forEach((o, i) => (o.id = String(i + 1)));
    found.labels = 'numbers';
  }
  const ids = options.map((o) => o.id);
  const correct: string[] = [];
  const mappedByPosition: string[] = [];
  for (const label of labelsOf(answerRaw)) {
    const upper = label.toUpperCase();
    let id: string | undefined = ids.find((x) => x.toUpperCase() === upper);
    if (!id) {
      const position = /^\d+$/.test(label) ? Number(label) : /^[A-Za-z]$/.test(label) ? upper.charCodeAt(0) - 64 : 0;
      const wrongKind = found?.labels === 'numbers' ? /^[A-Za-z]$/.test(label) : /^\d+$/.test(label);
      if (wrongKind && position >= 1 && position <= ids.length) {
        id = ids[position - 1];
        mappedByPosition.push(`${label}→${id}`);
      } else {
        report('error', answerLine, `answer ${label} is out of range (options ${ids[0]}–${ids.at(-1)}); not scored`, 'answer-range');
        return question;
      }
    }
    if (id && !correct.includes(id)) correct.push(id);
  }
  if (mappedByPosition.length) {
    const what = found?.labels === 'numbers' ? 'letter answer over numbered options' : 'number answer over lettered options';
    report('warning', answerLine, `${what}; mapped by position (${mappedByPosition.join(', ')})`, 'answer-by-position');
  }
  question.correct = correct;
  question.scored = correct.length > 0;

  const wording = expectedCount([
    ...promptBlocks.map((b) => ({ raw: b.token.raw, line: b.line })),
    ...(promptTail ? [{ raw: promptTail, line: before[promptTailAt]?.line ?? headingLine }] : []),
  ]);
  if (wording && wording.count !== correct.length) {
    report(
      'warning',
      wording.line,
      `the prompt asks for ${wording.count} answer${wording.count === 1 ? '' : 's'} but the answer has ${correct.length}`,
      'answer-count',
    );
  }
  return question;
}

export function extractQuestions(blocks: Located[], ctx: QuestionContext): QuestionsResult {
  const findings: Finding[] = [];
  const { blocks: qBlocks, sectionLine } = questionBlocks(blocks);
  const questions: Question[] = [];
  const byId = new Map<string, Question>();
  const byNumber = new Map<string, Question>();
  for (const block of qBlocks) {
    const q = parseQuestion(block, ctx, findings);
    if (!q) continue;
    const twin = byId.get(q.id);
    if (twin) {
      findings.push({
        path: ctx.path,
        line: q.source.line,
        severity: 'warning',
        message: `${q.number}: same question as ${twin.number} (line ${twin.source.line}); serving one copy`,
        code: 'duplicate',
      });
      continue;
    }
    const sameNumber = byNumber.get(q.number);
    if (sameNumber) {
      findings.push({
        path: ctx.path,
        line: q.source.line,
        severity: 'warning',
        message: `${q.number}: number already used by the question at line ${sameNumber.source.line}`,
        code: 'duplicate-number',
      });
    } else byNumber.set(q.number, q);
    byId.set(q.id, q);
    questions.push(q);
  }
  return sectionLine === undefined ? { questions, findings } : { questions, findings, sectionLine };
}
