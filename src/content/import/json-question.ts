// One object of a JSON question bank -> one question, or the reason it is none. Answers may be an option's
// position (a number: 0-based, or 1-based in a file whose numbers never say 0 and reach the last option),
// labels (`"B"`, `"B,E"`, `["D"]`, the option's own id `"b"`), the option's text, a list of these, or
// `correct` / `isCorrect` flags on the options.
import type { Question, QuestionOption } from '../types.js';
import { htmlToText, tidy } from '../text.js';
import { markWholeCode, shownText } from './code-text.js';
import { optionsOf, shown } from './rows.js';
import { letterLabel, matchAnswer, questionId, type AnswerMatch } from './deck.js';
import { fieldsOf, firstText, isObj, rawOptions, textOf, type Fields, type Obj, type RawOption } from './json-fields.js';
import { feedbackLines } from './feedback.js';

export interface BankContext {
  path: string;
  line: number;
  deckId: string;
  htmlFile: boolean;
  /** Numbers answer 1-based in this file (none is 0 and some names the last option). */
  oneBased: boolean;
  /** The most options a question in the file has: a lone letter or number up to it names a missing option. */
  maxOptions: number;
  /** The topic key the question was listed under (`{"EC2": [...]}`). */
  domain?: string;
}

export type Built =
  | { question: Question; warnings: { message: string; code: string }[] }
  | { problem: string; code: string; severity: 'error' | 'warning' };

const skip = (severity: 'error' | 'warning', problem: string, code: string): Built => ({ problem, code, severity });

const LABELS = /^\s*[A-Za-z](?:\s*(?:[,;&/]|and)\s*[A-Za-z])*\s*$/;

/** An answer that can only name options (`"B"`, `"A, C"`, `2`) of a file whose questions have up to `max`. */
function namesOption(a: Fields['answer'][number], text: string, max: number): boolean {
  if (!max) return false;
  if (typeof a.value === 'number' || a.index) return Number(a.value) >= 0 && Number(a.value) <= max;
  return LABELS.test(text) && text.toUpperCase().replace(/\bAND\b/g, ',').match(/[A-Z]/g)!.every((l) => l.charCodeAt(0) - 65 < max);
}

