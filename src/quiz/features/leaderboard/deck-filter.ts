// The deck a board or stats reply is filtered by (`leaderboard api-gateway`, `stats apigw @ada`):
// a deck id or command, case-insensitive; otherwise a private "did you mean".
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import type { DeckCatalog } from '../../catalog.js';
import { matchDeck, unknownDeckText } from '../../deck-match.js';
import { privateNotice } from '../../replies.js';

export type DeckFilter = { deck: Deck } | { deck: null; suggestions: Deck[]; reply: Reply[] };

export function deckFilter(decks: DeckCatalog, ref: string, moreHint = ''): DeckFilter {
  const all = decks.decks();
  const m = matchDeck(all, ref);
  if (m.deck) return { deck: m.deck };
  const { text, hint } = unknownDeckText(ref, m.suggestions, all);
  return { deck: null, suggestions: m.suggestions, reply: privateNotice(text, hint + moreHint) };
}

/** The line under a reply filtered by a deck. */
export const deckFilterNote = (deck: Deck) => `Only ${deck.title} (${deck.id}).`;
