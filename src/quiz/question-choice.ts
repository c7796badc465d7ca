// Which question to ask next: for a channel (quiz, question of the day) or one user (practice).
import type { Logger } from 'pino';
import type { Deck, Question } from '../content/types.js';
import type { DeckCatalog } from './catalog.js';
import { isPlayable } from './decks.js';
import type { QuizStore } from './store.js';
import { missWeights } from './weak-spots.js';

export async function pickQuestion(
  ctx: { store: Pick<QuizStore, 'questionHistory'>; random: () => number },
  deck: Deck,
  scope: { channelKey: string } | { ownerKey: string },
  /** Among unseen questions, only those with the highest weight (when any weight is above 0). */
  prefer?: Map<string, number>,
): Promise<Question | null> {
  const { store, random } = ctx;
  const playable = deck.questions.filter(isPlayable);
  if (!playable.length) return null;
  const history = await store.questionHistory({ ...scope, deckId: deck.id });
  const times = new Map(history.map((h) => [h.questionId, h]));
  // Least asked first (so nothing repeats until the deck is exhausted), then least recently.
  const minTimes = Math.min(...playable.map((q) => times.get(q.id)?.times ?? 0));
  const fresh = playable.filter((q) => (times.get(q.id)?.times ?? 0) === minTimes);
  if (minTimes > 0) {
    const oldest = Math.min(...fresh.map((q) => times.get(q.id)!.lastAt.getTime()));
    const lastQuestion = history.reduce((a, b) => (a && a.lastAt > b.lastAt ? a : b), history[0]);
    const candidates = fresh.filter((q) => q.id !== lastQuestion?.questionId);
    const pool = candidates.length ? candidates : fresh;
    if (pool.length > 1 && random() < 0.5) return pool[Math.floor(random() * pool.length)]!;
    return pool.find((q) => times.get(q.id)!.lastAt.getTime() === oldest) ?? pool[0]!;
  }
  const top = prefer ? Math.max(...fresh.map((q) => prefer.get(q.id) ?? 0)) : 0;
  const pool = top > 0 ? fresh.filter((q) => (prefer!.get(q.id) ?? 0) === top) : fresh;
  return pool[Math.floor(random() * pool.length)]!;
}

/** The daily rule: prefer questions on the concepts this channel's members most often get wrong. */
export async function dailyPreference(
  ctx: { store: Pick<QuizStore, 'memory'>; decks: DeckCatalog; log?: Logger },
  channelKey: string,
  deck: Deck,
): Promise<Map<string, number> | undefined> {
  const memory = ctx.store.memory;
  if (!memory) return undefined;
  try {
    return missWeights(await memory.questionTallies({ channelKey }), ctx.decks, deck.id);
  } catch (err) {
    ctx.log?.warn({ err, channelKey }, 'weak-spot preference unavailable; picking without it');
    return undefined;
  }
}