export function questionOf(obj: Obj, ctx: BankContext): Built {
  const f = fieldsOf(obj);
  let promptRaw = firstText(f.question);
  // {"term": …, "definition": …}: a card, term -> definition.
  if (!promptRaw.trim() && firstText(f.concept).trim() && firstText(f.definition).trim()) {
    promptRaw = firstText(f.concept);
    f.answer.push({ value: firstText(f.definition), index: false });
    f.concept = [];
  }
  if (!promptRaw.trim()) {
    const keys = Object.keys(obj).slice(0, 8).join(', ') || 'none';
    return skip('warning', `not a question: no question text (question, prompt, text…); keys: ${keys}`, 'no-prompt');
  }
  const code = firstText(f.code).replace(/^\n+|\s+$/g, '');
  const hashedPrompt = [tidy(promptRaw), code].filter(Boolean).join('\n\n');
  const prompt = [shown(promptRaw, ctx.htmlFile), code && shownText(markWholeCode(code))].filter(Boolean).join('\n\n');
  const read = rawOptions(f);
  if (read.bad) return skip('error', `question skipped: ${read.bad}`, 'option-invalid');
  let raw = read.options;
  if (!raw.length && f.wrong.length) raw = triviaOptions(f);
  const labels = explicitLabels(raw);
  const texts = raw.map((o) => o.text);
  const hashed = optionsOf(texts, labels);
  const options = optionsOf(texts, labels, (t) => shown(t, ctx.htmlFile, { inline: true }));
  const q: Question = {
    id: questionId(ctx.deckId, hashedPrompt, hashed),
    deckId: ctx.deckId,
    number: '',
    kind: options.length ? 'choice' : 'flashcard',
    prompt,
    options,
    correct: [],
    explanation: explanationOf(f, raw, options, ctx.htmlFile),
    scored: false,
    source: { path: ctx.path, line: ctx.line },
  };
  const named = firstText(f.domain.flatMap((d) => (Array.isArray(d) ? d.slice(0, 1) : [d]))) || firstText(f.concept);
  const domain = tidy(ctx.htmlFile ? htmlToText(named) : named) || ctx.domain;
  if (domain) q.domain = domain;
  const answers = f.answer;
  if (!options.length) {
    const given = answers.find((a) => textOf(Array.isArray(a.value) ? a.value[0] : a.value)?.trim());
    const text = given && (Array.isArray(given.value) ? given.value.map(textOf).filter(Boolean).join(given.alternatives ? ' / ' : ', ') : textOf(given.value));
    if (!given || !text) return skip('warning', 'question skipped: no options and no answer', 'no-answer');
    if (namesOption(given, text, ctx.maxOptions)) return skip('warning', `question skipped: it has no options but its answer "${tidy(text)}" names one`, 'no-options');
    q.answerText = shown(text, ctx.htmlFile);
    return { question: q, warnings: [] };
  }
  const warnings: { message: string; code: string }[] = [];
  const flagged = raw.some((o) => o.correct !== undefined) ? options.filter((_, i) => raw[i]!.correct).map((o) => o.id) : undefined;
  let correct: string[] | undefined;
  if (answers.length) {
    const match = resolve(answers, raw, hashed, options, ctx.oneBased);
    if ('problem' in match) {
      if (!flagged?.length) return skip('error', `question skipped: ${match.problem}`, 'answer-invalid');
      warnings.push({ message: `${match.problem}; the options marked correct are used`, code: 'answer-invalid' });
      correct = flagged;
    } else {
      correct = match.correct;
      if (match.alsoReads) warnings.push({ message: `the answer is ambiguous: ${match.alsoReads}; write the option's label or its text so that only one reading fits`, code: 'answer-ambiguous' });
      if (flagged?.length && [...flagged].sort().join() !== [...correct].sort().join()) {
        warnings.push({ message: `the answer names ${correct.join(', ')} but the options marked correct are ${flagged.join(', ')}; the answer is used`, code: 'answer-conflict' });
      }
    }
  } else if (flagged?.length) correct = flagged;
  if (!correct?.length) return skip('warning', options.length < 2 ? 'question skipped: only one option and no answer' : 'question skipped: no answer (answer, correct, correctAnswer… or options marked correct)', 'no-answer');
  if (options.length < 2) {
    // A question whose only option is its answer is a flashcard, as in CSV.
    return { question: { ...q, id: questionId(ctx.deckId, hashedPrompt, []), kind: 'flashcard', options: [], answerText: options[0]!.text }, warnings };
  }
  return { question: { ...q, correct, scored: true }, warnings };
}

/** Open Trivia DB's shape: `correct_answer(s)` and `incorrect_answers`, options in alphabetical order. */
function triviaOptions(f: Fields): RawOption[] {
  const list = (vs: unknown[]) => vs.flatMap((v) => (Array.isArray(v) ? v : [v])).map(textOf).filter((t): t is string => !!t?.trim());
  const right = list(f.answer.map((a) => a.value));
  f.answer = [];
  const options = [...right.map((text) => ({ text, correct: true })), ...list(f.wrong).map((text) => ({ text, correct: false }))];
  // True / False in that order (Open Trivia DB's "boolean" questions); others alphabetical, the right one anywhere.
  const rank = (t: string) => ['true', 'false'].indexOf(t.trim().toLowerCase());
  if (options.length === 2 && options.every((o) => rank(o.text) >= 0)) return options.sort((a, b) => rank(a.text) - rank(b.text));
  return options.sort((a, b) => a.text.localeCompare(b.text));
}

/** The ids the options were given (`"b"`, key `B`), when every option has a distinct one that reads as a label. */
function explicitLabels(raw: RawOption[]): string[] {
  const ids = raw.map((o) => o.id?.trim().toUpperCase());
  const ok = ids.every((id) => id && /^(?:[A-Z]|\d{1,2})$/.test(id)) && new Set(ids).size === ids.length;
  return ok ? (ids as string[]) : [];
}

