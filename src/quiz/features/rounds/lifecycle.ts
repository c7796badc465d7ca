// The round services the scheduler, the console and the composition root call: start a channel
// round (question of the day or quiz), close and reveal what is due, reveal one now, recover a
// post whose response was lost.
import { StudybotError } from '../../../errors.js';
import { reportId } from '../../action-ids.js';
import type { StartedRound, StartRoundRequest } from '../../api.js';
import { snapshotOf } from '../../decks.js';
import type { FeatureContext, FeatureServices } from '../../feature.js';
import { parseChannelKey } from '../../ids.js';
import { dailyPreference, pickQuestion } from '../../question-choice.js';
import { isValidTimezone, localDate } from '../../time.js';
import { countdownOf, inRunUp, runUpOf, WEAK_DOMAIN_SHARE, weakDomainQuestions } from '../../../exam/run-up.js';
import type { Deck } from '../../../content/types.js';

const CLAIM_BATCH = 50;
/** A closed round whose reveal has not reached the channel after this long is re-revealed. */
const REVEAL_RETRY_AFTER_MS = 60_000;

/**
 * The channel's exam date for the question of the day: its countdown line and, in the last days,
 * the group's weakest-domain questions to favour. Best effort: without it the day's question is
 * still posted.
 */
async function examRunUp(ctx: FeatureContext, deck: Deck, channelKey: string, tz: string): Promise<{ countdown: string; weak?: ReadonlySet<string> } | null> {
  if (!ctx.exams) return null;
  try {
    const runUp = await runUpOf(ctx.exams, deck, channelKey, tz, ctx.clock.now());
    if (!runUp) return null;
    const weak = inRunUp(runUp) ? await weakDomainQuestions(ctx.exams, { decks: () => ctx.decks.decks(), clock: ctx.clock }, deck, channelKey, runUp) : null;
    return { countdown: countdownOf(runUp), ...(weak ? { weak: weak.ids } : {}) };
  } catch (err) {
    ctx.log?.warn({ err, channelKey }, 'exam date unavailable; posting without the countdown');
    return null;
  }
}

export function roundServices(ctx: FeatureContext): Pick<FeatureServices, 'startRound' | 'closeDueRounds' | 'revealNow' | 'recoverPost'> {
  const { store, decks, clock, log, rounds } = ctx;

  async function startRound(req: StartRoundRequest): Promise<StartedRound> {
    const deck = req.deckId ? decks.byId(req.deckId) : decks.decks()[0];
    if (!deck) throw new StudybotError('quiz:not-found', req.deckId ? `no deck "${req.deckId}"` : 'no decks loaded');
    if (req.timezone) {
      if (!isValidTimezone(req.timezone)) throw new StudybotError('quiz:invalid-input', `unknown timezone "${req.timezone}"`);
      await store.setChannelTimezone(req.channel, req.timezone);
    }
    const info = await store.ensureChannel(req.channel);
    const key = info.channelKey;
    if (req.kind === 'quiz') await rounds.closeOverdueQuiz(key);
    const prefer = req.kind === 'daily' ? await dailyPreference(ctx, key, deck) : undefined;
    const runUp = req.kind === 'daily' ? await examRunUp(ctx, deck, key, info.timezone) : null;
    const focus = runUp?.weak ? { focus: { ids: runUp.weak, share: WEAK_DOMAIN_SHARE } } : {};
    const question = await pickQuestion(ctx, deck, { channelKey: key }, prefer, focus);
    if (!question) throw new StudybotError('quiz:not-found', `deck "${deck.id}" has no playable question`);
    const now = clock.now();
    const created = await store.createRound({
      channelKey: key,
      kind: req.kind,
      question: { ...snapshotOf(deck, question), ...(runUp ? { countdown: runUp.countdown } : {}) },
      dailyDate: req.kind === 'daily' ? (req.dailyDate ?? localDate(now, info.timezone)) : null,
      openedAt: now,
      closesAt: req.closesAt,
    });
    if (!created.ok) {
      const existing = created.existing;
      // Daily rounds are idempotent per channel and date: a retry gets the round that exists.
      if (created.reason === 'daily-exists' && existing) {
        if (existing.messageRef) return { roundId: existing.id, messageRef: existing.messageRef, questionId: existing.questionId };
        // Claimed earlier but never posted (a crash in between): post it now; reveal at once if it closed meanwhile.
        const messageRef = await rounds.post(existing, req.channel, info.timezone);
        if (existing.closedAt) await rounds.reveal({ ...existing, messageRef });
        return { roundId: existing.id, messageRef, questionId: existing.questionId };
      }
      throw new StudybotError('quiz:invalid-input', 'this channel already has an open quiz');
    }
    const messageRef = await rounds.post(created.round, req.channel, info.timezone);
    return { roundId: created.round.id, messageRef, questionId: created.round.questionId };
  }

  async function closeDueRounds(): Promise<number> {
    let revealed = 0;
    for (;;) {
      const claimed = await store.claimDueRounds(clock.now(), CLAIM_BATCH);
      for (const round of claimed) {
        try {
          if (await rounds.reveal(round)) revealed++;
        } catch (err) {
          log?.warn({ err, roundId: round.id }, 'reveal failed; it will be retried');
        }
      }
      if (claimed.length < CLAIM_BATCH) break;
    }
    const stale = await store.unrevealedRounds(new Date(clock.now().getTime() - REVEAL_RETRY_AFTER_MS), ctx.platforms(), CLAIM_BATCH);
    for (const round of stale) {
      try {
        if (await rounds.reveal(round)) revealed++;
      } catch (err) {
        log?.warn({ err, roundId: round.id }, 'reveal retry failed');
      }
    }
    return revealed;
  }

  async function revealNow(messageRef: string): Promise<boolean> {
    const round = await store.roundByMessage(messageRef);
    if (!round) return false;
    const closed = await store.closeRound(round.id, clock.now());
    return closed ? rounds.reveal(closed) : false;
  }

  async function recoverPost(roundId: string): Promise<string | null> {
    const round = await store.getRound(roundId, { fresh: true });
    if (!round || round.kind === 'practice') return null;
    if (round.messageRef) return round.messageRef;
    const channel = parseChannelKey(round.channelKey);
    const chat = channel && ctx.chatFor(channel.platform);
    if (!channel || !chat?.findPosted) return null;
    const found = await chat.findPosted(channel, reportId(round.id), new Date(round.openedAt.getTime() - 60_000));
    if (!found) return null;
    await store.setRoundMessage(round.id, found);
    log?.info({ roundId: round.id, messageRef: found }, 'found the message of a round whose post response was lost');
    return found;
  }

  return { startRound, closeDueRounds, revealNow, recoverPost };
}
