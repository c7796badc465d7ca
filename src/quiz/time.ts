// Channel-local time: days for streaks, week/month starts for leaderboards, display times.
import { DateTime, IANAZone } from 'luxon';

export type Period = 'week' | 'month' | 'all';

export const isValidTimezone = (tz: string): boolean => IANAZone.isValidZone(tz);

const zoned = (at: Date, tz: string) => DateTime.fromJSDate(at, { zone: isValidTimezone(tz) ? tz : 'UTC' });

/** The channel-local date (YYYY-MM-DD) of an instant. */
export const localDate = (at: Date, tz: string): string => zoned(at, tz).toISODate() ?? at.toISOString().slice(0, 10);

/** Start of the channel-local ISO week (Monday 00:00) or month; null for all time. */
export function periodStart(period: Period, at: Date, tz: string): Date | null {
  if (period === 'all') return null;
  return zoned(at, tz).startOf(period).toJSDate();
}

/** "14:05 UTC" — or with the date ("Mon 3 Jun, 14:05 UTC") when not on the same local day as `now`. */
export function formatTime(at: Date, tz: string, now: Date): string {
  const t = zoned(at, tz);
  const sameDay = t.hasSame(zoned(now, tz), 'day');
  const clock = t.toFormat('HH:mm');
  const zone = t.offsetNameShort ?? t.zoneName ?? 'UTC';
  return sameDay ? `${clock} ${zone}` : `${t.toFormat('ccc d LLL')}, ${clock} ${zone}`;
}
