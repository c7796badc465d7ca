// Which concepts a question mentions: a term match of the concept's name, slug and aliases
// (whole words, case-insensitive, an optional plural "s") over the question's prompt, options
// and explanation. Concepts that name the deck itself (every question mentions "API Gateway")
// and concepts mentioned by more than half of a deck's questions say nothing about a weak spot,
// so they are left out.
import { stripCodeSpans } from '../content/code-spans.js';
import type { Concept, Deck, Question } from '../content/types.js';

const normalize = (s: string) => ` ${s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
/** Links in explanations ("…/developerguide/…") are not mentions. */
const withoutUrls = (s: string) => s.replace(/\b(?:https?|ftp):\/\/\S+/gi, ' ');

function termsOf(concept: Concept): string[] {
  const raw = [concept.name, concept.slug.replace(/-/g, ' '), ...concept.aliases];
  // Very short terms ("aag") only match as written in full words; single letters never.
  return [...new Set(raw.map((t) => normalize(t).trim()).filter((t) => t.length >= 3))];
}

function mentions(text: string, term: string): boolean {
  return text.includes(` ${term} `) || text.includes(` ${term}s `) || text.includes(` ${term}es `);
}

const questionText = (q: Question) =>
  normalize(withoutUrls([q.prompt, ...q.options.map((o) => o.text), q.explanation, q.answerText ?? ''].map(stripCodeSpans).join(' ')));

const cache = new WeakMap<Deck, Map<string, string[]>>();

/** Question id → slugs of the concepts it mentions (deck order). Cached per deck object. */
export function conceptLinks(deck: Deck): Map<string, string[]> {
  const cached = cache.get(deck);
  if (cached) return cached;
  const title = normalize(deck.title).trim();
  const concepts = deck.concepts
    .map((c) => ({ slug: c.slug, terms: termsOf(c) }))
    .filter((c) => c.terms.length && !c.terms.some((t) => t === title || t.endsWith(` ${title}`)));
  const texts = deck.questions.map((q) => ({ id: q.id, text: questionText(q) }));
  const links = new Map<string, string[]>(texts.map((q) => [q.id, []]));
  const generic = deck.questions.length >= 4 ? deck.questions.length / 2 : Infinity;
  for (const c of concepts) {
    const hits = texts.filter((q) => c.terms.some((t) => mentions(q.text, t)));
    if (hits.length > generic) continue;
    for (const q of hits) links.get(q.id)!.push(c.slug);
  }
  cache.set(deck, links);
  return links;
}
