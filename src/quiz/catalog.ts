// What the core needs from the deck engine: a catalog of parsed decks (src/content's
// DeckLibrary satisfies it) and the concept lookup behind `explain` (src/content's explain).
import type { Deck, ExplainResult } from '../content/types.js';

export interface DeckCatalog {
  decks(): Deck[];
  /** The deck whose chat command this is (`apigw`). */
  byCommand(command: string): Deck | undefined;
  byId(id: string): Deck | undefined;
  /** Why the deck behind this command is not served (its file failed to load), if that is the case. */
  failureFor?(command: string): { deckId: string; command: string; path: string; reason: string } | undefined;
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
