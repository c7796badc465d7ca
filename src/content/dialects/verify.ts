// Checks a choice question's answer against its options and fills `correct` / `scored`, reporting
// anything that keeps it out of scored play.
import type { Question, Severity } from '../types.js';
import type { Located } from '../markdown.js';
import { ANSWER_FORMS, ANSWER_TEXT, labelsFromProse, labelsOf, type Mark } from './answer.js';
import { latinLabel, type OptionsFound } from './options.js';

const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const COUNT_WORDING = /\b(?:select|choose|pick|mark)\s+(?:the\s+)?(one|two|three|four|five|six|\d)\b/i;

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

/** Seed notes keep their historical wording; every other layout is told each answer form that works. */
export const SEED_NO_ANSWER = 'no answer (expected <details> with <mark>…</mark>); not scored';
export const SEED_NO_ANSWER_IN_DETAILS = 'no answer <mark>…</mark> in <details>; not scored';
export const NO_ANSWER = `no answer; not scored. To give one, ${ANSWER_FORMS}`;
export const NO_ANSWER_IN_DETAILS = `no answer in <details>; not scored. To give one, ${ANSWER_FORMS}`;

export interface AnswerCheck {
  question: Question;
  found: OptionsFound | undefined;
  answerRaw: string;
  answerLine: number;
  /** True when the question has a `<details>`, `<mark>` or answer-line region. */
  hasRegion: boolean;
  answerMark: Mark | undefined;
  /** Seed notes keep their historical messages; other layouts name every answer form. */
  seedWording: boolean;
  report: (severity: Severity, line: number, message: string, code: string) => void;
  promptBlocks: Located[];
  promptTail: string;
  promptTailAt: number;
  before: Located[];
  headingLine: number;
  /** The heading's own prompt text, checked for "Choose TWO" too. */
  headingPrompt: string;
}

export function checkAnswer(c: AnswerCheck): void {
  const { question, found, answerLine, report } = c;
  const options = question.options;
  if (options.length < 2) {
    report('warning', found?.line ?? c.headingLine, 'only one option; not scored', 'one-option');
    return;
  }
  if (!c.hasRegion && !c.answerMark) {
    report('warning', c.headingLine, c.seedWording ? SEED_NO_ANSWER : NO_ANSWER, 'no-answer');
    return;
  }
  if (!c.answerMark) {
    report('warning', answerLine, c.seedWording ? SEED_NO_ANSWER_IN_DETAILS : NO_ANSWER_IN_DETAILS, 'no-answer');
    return;
  }
  if (!c.answerRaw) {
    report('warning', answerLine, 'empty answer <mark></mark>; not scored', 'empty-answer');
    return;
  }
  const ids = options.map((o) => o.id);
  // "Ответ: б" answers the option labelled "б)", whose id is "B".
  const answerRaw = /[а-иα-κ]/i.test(c.answerRaw) ? c.answerRaw.replace(/(^|[\s,;/&])([а-иА-Иα-κΑ-Κ])(?=$|[\s,;/&.)])/g, (_, pre: string, l: string) => pre + latinLabel(l)) : c.answerRaw;
  const known = (label: string) => ids.some((x) => x.toUpperCase() === label.toUpperCase());
  let labels = ANSWER_TEXT.test(answerRaw) ? labelsOf(answerRaw) : undefined;
  if (!labels || !labels.every(known)) {
    const prose = labelsFromProse(answerRaw, options);
    if (prose?.length) labels = prose;
  }
  if (!labels) {
    report('error', answerLine, `answer "${answerRaw}" is not an option label (${ids.join(', ')})`, 'answer-invalid');
    return;
  }
  if (found?.labels === 'implicit' && labels.every((l) => /^\d+$/.test(l))) {
    // An unlabelled bullet list answered by number: number the options.
    options.forEach((o, i) => (o.id = String(i + 1)));
    found.labels = 'numbers';
    ids.splice(0, ids.length, ...options.map((o) => o.id));
  }
  const correct: string[] = [];
  const mappedByPosition: string[] = [];
  for (const label of labels) {
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
        return;
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
    ...(c.headingPrompt ? [{ raw: c.headingPrompt, line: c.headingLine }] : []),
    ...c.promptBlocks.map((b) => ({ raw: b.token.raw, line: b.line })),
    ...(c.promptTail ? [{ raw: c.promptTail, line: c.before[c.promptTailAt]?.line ?? c.headingLine }] : []),
  ]);
  if (wording && wording.count !== correct.length) {
    report(
      'warning',
      wording.line,
      `the prompt asks for ${wording.count} answer${wording.count === 1 ? '' : 's'} but the answer has ${correct.length}`,
      'answer-count',
    );
  }
}
