// Wall-clock times in IANA timezones, DST-safe:
// - a time that does not exist (spring-forward gap) happens at the first valid minute after it
//   (02:30 on the day Berlin jumps from 02:00 to 03:00 → 03:00);
// - a time that exists twice (autumn repeat) happens at its first occurrence, and only once,
//   because a post is keyed by the channel-local date.

import { DateTime, IANAZone } from 'luxon';
import { includesDay } from './weekdays.js';

const MINUTE = 60_000;

/** Canonical IANA name (`europe/berlin` → `Europe/Berlin`), or null when the zone is unknown. */
export function canonicalZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) || !IANAZone.isValidZone(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** `9:00`, `09:00`, `21:30` → { hour, minute }; null when not a valid 24-hour time. */
export function parseTimeOfDay(token: string): TimeOfDay | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(token.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

export const formatTimeOfDay = (t: TimeOfDay): string =>
  `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** Channel-local date (`YYYY-MM-DD`) of an instant. */
export const localDateOf = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toISODate()!;

/**
 * The instant at which the wall-clock time `time` happens on `localDate` in `zone`: the earliest
 * such instant when the time repeats, the first valid minute after the gap when it does not exist.
 */
export function wallClockInstant(localDate: string, time: TimeOfDay, zone: string): Date {
  const z = IANAZone.create(zone);
  const [y, mo, d] = localDate.split('-').map(Number) as [number, number, number];
  for (let shift = 0; shift <= 24 * 60; shift++) {
    const wall = Date.UTC(y, mo - 1, d, time.hour, time.minute + shift);
    const found = instantsOfWall(z, wall);
    if (found.length > 0) return new Date(Math.min(...found));
  }
  throw new Error(`no valid time on ${localDate} in ${zone}`);
}

/** The instants whose local wall time in `zone` equals `wall` (wall time encoded as if UTC). */
function instantsOfWall(zone: IANAZone, wall: number): number[] {
  const offsets = new Set([zone.offset(wall - 36 * 60 * MINUTE), zone.offset(wall), zone.offset(wall + 36 * 60 * MINUTE)]);
  const out: number[] = [];
  for (const offset of offsets) {
    const instant = wall - offset * MINUTE;
    if (zone.offset(instant) === offset) out.push(instant);
  }
  return out;
}

export interface DailySlot {
  localDate: string;
  dueAt: Date;
}

export interface DailyRule {
  time: TimeOfDay;
  zone: string;
  weekdays: number;
  /** Slots due before this instant never happen. */
  effectiveFrom: Date;
}

const addDays = (localDate: string, days: number): string =>
  DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate()!;

function slotOn(rule: DailyRule, localDate: string): DailySlot | null {
  const weekday = DateTime.fromISO(localDate, { zone: 'UTC' }).weekday;
  if (!includesDay(rule.weekdays, weekday)) return null;
  const dueAt = wallClockInstant(localDate, rule.time, rule.zone);
  if (dueAt.getTime() < rule.effectiveFrom.getTime()) return null;
  return { localDate, dueAt };
}

/** Slots that are due at `now` and still inside the catch-up window (`dueAt <= now < dueAt + catchUp`). */
export function dueSlots(rule: DailyRule, now: Date, catchUpMs: number): DailySlot[] {
  const today = localDateOf(now, rule.zone);
  const out: DailySlot[] = [];
  // A catch-up window of more than a day would make no sense for a daily question; look back at most 2 days.
  for (const date of [addDays(today, -2), addDays(today, -1), today]) {
    const slot = slotOn(rule, date);
    if (!slot) continue;
    const late = now.getTime() - slot.dueAt.getTime();
    if (late >= 0 && late < Math.max(catchUpMs, MINUTE)) out.push(slot);
  }
  return out;
}

/** The first slot strictly after `now` (within the next 8 days; null when the rule has no weekday). */
export function nextSlot(rule: DailyRule, now: Date): DailySlot | null {
  const today = localDateOf(now, rule.zone);
  for (let i = -1; i <= 8; i++) {
    const slot = slotOn(rule, addDays(today, i));
    if (slot && slot.dueAt.getTime() > now.getTime()) return slot;
  }
  return null;
}
