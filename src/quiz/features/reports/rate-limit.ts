// At most REPORTS_PER_HOUR question reports per user and channel in any hour, so nobody can flood
// the admins' list. Counted in this process (a sliding window) and, across processes and restarts,
// from the reports still open in the store.
import type { FeatureContext } from '../../feature.js';

export const REPORTS_PER_HOUR = 5;
const WINDOW_MS = 60 * 60_000;
/** Open reports of the tenant scanned for the store-side count. */
const OPEN_SCAN = 200;

const windows = new WeakMap<object, Map<string, number[]>>();

const recentIn = (ctx: FeatureContext, key: string, now: number) => {
  let byKey = windows.get(ctx);
  if (!byKey) windows.set(ctx, (byKey = new Map()));
  const kept = (byKey.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  byKey.set(key, kept);
  return kept;
};

/** When the reporter may report again in this channel, or null when they may now. */
export async function reportAllowedAt(ctx: FeatureContext, tenant: string, reporterKey: string, channelKey: string): Promise<Date | null> {
  const now = ctx.clock.now().getTime();
  const local = recentIn(ctx, `${reporterKey} ${channelKey}`, now);
  const stored = ctx.store.reports
    ? (await ctx.store.reports.openReports(tenant, OPEN_SCAN))
        .filter((r) => r.reporterKey === reporterKey && r.channelKey === channelKey && r.createdAt.getTime() > now - WINDOW_MS)
        .map((r) => r.createdAt.getTime())
    : [];
  const times = (local.length >= stored.length ? local : stored).sort((a, b) => a - b);
  if (times.length < REPORTS_PER_HOUR) return null;
  return new Date(times[times.length - REPORTS_PER_HOUR]! + WINDOW_MS);
}

export function noteReport(ctx: FeatureContext, reporterKey: string, channelKey: string): void {
  const now = ctx.clock.now().getTime();
  recentIn(ctx, `${reporterKey} ${channelKey}`, now).push(now);
}
