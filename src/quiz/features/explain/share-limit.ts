// "Share to channel" posts for everyone, with the sharer's name: bounded so nobody can make the bot
// flood a channel. A concept is posted to a channel at most once every SHARE_COOLDOWN_MS (whoever
// clicks, from whichever explain answer), and one user shares at most SHARES_PER_HOUR concepts per
// channel in any hour. (The click also replaces its private answer, so its button is gone.)
// Counted in this process: a restart, or a second process, starts the counts again.
import type { FeatureContext } from '../../feature.js';

export const SHARE_COOLDOWN_MS = 10 * 60_000;
export const SHARES_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

interface ShareLog {
  /** `${channelKey} ${deckId}:${slug}` → when it was last posted. */
  concepts: Map<string, number>;
  /** `${userKey} ${channelKey}` → when that user's shares there were posted (within the hour). */
  users: Map<string, number[]>;
}

const logs = new WeakMap<object, ShareLog>();

function logOf(ctx: FeatureContext): ShareLog {
  let log = logs.get(ctx);
  if (!log) logs.set(ctx, (log = { concepts: new Map(), users: new Map() }));
  return log;
}

export type ShareRefusal =
  /** This concept was posted to this channel at `sharedAt`; again from `allowedAt`. */
  | { kind: 'recently-shared'; sharedAt: Date; allowedAt: Date }
  /** This user has shared SHARES_PER_HOUR concepts here within the hour; again from `allowedAt`. */
  | { kind: 'user-limit'; allowedAt: Date };

/**
 * Checks a share and, when it may go, counts it at once (before any await, so two clicks arriving
 * together cannot both pass). Null: post it.
 */
export function takeShare(ctx: FeatureContext, share: { channelKey: string; userKey: string; concept: string }): ShareRefusal | null {
  const now = ctx.clock.now().getTime();
  const log = logOf(ctx);
  const conceptKey = `${share.channelKey} ${share.concept}`;
  const userKey = `${share.userKey} ${share.channelKey}`;
  const last = log.concepts.get(conceptKey);
  if (last !== undefined && last > now - SHARE_COOLDOWN_MS) {
    return { kind: 'recently-shared', sharedAt: new Date(last), allowedAt: new Date(last + SHARE_COOLDOWN_MS) };
  }
  const recent = (log.users.get(userKey) ?? []).filter((t) => t > now - HOUR_MS);
  if (recent.length >= SHARES_PER_HOUR) {
    log.users.set(userKey, recent);
    return { kind: 'user-limit', allowedAt: new Date(recent[recent.length - SHARES_PER_HOUR]! + HOUR_MS) };
  }
  log.users.set(userKey, [...recent, now]);
  log.concepts.set(conceptKey, now);
  // Keep the maps from growing without bound: forget cooldowns that are over and users with no share in the hour.
  if (log.concepts.size > 1000) for (const [k, t] of log.concepts) if (t <= now - SHARE_COOLDOWN_MS) log.concepts.delete(k);
  if (log.users.size > 1000) for (const [k, times] of log.users) if (times.every((t) => t <= now - HOUR_MS)) log.users.delete(k);
  return null;
}
