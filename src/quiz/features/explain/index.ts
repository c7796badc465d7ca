// `explain <concept>` and the "Share to channel" button (x:<deck>:<slug>).
import { shortChoice } from '../../decks.js';
import { defineCommand, type Feature } from '../../feature.js';
import { channelKey, userKey } from '../../ids.js';
import { privateNotice, reply } from '../../replies.js';
import { formatTime } from '../../time.js';
import { SHARES_PER_HOUR, takeShare } from './share-limit.js';
import { explainView, sharedConceptView, sharedNoticeView } from './view.js';

const explainCommand = defineCommand<{ type: 'explain'; query: string }>({
  name: 'explain',
  aliases: ['define', 'what'],
  usage: 'explain <concept>',
  help: (c, deck) => `${c} explain <concept> — what a concept means (e.g. ${c} explain ${deck.concepts[0]?.slug ?? 'stage-variables'})`,
  spec: {
    description: 'Explain a concept from the notes',
    options: [{ name: 'concept', description: 'Concept name (empty: list them all)', required: false, autocomplete: true }],
  },
  parse: (rest) => ({ type: 'explain', query: rest }),
  async run(ctx, _inv, deck, parsed) {
    const result = ctx.explain(deck, parsed.query || undefined);
    const view = explainView(result, deck.command, ctx.notePath);
    if (result.kind !== 'suggestions') return [reply(view)];
    // Not in this deck (at most something like it): say which other deck has exactly that.
    const elsewhere = ctx.decks
      .decks()
      .filter((d) => d.id !== deck.id)
      .map((d) => ctx.explain(d, parsed.query))
      .find((r) => r.kind === 'found');
    if (elsewhere?.kind !== 'found') return [reply(view)];
    const hint = `${elsewhere.concept.name} is in ${elsewhere.deck.title}: /${elsewhere.deck.command} explain ${elsewhere.concept.slug}`;
    return [reply({ ...view, blocks: [...view.blocks, { type: 'text', text: hint }] })];
  },
  autocomplete: {
    concept: (_ctx, deck, partial) =>
      deck.concepts
        .filter((c) => !partial || c.slug.includes(partial) || c.name.toLowerCase().includes(partial) || c.aliases.some((a) => a.toLowerCase().includes(partial)))
        .map((c) => ({ name: shortChoice(c.name), value: c.slug })),
  },
});

export const explain = {
  name: 'explain',
  commands: [explainCommand],
  actions: {
    'share-concept': async (ctx, inv, action) => {
      const deck = ctx.decks.byId(action.deckId);
      const concept = deck?.concepts.find((c) => c.slug === action.slug);
      if (!deck || !concept) return privateNotice('That concept is no longer in the notes, so there is nothing to share.');
      const refused = takeShare(ctx, { channelKey: channelKey(inv.channel), userKey: userKey(inv.user), concept: `${deck.id}:${concept.slug}` });
      if (refused) {
        const now = ctx.clock.now();
        const { timezone } = await ctx.store.ensureChannel(inv.channel);
        const at = (d: Date) => formatTime(d, timezone, now);
        return refused.kind === 'recently-shared'
          ? privateNotice(
              `${concept.name} was shared to this channel at ${at(refused.sharedAt)}, so I did not post it again.`,
              `It can be shared again from ${at(refused.allowedAt)}.`,
            )
          : privateNotice(
              `That is ${SHARES_PER_HOUR} shares from you in this channel within an hour, the most I take. Nothing was posted.`,
              `You can share again at ${at(refused.allowedAt)}.`,
            );
      }
      // The channel post, and the private answer replaced so its button is gone (one post per answer).
      return [
        { visibility: 'channel', view: sharedConceptView(deck, concept, inv.user.name, ctx.notePath) },
        reply(sharedNoticeView(concept), { replaceSource: true }),
      ];
    },
  },
} satisfies Feature;
