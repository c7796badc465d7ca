// `practice [deck]`: a private question (or flashcard) for the caller only; "Next question"
// (n:<round>) after a question, the next one after a card's rating (features/cards).
import { clickedRound } from '../../clicked-round.js';
import { deckChoices, deckList, resolveDeck } from '../../decks.js';
import { defineCommand, type Feature } from '../../feature.js';
import { userKey } from '../../ids.js';
import { privateNotice } from '../../replies.js';
import { nextOnce } from './next-once.js';
import { startPractice } from './start.js';

export { startPractice } from './start.js';

const USAGE = 'practice [deck]';

const practiceCommand = defineCommand<{ type: 'practice'; deck?: string }>({
  name: 'practice',
  aliases: ['train'],
  usage: USAGE,
  help: (c) => `${c} practice — a private question or flashcard just for you (counts in your stats, not on the board)`,
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
      return [await nextOnce(ctx, userKey(inv.user), round.id, () => startPractice(ctx, inv.channel, inv.user, deck, true))];
    },
  },
} satisfies Feature;
