// Serving due questions (src/quiz/memory.ts holds the FSRS rules).
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import { snapshotOf } from '../../decks.js';
import type { FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import type { MemoryStore } from '../../memory.js';
import { heldBack, heldUntil, isCard, isStudyable, pickNewCard } from '../../question-choice.js';
import * as render from '../../render.js';
import { createPrivateRound } from '../../private-round.js';
import { reply } from '../../replies.js';
import { startCard } from '../cards/serve.js';
import { inRunUp, startOfToday, weakDomainQuestions, type RunUp } from '../../../exam/run-up.js';
import { carryOverEdited } from './carry-over.js';
import { examRunUpOf } from './exam-run-up.js';
import { aheadHeader, newCardHeader, reviewDoneView, reviewHeader } from './view.js';

/**
 * In the last days before the channel's exam date, the group's weakest-domain questions come first
 * among the due cards fetched (docs/learning.md). Best effort: review works without it.
 */
async function weakDomainOf(ctx: FeatureContext, deck: Deck, channelKey: string, tz: string, now: Date): Promise<{ runUp: RunUp; name: string; ids: ReadonlySet<string> } | null> {
  const runUp = await examRunUpOf(ctx, deck.id, channelKey, tz, now);
  if (!ctx.exams || !inRunUp(runUp)) return null;
  try {
    const weak = await weakDomainQuestions(ctx.exams, { decks: () => ctx.decks.decks(), clock: ctx.clock }, deck, channelKey, runUp);
    return weak ? { runUp, name: weak.name, ids: weak.ids } : null;
  } catch (err) {
    ctx.log?.warn({ err, channelKey }, 'weakest domain unavailable; review in due order');
    return null;
  }
}

/** How many of the user's cards of these (held back) questions are due: a few at most. */
async function heldDue(memory: MemoryStore, owner: string, deckId: string, questionIds: string[], now: Date): Promise<number> {
  const cards = await Promise.all(questionIds.map((id) => memory.getCard(owner, deckId, id)));
  return cards.filter((c) => c && c.due <= now).length;
}

/** Due cards fetched per review step. */
const REVIEW_SCAN = 50;

/**
 * The caller's earliest due question (or flashcard) as a private review round (in the run-up to the
 * channel's exam date, the weakest domain's due ones first); when nothing is due, in that run-up a
 * weakest-domain card ahead of time (each at most once a day), then a flashcard never served to
 * them (a flashcard deck needs no quiz first); else when the next one is due.
 */
export async function serveReview(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck, reviewedAny: boolean, replaceSource: boolean): Promise<Reply> {
  const { store, clock } = ctx;
  const memory = store.memory;
  if (!memory) return reply(render.notice('Review is not available on this bot.'));
  const owner = userKey(user);
  const now = clock.now();
  const info = await store.ensureChannel(channel);
  const loaded = new Map(deck.questions.filter(isStudyable).map((q) => [q.id, q]));
  // Questions open in a channel round of this workspace wait until it closes (their answer would
  // give the round away); cards of questions since edited (unless carried over) or removed in the
  // notes are neither served nor counted (they stay stored).
  await carryOverEdited(ctx, owner, deck, loaded);
  const held = await heldBack(ctx, user, deck.id, now);
  const byId = new Map([...loaded].filter(([id]) => !held.has(id)));
  const [queue, waiting] = await Promise.all([memory.reviewQueue(owner, deck.id, now, REVIEW_SCAN, [...byId.keys()]), heldDue(memory, owner, deck.id, [...held.keys()].filter((id) => loaded.has(id)), now)]);
  const wait = waiting ? { count: waiting, until: heldUntil(held) } : undefined;
  const weak = await weakDomainOf(ctx, deck, info.channelKey, info.timezone, now);
  const due = [...queue.due.filter((c) => weak?.ids.has(c.questionId)), ...queue.due.filter((c) => !weak?.ids.has(c.questionId))].find((c) => byId.has(c.questionId));
  const ahead = !due && weak && memory.upcoming ? (await memory.upcoming(owner, deck.id, [...weak.ids].filter((id) => byId.has(id)), now, startOfToday(weak.runUp), 1))[0] : undefined;
  const card = due ?? ahead;
  const replace = replaceSource ? { replaceSource } : {};
  const header = reviewHeader(queue.dueCount, wait && { ...wait, tz: info.timezone, now });
  if (card && isCard(byId.get(card.questionId)!)) {
    const served = await startCard(ctx, channel, user, deck, byId.get(card.questionId)!, 'review', { header, ...replace });
    if (served.round) await memory.setReviewRound(owner, deck.id, card.questionId, served.round.id);
    return served.reply;
  }
  if (!card) {
    const fresh = await pickNewCard(ctx, deck, owner);
    if (fresh) return (await startCard(ctx, channel, user, deck, fresh.card, 'review', { header: newCardHeader(fresh.left), ...replace })).reply;
    return reply(reviewDoneView({ reviewedAny, nextDue: queue.nextDue, tz: info.timezone, now, command: deck.command, ...(wait ? { held: wait } : {}) }), replace);
  }
  const created = await createPrivateRound(ctx, info, owner, snapshotOf(deck, byId.get(card.questionId)!), now);
  if (!created.ok) return reply(render.notice('I could not start a review question. Please try again.'));
  await memory.setReviewRound(owner, deck.id, card.questionId, created.round.id);
  const view = render.questionView(created.round, { answered: 0, tz: info.timezone, now });
  const line = ahead && weak ? aheadHeader(weak.name, weak.runUp.daysLeft) : header;
  return reply({ ...view, blocks: [{ type: 'text', text: line, style: 'muted' }, ...view.blocks] }, replace);
}
