// `explain <concept>` and the "Share to channel" button (x:<deck>:<slug>).
import { shortChoice } from '../../decks.js';
import { defineCommand, type Feature } from '../../feature.js';
import { privateNotice, reply } from '../../replies.js';
import { explainView, sharedConceptView } from './view.js';

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
  run: async (ctx, _inv, deck, parsed) => [reply(explainView(ctx.explain(deck, parsed.query || undefined), deck.command))],
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
    'share-concept': (ctx, inv, action) => {
      const deck = ctx.decks.byId(action.deckId);
      const concept = deck?.concepts.find((c) => c.slug === action.slug);
      if (!deck || !concept) return privateNotice('That concept is no longer in the notes, so there is nothing to share.');
      return [{ visibility: 'channel', view: sharedConceptView(deck, concept, inv.user.name) }];
    },
  },
} satisfies Feature;
