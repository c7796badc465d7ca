// One Moodle XML `<question type="…">` -> a question, mapped as the GIFT reader maps the same question in
// Moodle's GIFT export (gift.ts): multiple choice with options A, B, C… in the written order, true/false, short
// answers and numbers as flashcards, per-answer feedback as `A) …` lines and the general feedback after them.
import type { Question, QuestionOption } from '../types.js';
import { tidy } from '../text.js';
import { letterLabel } from './deck.js';
import type { XmlNode } from './moodle-xml-reader.js';
import { childOf, childrenOf, fieldText, rawText, type FieldText } from './moodle-xml-text.js';

export type Parsed = Omit<Question, 'id' | 'deckId' | 'number' | 'source'> & { hashPrompt: string; hashOptions: QuestionOption[] };
export type Reporter = (line: number, message: string, code: string, severity?: 'error' | 'warning') => void;

/** Types Moodle exports that are not served, by what they are called in Moodle. */
const NOT_SERVED: Record<string, string> = {
  matching: 'a matching question',
  randomsamatch: 'a random short-answer matching question',
  cloze: 'an embedded-answers (cloze) question',
  multianswer: 'an embedded-answers (cloze) question',
  ddwtos: 'a drag-and-drop-into-text question',
  gapselect: 'a select-missing-words question',
  ddimageortext: 'a drag-and-drop-onto-image question',
  ddmarker: 'a drag-and-drop-markers question',
  calculated: 'a calculated question',
  calculatedsimple: 'a simple calculated question',
  calculatedmulti: 'a calculated multichoice question',
  ordering: 'an ordering question',
  random: 'a random question (a placeholder drawn from a category)',
};

interface Answer extends FieldText {
  fraction: number;
  feedback: string;
}

const isTrue = (value: string): boolean => !/^(?:false|0|no)$/i.test(value.trim());

