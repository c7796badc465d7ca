// The two flashcard clicks: "Show answer" reveals the answer in place with the four ratings; a
// rating is the card's FSRS review (src/quiz/memory.ts), then the next card or question follows.
import type { ActionInvocation, Reply } from '../../api.js';
import type { CardMode } from '../../action-ids.js';
import { clickedRound } from '../../clicked-round.js';
import type { FeatureContext } from '../../feature.js';
import { userKey } from '../../ids.js';
import { review, type MemoryCardRecord, type RatingName } from '../../memory.js';
import { privateNotice, reply } from '../../replies.js';
import type { RoundRecord } from '../../store.js';
import { formatTime } from '../../time.js';
import { startPractice } from '../practice/start.js';
import { serveReview } from '../review/serve.js';
import { isCardRound } from './serve.js';
import { ratedCardView, revealedCardView } from './view.js';

/** The clicked card round, or the refusal: gone, another channel's or user's, not a card, closed. */
async function openCard(ctx: FeatureContext, inv: ActionInvocation, roundId: string): Promise<RoundRecord | Reply[]> {
  const round = await clickedRound(ctx.store, inv, roundId);
  if (Array.isArray(round)) return round;
  if (!isCardRound(round)) return privateNotice('That button does not belong to a flashcard. Nothing was recorded.');
  return round;
}

async function closedNotice(ctx: FeatureContext, inv: ActionInvocation, round: RoundRecord): Promise<Reply[]> {
  const command = ctx.decks.byId(round.deckId)?.command;
  const again = command ? `Start another with /${command} practice or /${command} review.` : undefined;
  const rated = await ctx.store.memory?.getCard(userKey(inv.user), round.deckId, round.questionId).catch(() => null);
  if (rated?.lastRoundId === round.id) return privateNotice(`You already rated this card ${rated.lastRating[0]!.toUpperCase()}${rated.lastRating.slice(1)}; that rating stands.`, again);
  const info = await ctx.store.ensureChannel(inv.channel);
  const closedAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
  return privateNotice(`This card closed at ${formatTime(closedAt, info.timezone, ctx.clock.now())}; nothing was recorded.`, again);
}

const isClosed = (round: RoundRecord, now: Date) => round.closedAt !== null || round.closesAt.getTime() <= now.getTime();

export async function revealCard(ctx: FeatureContext, inv: ActionInvocation, roundId: string, mode: CardMode): Promise<Reply[]> {
  const round = await openCard(ctx, inv, roundId);
  if (Array.isArray(round)) return round;
  const fresh = (await ctx.store.getRound(round.id, { fresh: true })) ?? round;
  if (isClosed(fresh, ctx.clock.now())) return closedNotice(ctx, inv, fresh);
  return [reply(revealedCardView(round, mode), { replaceSource: true })];
}

/** One FSRS review of the card at `at`, rated by the user (a new card when none exists yet). */
export function cardReview(existing: MemoryCardRecord | null, key: { userKey: string; deckId: string; questionId: string }, roundId: string, at: Date, rating: RatingName): MemoryCardRecord {
  const before = existing?.card ?? null;
  const card = review(before, at, rating);
  return { ...key, card, before, lastRoundId: roundId, lastReviewAt: at, lastRating: rating, reviewRoundId: null, due: new Date(card.due) };
}

export async function rateCard(ctx: FeatureContext, inv: ActionInvocation, roundId: string, mode: CardMode, rating: RatingName): Promise<Reply[]> {
  const { store, clock } = ctx;
  const round = await openCard(ctx, inv, roundId);
  if (Array.isArray(round)) return round;
  const now = clock.now();
  const me = userKey(inv.user);
  const key = { userKey: me, deckId: round.deckId, questionId: round.questionId };
  const memory = store.memory;
  const existing = memory ? await memory.getCard(me, round.deckId, round.questionId) : null;
  const fresh = (await store.getRound(round.id, { fresh: true })) ?? round;
  // Already rated (a second click, a retry) or expired: nothing is reviewed twice.
  if (existing?.lastRoundId === round.id || isClosed(fresh, now)) return closedNotice(ctx, inv, fresh);
  // Saved before the close: a retry after a failed close finds the rating (lastRoundId) instead
  // of reviewing twice, and two racing clicks both compute from the same card (the last one wins).
  const record = memory ? cardReview(existing, key, round.id, now, rating) : null;
  if (record) await memory!.saveCard(record);
  if (!(await store.closeRound(round.id, now))) return closedNotice(ctx, inv, fresh);
  await store.saveUser(inv.user);
  const info = await store.ensureChannel(inv.channel);
  const replies: Reply[] = [reply(ratedCardView(round, mode, rating, record?.due ?? null, info.timezone, now), { replaceSource: true, recorded: true })];
  const deck = ctx.decks.byId(round.deckId);
  if (!deck) return [...replies, ...privateNotice('That deck is no longer available, so there is no next card.')];
  replies.push(mode === 'review' ? await serveReview(ctx, inv.channel, inv.user, deck, true, false) : await startPractice(ctx, inv.channel, inv.user, deck, false));
  return replies;
}
