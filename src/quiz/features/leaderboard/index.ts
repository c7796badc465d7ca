// `leaderboard [deck] [week|month|all]`: the channel's top 10, of one deck when given (scoring
// rules: src/quiz/scoring.ts).
import { typedRef } from '../../deck-match.js';
import { deckChoices } from '../../decks.js';
import { defineCommand, type Feature, type FeatureContext, type InvalidCommand } from '../../feature.js';
import { deckFilter } from './deck-filter.js';
import { userKey } from '../../ids.js';
import { reply } from '../../replies.js';
import type { QuizStore } from '../../store.js';
import { periodStart, type Period } from '../../time.js';
import { leaderboardView } from './view.js';

const LEADERBOARD_TOP = 10;
const USAGE = 'leaderboard [deck] [week|month|all]';

const PERIODS: Record<string, Period> = {
  week: 'week',
  weekly: 'week',
  'this-week': 'week',
  month: 'month',
  monthly: 'month',
  'this-month': 'month',
  all: 'all',
  'all-time': 'all',
  alltime: 'all',
  ever: 'all',
  total: 'all',
};

/** The store slice this feature reads. */
type LeaderboardStore = Pick<QuizStore, 'ensureChannel' | 'leaderboard'>;

const periodOf = (text: string): Period | undefined => {
  const key = text.toLowerCase().replace(/\s+/g, '-');
  return Object.hasOwn(PERIODS, key) ? PERIODS[key] : undefined;
};

type LeaderboardCommand = { type: 'leaderboard'; period: Period; deck?: string };

/** The period alone (`this week`), or a deck before or after it (`api-gateway month`, `all time apigw`). */
function parseLeaderboard(rest: string, tokens: string[]): LeaderboardCommand | InvalidCommand {
  if (!rest) return { type: 'leaderboard', period: 'week' };
  const period = periodOf(rest);
  if (period) return { type: 'leaderboard', period };
  const [first = '', ...after] = tokens;
  const afterDeck = after.length ? periodOf(after.join(' ')) : 'week';
  if (afterDeck) return { type: 'leaderboard', period: afterDeck, deck: first };
  const beforeDeck = periodOf(tokens.slice(0, -1).join(' '));
  if (beforeDeck) return { type: 'leaderboard', period: beforeDeck, deck: tokens.at(-1)! };
  return { type: 'invalid', message: `I could not read ${typedRef(rest)}: give a deck and a period (week, month or all).`, usage: USAGE };
}

const leaderboardCommand = defineCommand<LeaderboardCommand>({
  name: 'leaderboard',
  aliases: ['board', 'lb', 'top'],
  usage: USAGE,
  help: (c) => `${c} leaderboard [deck] [week|month|all] — the channel's top 10, of all decks or one`,
  spec: {
    description: "The channel's top 10",
    options: [
      { name: 'deck', description: 'Only this deck (default: all decks)', required: false, autocomplete: true },
      { name: 'period', description: 'week (default), month or all', required: false, choices: ['week', 'month', 'all'] },
    ],
  },
  parse: parseLeaderboard,
  autocomplete: { deck: (ctx, _deck, partial) => deckChoices(ctx.decks, partial) },
  async run(ctx: FeatureContext<LeaderboardStore>, inv, _deck, { period, deck: deckRef }) {
    const filter = deckRef ? deckFilter(ctx.decks, deckRef, ' Periods: week, month, all.') : null;
    if (filter && !filter.deck) return filter.reply;
    const info = await ctx.store.ensureChannel(inv.channel);
    const now = ctx.clock.now();
    const since = periodStart(period, now, info.timezone);
    const me = userKey(inv.user);
    const deckId = filter?.deck?.id;
    const board = await ctx.store.leaderboard({ channelKey: info.channelKey, since, userKey: me, top: LEADERBOARD_TOP, ...(deckId ? { deckId } : {}) });
    const view = leaderboardView({ period, top: board.top, me: board.me, userKey: me, since, tz: info.timezone, now, deckTitle: filter?.deck?.title });
    return [reply(view)];
  },
});

export const leaderboard = { name: 'leaderboard', commands: [leaderboardCommand] } satisfies Feature;
