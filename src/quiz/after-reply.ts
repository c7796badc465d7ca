// Work a reply does not wait for: after a channel answer is recorded, the click's result goes out
// at once and the FSRS card write follows (issue 15: the card write was the last of the
// statements a click waited for). Each user's deferred work runs in order, and the router makes
// the same user's next command or click wait for it, so a rating click, `review` or `stats`
// always sees the card. `all()` (the core's flush) waits for everything, e.g. at shutdown.
import type { Logger } from 'pino';

export class AfterReply {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly log?: Logger) {}

  /** Runs `work` after this user's earlier deferred work; a failure is logged (with `context`), never thrown at anyone. */
  add(userKey: string, context: Record<string, unknown>, work: () => Promise<void>): void {
    const next = (this.tails.get(userKey) ?? Promise.resolve())
      .then(work)
      .catch((err: unknown) => this.log?.warn({ err, ...context }, 'a write after the reply failed'));
    this.tails.set(userKey, next);
    void next.then(() => {
      if (this.tails.get(userKey) === next) this.tails.delete(userKey);
    });
  }

  /** This user's deferred work, if any is still running (undefined: nothing to wait for). */
  pending(userKey: string): Promise<void> | undefined {
    return this.tails.get(userKey);
  }

  async all(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }
}
