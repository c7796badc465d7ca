// The question types of Quizizz's (Wayground's) spreadsheet, in its `Question Type` column, and what each becomes:
// Multiple Choice and Checkbox are choice questions, Fill-in-the-Blank and an answered Open-Ended question are
// flashcards, a Poll or a Draw question (no correct answer) is reported. Other values leave the row as any other row.
import { tidy } from '../text.js';

export type QuizType =
  | { kind: 'one'; name: string }
  | { kind: 'several'; name: string }
  /** The options are the accepted answers (Fill-in-the-Blank): a flashcard. */
  | { kind: 'typed'; name: string }
  /** An answer, if any, is a model answer: a flashcard, or reported when there is none. */
  | { kind: 'open'; name: string }
  /** No correct answer to study against. */
  | { kind: 'unscored'; name: string };

const TYPES: Record<string, QuizType['kind']> = {
  multiplechoice: 'one',
  singlechoice: 'one',
  mcq: 'one',
  checkbox: 'several',
  checkboxes: 'several',
  multipleselect: 'several',
  // Udemy's practice test upload template: `multiple-choice` or `multi-select`.
  multiselect: 'several',
  multipleanswer: 'several',
  multipleanswers: 'several',
  fillintheblank: 'typed',
  fillintheblanks: 'typed',
  fillinblank: 'typed',
  shortanswer: 'typed',
  typeanswer: 'typed',
  openended: 'open',
  openendedquestion: 'open',
  poll: 'unscored',
  draw: 'unscored',
  survey: 'unscored',
  audioresponse: 'unscored',
  videoresponse: 'unscored',
};

/** The type a `Question Type` cell names, as written ("Fill-in-the-Blank"); undefined for an empty or unknown one. */
export function quizTypeOf(cell: string): QuizType | undefined {
  const name = tidy(cell);
  const k = name.toLowerCase().replace(/[^a-z]/g, '');
  const kind = Object.hasOwn(TYPES, k) ? TYPES[k] : undefined;
  return kind ? { kind, name } : undefined;
}

/**
 * The answer a flashcard of this type shows: the answer cell, else the option cells (the accepted answers of a
 * Fill-in-the-Blank question, "Paris / paris"), or undefined when there is none.
 */
export function cardAnswer(answer: string, optionTexts: string[]): string | undefined {
  if (tidy(answer)) return answer;
  const accepted = [...new Set(optionTexts.map((t) => t.trim()).filter(Boolean))];
  return accepted.length ? accepted.join(' / ') : undefined;
}
