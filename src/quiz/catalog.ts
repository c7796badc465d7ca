// What the core needs from the deck engine: a catalog of parsed decks (src/content's
// DeckLibrary satisfies it) and the concept lookup behind `explain`.
import type { Deck, ExplainResult } from '../content/types.js';

export interface DeckCatalog {
  decks(): Deck[];
  /** The deck whose chat command this is (`apigw`). */
  byCommand(command: string): Deck | undefined;
  byId(id: string): Deck | undefined;
}

export type ExplainFn = (deck: Deck, query?: string) => ExplainResult;

/** A catalog over a fixed list of decks (tests, the console preview). */
export function staticCatalog(decks: Deck[]): DeckCatalog {
  return {
    decks: () => decks,
    byCommand: (command) => decks.find((d) => d.command === command.toLowerCase()),
    byId: (id) => decks.find((d) => d.id === id),
  };
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A plain lookup (slug, name or alias; else the concepts containing the words), used only when
 * no explain function is injected. src/content's explain() is the real one (fuzzy matching).
 */
export const basicExplain: ExplainFn = (deck, query) => {
  if (!query?.trim()) return { kind: 'list', concepts: deck.concepts, deck };
  const wanted = norm(query);
  const found = deck.concepts.find(
    (c) => c.slug === wanted || norm(c.name) === wanted || c.aliases.some((a) => norm(a) === wanted),
  );
  if (found) return { kind: 'found', concept: found, deck };
  const words = wanted.split('-').filter(Boolean);
  const matches = deck.concepts.filter((c) => words.some((w) => c.slug.includes(w))).slice(0, 5);
  return { kind: 'suggestions', query, matches, deck };
};
