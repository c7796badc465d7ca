import type { LeaderboardRow } from '../../store.js';
import { notice } from '../../render.js';
import { formatTime, type Period } from '../../time.js';
import { person, plural } from '../../view-text.js';
import type { MessageView, ViewBlock } from '../../views.js';

const PERIOD_TITLE: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };

const rowLine = (r: LeaderboardRow) =>
  `${r.rank}. ${person(r.name)}: ${plural(r.points, 'point')} (${r.correct}/${r.answered} right)`;

export function leaderboardView(opts: {
  period: Period;
  top: LeaderboardRow[];
  me: LeaderboardRow | null;
  userKey: string;
  since: Date | null;
  tz: string;
  now: Date;
  /** The deck the board is filtered by. */
  deckTitle?: string | undefined;
}): MessageView {
  const heading = `Leaderboard · ${opts.deckTitle ? `${opts.deckTitle} · ` : ''}${PERIOD_TITLE[opts.period]}`;
  if (!opts.top.length) {
    return notice(`${heading}: no scored answers yet.`, 'Answer the channel questions (quiz or question of the day) to get on the board.');
  }
  const blocks: ViewBlock[] = [
    { type: 'heading', text: heading },
    { type: 'list', items: opts.top.map((r) => rowLine(r) + (r.userKey === opts.userKey ? ' ← you' : '')) },
  ];
  if (opts.me && !opts.top.some((r) => r.userKey === opts.me!.userKey)) {
    blocks.push({ type: 'text', text: `You: ${rowLine(opts.me)}` });
  } else if (!opts.me) {
    blocks.push({ type: 'text', text: 'You are not on this board yet.', style: 'muted' });
  }
  const sinceText = opts.since ? `Since ${formatTime(opts.since, opts.tz, opts.now)}. ` : '';
  blocks.push({ type: 'text', text: `${sinceText}Practice rounds do not count here.`, style: 'muted' });
  const leader = opts.top[0]!;
  return { text: `${heading}: ${person(leader.name)} leads with ${plural(leader.points, 'point')}`, blocks };
}
