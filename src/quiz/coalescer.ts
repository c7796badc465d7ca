// Coalesces live message edits: at most one send per key every `intervalMs`, and the send
// reads the latest state when it fires (latest count wins). Plain setTimeout so fake timers
// drive it in tests.
import type { Logger } from 'pino';

export class EditCoalescer {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private inflight = new Set<Promise<void>>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (key: string) => Promise<void>,
    private readonly log?: Logger,
  ) {}

  /** Something changed for `key`: send within the interval (once, whatever the number of touches). */
  touch(key: string): void {
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.run(key);
    }, this.intervalMs);
    (timer as { unref?: () => void }).unref?.();
    this.timers.set(key, timer);
  }

  /** Drops a pending send (the message is about to be replaced anyway). */
  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Sends everything pending now and waits for sends in flight. */
  async flush(): Promise<void> {
    const keys = [...this.timers.keys()];
    for (const key of keys) this.cancel(key);
    for (const key of keys) this.run(key);
    await Promise.all([...this.inflight]);
  }

  private run(key: string) {
    const p = this.send(key)
      .catch((err: unknown) => this.log?.warn({ err, key }, 'coalesced message edit failed'))
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }
}
