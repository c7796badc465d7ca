// A channel's study days (the schedule's weekdays) for the streak bonus, read at most once a minute per channel and
// store: every right answer to the question of the day needs them, and a burst of answers would otherwise read the
// same row once each. A schedule change reaches the bonus within the minute.
import type { QuizStore } from '../../store.js';
import { EVERY_DAY } from '../../scoring.js';

const TTL_MS = 60_000;
const cache = new WeakMap<QuizStore, Map<string, { days: number; until: number }>>();

export async function studyDaysOf(store: QuizStore, channelKey: string, nowMs: number): Promise<number> {
  let byChannel = cache.get(store);
  if (!byChannel) cache.set(store, (byChannel = new Map()));
  const hit = byChannel.get(channelKey);
  if (hit && hit.until > nowMs) return hit.days;
  const days = (await store.studyDays(channelKey)) ?? EVERY_DAY;
  if (byChannel.size > 10_000) byChannel.clear();
  byChannel.set(channelKey, { days, until: nowMs + TTL_MS });
  return days;
}
