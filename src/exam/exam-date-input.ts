// `exam-date YYYY-MM-DD`: what an admin typed, checked against the channel's today. Every refusal
// says how to do it right: the usage example is a date that works (today + 30 days), an impossible
// date is named as such, a typo far in the future is caught, and "in the past" names the channel's
// timezone (a channel without a schedule is UTC, often not where the team lives).

/** A date further ahead than this many days is taken for a typo (2207 for 2027). */
export const MAX_DAYS_AHEAD = 2 * 366;

const DAY = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** `date` plus `days` (YYYY-MM-DD). */
export const addDays = (date: string, days: number): string => isoOf(dayNumber(date) + days);

/** YYYY-MM-DD that is a real calendar date. */
export const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && isoOf(dayNumber(s)) === s;

/** The usage line, with an example 30 days after the channel's today. */
export const examDateUsage = (today: string): string => `Usage: exam-date YYYY-MM-DD (e.g. ${addDays(today, 30)}) or exam-date off.`;

/** The channel's zone as people read it: "UTC" or "Europe/Berlin". */
const zoneName = (tz: string) => (tz === 'Etc/UTC' ? 'UTC' : tz);

export function checkExamDate(word: string, today: string, tz: string): { ok: true } | { ok: false; message: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(word)) return { ok: false, message: examDateUsage(today) };
  if (!isIsoDate(word)) return { ok: false, message: `${word} is not a real date. ${examDateUsage(today)}` };
  if (word < today) return { ok: false, message: `${word} is in the past (today is ${today} in ${zoneName(tz)}, this channel's timezone).` };
  const ahead = dayNumber(word) - dayNumber(today);
  if (ahead > MAX_DAYS_AHEAD) return { ok: false, message: `${word} is more than 2 years ahead; check the year (today is ${today}).` };
  return { ok: true };
}
