// How a sheet with numbered option columns (`Option 1`…) writes its answers. Kahoot's, Quizizz's and Blooket's
// templates write option numbers, so an answer `2` is option 2 there even where an option's text is `2` (rows.ts).
// A sheet one of whose rows can only mean options by their text (`2;3;5` of four options `2`, `3`, `4`, `5`)
// writes texts: its other integer answers are read as texts first too, with the ambiguity warned at each row.
import type { QuestionOption } from '../types.js';
import { tidy } from '../text.js';
import type { CsvColumns } from './columns.js';
import { namesOptionTextsOnly } from './deck.js';

export function answersAsTexts(rows: { cells: string[] }[], columns: CsvColumns): boolean {
  if (columns.answer === undefined) return false;
  return rows.some(({ cells }) => {
    const options: QuestionOption[] = columns.options
      .map((o) => ({ id: o.label, text: tidy(cells[o.index] ?? '') }))
      .filter((o) => o.text);
    const answer = [columns.answer, ...(columns.moreAnswers ?? [])].map((i) => (i === undefined ? '' : (cells[i] ?? ''))).filter((c) => c.trim()).join(', ');
    return options.length > 1 && namesOptionTextsOnly(answer, options);
  });
}
