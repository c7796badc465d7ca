// `leaderboard [week|month|all]`: the channel's top 10 (scoring rules: src/quiz/scoring.ts).
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import { userKey } from '../../ids.js';
import { reply } from '../../replies.js';
import type { QuizStore } from '../../store.js';
import { periodStart, type Period } from '../../time.js';
import { leaderboardView } from './view.js';

const LEADERBOARD_TOP = 10;
const USAGE = 'leaderboard [week|month|all]';

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

const leaderboardCommand = defineCommand<{ type: 'leaderboard'; period: Period }>({
  name: 'leaderboard',
  aliases: ['board', 'lb', 'top'],
  usage: USAGE,
  help: (c) => `${c} leaderboard [week|month|all] — the channel's top 10`,
  spec: {
    description: "The channel's top 10",
    options: [{ name: 'period', description: 'week (default), month or all', required: false, choices: ['week', 'month', 'all'] }],
  },
  parse(rest) {
    if (!rest) return { type: 'leaderboard', period: 'week' };
    const key = rest.toLowerCase().replace(/\s+/g, '-');
    const period = Object.hasOwn(PERIODS, key) ? PERIODS[key] : undefined;
    if (!period) return { type: 'invalid', message: `"${rest.slice(0, 40)}" is not a period: use week, month or all.`, usage: USAGE };
    return { type: 'leaderboard', period };
  },
  async run(ctx: FeatureContext<LeaderboardStore>, inv, _deck, { period }) {
    const info = await ctx.store.ensureChannel(inv.channel);
    const now = ctx.clock.now();
    const since = periodStart(period, now, info.timezone);
    const me = userKey(inv.user);
    const board = await ctx.store.leaderboard({ channelKey: info.channelKey, since, userKey: me, top: LEADERBOARD_TOP });
    return [reply(leaderboardView({ period, top: board.top, me: board.me, userKey: me, since, tz: info.timezone, now }))];
  },
});

export const leaderboard = { name: 'leaderboard', commands: [leaderboardCommand] } satisfies Feature;
