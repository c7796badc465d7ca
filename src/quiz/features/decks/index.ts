// `decks`: the decks this bot knows, with their commands and how many questions and concepts each
// has, the one being used marked; privately.
import { isPlayable } from '../../decks.js';
import { defineCommand, type Feature } from '../../feature.js';
import { reply } from '../../replies.js';
import { oneLine, plural } from '../../view-text.js';

const decksCommand = defineCommand<{ type: 'decks' }>({
  name: 'decks',
  usage: 'decks',
  help: (c) => `${c} decks — every deck I know, its command, questions and concepts`,
  spec: { description: 'The decks I know: commands, questions, concepts', options: [] },
  parse: (rest) => (rest ? { type: 'invalid', message: 'decks takes nothing after it.', usage: 'decks' } : { type: 'decks' }),
  async run(ctx, _inv, current) {
    const all = ctx.decks.decks();
    const items = all.map((d) => {
      const playable = d.questions.filter(isPlayable).length;
      const here = d.id === current.id ? ' ← this command' : '';
      return `${oneLine(d.title, 80)} (${d.id}): /${d.command}, ${plural(playable, 'question')}, ${plural(d.concepts.length, 'concept')}${here}`;
    });
    const heading = all.length === 1 ? 'One deck' : `${all.length} decks`;
    return [
      reply({
        text: `${heading}: ${all.map((d) => `/${d.command}`).join(', ')}`,
        blocks: [
          { type: 'heading', text: heading },
          { type: 'list', items },
          { type: 'text', text: `Practise or quiz another deck from here too: /${current.command} practice <deck>, /${current.command} quiz <deck>.`, style: 'muted' },
        ],
      }),
    ];
  },
});

export const decks = { name: 'decks', commands: [decksCommand] } satisfies Feature;