/** The first answer key that names options (`"answer": "text."` beside `"correctOptions": ["b"]`); else its problem. */
function resolve(answers: Fields['answer'], raw: RawOption[], hashed: QuestionOption[], options: QuestionOption[], oneBased: boolean): AnswerMatch {
  let first: AnswerMatch | undefined;
  for (const { value, index, byId } of answers) {
    const ids: string[] = [];
    const alsoReads: string[] = [];
    let problem: AnswerMatch | undefined;
    for (const v of Array.isArray(value) ? value : [value]) {
      // An option's own id (`"correctOptionId": 1` with options `{"id": 1, …}`) before any other reading.
      const own = byId ? raw.findIndex((o) => o.id !== undefined && o.id.trim().toLowerCase() === String(v).trim().toLowerCase()) : -1;
      const match = own >= 0 ? { correct: [options[own]!.id] } : resolveOne(v, index, raw, hashed, options, oneBased);
      if ('problem' in match) {
        problem = match;
        break;
      }
      ids.push(...match.correct);
      if (match.alsoReads) alsoReads.push(match.alsoReads);
    }
    if (!problem && ids.length) return { correct: [...new Set(ids)], ...(alsoReads.length ? { alsoReads: alsoReads.join('; ') } : {}) };
    first ??= problem ?? { problem: 'the answer is empty' };
  }
  return first ?? { problem: 'no answer' };
}

function resolveOne(v: unknown, index: boolean, raw: RawOption[], hashed: QuestionOption[], options: QuestionOption[], oneBased: boolean): AnswerMatch {
  if (typeof v === 'number') {
    const option = options[index || !oneBased ? v : v - 1];
    return option && Number.isInteger(v) ? { correct: [option.id] } : { problem: `answer ${v} is out of range (${options.length} options, counted from ${index || !oneBased ? 0 : 1})` };
  }
  const text = textOf(v) ?? '';
  const byId = raw.findIndex((o) => o.id !== undefined && o.id.trim().toLowerCase() === text.trim().toLowerCase());
  if (byId >= 0) return { correct: [options[byId]!.id] };
  const match = matchAnswer(text, hashed);
  if (!('problem' in match)) return match;
  const seen = matchAnswer(text.replace(/`+/g, ''), options.map((o) => ({ ...o, text: o.text.replace(/`+/g, '') })));
  return 'problem' in seen ? match : seen;
}

/** The explanation, `option_explanations` / per-option notes as `A) …` lines, else a hint. */
function explanationOf(f: Fields, raw: RawOption[], options: QuestionOption[], htmlFile: boolean): string {
  const lines: string[] = [];
  for (const e of f.explanation) {
    const text = textOf(e);
    if (text !== undefined) lines.push(shown(text, htmlFile));
    else if (isObj(e)) for (const [label, note] of Object.entries(e)) if (textOf(note)?.trim()) lines.push(`${label.toUpperCase()}) ${shown(textOf(note)!, htmlFile)}`);
  }
  raw.forEach((o, i) => o.note && lines.push(`${options[i]?.id ?? letterLabel(i)}) ${shown(o.note, htmlFile)}`));
  // Text only: a flag under such a key (`"remember": true`) is no note for learners.
  const feedback = f.feedback.map(({ kind, value }) => ({ kind, text: typeof value === 'boolean' || typeof value === 'number' ? '' : shown(textOf(value) ?? '', htmlFile) }));
  lines.push(...feedbackLines(feedback, new Set(f.feedback.map((c) => c.kind)), lines.join('\n')));
  if (!lines.some((l) => l.trim())) lines.push(...f.hint.map(textOf).filter((t): t is string => !!t?.trim()).map((t) => shown(t, htmlFile)));
  return lines.filter((l) => l.trim()).join('\n');
}
