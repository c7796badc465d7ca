// What the importers (CSV, Anki) share: the deck around the imported questions, the question ids
// (the markdown scheme: deck id + hash of the normalised prompt and options) and answer matching.
import type { Deck, Finding, ParseResult, Question, QuestionOption } from '../types.js';
import { commandFor, COMMAND_PATTERN, deckIdFromPath } from '../parse.js';
import { questionHash } from '../questions.js';
import { normalise, tidy } from '../text.js';

export interface DeckSettings {
  title?: string;
  command?: string;
  description?: string;
  /** Other `key: value` settings, kept in the deck's meta. */
  extra?: Record<string, string>;
}

/** "aws-practice_exam" -> "Aws practice exam": a title when the format has no place for one. */
/** The parts every list starts with (deck or category paths: `AWS SAA::Networking`, `$course$/top/AWS SAA/…`). */
export function commonPrefix(lists: string[][]): string[] {
  const first = lists[0] ?? [];
  let n = first.length;
  for (const list of lists) {
    let i = 0;
    while (i < n && list[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n);
}

export function titleFromId(id: string): string {
  const spaced = id.replace(/[-_]+/g, ' ').trim();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : id;
}

export function importedDeck(path: string, settings: DeckSettings, findings: Finding[], settingsLine = 1): Deck {
  const id = deckIdFromPath(path);
  const meta: Record<string, unknown> = { ...settings.extra };
  if (settings.title) meta.title = settings.title;
  if (settings.description) meta.description = settings.description;
  if (settings.command !== undefined) {
    meta.command = settings.command;
    const written = settings.command.replace(/^\//, '');
    if (!COMMAND_PATTERN.test(written)) {
      findings.push({
        path,
        line: settingsLine,
        severity: 'warning',
        message: `command "${written}" must be 1–32 characters of a-z, 0-9 and -; using "${commandFor(id, written)}"`,
        code: 'command',
      });
    }
  }
  return {
    id,
    path,
    title: tidy(settings.title ?? '') || titleFromId(id),
    description: tidy(settings.description ?? ''),
    command: commandFor(id, settings.command) || commandFor(id) || 'deck',
    meta,
    concepts: [],
    questions: [],
  };
}

/** A result for a file that could not be read as a deck: no questions, one error. */
export function failedResult(path: string, finding: Finding, command?: unknown): ParseResult {
  const id = deckIdFromPath(path);
  return {
    deck: { id, path, title: id, description: '', command: commandFor(id, command) || commandFor(id), meta: {}, concepts: [], questions: [] },
    findings: [finding],
  };
}

export const questionId = (deckId: string, prompt: string, options: QuestionOption[]): string =>
  `${deckId}:${questionHash(prompt, options)}`;

/** Adds a question unless an identical one is already in the deck (then a warning, as for markdown). */
const byId = new WeakMap<Deck, Map<string, Question>>();

export function addQuestion(deck: Deck, q: Question, findings: Finding[]): void {
  let ids = byId.get(deck);
  if (!ids) byId.set(deck, (ids = new Map(deck.questions.map((x) => [x.id, x]))));
  const twin = ids.get(q.id);
  if (twin) {
    findings.push({
      path: q.source.path,
      line: q.source.line,
      severity: 'warning',
      message: `${q.number}: same question as ${twin.number} (line ${twin.source.line}); serving one copy`,
      code: 'duplicate',
    });
    return;
  }
  ids.set(q.id, q);
  deck.questions.push(q);
}

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const letterLabel = (i: number): string => LABELS[i] ?? String(i + 1);

/** `alsoReads`: the answer is an option's text and also other options' labels or numbers (the text was used). */
export type AnswerMatch = { correct: string[]; alsoReads?: string } | { problem: string };

/**
 * How an answer is read: `any` tries option text first, then labels and numbers, and says in `alsoReads` when both
 * name options and they differ; `numbers` (a sheet of numbered option columns: `Answer 1`…, `Option 1`…, the quiz
 * platforms' templates) reads an answer made only of integers in 1..n as option numbers, anything else as `any` does;
 * `text` is `any` without `alsoReads` (an answer column that holds the right option's text, as Gimkit's).
 */
export type AnswerReading = 'any' | 'numbers' | 'text';

/** `2`, `1,3`, `1 and 3`, `2;4`: integers only, each an option's number (its id, or 1..n). */
const NUMBERS_ONLY = /^\d{1,2}(?:\s*(?:[,;/&|+]|\band\b)\s*\d{1,2}|\s+\d{1,2})*$/i;
export const isOptionNumbers = (answer: string, options: QuestionOption[]): boolean =>
  NUMBERS_ONLY.test(answer) &&
  (answer.match(/\d+/g) ?? []).every((n) => options.some((o) => o.id === String(Number(n))) || (Number(n) >= 1 && Number(n) <= options.length));

/**
 * The correct option ids for an answer written as letters (`B`, `A, C`), numbers (`2`, `1;3`)
 * or option texts (one per line or separated by `|`).
 */
export function matchAnswer(raw: string, options: QuestionOption[], reading: AnswerReading = 'any'): AnswerMatch {
  const answer = tidy(raw);
  if (!answer) return { problem: 'no answer' };
  if (reading === 'numbers' && isOptionNumbers(answer, options)) return byLabels(answer, options);
  const text = byTexts(answer, options);
  if (!text) return byLabels(answer, options);
  if (reading === 'text') return { correct: text };
  const labels = byLabels(answer, options);
  if ('correct' in labels && !sameIds(labels.correct, text)) {
    const named = (ids: string[]) => ids.map((id) => `${id} ("${options.find((o) => o.id === id)?.text ?? ''}")`).join(', ');
    const kind = /^\d/.test(answer) ? 'numbers' : 'labels';
    return { correct: text, alsoReads: `it is the text of option ${named(text)}, used as such; read as option ${kind} it would be ${named(labels.correct)}` };
  }
  return { correct: text };
}

/** The options whose text the answer is, whole or one per line or `|`-, `;`- or `,`-separated part (`HTML; CSS`). */
function byTexts(answer: string, options: QuestionOption[]): string[] | undefined {
  const byText = (text: string) => options.find((o) => normalise(o.text) === normalise(text));
  const whole = byText(answer);
  if (whole) return [whole.id];
  // Each separator tried alone, so an option text holding a comma is never cut: every part must be an option's text.
  for (const separator of [/\s*(?:\n|\|)\s*/, /\s*;\s*/, /\s*,\s*/]) {
    const parts = answer.split(separator).filter(Boolean);
    if (parts.length > 1 && parts.every((p) => byText(p))) return unique(parts.map((p) => byText(p)!.id));
  }
  return undefined;
}

const sameIds = (a: string[], b: string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

/** The options an answer names by label (`B`, `Option A`), number (`2`) or id. */
function byLabels(answer: string, options: QuestionOption[]): AnswerMatch {
  const labels = answer
    // "Option A", "Choice B and Choice D": the word before a label is not part of it.
    .replace(/\b(?:options?|choices?)\s+(?=[A-Za-z0-9]{1,2}\b)/gi, '')
    .replace(/\band\b/gi, ',')
    .split(/[\s,;/&|+]+/)
    .map((s) => s.replace(/^\(|[.)]+$/g, ''))
    .filter(Boolean);
  const ids: string[] = [];
  for (const label of labels) {
    const byId = options.find((o) => o.id.toUpperCase() === label.toUpperCase());
    if (byId) {
      ids.push(byId.id);
      continue;
    }
    let index = -1;
    if (/^[A-Za-z]$/.test(label)) index = label.toUpperCase().charCodeAt(0) - 65;
    else if (/^\d{1,2}$/.test(label)) index = Number(label) - 1;
    else {
      const known = options.map((o) => o.id).join(', ');
      return { problem: `answer "${answer}" is neither option labels (${known}), option numbers nor an option's text` };
    }
    const option = options[index];
    if (!option) return { problem: `answer ${label} is out of range (options ${options[0]?.id ?? '?'}–${options.at(-1)?.id ?? '?'})` };
    ids.push(option.id);
  }
  return { correct: unique(ids) };
}

const unique = (ids: string[]): string[] => [...new Set(ids)];

/**
 * Moodle's own category for a course's questions, "Default for <course>" in the teacher's language (`Défaut pour`,
 * `Por defecto en`, `Standard für`, `Padrão para`): named by the course.
 */
const DEFAULT_FOR = /^(?:Default for|Défaut pour|Por defecto en|Por defecto para|Standard für|Padrão para)\s+/i;
export const withoutDefaultFor = (category: string): string => category.replace(DEFAULT_FOR, '');

/** `$course$/top/AWS SAA/Networking` -> ['AWS SAA', 'Networking']: Moodle's context marker and root dropped. */
export function categoryParts(path: string): string[] {
  // Moodle's own "Default for <course>" categories (in any of its languages) name the course: the course's name is kept.
  const parts = path.split('/').map((p) => withoutDefaultFor(p.trim())).filter((p) => p && !/^\$\w+\$$/.test(p));
  return parts[0]?.toLowerCase() === 'top' ? parts.slice(1) : parts;
}


/** What the categories holding questions share: their common parent (`AWS SAA`), else their common path. */
export function sharedTitle(categories: string[][]): string {
  const parent = commonPrefix(categories.map((c) => c.slice(0, -1)));
  const parts = parent.length ? parent : commonPrefix(categories);
  return parts.join(' / ');
}
