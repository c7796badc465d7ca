// `explain <concept>`: exact name, slug or alias first, then fuzzy search (fuse.js), then the concepts' text.
import Fuse from 'fuse.js';
import type { Concept, Deck, ExplainResult } from './types.js';
import { words } from './aliases.js';

const MAX_SUGGESTIONS = 5;
/** Fuse scores: 0 is a perfect match. A typo like "stage-varaibles" scores well under this. */
const CONFIDENT = 0.25;
const CLEAR_LEAD = 0.1;

interface Entry {
  concept: Concept;
  name: string;
  aliases: string[];
}

const indexCache = new WeakMap<Deck, { entries: Entry[]; fuse: Fuse<Entry> }>();

function indexOf(deck: Deck) {
  let cached = indexCache.get(deck);
  if (!cached) {
    const entries = deck.concepts.map((concept) => ({
      concept,
      name: words(concept.name),
      aliases: concept.aliases.map(words),
    }));
    const fuse = new Fuse(entries, {
      keys: [
        { name: 'name', weight: 2 },
        { name: 'aliases', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.45,
    });
    cached = { entries, fuse };
    indexCache.set(deck, cached);
  }
  return cached;
}

/** "what is a stage variable?" -> "stage variable" */
const QUESTION_WORDS = /^\s*(?:what(?:'s|\s+is|\s+are)|define|explain|describe|tell\s+me\s+about|meaning\s+of)\s+(?:(?:an?|the)\s+)?/i;

export function explain(deck: Deck, query?: string): ExplainResult {
  const q = words((query ?? '').replace(QUESTION_WORDS, ''));
  if (!q) return { kind: 'list', concepts: deck.concepts, deck };
  const { entries, fuse } = indexOf(deck);

  const exact = entries.find((e) => e.name === q) ?? entries.find((e) => e.aliases.includes(q));
  if (exact) return { kind: 'found', concept: exact.concept, deck };

  const hits = fuse.search(q, { limit: MAX_SUGGESTIONS });
  const [best, second] = hits;
  if (best && (best.score ?? 1) <= CONFIDENT && (!second || (second.score ?? 1) - (best.score ?? 1) >= CLEAR_LEAD)) {
    return { kind: 'found', concept: best.item.concept, deck };
  }
  if (hits.length) return { kind: 'suggestions', query: query ?? '', matches: hits.map((h) => h.item.concept), deck };

  // Last resort: the query appears in a concept's text (e.g. a deck that only has an About paragraph).
  const inText = deck.concepts.filter((c) => words(c.text).includes(q));
  if (inText.length === 1 && inText[0]) return { kind: 'found', concept: inText[0], deck };
  return { kind: 'suggestions', query: query ?? '', matches: inText.slice(0, MAX_SUGGESTIONS), deck };
}
