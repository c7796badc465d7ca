// Anki deck names (`AWS SAA::Networking`) as a deck's title and its questions' domains, shared by the package
// reader (apkg.ts) and the plain-text export's deck column (anki.ts), so both name a deck's parts alike.
import { tidy } from '../text.js';
import { commonPrefix } from './deck.js';

export const lastPart = (ankiDeck: string): string => tidy(ankiDeck.split('::').at(-1) ?? ankiDeck);

/** Deck names split at `::`: the part they share is the deck's title, the rest of each name a question's domain. */
export function deckNaming(names: string[]): { title: string | undefined; domainOf: (name: string) => string | undefined } {
  const levels = (name: string) => name.split('::').map((p) => p.trim());
  const sharedParts = commonPrefix(names.map(levels));
  const shared = sharedParts.length;
  // The deck new collections start with says nothing about the material.
  const root = names.length ? sharedParts.join('::') : undefined;
  const title = root && root !== 'Default' ? lastPart(root) : undefined;
  return { title, domainOf: (name) => levels(name).slice(shared).join('::') || undefined };
}
