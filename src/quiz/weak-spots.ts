// Weak spots: the concepts someone (or a channel) most often gets wrong, from answers on the
// questions linked to each concept (concept-links.ts).
//   score = (wrong + 1) / (answered + 2)   — the miss rate, smoothed so one miss out of one
//   answer does not outrank four misses out of five. Only concepts with a miss are weak spots.
//   Ties: more misses first, then the concept name.
import type { DeckCatalog } from './catalog.js';
import { conceptLinks } from './concept-links.js';

export interface QuestionTally {
  deckId: string;
  questionId: string;
  answered: number;
  wrong: number;
}

export interface WeakSpot {
  deckId: string;
  slug: string;
  name: string;
  answered: number;
  wrong: number;
  score: number;
}

/** Misses and answers per concept of each deck (key `deck\u0000slug`). */
function perConcept(tallies: QuestionTally[], decks: DeckCatalog): Map<string, { deckId: string; slug: string; answered: number; wrong: number }> {
  const out = new Map<string, { deckId: string; slug: string; answered: number; wrong: number }>();
  for (const t of tallies) {
    const deck = decks.byId(t.deckId);
    if (!deck) continue;
    for (const slug of conceptLinks(deck).get(t.questionId) ?? []) {
      const key = `${t.deckId}\u0000${slug}`;
      const row = out.get(key) ?? { deckId: t.deckId, slug, answered: 0, wrong: 0 };
      row.answered += t.answered;
      row.wrong += t.wrong;
      out.set(key, row);
    }
  }
  return out;
}

export function weakSpots(tallies: QuestionTally[], decks: DeckCatalog, limit = 3): WeakSpot[] {
  return [...perConcept(tallies, decks).values()]
    .filter((c) => c.wrong > 0)
    .map((c) => ({
      ...c,
      name: decks.byId(c.deckId)?.concepts.find((x) => x.slug === c.slug)?.name ?? c.slug,
      score: (c.wrong + 1) / (c.answered + 2),
    }))
    .sort((a, b) => b.score - a.score || b.wrong - a.wrong || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * How strongly the question of the day should prefer a question: the channel's misses on the
 * concepts it mentions, added up (0 for a question linked to no missed concept).
 */
export function missWeights(tallies: QuestionTally[], decks: DeckCatalog, deckId: string): Map<string, number> {
  const deck = decks.byId(deckId);
  const weights = new Map<string, number>();
  if (!deck) return weights;
  const misses = new Map<string, number>();
  for (const c of perConcept(tallies, decks).values()) if (c.deckId === deckId) misses.set(c.slug, c.wrong);
  for (const [questionId, slugs] of conceptLinks(deck)) {
    weights.set(questionId, slugs.reduce((n, s) => n + (misses.get(s) ?? 0), 0));
  }
  return weights;
}
