// `/apigw <text>` → a parsed subcommand. Never throws: bad input becomes an 'invalid' result
// carrying the message to show.
import type { Period } from './time.js';
import { reasonProblem } from './reports.js';

export type ParsedCommand =
  | { type: 'help' }
  | { type: 'explain'; query: string }
  /** `quiz [deck] [n]`: deck id/command and question number, both optional. */
  | { type: 'quiz'; deck?: string; number?: string }
  | { type: 'practice'; deck?: string }
  | { type: 'leaderboard'; period: Period }
  /** `stats [@user | user id | name]`: `target` a platform user id (mention or id), `name` a display name. */
  | { type: 'stats'; target?: string; name?: string }
  | { type: 'schedule'; args: string }
  /** `review`: serve the caller's due questions; `review remind on|off`: the daily nudge. */
  | { type: 'review'; remind?: boolean }
  /** `report <question number> <reason>` */
  | { type: 'report'; number: string; reason: string }
  /** `reports` lists open reports; `reports resolve <id>` closes one (admins). */
  | { type: 'reports'; resolve?: string }
  | { type: 'invalid'; message: string; usage?: string }
  | { type: 'unknown'; word: string; suggestion?: string };

export const SUBCOMMANDS = ['explain', 'quiz', 'practice', 'review', 'leaderboard', 'stats', 'report', 'reports', 'schedule', 'help'] as const;

const ALIASES: Record<string, (typeof SUBCOMMANDS)[number]> = {
  '?': 'help',
  define: 'explain',
  what: 'explain',
  question: 'quiz',
  train: 'practice',
  board: 'leaderboard',
  lb: 'leaderboard',
  top: 'leaderboard',
  me: 'stats',
};

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

export const USAGE: Record<(typeof SUBCOMMANDS)[number], string> = {
  explain: 'explain <concept>',
  quiz: 'quiz [deck] [question number]',
  practice: 'practice [deck]',
  review: 'review [remind on|off]',
  report: 'report <question number> <what is wrong>',
  reports: 'reports [resolve <id>]',
  leaderboard: 'leaderboard [week|month|all]',
  stats: 'stats [@user]',
  schedule: 'schedule [HH:MM timezone weekdays | off]',
  help: 'help',
};

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one ("qiuz"). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest subcommand (or alias) within a third of the word's length, at least one edit. */
export function suggestSubcommand(word: string): string | undefined {
  const w = word.toLowerCase().slice(0, 32);
  let best: { name: string; dist: number } | undefined;
  for (const name of [...SUBCOMMANDS, ...Object.keys(ALIASES)]) {
    const dist = name.startsWith(w) && w.length >= 3 ? 0 : editDistance(w, name);
    if (!best || dist < best.dist) best = { name, dist };
  }
  if (!best || best.dist > Math.max(1, Math.floor(Math.max(w.length, best.name.length) / 3))) return undefined;
  return Object.hasOwn(ALIASES, best.name) ? ALIASES[best.name] : best.name;
}

/** Slack `<@U123>` / `<@U123|name>`, Discord `<@123>` / `<@!123>`, or a bare id. */
export function parseUserMention(token: string): string | null {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention) return mention[1]!;
  if (/^[A-Za-z0-9]{2,32}$/.test(token)) return token;
  return null;
}

const QUESTION_NUMBER = /^(?:q|#)?(\d{1,4})$/i;

export function parseCommand(text: string): ParsedCommand {
  const trimmed = (text ?? '').trim().slice(0, 1000);
  if (!trimmed) return { type: 'help' };
  const [first = '', ...restTokens] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const sub = (SUBCOMMANDS as readonly string[]).includes(word)
    ? (word as (typeof SUBCOMMANDS)[number])
    : Object.hasOwn(ALIASES, word)
      ? ALIASES[word]
      : undefined;
  const rest = trimmed.slice(first.length).trim();
  if (!sub) {
    const suggestion = suggestSubcommand(word);
    return { type: 'unknown', word: first.slice(0, 40), ...(suggestion ? { suggestion } : {}) };
  }
  switch (sub) {
    case 'help':
      return { type: 'help' };
    case 'explain':
      return { type: 'explain', query: rest };
    case 'schedule':
      return { type: 'schedule', args: rest };
    case 'practice':
      if (restTokens.length > 1) return { type: 'invalid', message: 'practice takes at most one deck name.', usage: USAGE.practice };
      return restTokens[0] ? { type: 'practice', deck: restTokens[0] } : { type: 'practice' };
    case 'quiz':
      return parseQuiz(restTokens);
    case 'report': {
      const n = restTokens[0] ? QUESTION_NUMBER.exec(restTokens[0]) : null;
      if (!n) return { type: 'invalid', message: 'Say which question and what is wrong with it.', usage: USAGE.report };
      const reason = rest.slice(restTokens[0]!.length).trim();
      const problem = reasonProblem(reason);
      if (problem) return { type: 'invalid', message: problem, usage: USAGE.report };
      return { type: 'report', number: String(Number(n[1])), reason };
    }
    case 'reports': {
      if (!rest) return { type: 'reports' };
      const m = /^resolve\s+#?([0-9]{1,16})$/i.exec(rest);
      if (!m) return { type: 'invalid', message: 'reports takes nothing, or resolve and a report number.', usage: USAGE.reports };
      return { type: 'reports', resolve: m[1]! };
    }
    case 'review': {
      if (!rest) return { type: 'review' };
      const m = /^remind\s+(on|off)$/i.exec(rest);
      if (!m) return { type: 'invalid', message: 'review takes nothing, or remind on / remind off.', usage: USAGE.review };
      return { type: 'review', remind: m[1]!.toLowerCase() === 'on' };
    }
    case 'leaderboard': {
      if (!rest) return { type: 'leaderboard', period: 'week' };
      const key = rest.toLowerCase().replace(/\s+/g, '-');
      const period = Object.hasOwn(PERIODS, key) ? PERIODS[key] : undefined;
      if (!period) {
        return { type: 'invalid', message: `"${rest.slice(0, 40)}" is not a period: use week, month or all.`, usage: USAGE.leaderboard };
      }
      return { type: 'leaderboard', period };
    }
    case 'stats': {
      if (!rest) return { type: 'stats' };
      const target = restTokens.length === 1 ? parseUserMention(restTokens[0]!) : null;
      if (target) return { type: 'stats', target };
      const name = rest.replace(/^@/, '').trim();
      if (!name || name.length > 80 || /[<>]/.test(name)) {
        return { type: 'invalid', message: 'stats takes one user: mention them, or give their user id or display name.', usage: USAGE.stats };
      }
      return { type: 'stats', name };
    }
  }
}

function parseQuiz(tokens: string[]): ParsedCommand {
  if (tokens.length > 2) return { type: 'invalid', message: 'quiz takes at most a deck and a question number.', usage: USAGE.quiz };
  let deck: string | undefined;
  let number: string | undefined;
  for (const token of tokens) {
    const n = QUESTION_NUMBER.exec(token);
    if (n && number === undefined) number = String(Number(n[1]));
    else if (!n && deck === undefined && number === undefined) deck = token;
    else return { type: 'invalid', message: `I could not read "${token.slice(0, 40)}" here.`, usage: USAGE.quiz };
  }
  return { type: 'quiz', ...(deck ? { deck } : {}), ...(number ? { number } : {}) };
}
