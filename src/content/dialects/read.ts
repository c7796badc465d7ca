// One question block -> a Question (or nothing, with a finding): prompt, options, answer, explanation.
import * as crypto from 'node:crypto';
import type { Tokens } from 'marked';
import { lexInline } from '../lexer.js';
import { hasBlockMarks } from '../code-blocks.js';
import { dropCodeMarks, markedFrom } from '../code-spans.js';
import type { Finding, Question, QuestionOption, Severity } from '../types.js';
import type { LineMap, Located } from '../markdown.js';
import { collectImages, takeImages, type SeenImage } from '../markdown/images.js';
import { blockText, htmlToText, inlineText, normalise, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';
import { ANSWER_LINE, ANSWER_TEXT, answerLineIn, opensWithAnswer, labelsFromProse, chooseAnswerMark, EXPLANATION_START, explanationOf, marksIn, type Mark } from './answer.js';
import type { KeyEntry } from './answer-key.js';
import { ANSWER_PART_LINE, QUESTION_HEADING, tickedLines, type QuestionBlock } from './blocks.js';
import { DOMAIN_LINE, domainOf, tidyBody } from './body.js';
import type { AnswerSource } from './detect.js';
import { OPTION_LINE, optionsFromList, optionsFromParagraph, type OptionsFound } from './options.js';
import { checkAnswer } from './verify.js';
import { readBoldAnswer } from './bold-answer.js';
import { checkedListRuns, quotedNotes } from './after-options.js';
import { notesText, optionsStart, takeOptionNotes } from './learner-notes.js';
import { takeLearnerMarks, takeTicks, withoutLeadMarks, withoutTicks } from './option-marks.js';
import { checkTicks } from './tick-conflict.js';
import { codeOptionsEndingAt, mayEndCodeOptions } from './code-options.js';
import { withOptionLinesBelow } from './answer-lines.js';
import { BOLD_TIMESTAMP_LINE, checkVote, suggestedAnswer, TIMESTAMP_LINE } from './exam-topics.js';
import { shownPrompt } from './shown-prompt.js';
import { emptyAnswerIn, unservedCard } from './picture-answers.js';
import { exerciseCard } from './exercise-cards.js';

export interface QuestionContext {
  deckId: string;
  path: string;
  lines: LineMap;
  /** Answers from an answer-key section, by question number. */
  key?: Map<number, KeyEntry>;
}

export interface ReadResult {
  question?: Question;
  answer: AnswerSource;
  tasks: boolean;
}

const hashedPart = (text: string): string => (hasBlockMarks(text) ? dropCodeMarks(text).trim() : dropCodeMarks(text));

export function questionHash(prompt: string, options: QuestionOption[]): string {
  // \u0001 keeps prompt and options apart (normalise folds only whitespace). Without code marks: the
  // ids stay what they were before inline code was shown as code (code-spans.ts).
  // A part holding a code block is trimmed: its code as hashed before (legacyCode) can end in white
  // space where a cut-off tag was dropped, which tidy used to trim with the rest of the text.
  const key = normalise([prompt, ...options.map((o) => o.text)].map(hashedPart).join('\u0001'));
  // crypto.hash (Node ≥ 20.12) is a one-shot and much cheaper than createHash for short keys.
  const digest =
    typeof crypto.hash === 'function' ? crypto.hash('sha256', key, 'base64url') : crypto.createHash('sha256').update(key).digest('base64url');
  return digest.slice(0, 10);
}

/** True when an option's text is nothing but its images ("diagram (https://…)", or alt text). */
function onlyImages(text: string, images: SeenImage[]): boolean {
  if (!images.length) return false;
  let rest = text;
  for (const i of images) for (const shown of [`${i.alt} (${i.url})`, i.url, i.alt]) if (shown) rest = rest.replace(shown, '');
  return !rest.trim();
}


/** An option that is nothing but a label: "A)", "(b)", "3." */
const LABEL_ONLY = /^\(?([A-Za-z0-9]{1,2})\s*[.):]?\)?$/;

