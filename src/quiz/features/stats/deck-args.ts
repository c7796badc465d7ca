// `stats [deck] [@user | user id | name]`: which words are the deck and which the user. The first
// word is a deck when it names one (id or command, case-insensitive); otherwise the whole text is the
// user as before, and a first word close to a deck gets "did you mean" when no such user is found.
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import type { DeckCatalog } from '../../catalog.js';
import type { InvalidCommand } from '../../feature.js';
import { deckFilter, type DeckFilter } from '../leaderboard/deck-filter.js';
import { parseUserMention } from '../../mention.js';

/** `target` a platform user id (mention or id), `name` a display name. */
export type StatsUser = { target?: string; name?: string };
/** `deckFirst`: the reading with the first word a deck (checked in run, which has the decks). */
export type StatsCommand = { type: 'stats'; deckFirst?: StatsUser & { deck: string } } & StatsUser;

/** Leaderboard periods people try on stats (`stats month`): stats has none. */
const PERIOD_WORDS = new Set(['week', 'weekly', 'month', 'monthly', 'all', 'all-time', 'alltime', 'today', 'year']);

/** A name in quotes, as people type one with a space (`"Jane Doe"`, curly quotes too): the quotes are not part of it. */
const unquoted = (name: string) => name.replace(/^["“”'‘’]([^"“”'‘’]+)["“”'‘’]$/, '$1').trim();

function parseUser(rest: string, tokens: string[]): StatsUser | null {
  if (!rest) return {};
  const target = tokens.length === 1 ? parseUserMention(tokens[0]!) : null;
  if (target) return { target };
  const name = unquoted(rest.replace(/^@/, '').trim());
  return !name || name.length > 80 || /[<>]/.test(name) ? null : { name };
}

/** A word that can name a deck (ids and commands are slugs); mentions and `@names` cannot. */
const DECK_WORD = /^[A-Za-z0-9][\w.-]{0,63}$/;

export function parseStatsArgs(rest: string, tokens: string[], usage: string): StatsCommand | InvalidCommand {
  const last = tokens.at(-1)?.toLowerCase();
  if (last && tokens.length <= 2 && PERIOD_WORDS.has(last)) {
    return {
      type: 'invalid',
      message: `stats has no period: it counts all time. For points this week or month, try leaderboard week or leaderboard month (a user's name in quotes if it really is "${tokens.at(-1)}").`,
      usage,
    };
  }
  const user = parseUser(rest, tokens);
  const afterFirst = DECK_WORD.test(tokens[0] ?? '') ? parseUser(tokens.slice(1).join(' '), tokens.slice(1)) : null;
  if (!user && !afterFirst) {
    return { type: 'invalid', message: 'stats takes one user: mention them, or give their user id or display name.', usage };
  }
  return { type: 'stats', ...user, ...(afterFirst ? { deckFirst: { deck: tokens[0]!, ...afterFirst } } : {}) };
}

export type StatsSelection =
  | (StatsUser & { deck: Deck | null; unknownDeck: Reply[] | null })
  | { reply: Reply[] };

/** The user words and the deck filter; `unknownDeck` is the "did you mean" to give if no user is found. */
export function selectStats(decks: DeckCatalog, parsed: StatsCommand): StatsSelection {
  const filter: DeckFilter | null = parsed.deckFirst ? deckFilter(decks, parsed.deckFirst.deck) : null;
  if (filter?.deck) return { target: parsed.deckFirst!.target, name: parsed.deckFirst!.name, deck: filter.deck, unknownDeck: null };
  // Without a user reading of the whole text, the first word can only have been a deck.
  if (filter && !parsed.target && !parsed.name) return { reply: filter.reply };
  const unknownDeck = filter && filter.suggestions.length ? filter.reply : null;
  return { target: parsed.target, name: parsed.name, deck: null, unknownDeck };
}
