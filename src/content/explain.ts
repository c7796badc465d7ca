// `explain <concept>`: exact name, slug or alias first, then fuzzy search (fuse.js), then the concepts' text.
import Fuse from 'fuse.js';
import type { Concept, Deck, ExplainResult } from './types.js';
import { words } from './aliases.js';
import { stripCodeSpans } from './code-spans.js';
import { editDistance } from '../edit-distance.js';

const MAX_SUGGESTIONS = 5;
/** Fuse scores: 0 is a perfect match. */
const FUSE_THRESHOLD = 0.4;
const FUSE_CONFIDENT = 0.25;
/** Share of characters to edit to reach the nearest name or alias ("stage-varaibles": 1/15). */
const TYPO_CONFIDENT = 0.2;
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
      threshold: FUSE_THRESHOLD,
    });
    cached = { entries, fuse };
    indexCache.set(deck, cached);
  }
  return cached;
}


const typoDistance = (q: string, e: Entry): number =>
  Math.min(...[e.name, ...e.aliases].map((n) => editDistance(q, n) / Math.max(q.length, n.length, 1)));

const clearlyBest = (scores: number[], limit: number): boolean =>
  scores[0] !== undefined && scores[0] <= limit && (scores[1] === undefined || scores[1] - scores[0] >= CLEAR_LEAD);

/** "what is a stage variable?" -> "stage variable" */
const QUESTION_WORDS = /^\s*(?:what(?:'s|\s+is|\s+are)|define|explain|describe|tell\s+me\s+about|meaning\s+of)\s+(?:(?:an?|the)\s+)?/i;

export function explain(deck: Deck, query?: string): ExplainResult {
  const q = words((query ?? '').replace(QUESTION_WORDS, ''));
  if (!q) return { kind: 'list', concepts: deck.concepts, deck };
  const { entries, fuse } = indexOf(deck);

  const slug = (query ?? '').trim().toLowerCase();
  const exact =
    entries.find((e) => e.name === q) ?? entries.find((e) => e.aliases.includes(q)) ?? entries.find((e) => e.concept.slug === slug);
  if (exact) return { kind: 'found', concept: exact.concept, deck };

  // fuse.js finds the candidates; a typo ("integation") is then ranked by how few edits reach a name.
  const hits = fuse
    .search(q, { limit: MAX_SUGGESTIONS * 2 })
    .filter((h) => (h.score ?? 1) <= FUSE_THRESHOLD)
    .map((h) => ({ entry: h.item, fuse: h.score ?? 1, typo: typoDistance(q, h.item) }))
    .sort((a, b) => a.typo - b.typo || a.fuse - b.fuse);
  const byFuse = [...hits].sort((a, b) => a.fuse - b.fuse);
  if (clearlyBest(hits.map((h) => h.typo), TYPO_CONFIDENT) && hits[0]) return { kind: 'found', concept: hits[0].entry.concept, deck };
  if (clearlyBest(byFuse.map((h) => h.fuse), FUSE_CONFIDENT) && byFuse[0]) return { kind: 'found', concept: byFuse[0].entry.concept, deck };
  if (hits.length) return { kind: 'suggestions', query: query ?? '', matches: hits.slice(0, MAX_SUGGESTIONS).map((h) => h.entry.concept), deck };

  // Last resort: concepts whose text mentions the query. A deck with a single concept (its About text) answers with it.
  const inText = deck.concepts.filter((c) => words(stripCodeSpans(c.text)).includes(q));
  if (inText.length === 1 && inText[0] && deck.concepts.length === 1) return { kind: 'found', concept: inText[0], deck };
  return { kind: 'suggestions', query: query ?? '', matches: inText.slice(0, MAX_SUGGESTIONS), deck };
}
