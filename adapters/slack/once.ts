// Remembers which deliveries were already handled, so a Slack redelivery (x-slack-retry-num) of a
// command or click is acked and dropped instead of running twice. In memory, per process, bounded;
// across processes the core's own idempotency (one answer per user per round) still holds.

export class DeliveryLog {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `key` is seen within the TTL, false for every repeat. */
  first(key: string): boolean {
    const now = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    this.evict(now);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    // Map iterates in insertion order: the oldest entries come first.
    for (const [key, at] of this.seen) {
      if (this.seen.size <= this.maxEntries && now - at < this.ttlMs) break;
      this.seen.delete(key);
    }
  }
}