export function questionOf(node: XmlNode, type: string, domain: string | undefined, images: string[], report: Reporter): Parsed | null {
  const skip = (reason: string, code = 'answer-invalid', severity: 'error' | 'warning' = 'error'): null => {
    report(node.line, `question skipped: ${reason}`, code, severity);
    return null;
  };
  const known = NOT_SERVED[type];
  if (known) return skip(`${known} ("${type}") is not served`, type === 'matching' ? 'matching' : 'question-type', 'warning');
  const text = fieldText(childOf(node, 'questiontext'), images);
  if (!text.shown) return skip('no question text (<questiontext>)', 'no-prompt');
  const general = fieldText(childOf(node, 'generalfeedback'), images).shown;
  // Hints Moodle shows between tries (interactive mode) are study material too: after the explanation.
  const hints = childrenOf(node, 'hint').map((h) => tidy(fieldText(h, images).shown)).filter(Boolean).map((h) => `Hint: ${h}`);
  const explanation = (notes: string[]) => [...notes, general, ...hints].map((n) => tidy(n)).filter(Boolean).join('\n');
  const answers: Answer[] = childrenOf(node, 'answer').map((a) => ({
    ...fieldText(a, images, { fallback: 'auto', inline: true }),
    fraction: Number(a.attrs.fraction ?? 0) || 0,
    feedback: fieldText(childOf(a, 'feedback'), images).shown,
  }));
  const base = { prompt: text.shown, hashPrompt: tidy(text.hashed), explanation: '', scored: false, correct: [] as string[], options: [] as QuestionOption[], ...(domain ? { domain } : {}) };
  const flashcard = (answerText: string, notes: string[]): Parsed => ({ ...base, kind: 'flashcard', answerText, hashOptions: [], explanation: explanation(notes) });

  switch (type) {
    // `multichoiceset` (the All-or-Nothing plugin): several right answers, each with fraction 100.
    case 'multichoiceset':
    case 'multichoice': {
      if (!answers.length) return skip('no <answer> elements', 'no-answer');
      if (answers.some((a) => !tidy(a.shown))) return skip('an <answer> has no text');
      const single = type === 'multichoice' && isTrue(rawText(childOf(node, 'single')) || 'true');
      // One right answer: the full-mark one (Moodle gives others part marks); several: every positive fraction.
      const best = answers.reduce((max, a) => Math.max(max, a.fraction), -Infinity);
      const right = (a: Answer) => (single ? a.fraction > 0 && a.fraction === best : a.fraction > 0);
      const correct = answers.flatMap((a, i) => (right(a) ? [letterLabel(i)] : []));
      if (!correct.length) return skip('no right answer (no <answer> with a positive fraction)', 'no-answer');
      const options = answers.map((a, i) => ({ id: letterLabel(i), text: a.shown }));
      const hashOptions = answers.map((a, i) => ({ id: letterLabel(i), text: tidy(a.hashed) }));
      const notes = answers.flatMap((a, i) => (a.feedback ? [`${letterLabel(i)}) ${tidy(a.feedback)}`] : []));
      return { ...base, kind: 'choice', options, hashOptions, correct, scored: true, explanation: explanation(notes) };
    }
    case 'truefalse': {
      const right = answers.find((a) => a.fraction > 0);
      const word = right ? tidy(right.hashed).toLowerCase() : '';
      if (word !== 'true' && word !== 'false') return skip('no right answer: one <answer> must be "true" or "false" with fraction 100', 'no-answer');
      const options = [{ id: 'A', text: 'True' }, { id: 'B', text: 'False' }];
      // Feedback for each answer ("Your answer is correct." / "… incorrect."): with both, each is labelled with its option.
      const labelled = answers.filter((a) => a.feedback).length > 1;
      const label = (a: Answer) => (tidy(a.hashed).toLowerCase() === 'true' ? 'A' : 'B');
      const notes = labelled ? answers.flatMap((a) => (a.feedback ? [`${label(a)}) ${tidy(a.feedback)}`] : [])).sort() : answers.map((a) => a.feedback);
      return { ...base, kind: 'choice', options, hashOptions: options, correct: [word === 'true' ? 'A' : 'B'], scored: true, explanation: explanation(notes) };
    }
    case 'shortanswer': {
      // The full-mark answers; part-mark ones noted; the "*" catch-all (marks for anything) left out.
      const usable = answers.filter((a) => a.fraction > 0 && tidy(a.shown) && tidy(a.shown) !== '*');
      const best = Math.max(...usable.map((a) => a.fraction));
      const accepted = usable.filter((a) => a.fraction === best);
      if (!accepted.length) return skip('no accepted answer (no <answer> with a positive fraction)', 'no-answer');
      const partial = usable.filter((a) => a.fraction < best).map((a) => `${tidy(a.shown)} (${Math.round(a.fraction * 100) / 100}% credit)${a.feedback ? `: ${tidy(a.feedback)}` : ''}`);
      return flashcard(accepted.map((a) => tidy(a.shown)).join(' / '), [...accepted.map((a) => a.feedback), ...partial]);
    }
    case 'numerical': {
      const nodes = childrenOf(node, 'answer');
      const best = answers.reduce((max, a) => Math.max(max, a.fraction), -Infinity);
      const at = answers.findIndex((a) => a.fraction > 0 && a.fraction === best && tidy(a.hashed) !== '*');
      if (at < 0) return skip('no right number (no <answer> with a positive fraction)', 'no-answer');
      const tolerance = Number(rawText(childOf(nodes[at], 'tolerance')).trim()) || 0;
      const unit = childrenOf(childOf(node, 'units'), 'unit').find((u) => Number(rawText(childOf(u, 'multiplier')).trim() || 1) === 1);
      const unitName = tidy(rawText(childOf(unit, 'unit_name')));
      const answer = `${tidy(answers[at]!.hashed)}${unitName ? ` ${unitName}` : ''}${tolerance ? ` (± ${Math.abs(tolerance)})` : ''}`;
      return flashcard(answer, [answers[at]!.feedback]);
    }
    case 'essay': {
      // What the grader is told to look for is the nearest thing to an answer; without it there is nothing to check.
      const info = fieldText(childOf(node, 'graderinfo'), images).shown;
      if (!info) return skip('an essay question without grader information has no answer to check', 'essay', 'warning');
      return flashcard(info, []);
    }
    default:
      return skip(`questions of type "${type}" are not served`, 'question-type', 'warning');
  }
}
