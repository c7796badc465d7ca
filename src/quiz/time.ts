// Channel-local time: days for streaks, week/month starts for leaderboards, display times.
import { DateTime, IANAZone } from 'luxon';

export type Period = 'week' | 'month' | 'all';

// Zone objects are cached: luxon's validity check builds an Intl formatter each time (slow on hot paths).
const zones = new Map<string, IANAZone | null>();
function zoneOf(tz: string): IANAZone | null {
  let zone = zones.get(tz);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(tz) ? IANAZone.create(tz) : null;
    if (zones.size < 1000) zones.set(tz, zone);
  }
  return zone;
}

export const isValidTimezone = (tz: string): boolean => zoneOf(tz) !== null;

const zoned = (at: Date, tz: string) => DateTime.fromJSDate(at, { zone: zoneOf(tz) ?? 'UTC' });

// Every answer needs its channel's local date; in a burst they share the same second, and a zone's
// date cannot change within one (offsets are whole seconds), so the last second per zone is kept.
const lastDates = new Map<string, { second: number; date: string }>();

/** The channel-local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date, tz: string): string {
  const second = Math.floor(at.getTime() / 1000);
  const last = lastDates.get(tz);
  if (last?.second === second) return last.date;
  const date = zoned(at, tz).toISODate() ?? at.toISOString().slice(0, 10);
  if (last || lastDates.size < 1000) lastDates.set(tz, { second, date });
  return date;
}

/** The channel-local hour (0–23) of an instant. */
export const localHour = (at: Date, tz: string): number => zoned(at, tz).hour;

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
