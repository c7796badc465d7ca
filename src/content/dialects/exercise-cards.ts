// Lab exercises: `# Exercise 2 - Expose services` over the numbered steps to do and a `<details><summary>Answer</summary>`
// holding the commands. The steps are the task, not options to pick from: nothing names one, and the collapsible
// holds an explanation of its own. Read as a card: the title and the steps, then the collapsible's text.
import type { QuestionOption } from '../types.js';

/** `Exercise 2`, `Übung 3`, `Ejercicio 1`: a heading that sets a task (blocks.ts reads its number). */
const EXERCISE_HEADING = /^[^\p{L}\p{N}]*(?:exercise|exercice|ejercicio|exerc[íi]cio|esercizio|übung|aufgabe)\b/iu;

export interface ExerciseInput {
  heading: string;
  title: string;
  options: QuestionOption[];
  labels: 'letters' | 'numbers' | 'implicit' | undefined;
  inDetails: boolean;
  answered: boolean;
  explained: string;
}

/** The card of an exercise heading over numbered steps and an unanswering `<details>`, or undefined. */
export function exerciseCard(x: ExerciseInput): { prompt: string; answer: string } | undefined {
  if (!EXERCISE_HEADING.test(x.heading) || x.labels !== 'numbers' || !x.inDetails || x.answered) return undefined;
  // A bare label or a few words are an answer someone forgot to mark, not the exercise's solution.
  if (!x.explained.includes('```') && x.explained.length < 40) return undefined;
  const steps = x.options.map((o) => `${o.id}. ${o.text}`).join('\n');
  return { prompt: [x.title, steps].filter(Boolean).join('\n\n'), answer: x.explained };
}
