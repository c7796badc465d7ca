// `review [remind on|off]`, the Hard/Good/Easy rating of a right answer (g:<round>:<h|g|e>),
// and the daily review reminders.
import { defineCommand, type Feature } from '../../feature.js';
import { channelKey, userKey } from '../../ids.js';
import { refine } from '../../memory.js';
import { privateNotice, reply } from '../../replies.js';
import { cardBeforeExam } from '../../../exam/run-up.js';
import { examRunUpOf } from './exam-run-up.js';
import { remindCommand, sendReviewReminders } from './reminders.js';
import { serveReview } from './serve.js';
import { ratedView } from './view.js';

const USAGE = 'review [remind on|off]';

const reviewCommand = defineCommand<{ type: 'review'; remind?: boolean }>({
  name: 'review',
  usage: USAGE,
  help: (c) => `${c} ${USAGE} — your questions due for spaced-repetition review, privately; remind on: a daily nudge`,
  spec: {
    description: 'Your questions due for spaced-repetition review, privately',
    options: [{ name: 'remind', description: 'Daily private reminder when questions are due: on or off', required: false, choices: ['on', 'off'], keyword: 'remind' }],
  },
  parse(rest) {
    if (!rest) return { type: 'review' };
    const m = /^remind\s+(on|off)$/i.exec(rest);
    if (!m) return { type: 'invalid', message: 'review takes nothing, or remind on / remind off.', usage: USAGE };
    return { type: 'review', remind: m[1]!.toLowerCase() === 'on' };
  },
  async run(ctx, inv, deck, parsed) {
    if (parsed.remind !== undefined) return remindCommand(ctx, inv, deck, parsed.remind);
    return [await serveReview(ctx, inv.channel, inv.user, deck, false, false)];
  },
});

export const review = {
  name: 'review',
  commands: [reviewCommand],
  actions: {
    rate: async (ctx, inv, { roundId, rating }) => {
      const { store, clock } = ctx;
      const memory = store.memory;
      if (!memory) return privateNotice('Review is not available on this bot.');
      const round = await store.getRound(roundId);
      if (!round || round.channelKey !== channelKey(inv.channel)) return privateNotice('I cannot find that question any more.');
      const card = await memory.getCard(userKey(inv.user), round.deckId, round.questionId);
      if (!card || card.lastRoundId !== round.id) {
        return privateNotice('That rating belongs to an older answer: you have answered this question again since, so it was not changed.');
      }
      if (card.lastRating === 'again') return privateNotice('Ratings refine right answers only.');
      const info = await store.ensureChannel(inv.channel);
      const refined = cardBeforeExam(await examRunUpOf(ctx, round.deckId, round.channelKey, info.timezone, clock.now()), refine(card, rating), clock.now());
      await memory.saveCard(refined);
      return [reply(ratedView(rating, `${round.question.deckTitle} ${round.question.number}`, refined.due, info.timezone, clock.now()))];
    },
  },
  services: (ctx) => ({ sendReviewReminders: () => sendReviewReminders(ctx) }),
} satisfies Feature;
