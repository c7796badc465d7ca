// When the channel's next question of the day really comes. A channel gets at most one per local
// date (the claim), so a date whose claim exists is used up even if the new time is still ahead
// (review F11: moving 09:00 to 15:00 after the 09:00 post must not promise a 15:00 question).

import type { ScheduleChannelRow } from '../db/schedule-schema.js';
import { getClaim, type ScheduleDb } from './store.js';
import { localDateOf, nextSlot, parseTimeOfDay, type DailyRule, type DailySlot } from './time.js';

/** A date whose question is already out (or settled otherwise) and so will not come again. */
export interface UsedDay {
  localDate: string;
  state: string;
  postedAt: Date | null;
}

export interface NextPost {
  slot: DailySlot | null;
  /** Set when the rule's next time falls on such a date and the post moves to the day after. */
  used: UsedDay | null;
}

export const ruleOf = (row: Pick<ScheduleChannelRow, 'timeOfDay' | 'timezone' | 'weekdays' | 'effectiveFrom'>): DailyRule | null => {
  const time = parseTimeOfDay(row.timeOfDay);
  return time ? { time, zone: row.timezone, weekdays: row.weekdays, effectiveFrom: row.effectiveFrom } : null;
};

export async function nextPost(db: ScheduleDb, row: ScheduleChannelRow, now: Date): Promise<NextPost> {
  const rule = ruleOf(row);
  let slot = rule ? nextSlot(rule, now) : null;
  let used: UsedDay | null = null;
  // Only today (or a date still inside the catch-up window) can have a claim already.
  for (let i = 0; slot && rule && i < 3; i++) {
    const claim = await getClaim(db, { channelKey: row.channelKey, localDate: slot.localDate });
    if (!claim) break;
    used ??= { localDate: claim.localDate, state: claim.state, postedAt: claim.postedAt };
    slot = nextSlot(rule, slot.dueAt);
  }
  return { slot, used };
}

/**
 * Today's question that a change of the setting drops: it was still to come under `before`, and
 * `after` no longer posts it today. Null when nothing is lost.
 */
export async function droppedToday(
  db: ScheduleDb,
  before: ScheduleChannelRow | null,
  after: ScheduleChannelRow,
  now: Date,
): Promise<{ dueAt: Date; zone: string } | null> {
  if (!before?.enabled) return null;
  const oldRule = ruleOf(before);
  const oldSlot = oldRule ? nextSlot(oldRule, now) : null;
  if (!oldSlot || oldSlot.localDate !== localDateOf(now, before.timezone)) return null;
  if (await getClaim(db, { channelKey: before.channelKey, localDate: oldSlot.localDate })) return null;
  const newRule = ruleOf(after);
  const newSlot = newRule ? nextSlot(newRule, now) : null;
  if (newSlot && localDateOf(newSlot.dueAt, before.timezone) === oldSlot.localDate) return null;
  return { dueAt: oldSlot.dueAt, zone: before.timezone };
}
