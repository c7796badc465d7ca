// Compiler-style lint output shared by the CLI and the library's logs.
import type { Deck, Finding } from './types.js';
import type { FileReport } from './load.js';

export const formatFinding = (f: Finding): string => `${f.path}:${f.line}: ${f.severity}: ${f.message}`;

export interface Summary {
  decks: number;
  questions: number;
  scored: number;
  flashcards: number;
  concepts: number;
  errors: number;
  warnings: number;
}

export function summarise(decks: Deck[], findings: Finding[]): Summary {
  const questions = decks.flatMap((d) => d.questions);
  return {
    decks: decks.length,
    questions: questions.length,
    scored: questions.filter((q) => q.scored).length,
    flashcards: questions.filter((q) => q.kind === 'flashcard').length,
    concepts: decks.reduce((n, d) => n + d.concepts.length, 0),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const formatSummary = (s: Summary): string =>
  `${plural(s.decks, 'deck')}, ${plural(s.questions, 'question')} (${s.scored} scored, ${plural(s.flashcards, 'flashcard')}), ` +
  `${plural(s.concepts, 'concept')}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;

/** One line per file: the dialect recognised, what it gave, how many findings, whether it is served. */
export function formatFileReport(f: FileReport): string {
  const issues = f.errors || f.warnings ? `; ${plural(f.errors, 'error')}, ${plural(f.warnings, 'warning')}` : '';
  const served = f.served ? '' : '; not served';
  return `${f.path}: ${f.dialect ?? 'not read'}: ${plural(f.questions, 'question')} (${f.scored} scored, ${plural(f.flashcards, 'flashcard')}), ${plural(f.concepts, 'concept')}${issues}${served}`;
}