/** Answer markup never reaches users, even inside a code block (`\t<mark>B</mark>` is indented code). */
const ANSWER_MARKUP = /<\/?(?:mark|details|summary)\b[^>]*>|<!--|\{\{</gi;

const isTextual = (b: Located): b is Located<Tokens.Paragraph | Tokens.Text> => b.token.type === 'paragraph' || b.token.type === 'text';
const rawStart = (b: Located) => b.offset - (/^\s*/.exec(b.token.raw)?.[0].length ?? 0);
/** Ends as a question does: `?` or `:`, also before a last `(Multiple)` / `(Choose two)`. */
const ASKING_END = /[?:？：]\s*(?:\([^()\n]*\)\s*)?$/;
/** A heading that says more than its number is (part of) the prompt: "### Q1: Which …?", "### Which …?". */
const headingPrompt = (written: string): string => {
  const number = QUESTION_HEADING.exec(dropCodeMarks(written))?.[0].length ?? 0;
  return markedFrom(written, number).replace(/^[\s.:)\-–—：．、）]+/, '').trim();
};

interface Split {
  before: Located[];
  after: Located[];
  inDetails: boolean;
  source: 'mark' | 'line' | 'details' | 'none';
}

/** The answer region: `<details>` … `</details>`, a white `<mark>` on, or an "Answer:" line on. */
function splitAtAnswer(body: Located[]): Split {
  const details = body.findIndex((b) => /<details\b/i.test(b.token.raw));
  if (details >= 0) return { before: body.slice(0, details), after: body.slice(details), inDetails: true, source: 'details' };
  const mark = body.findIndex((b) => /<mark\b[^>]*color\s*:\s*(?:white|#fff)/i.test(b.token.raw));
  if (mark >= 0) return { before: body.slice(0, mark), after: body.slice(mark), inDetails: false, source: 'mark' };
  // `> **答案：C**`: a bold answer line may be quoted (`> Solution: …` stays a quizdown note).
  const quotedBold = (b: Located) => b.token.type === 'blockquote' && /^[ \t]*>[ \t]*\*\*/.test(b.token.raw);
  const line = body.findIndex((b) => (isTextual(b) && opensWithAnswer(b.token.raw)) || (quotedBold(b) && ANSWER_LINE.test(b.token.raw.split('\n')[0] ?? '')));
  // An answer part heading (blocks.ts: `### Answer Key`, `#### Model Solution`) opens the answer region, even when the
  // answer line comes further down (`* **Correct Option:** C`, a line inside the solution's steps).
  const part = body.findIndex((b, i) => i > 0 && b.token.type === 'heading');
  const cut = part > 0 && (line < 0 || part < line) ? part : line;
  if (cut >= 0) return { before: body.slice(0, cut), after: body.slice(cut), inDetails: false, source: 'line' };
  return { before: body, after: [], inDetails: false, source: 'none' };
}

interface Prompted {
  found?: OptionsFound;
  /** Unlettered lists between the prompt and lettered options: a learner's notes (learner-notes.ts). */
  notes?: Located[];
  promptBlocks: Located[];
  promptTail: string;
  promptTailAt: number;
  tailImages: SeenImage[];
}

const taskCount = (b: Located | undefined): number => (b?.token.type === 'list' ? (b.token as Tokens.List).items.filter((x) => x.task).length : 0);
const isOrderedWithoutTasks = (b: Located | undefined): boolean => b?.token.type === 'list' && (b.token as Tokens.List).ordered && taskCount(b) === 0;

const oneOptionLine = (b: Located | undefined): boolean => b !== undefined && isTextual(b) && !b.token.raw.trim().includes('\n') && OPTION_LINE.test(b.token.raw.trim());

/** Options: the last list (adjacent lists merged) or option-like paragraph before the answer. */
function findOptions(before: Located[], lines: LineMap): Prompted {
  for (let i = before.length - 1; i >= 0; i--) {
    const b = before[i] as Located;
    const coded = mayEndCodeOptions(b) ? codeOptionsEndingAt(before, i) : undefined;
    if (coded) {
      return { found: coded.found, promptBlocks: [...before.slice(0, coded.first), ...before.slice(i + 1)], promptTail: '', promptTailAt: coded.first, tailImages: [] };
    }
    if (b.token.type === 'list') {
      let first = i;
      while (first > 0 && before[first - 1]?.token.type === 'list') first--;
      // `1) …` / `2) …` requirements right above `- [ ]` options: part of the prompt, not more options.
      if (taskCount(b) >= 2) while (first < i && isOrderedWithoutTasks(before[first])) first++;
      const from = optionsStart(before, first, i);
      const found = optionsFromList(before.slice(from, i + 1) as Located<Tokens.List>[], lines);
      const notes = before.slice(first, from);
      return { found, ...(notes.length ? { notes } : {}), promptBlocks: [...before.slice(0, first), ...before.slice(i + 1)], promptTail: '', promptTailAt: first, tailImages: [] };
    }
    if (isTextual(b)) {
      // `A) True` and `B) False` as paragraphs of their own (blank lines between): read as one.
      let first = i;
      while (first > 0 && oneOptionLine(before[first]) && oneOptionLine(before[first - 1])) first--;
      if (first < i) {
        const raw = before.slice(first, i + 1).map((x) => x.token.raw.trim()).join('\n');
        const joined = { ...before[first], token: { type: 'paragraph', raw, text: raw, tokens: [] } } as Located<Tokens.Paragraph>;
        const para = optionsFromParagraph(joined);
        if (para && !para.prompt) {
          return { found: para.found, promptBlocks: [...before.slice(0, first), ...before.slice(i + 1)], promptTail: '', promptTailAt: first, tailImages: [] };
        }
      }
      const para = optionsFromParagraph(b);
      if (para) {
        return {
          found: para.found,
          promptBlocks: [...before.slice(0, i), ...before.slice(i + 1)],
          promptTail: para.prompt,
          promptTailAt: i,
          tailImages: para.promptImages,
        };
      }
    }
  }
  return { promptBlocks: before, promptTail: '', promptTailAt: 0, tailImages: [] };
}

/** `<details><summary>Answer</summary>B</details>`: the first line inside is just the label(s) ("B", "A, C", "B. EBS"). */
function bareAnswer(region: string, options: QuestionOption[]): Mark | undefined {
  const inner = region.replace(/<summary\b[^>]*>[\s\S]*?<\/summary\s*>/i, (m) => ' '.repeat(m.length));
  const m = /^[ \t]*(?:<[^>\n]*>[ \t]*)*([^<\n]*[^<\s])/m.exec(inner.replace(/<details\b[^>]*>/i, (t) => ' '.repeat(t.length)));
  // `**B and C.** The value …`, `**B y C**`: the bold names the options, the rest of the line explains.
  const bold = /^\*\*([^*\n]+)\*\*[ \t]*(?:[.。:：][ \t]*)?/.exec(m?.[1] ?? '');
  const named = bold?.[1]?.trim().replace(/\s+(?:and|y|e|et|und|и)\s+/gi, ' and ').replace(/\.$/, '') ?? '';
  // `**B) False.** reason` / `**B.** reason`: the bold alone is the answer, the rest of the paragraph the reason.
  if (m && bold && (ANSWER_TEXT.test(named) || labelsFromProse(named, options)?.length)) {
    const at = m[0].length - (m[1] ?? '').length;
    return { attrs: '', inner: named, whole: m[0].slice(0, at + bold[0].length), index: m.index };
  }
  const line = m?.[1]?.replace(/[*_]/g, '').trim() ?? '';
  if (!line || !(ANSWER_TEXT.test(line) || labelsFromProse(line, options))) return undefined;
  return { attrs: '', inner: line, whole: m?.[0] ?? line, index: m?.index ?? 0 };
}

/** The text of the answer region as written (blank lines kept), from its start to `</details>` or the end. */
function regionOf(after: Located[], block: QuestionBlock, inDetails: boolean, lines: LineMap): { text: string; start: number } {
  const first = after[0];
  if (!first) return { text: '', start: 0 };
  const start = rawStart(first);
  const last = after.at(-1) as Located;
  let end = block.origin === 'list-item' ? block.end : Math.min(block.end, rawStart(last) + last.token.raw.length);
  if (inDetails) {
    const close = /<\/details\s*>/i.exec(lines.text.slice(start, block.end));
    if (close) end = start + close.index + close[0].length;
  }
  return { text: lines.text.slice(start, Math.max(start, end)), start };
}

/**
 * `Correct Answer: B) ACI runs single containers without a cluster.`: after the label comes the reason, not the
 * option's text again; it opens the explanation. (`B) Amazon EBS` repeating the option adds nothing.)
 */
function answerReason(answerRaw: string, source: AnswerSource, options: QuestionOption[]): string {
  if (source !== 'line') return '';
  const m = /^\(?([A-Za-z]|\d{1,2})[.):]\s+(\S[\s\S]*)$/.exec(answerRaw.trim());
  const option = m && options.find((o) => o.id.toUpperCase() === (m[1] ?? '').toUpperCase());
  if (!m || !option) return '';
  const rest = normalise(m[2] ?? '').replace(/[.\s]+$/, '');
  const own = normalise(dropCodeMarks(option.text)).replace(/[.\s]+$/, '');
  // "B. EBS, D. EFS" names two options; a rest that is (part of) the option's text is the option.
  if (/(?:^|[,;]\s*|\band\s+)\(?[A-Za-z][.)]\s/.test(m[2] ?? '') || own.includes(rest)) return '';
  return tidy(m[2] ?? '');
}

function readCard(block: QuestionBlock, card: NonNullable<QuestionBlock['card']>, number: string, ctx: QuestionContext): ReadResult {
  const question: Question = {
    id: `${ctx.deckId}:${questionHash(card.prompt, [])}`,
    deckId: ctx.deckId,
    number,
    kind: 'flashcard',
    prompt: card.prompt,
    options: [],
    correct: [],
    explanation: card.explanation ?? '',
    answerText: card.answer,
    scored: false,
    source: { path: ctx.path, line: block.line },
  };
  if (block.group) question.group = block.group.label;
  return { question, answer: 'line', tasks: false };
}

export function readQuestion(block: QuestionBlock, number: string, ctx: QuestionContext, findings: Finding[]): ReadResult {
  const report = (severity: Severity, line: number, message: string, code: string) =>
    findings.push({ path: ctx.path, line, severity, message: `${number}: ${message}`, code });
  const headingLine = block.line;
  if (block.card) return readCard(block, block.card, number, ctx);
  const tidied = tidyBody(block.body, ctx.lines);
  const body = tidied.body;

  const split = splitAtAnswer(body);
  let { before } = split;
  const explanationAt = before.findIndex((b, i) => i > 0 && isTextual(b) && EXPLANATION_START.test(b.token.raw));
  const extraExplanation = explanationAt > 0 ? before.slice(explanationAt) : [];
  if (explanationAt > 0) before = before.slice(0, explanationAt);

  const fromHeading = block.origin === 'heading' ? headingPrompt(block.written) : '';
  const { found, notes: listedNotes = [], promptBlocks: optionless, promptTail, promptTailAt, tailImages } = findOptions(before, ctx.lines);
  const runs = checkedListRuns(before);
  if (runs.length > 1) {
    const line = before[runs.at(-1) as number]?.line ?? headingLine;
    report('warning', line, 'two option lists with a [x] under one heading: the last one is served, the first is read as prompt text; give the second question its own heading', 'two-option-lists');
  }
  const options = found?.options ?? [];
  // The texts hashed as before labels behind a mark were read (option-marks.ts), check marks off as always.
  const hashedOptions = found?.hashedAs ? options.map((o, i) => ({ ...o, text: found.checked.length ? (found.hashedAs?.[i] ?? o.text) : withoutTicks(found.hashedAs?.[i] ?? o.text) })) : options;
  const ticked = found && !found.checked.length ? takeTicks(options) : [];
  // `- Type` bullets over `**Type**`: the bold line after the options names the answer (bold-answer.ts).
  const bold =
    split.source === 'none' && found?.labels === 'implicit' && !found.checked.length && !ticked.length
      ? readBoldAnswer(optionless.slice(promptTailAt), options, (bs) => tidy(blockTextNumbered(bs.map((b) => b.token))))
      : undefined;
  // `> Solución: …` after the options (quizdown): the explanation. Ids are hashed over the prompt as it was read before.
  const notes = !bold && found && !promptTail ? quotedNotes(optionless.slice(promptTailAt)) : '';
  const promptBlocks = bold ? optionless.slice(0, optionless.length - bold.taken) : notes ? optionless.slice(0, promptTailAt) : optionless;
  const promptOf = (blocks: Located[]) => {
    const parts = blocks.map((b) => tidy(blockText([b.token]).replace(ANSWER_MARKUP, '')));
    parts.splice(promptTailAt, 0, promptTail);
    return parts.filter(Boolean).join('\n\n');
  };
  collectImages();
  const bodyPrompt = promptOf(promptBlocks);
  const promptImages = [...takeImages(), ...tailImages];
  const headedFlashcard = !options.length && split.source === 'none' && fromHeading && bodyPrompt;
  // A numbered heading over a body prompt is a title: always in seed notes (as it always was), elsewhere unless it
  // reads like part of the question ("### Q3: Which …?" or a long sentence). Unnumbered headings are the question.
  const numberedTitle =
    QUESTION_HEADING.test(dropCodeMarks(block.written)) &&
    bodyPrompt !== '' &&
    (block.inSection === true || (!ASKING_END.test(dropCodeMarks(fromHeading)) && dropCodeMarks(fromHeading).split(/\s+/).length < 8));
  const prompt = headedFlashcard ? fromHeading : [numberedTitle ? '' : fromHeading, bodyPrompt].filter(Boolean).join('\n\n');
  const hashed = notes ? [numberedTitle ? '' : fromHeading, promptOf(optionless)].filter(Boolean).join('\n\n') : prompt;
  if (!prompt) {
    report('warning', headingLine, 'no question text under this heading; skipped', 'no-prompt');
    return { answer: 'none', tasks: false };
  }

  const kind: Question['kind'] = options.length ? 'choice' : 'flashcard';
  const region = regionOf(split.after, block, split.inDetails, ctx.lines);
  const lineOf = (index: number): number => ctx.lines.lineAt(region.start + index);
  const domainInRegion = tidied.domain ? undefined : domainOf(DOMAIN_LINE.exec(region.text));
  const domain = tidied.domain ?? domainInRegion ?? block.domain;

  let answerMark: Mark | undefined = chooseAnswerMark(marksIn(region.text));
  let answer: AnswerSource = answerMark ? 'mark' : 'none';
  if (!answerMark) {
    answerMark = answerLineIn(region.text) ?? (split.inDetails && options.length ? bareAnswer(region.text, options) : undefined);
    if (answerMark) answer = 'line';
    if (answerMark && options.length) answerMark = withOptionLinesBelow(region.text, answerMark, options);
  }
  let answerLine = answerMark ? lineOf(answerMark.index) : split.after.length ? (split.after[0]?.line ?? headingLine) : headingLine;
  if (block.suggested && options.length) {
    const line = answerMark ? answerLine : block.suggested.line;
    answerMark = suggestedAnswer(block.suggested, answerMark, (at, message) => report('warning', at, message, 'answer-conflict'));
    answerLine = line;
    answer = 'line';
  }
  const keyed = !answerMark && options.length ? ctx.key?.get(Number(number.replace(/\D+/g, ''))) : undefined;
  if (keyed) {
    answerMark = { attrs: '', inner: keyed.answer, whole: '', index: -1 };
    answerLine = keyed.line;
    answer = 'line';
  }
  if (!answerMark && bold) {
    answerMark = { attrs: '', inner: bold.answer, whole: '', index: -1 };
    answerLine = bold.line;
    answer = 'line';
  }
  // `[x]`, then ✅, then an option written wholly in bold (`2. **Fargate**`).
  const checked = found?.checked.length ? found.checked : ticked.length ? ticked : (found?.bold ?? []);
  if (!answerMark && checked.length) {
    answerMark = { attrs: '', inner: checked.join(', '), whole: '', index: -1 };
    answerLine = found?.line ?? headingLine;
    answer = 'checked';
    // Bold may be emphasis, not the answer: said at the options, so a wrong guess is seen.
    if (!found?.checked.length && !ticked.length) {
      report('warning', answerLine, `answer ${checked.join(', ')} read from the option written in bold (no answer line or mark); add "Answer: …" if that is wrong`, 'bold-option-answer');
    }
  }
  const answerRaw = answerMark ? tidy(htmlToText(answerMark.inner)) : '';
  const removeLines = [...(domain ? [DOMAIN_LINE] : []), block.suggested ? TIMESTAMP_LINE : BOLD_TIMESTAMP_LINE, ANSWER_PART_LINE];
  collectImages();
  const explained = split.after.length ? explanationOf(region.text, answerMark, removeLines) : '';
  const extra = extraExplanation.length ? tidy(blockTextNumbered(extraExplanation.map((b) => b.token))).replace(EXPLANATION_START, '').trim() : '';
  const learnerNotes = notesText([...(block.notes ?? []), ...listedNotes]);
  const explanationSeen = takeImages();
  const keyNote = keyed?.explanation ? tidy(inlineText(lexInline(keyed.explanation))) : '';
  const explanation = [answerReason(answerRaw, answer, found?.options ?? []), explained, extra, bold?.explanation ?? '', notes, learnerNotes, keyNote].filter(Boolean).join('\n\n');
  const exercise = exerciseCard({ heading: block.written, title: fromHeading, options, labels: found?.labels, inDetails: split.inDetails, answered: answerMark !== undefined, explained });
  if (exercise) return readCard(block, exercise, number, ctx);

  const question: Question = {
    id: `${ctx.deckId}:${questionHash(hashed, hashedOptions)}`,
    deckId: ctx.deckId,
    number,
    kind,
    // Shown without a `Q.` / `**Question:**` label; hashed as written (ids of served decks stay).
    prompt: shownPrompt(prompt),
    options,
    correct: [],
    explanation,
    scored: false,
    source: { path: ctx.path, line: headingLine },
  };
  if (block.group) question.group = block.group.label;
  if (domain) question.domain = domain;
  // A learner's notes and 🔴 / 🟡 marks give the answer away: not shown (the id stays hashed over the text as written).
  question.explanation = [explanation, takeOptionNotes(options, found)].filter(Boolean).join('\n\n');
  takeLearnerMarks(options);
  const shown = promptImages.filter((i) => i.resolved).map((i) => ({ url: i.url, alt: i.alt }));
  if (shown.length) question.images = shown;
  for (const img of promptImages.filter((i) => !i.resolved)) {
    report('warning', headingLine, `image ${img.src} shown as its alt text${img.alt ? ` "${img.alt}"` : ''}; set \`imageBase:\` in the front matter to show it`, 'image-unresolved');
  }
  const result = (q: Question | undefined): ReadResult => ({ ...(q ? { question: q } : {}), answer, tasks: (found?.tasks ?? 0) >= 2 });
  /** A flashcard answer line holding a picture: its picture is shown with the card's other pictures. */
  let answerPictures = false;
  /** The explanation's pictures, when the explanation is shown (as the explanation, or as a flashcard's answer). */
  const explanationPictures = () => {
    const shown = question.explanation !== '' || (explanation !== '' && question.answerText === explanation) || answerPictures;
    if (!shown) return;
    const resolved = explanationSeen.filter((i) => i.resolved).map((i) => ({ url: i.url, alt: i.alt }));
    if (resolved.length) question.explanationImages = resolved;
    for (const img of explanationSeen.filter((i) => !i.resolved)) {
      report('warning', answerLine, `explanation: image ${img.src} shown as its alt text${img.alt ? ` "${img.alt}"` : ''}; set \`imageBase:\` in the front matter to show it`, 'image-unresolved');
    }
  };

  if (kind === 'flashcard') {
    // `**Correct Answer:** ![](https://…/answer.png)`: a picture or link in the answer line is shown as one, not as markdown.
    const linked = answer === 'line' && answerRaw.includes('](');
    collectImages();
    const lineText = answer === 'line' ? (linked ? tidy(inlineText(lexInline(answerRaw))) : answerRaw) : '';
    const inAnswer = takeImages();
    explanationSeen.unshift(...inAnswer);
    answerPictures = inAnswer.length > 0;
    // `✔ DNS resolution is off` under the heading: the check marks say "answer", they are not part of it.
    const carded = headedFlashcard && promptBlocks.every(tickedLines) ? bodyPrompt.split('\n').map(withoutLeadMarks).join('\n') : bodyPrompt;
    question.answerText = headedFlashcard ? carded : lineText || answerRaw || explanation;
    question.explanation = headedFlashcard ? '' : answerRaw ? explanation : '';
    const unserved = unservedCard(question, !answerRaw && emptyAnswerIn(body, ctx.lines.text, block.end));
    if (unserved) {
      report('warning', headingLine, `not served: ${unserved}`, 'no-answer');
      return result(undefined);
    }
    if (!question.answerText) report('warning', answerLine, 'flashcard has no answer text', 'no-answer');
    explanationPictures();
    return result(question);
  }

  // Option images: shown with their URL, or the question is skipped when its options are nothing but images.
  const images = found?.images ?? [];
  const imageOnly = options.every((o, i) => onlyImages(o.text, images[i] ?? []));
  if (imageOnly && images.some((imgs) => imgs.some((i) => !i.resolved))) {
    report('warning', found?.line ?? headingLine, 'the options are images that cannot be shown without a base URL (front matter `imageBase:`); skipped', 'image-options');
    return result(undefined);
  }
  explanationPictures();
  options.forEach((o, i) => {
    const img = images[i]?.find((x) => x.resolved);
    if (img) o.image = { url: img.url, alt: img.alt };
  });
  for (const [i, imgs] of images.entries()) {
    for (const img of imgs.filter((x) => !x.resolved)) {
      report('warning', found?.line ?? headingLine, `option ${options[i]?.id ?? i + 1}: image ${img.src} shown as its alt text; set \`imageBase:\` in the front matter to show it`, 'image-unresolved');
    }
  }
  const broken = options.find((o) => {
    const text = dropCodeMarks(o.text).trim();
    const label = LABEL_ONLY.exec(text);
    if (!text) return true;
    if (!label) return false;
    // "A) A)" repeats a label; "B)" alone is a stray one. "4." ("how many subnets?") and "A" (address class) are answers.
    return /^[A-Za-z]$/.test(label[1] ?? '') && /[.):]/.test(text);
  });
  if (broken) {
    report('error', found?.line ?? headingLine, `option ${broken.id} has no text of its own ("${broken.text}"); not scored`, 'option-empty');
    return result(question);
  }
  checkAnswer({
    question, found, answerRaw, answerLine, answerMark, report, promptBlocks, promptTail, promptTailAt, before, headingLine,
    hasRegion: split.after.length > 0 || keyed !== undefined,
    // Seed notes keep their historical wording; other layouts are told every answer form.
    seedWording: Boolean(block.inSection) && (found?.tasks ?? 0) < 2,
    headingPrompt: fromHeading,
  });
  if (answer !== 'checked') checkTicks(question, ticked, (line, message) => report('warning', line, message, 'tick-conflict'), found?.line ?? headingLine);
  if (question.scored) checkVote(region.text, question.correct, (index, message) => report('warning', lineOf(index), message, 'answer-conflict'));
  return result(question);
}
