// Serving a flashcard: a private practice round whose snapshot is the card (prompt and answer
// text, no options), so a later deck edit never changes a card someone is looking at.
import type { Deck, Question } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import type { CardMode } from '../../action-ids.js';
import type { FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import * as render from '../../render.js';
import { reply } from '../../replies.js';
import { snapshotOf } from '../../decks.js';
import { createPrivateRound } from '../../private-round.js';
import type { QuestionSnapshot, RoundRecord } from '../../store.js';
import { cardView } from './view.js';

export function cardSnapshotOf(deck: Deck, q: Question): QuestionSnapshot {
  return { ...snapshotOf(deck, q), options: [], correct: [], kind: 'flashcard', answerText: q.answerText ?? '' };
}

export const isCardRound = (round: RoundRecord) => round.question.kind === 'flashcard';

/** Opens a private card round for the user and shows its prompt; `round` is null when it could not be stored. */
export async function startCard(
  ctx: FeatureContext,
  channel: ChannelRef,
  user: UserRef,
  deck: Deck,
  card: Question,
  mode: CardMode,
  opts: { header?: string; replaceSource?: boolean } = {},
): Promise<{ round: RoundRecord | null; reply: Reply }> {
  const info = await ctx.store.ensureChannel(channel);
  const now = ctx.clock.now();
  const created = await createPrivateRound(ctx, info, userKey(user), cardSnapshotOf(deck, card), now);
  if (!created.ok) return { round: null, reply: reply(render.notice('I could not start a flashcard. Please try again.')) };
  const view = cardView(created.round, mode, opts.header);
  return { round: created.round, reply: reply(view, opts.replaceSource ? { replaceSource: true } : {}) };
}
