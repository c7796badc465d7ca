// Serving due questions (src/quiz/memory.ts holds the FSRS rules).
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import { snapshotOf } from '../../decks.js';
import type { FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import { isCard, isStudyable, pickNewCard } from '../../question-choice.js';
import * as render from '../../render.js';
import { reply } from '../../replies.js';
import { startCard } from '../cards/serve.js';
import { newCardHeader, reviewDoneView, reviewHeader } from './view.js';

/** Due cards fetched per review step (cards of removed questions are skipped). */
const REVIEW_SCAN = 50;

/**
 * The caller's earliest due question (or flashcard) as a private review round; when nothing is due,
 * a flashcard never served to them (a flashcard deck needs no quiz first); else when the next one is due.
 */
export async function serveReview(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck, reviewedAny: boolean, replaceSource: boolean): Promise<Reply> {
  const { store, clock } = ctx;
  const memory = store.memory;
  if (!memory) return reply(render.notice('Review is not available on this bot.'));
  const owner = userKey(user);
  const now = clock.now();
  const info = await store.ensureChannel(channel);
  const queue = await memory.reviewQueue(owner, deck.id, now, REVIEW_SCAN);
  const byId = new Map(deck.questions.filter(isStudyable).map((q) => [q.id, q]));
  // Cards of questions since removed from the notes are skipped (they stay stored).
  const card = queue.due.find((c) => byId.has(c.questionId));
  const replace = replaceSource ? { replaceSource } : {};
  if (card && isCard(byId.get(card.questionId)!)) {
    const served = await startCard(ctx, channel, user, deck, byId.get(card.questionId)!, 'review', { header: reviewHeader(queue.dueCount), ...replace });
    if (served.round) await memory.setReviewRound(owner, deck.id, card.questionId, served.round.id);
    return served.reply;
  }
  if (!card) {
    const fresh = await pickNewCard(ctx, deck, owner);
    if (fresh) return (await startCard(ctx, channel, user, deck, fresh.card, 'review', { header: newCardHeader(fresh.left), ...replace })).reply;
    return reply(reviewDoneView({ reviewedAny, nextDue: queue.nextDue, tz: info.timezone, now, command: deck.command }), replaceSource ? { replaceSource } : {});
  }
  const created = await store.createRound({
    channelKey: info.channelKey,
    kind: 'practice',
    question: snapshotOf(deck, byId.get(card.questionId)!),
    ownerKey: owner,
    openedAt: now,
    closesAt: new Date(now.getTime() + ctx.practiceMs),
  });
  if (!created.ok) return reply(render.notice('I could not start a review question. Please try again.'));
  await memory.setReviewRound(owner, deck.id, card.questionId, created.round.id);
  const view = render.questionView(created.round, { answered: 0, tz: info.timezone, now });
  const header = reviewHeader(queue.dueCount);
  return reply({ ...view, blocks: [{ type: 'text', text: header, style: 'muted' }, ...view.blocks] }, replaceSource ? { replaceSource } : {});
}
