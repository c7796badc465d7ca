// `decks`: the decks this bot knows, with their commands and how many questions and concepts each
// has, the one being used and the one(s) this channel's question of the day asks from marked; privately.
import type { Deck } from '../../../content/types.js';
import type { DailyDecks } from '../../api.js';
import { isPlayable } from '../../decks.js';
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import type { ChannelRef } from '../../ids.js';
import { reply } from '../../replies.js';
import { oneLine, plural } from '../../view-text.js';

/** The channel's question-of-the-day decks; null: no schedule; undefined: unknown (no scheduling here, or it failed). */
async function dailyDecksOf(ctx: FeatureContext, channel: ChannelRef): Promise<DailyDecks | null | undefined> {
  if (!ctx.schedule?.dailyDecks) return undefined;
  try {
    return await ctx.schedule.dailyDecks(channel);
  } catch (err) {
    ctx.log?.warn({ err }, 'decks: the question-of-the-day setting could not be read; listing the decks without it');
    return undefined;
  }
}

const titleOf = (ctx: FeatureContext, id: string) => {
  const d = ctx.decks.byId(id);
  return d ? oneLine(d.title, 80) : `${id} (not loaded)`;
};

/** The sentence naming the deck(s) the question of the day uses here. */
function dailyLine(ctx: FeatureContext, daily: DailyDecks | null, current: Deck): string {
  if (!daily) return `No question of the day in this channel yet (admins: /${current.command} schedule with your time and time zone, e.g. /${current.command} schedule 09:00 Europe/Berlin; a time alone is UTC).`;
  const decks = daily.deckIds.map((id) => titleOf(ctx, id));
  if (!daily.enabled) return `The question of the day is off in this channel (it asks from ${decks.join(' → ')}).`;
  if (daily.deckIds.length === 1) {
    return ctx.decks.byId(daily.deckIds[0]!)
      ? `The question of the day here asks from ${decks[0]}.`
      : `The question of the day here asks from ${decks[0]}, so none is posted (admins: /${current.command} schedule deck <deck>).`;
  }
  const next = daily.next ? `; next: ${titleOf(ctx, daily.next)}` : '; none of them can be used now';
  return `The question of the day here takes one deck a day, in turn: ${decks.join(' → ')}${next}.`;
}

function dailyMark(daily: DailyDecks | null | undefined, deckId: string): string {
  if (!daily?.enabled || !daily.deckIds.includes(deckId)) return '';
  if (daily.deckIds.length === 1) return ' · question of the day';
  return daily.next === deckId ? ' · question of the day (next)' : ' · question of the day (in turn)';
}

const decksCommand = defineCommand<{ type: 'decks' }>({
  name: 'decks',
  usage: 'decks',
  help: (c) => `${c} decks — every deck I know, its command, questions and concepts, and which one the question of the day uses`,
  spec: { description: 'The decks I know: commands, questions, concepts', options: [] },
  parse: (rest) => (rest ? { type: 'invalid', message: 'decks takes nothing after it.', usage: 'decks' } : { type: 'decks' }),
  async run(ctx, inv, current) {
    const all = ctx.decks.decks();
    const daily = await dailyDecksOf(ctx, inv.channel);
    const items = all.map((d) => {
      const playable = d.questions.filter(isPlayable).length;
      const here = d.id === current.id ? ' ← this command' : '';
      return `${oneLine(d.title, 80)} (${d.id}): /${d.command}, ${plural(playable, 'question')}, ${plural(d.concepts.length, 'concept')}${dailyMark(daily, d.id)}${here}`;
    });
    const heading = all.length === 1 ? 'One deck' : `${all.length} decks`;
    return [
      reply({
        text: `${heading}: ${all.map((d) => `/${d.command}`).join(', ')}`,
        blocks: [
          { type: 'heading', text: heading },
          { type: 'list', items },
          ...(daily !== undefined ? [{ type: 'text' as const, text: dailyLine(ctx, daily, current) }] : []),
          { type: 'text', text: `Practise or quiz another deck from here too: /${current.command} practice <deck>, /${current.command} quiz <deck>.`, style: 'muted' },
        ],
      }),
    ];
  },
});

export const decks = { name: 'decks', commands: [decksCommand] } satisfies Feature;
