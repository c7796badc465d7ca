// Which question to ask next: for a channel (quiz, question of the day) or one user (practice).
// Channel rounds take playable (scored choice) questions only; private study (practice, review)
// also takes flashcards, which are served as cards and never scored.
import type { Logger } from 'pino';
import type { Deck, Question } from '../content/types.js';
import type { DeckCatalog } from './catalog.js';
import type { UserRef } from './ids.js';
import { isPlayable } from './decks.js';
import type { QuizStore } from './store.js';
import { missWeights } from './weak-spots.js';

/** A flashcard that can be served: a prompt and an answer to reveal. */
export const isCard = (q: Question): boolean => q.kind === 'flashcard' && q.prompt.trim() !== '' && (q.answerText ?? '').trim() !== '';

/** What private study serves: playable questions and flashcards. */
export const isStudyable = (q: Question): boolean => isPlayable(q) || isCard(q);

/** The ids of the deck's questions private study serves (review counts and serves only their cards). */
export const studyableIds = (deck: Deck): string[] => deck.questions.filter(isStudyable).map((q) => q.id);

/**
 * This deck's questions open right now in a channel round (question of the day, quiz) anywhere in
 * the user's workspace, each with when the last such round closes. Private study holds them back
 * until then: practice or review would show the answer of a question the user can still score with.
 */
export async function heldBack(
  ctx: { store: Pick<QuizStore, 'openChannelQuestions'> },
  user: Pick<UserRef, 'platform' | 'workspace'>,
  deckId: string,
  now: Date,
): Promise<Map<string, Date>> {
  const held = new Map<string, Date>();
  for (const r of await ctx.store.openChannelQuestions(user.platform, user.workspace, deckId)) {
    if (r.closesAt <= now) continue; // past its close time: no answer counts any more
    const until = held.get(r.questionId);
    if (!until || r.closesAt > until) held.set(r.questionId, r.closesAt);
  }
  return held;
}

/** When the last of these held questions is free again. */
export const heldUntil = (held: ReadonlyMap<string, Date>): Date => new Date(Math.max(...[...held.values()].map((d) => d.getTime())));

/** Why a channel round cannot use this deck: it has flashcards only, or nothing playable at all. */
export function noPlayableText(deck: Deck): { text: string; detail?: string } {
  if (deck.questions.some(isCard)) {
    return {
      text: `${deck.title} has flashcards only: they are for private study, not for channel quizzes or the question of the day.`,
      detail: `Study them with /${deck.command} practice or /${deck.command} review.`,
    };
  }
  return { text: `${deck.title} has no playable question yet.` };
}

/** The focus questions among `pool`, with probability `share` and when there is a real choice. */
function focused(pool: Question[], focus: { ids: ReadonlySet<string>; share: number } | undefined, random: () => number): Question[] {
  if (!focus) return pool;
  const inFocus = pool.filter((q) => focus.ids.has(q.id));
  if (!inFocus.length || inFocus.length === pool.length) return pool;
  return random() < focus.share ? inFocus : pool;
}

export async function pickQuestion(
  ctx: { store: Pick<QuizStore, 'questionHistory'>; random: () => number },
  deck: Deck,
  scope: { channelKey: string } | { ownerKey: string },
  /** Among unseen questions, only those with the highest weight (when any weight is above 0). */
  prefer?: Map<string, number>,
  /**
   * `cards: true` (private study only) also picks flashcards. `focus`: with probability `share`,
   * only these questions among the ones the no-repeat rule allows (when any of them is).
   * `except`: never these (see heldBack).
   */
  opts: { cards?: boolean; focus?: { ids: ReadonlySet<string>; share: number }; except?: { has(id: string): boolean } } = {},
): Promise<Question | null> {
  const { store, random } = ctx;
  const playable = deck.questions.filter((q) => (opts.cards ? isStudyable(q) : isPlayable(q)) && !opts.except?.has(q.id));
  if (!playable.length) return null;
  const history = await store.questionHistory({ ...scope, deckId: deck.id });
  const times = new Map(history.map((h) => [h.questionId, h]));
  // Least asked first (so nothing repeats until the deck is exhausted), then least recently.
  const minTimes = Math.min(...playable.map((q) => times.get(q.id)?.times ?? 0));
  const fresh = focused(
    playable.filter((q) => (times.get(q.id)?.times ?? 0) === minTimes),
    opts.focus,
    random,
  );
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

/** A flashcard this user was never served (deck order), and how many such cards are left. */
export async function pickNewCard(
  ctx: { store: Pick<QuizStore, 'questionHistory'> },
  deck: Deck,
  ownerKey: string,
): Promise<{ card: Question; left: number } | null> {
  const cards = deck.questions.filter(isCard);
  if (!cards.length) return null;
  const seen = new Set((await ctx.store.questionHistory({ ownerKey, deckId: deck.id })).map((h) => h.questionId));
  const unseen = cards.filter((q) => !seen.has(q.id));
  return unseen.length ? { card: unseen[0]!, left: unseen.length } : null;
}
