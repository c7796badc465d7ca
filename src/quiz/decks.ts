// Deck helpers shared by features: which questions can be played, question numbers as typed,
// deck references as typed, and the autocomplete choices for both.
import type { Deck, Question } from '../content/types.js';
import type { Choice } from './api.js';
import type { DeckCatalog } from './catalog.js';
import { stripCodeSpans } from '../content/code-spans.js';
import { cutText } from '../graphemes.js';
import { explanationImagesOf, optionOf, promptImagesOf } from './question-images.js';
import type { QuestionSnapshot } from './store.js';

export const isPlayable = (q: Question): boolean =>
  q.kind === 'choice' &&
  q.scored &&
  q.options.length >= 2 &&
  q.correct.length >= 1 &&
  q.correct.every((id) => q.options.some((o) => o.id === id));

export function snapshotOf(deck: Deck, q: Question): QuestionSnapshot {
  return {
    id: q.id,
    deckId: deck.id,
    deckTitle: deck.title,
    number: q.number,
    prompt: q.prompt,
    ...promptImagesOf(q),
    options: q.options.map(optionOf),
    correct: [...q.correct],
    explanation: q.explanation,
    ...explanationImagesOf(q),
  };
}

/** A question number as typed: `3`, `Q3`, `#3`, `03`. */
export const QUESTION_NUMBER = /^(?:q|#)?(\d{1,4})$/i;

/** "Q07" → "7": the number users type for a question. */
export const questionNumber = (q: { number: string }) => q.number.replace(/\D+/g, '').replace(/^0+(?=\d)/, '');

/**
 * A deck by id, command or title, case-insensitive (the ids the bot lists, e.g. "Bad_Name", are
 * accepted as listed and in any case); `fallback` when no reference was given.
 */
export function resolveDeck(decks: DeckCatalog, ref: string | undefined, fallback: Deck): Deck | null {
  if (!ref) return fallback;
  const r = ref.toLowerCase();
  const all = decks.decks();
  return (
    decks.byId(ref) ??
    all.find((d) => d.id.toLowerCase() === r) ??
    all.find((d) => d.command.toLowerCase() === r) ??
    all.find((d) => d.title.toLowerCase() === r) ??
    null
  );
}

export const deckList = (decks: DeckCatalog) => decks.decks().map((d) => d.id).join(', ');

export const MAX_CHOICES = 25;
export const shortChoice = (s: string) => cutText(s, 100);

export function deckChoices(decks: DeckCatalog, partial: string): Choice[] {
  return decks
    .decks()
    .filter((d) => !partial || d.id.toLowerCase().includes(partial) || d.title.toLowerCase().includes(partial))
    .map((d) => ({ name: shortChoice(d.title), value: d.id }));
}

export function questionChoices(deck: Deck, partial: string): Choice[] {
  return deck.questions
    .filter(isPlayable)
    .map((q) => ({ q, prompt: stripCodeSpans(q.prompt) }))
    .filter(({ q, prompt }) => !partial || q.number.toLowerCase().includes(partial) || prompt.toLowerCase().includes(partial))
    .map(({ q, prompt }) => ({ name: shortChoice(`${q.number}: ${prompt}`), value: questionNumber(q) }));
}
