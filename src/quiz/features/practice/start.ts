// One private practice step: a question (answer buttons) or a flashcard (Show answer), never
// scored on the board. "Next question" and a card's rating come back here.
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import { snapshotOf } from '../../decks.js';
import type { FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import { isCard, pickQuestion } from '../../question-choice.js';
import { createPrivateRound } from '../../private-round.js';
import * as render from '../../render.js';
import { reply } from '../../replies.js';
import { startCard } from '../cards/serve.js';

export async function startPractice(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck, replaceSource: boolean): Promise<Reply> {
  const { store, clock } = ctx;
  const owner = userKey(user);
  const question = await pickQuestion(ctx, deck, { ownerKey: owner }, undefined, { cards: true });
  if (!question) return reply(render.notice(`${deck.title} has no playable question or flashcard yet.`));
  if (isCard(question)) return (await startCard(ctx, channel, user, deck, question, 'practice', { replaceSource })).reply;
  const info = await store.ensureChannel(channel);
  const now = clock.now();
  const created = await createPrivateRound(ctx, info, owner, snapshotOf(deck, question), now);
  if (!created.ok) return reply(render.notice('I could not start a practice question. Please try again.'));
  return reply(render.questionView(created.round, { answered: 0, tz: info.timezone, now }), replaceSource ? { replaceSource } : {});
}
