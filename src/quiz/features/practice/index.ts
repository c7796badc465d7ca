// `practice [deck]`: a private question for the caller only; "Next question" (n:<round>) after it.
import type { Deck } from '../../../content/types.js';
import type { Reply } from '../../api.js';
import { clickedRound } from '../../clicked-round.js';
import { deckChoices, deckList, resolveDeck, snapshotOf } from '../../decks.js';
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import { pickQuestion } from '../../question-choice.js';
import * as render from '../../render.js';
import { privateNotice, reply } from '../../replies.js';

const USAGE = 'practice [deck]';

export async function startPractice(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck, replaceSource: boolean): Promise<Reply> {
  const { store, clock } = ctx;
  const owner = userKey(user);
  const question = await pickQuestion(ctx, deck, { ownerKey: owner });
  if (!question) return reply(render.notice(`${deck.title} has no playable question yet.`));
  const info = await store.ensureChannel(channel);
  const now = clock.now();
  const created = await store.createRound({
    channelKey: info.channelKey,
    kind: 'practice',
    question: snapshotOf(deck, question),
    ownerKey: owner,
    openedAt: now,
    closesAt: new Date(now.getTime() + ctx.practiceMs),
  });
  if (!created.ok) return reply(render.notice('I could not start a practice question. Please try again.'));
  return reply(render.questionView(created.round, { answered: 0, tz: info.timezone, now }), replaceSource ? { replaceSource } : {});
}

const practiceCommand = defineCommand<{ type: 'practice'; deck?: string }>({
  name: 'practice',
  aliases: ['train'],
  usage: USAGE,
  help: (c) => `${c} practice — a private question just for you (counts in your stats, not on the board)`,
  spec: { description: 'A private practice question just for you', options: [] },
  parse(_rest, tokens) {
    if (tokens.length > 1) return { type: 'invalid', message: 'practice takes at most one deck name.', usage: USAGE };
    return tokens[0] ? { type: 'practice', deck: tokens[0] } : { type: 'practice' };
  },
  autocomplete: { deck: (ctx, _deck, partial) => deckChoices(ctx.decks, partial) },
  async run(ctx, inv, deck, parsed) {
    const target = resolveDeck(ctx.decks, parsed.deck, deck);
    if (!target) return privateNotice(`There is no deck "${parsed.deck}".`, `Decks: ${deckList(ctx.decks)}`);
    return [await startPractice(ctx, inv.channel, inv.user, target, false)];
  },
});

export const practice = {
  name: 'practice',
  commands: [practiceCommand],
  actions: {
    'next-practice': async (ctx, inv, action) => {
      const round = await clickedRound(ctx.store, inv, action.roundId);
      if (Array.isArray(round)) return round;
      const deck = ctx.decks.byId(round.deckId);
      if (!deck) return privateNotice('That deck is no longer available.');
      await ctx.store.saveUser(inv.user);
      return [await startPractice(ctx, inv.channel, inv.user, deck, true)];
    },
  },
} satisfies Feature;
