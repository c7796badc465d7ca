// `schedule …` (admins): the channel's question of the day, handled by src/schedule through the
// SchedulePort; the core checks admin rights first.
import type { Choice } from '../../api.js';
import type { DeckCatalog } from '../../catalog.js';
import { deckChoices, shortChoice } from '../../decks.js';
import { adminOnly } from '../../admin-refusal.js';
import { defineCommand, type Feature } from '../../feature.js';
import { privateNotice, reply } from '../../replies.js';

const USAGE = 'schedule [HH:MM] [timezone] [weekdays] [deck | decks a,b] [close 8h] | on | off';

const scheduleCommand = defineCommand<{ type: 'schedule'; args: string }>({
  name: 'schedule',
  usage: USAGE,
  admin: true,
  help: (c) => `${c} ${USAGE} — the channel's question of the day (admins)`,
  spec: {
    description: 'Question of the day for this channel (admins)',
    options: [
      { name: 'time', description: 'HH:MM, or off', required: false },
      { name: 'timezone', description: 'City or IANA timezone (e.g. Europe/Berlin, new york) or UTC+5', required: false, autocomplete: true },
      { name: 'days', description: 'Weekdays, e.g. mon-fri', required: false },
      { name: 'deck', description: 'Deck to ask from, or several to rotate daily: a,b (default: this one)', required: false, autocomplete: true },
      { name: 'close', description: 'How long each question stays open, e.g. 8h or 90m', required: false, keyword: 'close' },
    ],
  },
  parse: (rest) => ({ type: 'schedule', args: rest }),
  autocomplete: {
    deck: (ctx, _deck, partial) => deckListChoices(ctx.decks, partial),
    timezone: (_ctx, _deck, partial) => {
      // "new york" finds America/New_York; "UTC" first, as the list does not hold it.
      const q = partial.trim().toLowerCase().replace(/\s+/g, '_');
      return ['UTC', ...Intl.supportedValuesOf('timeZone')]
        .filter((z) => !q || z.toLowerCase().includes(q))
        .map((z) => ({ name: z, value: z }));
    },
  },
  async run(ctx, inv, deck, { args }) {
    if (!ctx.isAdmin(inv.user)) return adminOnly(inv.user, 'change the question-of-the-day schedule');
    if (!ctx.schedule) return privateNotice('Scheduling is not available on this bot.', 'Use /' + deck.command + ' quiz to post a question now.');
    const view = await ctx.schedule.command({ channel: inv.channel, user: inv.user, deckId: deck.id, args });
    return [reply(view)];
  },
});

/** Autocomplete of `a,b`: the decks matching the part after the last comma, after what was typed. */
function deckListChoices(decks: DeckCatalog, partial: string): Choice[] {
  const cut = partial.lastIndexOf(',');
  if (cut < 0) return deckChoices(decks, partial);
  const before = partial.slice(0, cut + 1).replace(/\s+/g, '');
  const chosen = new Set(before.split(',').filter(Boolean));
  return deckChoices(decks, partial.slice(cut + 1).trim())
    .filter((c) => !chosen.has(c.value))
    .map((c) => ({ name: shortChoice(`${before}${c.value}`), value: `${before}${c.value}` }))
    .filter((c) => c.value.length <= 100);
}

export const schedule = { name: 'schedule', commands: [scheduleCommand] } satisfies Feature;
