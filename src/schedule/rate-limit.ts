// Platform rate limits as the scheduler sees them: a 429 means "nothing was posted, try again
// after Retry-After", never a lost day.

const DEFAULT_RETRY_MS = 5_000;

type Bag = Record<string, unknown>;
const asBag = (v: unknown): Bag | null => (v !== null && typeof v === 'object' ? (v as Bag) : null);
const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * How long to wait when `err` (or one of its causes) is a rate limit, else null. Understands:
 * - `retryAfterMs` (StudybotError 'platform:rate-limited' as the adapters raise it; the preferred form),
 * - @slack/web-api's `slack_webapi_rate_limited_error` (`retryAfter` in seconds),
 * - discord.js `RateLimitError` (`retryAfter` in milliseconds),
 * - anything with status 429 and a `retry-after` header or `retryAfter` (seconds, as HTTP says).
 */
export function rateLimitDelayMs(err: unknown): number | null {
  let limited = false;
  let delay: number | null = null;
  for (let e = asBag(err), depth = 0; e && depth < 6; e = asBag(e.cause), depth++) {
    const code = e.code;
    const status = num(e.status) ?? num(e.statusCode) ?? num(asBag(e.response)?.status);
    const isSlack = code === 'slack_webapi_rate_limited_error';
    const isDiscord = e.name === 'RateLimitError';
    if (code === 'platform:rate-limited' || status === 429 || isSlack || isDiscord) limited = true;
    if (delay === null) {
      const headers = asBag(e.headers) ?? asBag(asBag(e.response)?.headers);
      const header = headers ? num(headers['retry-after'] ?? headers['Retry-After']) : null;
      delay =
        num(e.retryAfterMs) ??
        (isDiscord ? num(e.retryAfter) : null) ??
        (num(e.retryAfter) !== null ? num(e.retryAfter)! * 1000 : null) ??
        (header !== null ? header * 1000 : null);
    }
  }
  if (!limited) return null;
  return Math.max(delay ?? DEFAULT_RETRY_MS, 0);
}

/** Per-key "do not send before" times (key: `platform:workspace`, the unit Slack limits by). */
export class RetryGate {
  private readonly until = new Map<string, number>();

  pause(key: string, now: Date, ms: number): void {
    const t = now.getTime() + ms;
    if (t > (this.until.get(key) ?? 0)) this.until.set(key, t);
  }

  /** Milliseconds until `key` may send again (0: now). */
  remaining(key: string, now: Date): number {
    const t = this.until.get(key);
    if (t === undefined) return 0;
    const left = t - now.getTime();
    if (left <= 0) this.until.delete(key);
    return Math.max(left, 0);
  }
}
