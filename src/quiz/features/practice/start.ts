// One private practice step: a question (answer buttons) or a flashcard (Show answer), never
// scored on the board. "Next question" and a card's rating come back here.
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import { snapshotOf } from '../../decks.js';
import type { FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import { heldBack, heldUntil, isCard, isStudyable, pickQuestion } from '../../question-choice.js';
import { formatTime } from '../../time.js';
import { createPrivateRound } from '../../private-round.js';
import * as render from '../../render.js';
import { reply } from '../../replies.js';
import { startCard } from '../cards/serve.js';

export async function startPractice(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck, replaceSource: boolean): Promise<Reply> {
  const { store, clock } = ctx;
  const owner = userKey(user);
  const now = clock.now();
  const held = await heldBack(ctx, user, deck.id, now);
  const question = await pickQuestion(ctx, deck, { ownerKey: owner }, undefined, { cards: true, except: held });
  if (!question && held.size && deck.questions.some(isStudyable)) {
    const info = await store.ensureChannel(channel);
    return reply(render.notice(heldPracticeText(deck.title, heldUntil(held), info.timezone, now)), replaceSource ? { replaceSource } : {});
  }
  if (!question) return reply(render.notice(`${deck.title} has no playable question or flashcard yet.`));
  if (isCard(question)) return (await startCard(ctx, channel, user, deck, question, 'practice', { replaceSource })).reply;
  const info = await store.ensureChannel(channel);
  const created = await createPrivateRound(ctx, info, owner, snapshotOf(deck, question), now);
  if (!created.ok) return reply(render.notice('I could not start a practice question. Please try again.'));
  return reply(render.questionView(created.round, { answered: 0, tz: info.timezone, now }), replaceSource ? { replaceSource } : {});
}

/** Practice when every question left is open in a channel round (its answer would give the round away). */
export function heldPracticeText(deckTitle: string, until: Date, tz: string, now: Date): string {
  return `Every ${deckTitle} question I could give you is open in a channel round right now (the question of the day or a quiz), so practice would give its answer away. Practise again after it closes: ${formatTime(until, tz, now)}.`;
}
