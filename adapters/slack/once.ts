// Remembers which deliveries were already handled, so a Slack redelivery (x-slack-retry-num) or a
// replay of a command, click or form is acked and dropped instead of running twice. In memory per
// process (bounded), and, when given, in the database (src/db/delivery-log.ts), so a restart or
// another process behind the same load balancer cannot forget it.

import type { Logger } from 'pino';

/** Remembers deliveries: `first(key)` is true once per key within its expiry, false for every repeat. */
export interface DeliveryClaims {
  first(key: string): boolean | Promise<boolean>;
}

export class DeliveryLog implements DeliveryClaims {
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

/**
 * The process's own memory first (a repeat on this process costs no query), then the shared log.
 * When the shared log cannot answer (database down), the delivery runs: losing a click is worse
 * than the rare double delivery, which the core's own idempotency (one answer per user and round)
 * still catches.
 */
export class LayeredDeliveryLog implements DeliveryClaims {
  constructor(
    private readonly memory: DeliveryLog,
    private readonly shared: { first(key: string): Promise<boolean> } | undefined,
    private readonly namespace: string,
    private readonly log?: Logger,
  ) {}

  async first(key: string): Promise<boolean> {
    if (!this.memory.first(key)) return false;
    if (!this.shared) return true;
    try {
      return await this.shared.first(`${this.namespace}:${key}`);
    } catch (err) {
      this.log?.warn({ err }, 'delivery log unavailable; handling the delivery');
      return true;
    }
  }
}

/**
 * Runs one piece of work per key and hands every repeat of that key the same promise, within a
 * TTL. Used for modal submissions: a redelivered view_submission waits for (and answers with) the
 * first delivery's outcome instead of running the core twice.
 */
export class SharedOutcome<T> {
  private readonly entries = new Map<string, { at: number; result: Promise<T> }>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `first` is true for the call that started the work, false for repeats that share it. */
  run(key: string, work: () => Promise<T>): { first: boolean; result: Promise<T> } {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return { first: false, result: hit.result };
    this.entries.delete(key);
    const result = work();
    this.entries.set(key, { at: now, result });
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - e.at < this.ttlMs) break;
      this.entries.delete(k);
    }
    return { first: true, result };
  }

  get size(): number {
    return this.entries.size;
  }
}
