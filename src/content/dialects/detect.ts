// The layout a file is written in, named for content:check, and the one error for a file in none.

export type AnswerSource = 'mark' | 'line' | 'checked' | 'none';

export interface Traits {
  origin: 'heading' | 'list-item';
  kind: 'choice' | 'flashcard';
  tasks: boolean;
  answer: AnswerSource;
  grouped: boolean;
}

export const DIALECTS = {
  seed: 'seed note',
  grouped: 'grouped questions',
  taskList: 'task-list bank',
  orderedList: 'ordered-list questions',
  answerLines: 'answer lines',
  flashcards: 'flashcards',
} as const;

const most = (xs: Traits[], test: (t: Traits) => boolean): boolean => xs.filter(test).length * 2 > xs.length;

export function nameDialect(questions: Traits[], groups: number): string | undefined {
  if (!questions.length) return undefined;
  const choices = questions.filter((t) => t.kind === 'choice');
  if (!choices.length) return DIALECTS.flashcards;
  if (most(questions, (t) => t.origin === 'list-item')) return DIALECTS.orderedList;
  if (most(choices, (t) => t.tasks) && most(choices, (t) => t.answer === 'checked' || t.answer === 'none')) return DIALECTS.taskList;
  if (groups > 0 && questions.some((t) => t.grouped)) return DIALECTS.grouped;
  if (most(choices, (t) => t.answer === 'line')) return DIALECTS.answerLines;
  return DIALECTS.seed;
}

export const NO_DIALECT_MESSAGE =
  'no questions found in any layout studybot reads: a "## Questions" section with "### Q1" headings (seed note), ' +
  '"## Q1 - Q10" / "## Part 2" groups, "### <question>" headings over "- [ ]" / "- [x]" options (task-list bank), ' +
  'an ordered list "1. Which …?" with nested "- A. …" options, options followed by an "Answer: B" line, or flashcards ' +
  '(a prompt and an answer); see docs/content.md for an example of each';
