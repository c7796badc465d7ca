// A deck as a user types it in a filter (`leaderboard api-gateway`, `stats apigw`, `schedule decks
// a,b`): its id or its command, case-insensitive; otherwise the closest decks for "did you mean".
import Fuse from 'fuse.js';
import { cutText } from '../graphemes.js';

export interface NamedDeck {
  id: string;
  command: string;
  title: string;
}

export type DeckMatch<D extends NamedDeck> = { deck: D } | { deck: null; suggestions: D[] };

const MAX_SUGGESTIONS = 3;

export function matchDeck<D extends NamedDeck>(decks: readonly D[], ref: string): DeckMatch<D> {
  const r = ref.trim().toLowerCase();
  const exact = decks.find((d) => d.id.toLowerCase() === r) ?? decks.find((d) => d.command.toLowerCase() === r);
  if (exact) return { deck: exact };
  if (!r) return { deck: null, suggestions: [] };
  const fuse = new Fuse(decks as D[], { keys: ['id', 'command', 'title'], threshold: 0.4, ignoreLocation: true });
  return { deck: null, suggestions: fuse.search(r.slice(0, 64), { limit: MAX_SUGGESTIONS }).map((hit) => hit.item) };
}

/** `"x"` as typed, cut short: user text echoed in a reply. */
export const typedRef = (ref: string) => `"${cutText(ref, 40)}"`;

/** "There is no deck "apigatway". Did you mean api-gateway?" and the hint listing the decks. */
export function unknownDeckText(ref: string, suggestions: readonly NamedDeck[], all: readonly NamedDeck[]): { text: string; hint: string } {
  const text = suggestions.length
    ? `There is no deck ${typedRef(ref)}. Did you mean ${suggestions.map((d) => d.id).join(' or ')}?`
    : `There is no deck ${typedRef(ref)}.`;
  return { text, hint: `Decks: ${all.map((d) => d.id).join(', ') || 'none loaded'}.` };
}
