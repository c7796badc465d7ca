// Recording an answer: scoring (src/quiz/scoring.ts), the answer row, the FSRS memory update,
// the private feedback, and for a review answer the next due question. One statement before the
// reply on a channel round (the answer, the user's name, the card as it was); the card write after.
import type { ActionInvocation, Reply } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import { userKey } from '../../ids.js';
import { cardBeforeExam } from '../../../exam/run-up.js';
import { afterAnswer, type MemoryCardRecord } from '../../memory.js';
import * as render from '../../render.js';
import { privateNotice, reply } from '../../replies.js';
import { countsOnLeaderboard, PREVIEW_POINTS, scoreChoice, scores, streakBonus, streakLookbackDays } from '../../scoring.js';
import { studyDaysOf } from './study-days.js';
import type { RoundRecord } from '../../store.js';
import { localDate } from '../../time.js';
import { examRunUpOf } from '../review/exam-run-up.js';
import { serveReview } from '../review/serve.js';
import { withRating } from '../review/view.js';

export async function recordAnswer(ctx: FeatureContext, inv: ActionInvocation, round: RoundRecord, chosen: string[]): Promise<Reply[]> {
  const { store, clock } = ctx;
  const now = clock.now();
  const me = userKey(inv.user);
  const info = await store.ensureChannel(inv.channel);
  const today = localDate(now, info.timezone);
  const score = scoreChoice(round.question.correct, chosen);
  const preview = !scores(round.question); // an admin's preview, or a quiz posted past the quiz limits
  let bonus = 0;
  if (round.kind === 'daily' && score.correct && !preview) {
    // The channel's study days (cached a minute) decide how far back the streak must look: 13 days for every day.
    const studyDays = await studyDaysOf(store, round.channelKey, now.getTime());
    const recent = await store.recentCorrectDays(me, new Date(now.getTime() - streakLookbackDays(studyDays) * 86_400_000));
    bonus = streakBonus({ kind: round.kind, correct: true, today, correctDates: recent.dates, bonusGivenOn: recent.bonusGivenOn, studyDays });
  }
  const result = await store.recordAnswer(
    {
      roundId: round.id,
      userKey: me,
      channelKey: round.channelKey,
      roundKind: round.kind,
      deckId: round.deckId,
      questionId: round.questionId,
      choice: [...chosen].sort(),
      correct: score.correct,
      points: preview ? PREVIEW_POINTS : score.base + bonus,
      bonus,
      onBoard: countsOnLeaderboard(round.kind, preview),
      answeredAt: now,
      localDate: today,
    },
    now,
    // The user's name and the memory card come with the answer's own statement (one round trip).
    { user: inv.user, withCard: !!store.memory },
  );
  const practice = round.kind === 'practice';
  switch (result.status) {
    case 'recorded': {
      if (practice) await store.closeRound(round.id, now);
      else if (round.messageRef) ctx.rounds.touch(round.id);
      const memory = await rememberAnswer(ctx, round, me, score.correct, now, info.timezone, result.card);
      let view = render.answerFeedbackView(round, result.answer);
      if (memory.isReview) view = { ...view, actions: [] }; // the next due question follows instead of "Next question"
      if (memory.saved && score.correct) view = withRating(view, round.id);
      view = { ...view, actions: [...(view.actions ?? []), render.reportControls(round.id)] };
      const replies = [reply(view, practice ? { replaceSource: true, recorded: true } : { recorded: true })];
      if (memory.isReview) {
        const deck = ctx.decks.byId(round.deckId);
        if (deck) replies.push(await serveReview(ctx, inv.channel, inv.user, deck, true, false));
      }
      return replies;
    }
    case 'duplicate':
      return [reply(render.alreadyAnsweredView(round, result.answer))];
    case 'closed':
      return [reply(render.closedView(round, result.closedAt, info.timezone, now))];
    case 'not-found':
      return privateNotice('I cannot find that question any more. Nothing was recorded.');
  }
}

/**
 * One FSRS review of the user's card for this question. Never fails the answer: memory is best effort.
 * A channel round's card (read with the answer) is written after the reply (ctx.afterReply): its
 * view does not depend on the write, and the user's next click or command waits for it. A practice
 * answer's reply does (the review flow serves the next due card), so it waits.
 */
async function rememberAnswer(
  ctx: FeatureContext,
  round: RoundRecord,
  me: string,
  correct: boolean,
  now: Date,
  tz: string,
  /** The card read with the answer (undefined: not read, so read it here). */
  card: MemoryCardRecord | null | undefined,
): Promise<{ saved: boolean; isReview: boolean }> {
  const memory = ctx.store.memory;
  if (!memory) return { saved: false, isReview: false };
  try {
    const existing = card !== undefined ? card : await memory.getCard(me, round.deckId, round.questionId);
    const isReview = round.kind === 'practice' && existing?.reviewRoundId === round.id;
    const answered = afterAnswer(existing, { userKey: me, deckId: round.deckId, questionId: round.questionId }, round.id, now, correct);
    const save = async () => {
      // The exam date of the channel where the answer was given decides (docs/learning.md).
      const next = cardBeforeExam(await examRunUpOf(ctx, round.deckId, round.channelKey, tz, now), answered, now);
      await memory.saveCard({ ...next, reviewRoundId: isReview ? null : next.reviewRoundId });
    };
    if (round.kind !== 'practice' && card !== undefined) {
      ctx.afterReply.add(me, { roundId: round.id, write: 'memory card' }, save);
      return { saved: true, isReview };
    }
    await save();
    return { saved: true, isReview };
  } catch (err) {
    ctx.log?.warn({ err, roundId: round.id }, 'memory update failed; the answer itself is recorded');
    return { saved: false, isReview: false };
  }
}
