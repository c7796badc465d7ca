// Clicks the front door acked, waiting for their turn on this thread. A few hundred run at once
// (the store's group commit batches what is running); the rest wait here as the payload's bytes,
// not as parsed payloads inside Bolt's middleware.
//
// The order adapts to the load (adaptive LIFO, as in "Fail at Scale", ACM Queue 2015):
//   - normally first come, first served: a short backlog is spread thinly, nobody waits long;
//   - once the oldest waiting click has waited `newestFirstAfterMs` (default: the busy note's
//     delay, so first come, first served would now make every new click wait for a busy note),
//     the newest click goes first: most people get their result at once and only the overflow
//     waits, told by the busy note (a note for everyone is more work while the bot is behind);
//   - a click that has waited `maxWaitMs` goes before any newer one, so nobody waits unboundedly;
//   - one user's clicks keep their order: when a user's newer click is picked, their oldest
//     waiting click runs instead (the click path runs each user's clicks in the order handed on).
//
// Waiting is bounded by time as in the click path: a button click still waiting `busyAfterMs`
// after it arrived gets the busy note from here, and its handler is told, so the result follows
// the note and no second note is sent.
import type { Logger } from 'pino';
import type { EdgeClick } from './edge.js';

export interface WaitingClicksOptions {
  /** Clicks handed on at once, their work not finished (default 256). */
  maxRunning?: number | undefined;
  /** A waiting button click gets the busy note this long after it arrived (default 2000 ms). */
  busyAfterMs?: number | undefined;
  /** Newest first once the oldest waiting click has waited this long (default: busyAfterMs, when waiting means a busy note anyway). */
  newestFirstAfterMs?: number | undefined;
  /** A click waiting this long goes before newer ones again (default 10 s). */
  maxWaitMs?: number | undefined;
  /** Sends the busy note to a click's response_url. */
  busy?: ((responseUrl: string) => Promise<unknown>) | undefined;
  log: Logger;
}

interface Waiting {
  click: EdgeClick;
  /** performance.now() when it arrived. */
  arrivedAt: number;
  note: Promise<unknown> | undefined;
  done: () => void;
  prev: Waiting | undefined;
  next: Waiting | undefined;
}

/** Runs one click: parse it and hand it on; `busyNote`, when set, is the note already on its way. */
export type RunClick = (click: EdgeClick, busyNote: Promise<unknown> | undefined) => Promise<void>;

export class WaitingClicks {
  /** Waiting clicks in arrival order. */
  private head: Waiting | undefined;
  private tail: Waiting | undefined;
  /** Each user's waiting clicks, oldest first. */
  private readonly byUser = new Map<string, Waiting[]>();
  /** The first waiting click not yet looked at for a busy note (every older one was). */
  private unnoted: Waiting | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pumpScheduled = false;
  private running = 0;
  private waitingCount = 0;
  private readonly maxRunning: number;
  private readonly busyAfterMs: number;
  private readonly newestFirstAfterMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly run: RunClick,
    private readonly opts: WaitingClicksOptions,
  ) {
    this.maxRunning = Math.max(1, opts.maxRunning ?? 256);
    this.busyAfterMs = opts.busyAfterMs ?? 2000;
    this.newestFirstAfterMs = opts.newestFirstAfterMs ?? this.busyAfterMs;
    this.maxWaitMs = opts.maxWaitMs ?? 10_000;
  }

  /** Clicks waiting for their turn. */
  get waiting(): number {
    return this.waitingCount;
  }

  /** Queues a click; resolves when it has been handled (never rejects). */
  push(click: EdgeClick): Promise<void> {
    return new Promise<void>((done) => {
      const item: Waiting = { click, arrivedAt: click.receivedAt - performance.timeOrigin, note: undefined, done, prev: this.tail, next: undefined };
      if (this.tail) this.tail.next = item;
      else this.head = item;
      this.tail = item;
      const mine = this.byUser.get(click.user);
      if (mine) mine.push(item);
      else this.byUser.set(click.user, [item]);
      this.waitingCount++;
      this.unnoted ??= item;
      this.armTimer();
      // Clicks that arrived together are all queued before any of them runs (one group commit).
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.running < this.maxRunning && this.head) {
      const item = this.take(this.pick());
      this.running++;
      this.run(item.click, item.note)
        .catch((err: unknown) => this.opts.log.error({ err }, 'a click could not be handled'))
        .finally(() => {
          this.running--;
          item.done();
          this.pump();
        });
    }
    this.armTimer();
  }

  /** The click to run next (see the top of the file). */
  private pick(): Waiting {
    const oldest = this.head!;
    const waited = performance.now() - oldest.arrivedAt;
    const chosen = waited < this.newestFirstAfterMs || waited >= this.maxWaitMs ? oldest : this.tail!;
    return this.byUser.get(chosen.click.user)![0]!;
  }

  private take(item: Waiting): Waiting {
    if (item.prev) item.prev.next = item.next;
    else this.head = item.next;
    if (item.next) item.next.prev = item.prev;
    else this.tail = item.prev;
    if (this.unnoted === item) this.unnoted = item.next;
    item.prev = item.next = undefined;
    const mine = this.byUser.get(item.click.user)!;
    mine.shift();
    if (!mine.length) this.byUser.delete(item.click.user);
    this.waitingCount--;
    return item;
  }

  /** One timer, for the first click whose note is not yet due (clicks are noted in arrival order). */
  private armTimer(): void {
    if (this.timer || !this.unnoted || !this.opts.busy) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.noteOverdue();
    }, Math.max(0, this.unnoted.arrivedAt + this.busyAfterMs - performance.now()));
    // Waiting clicks' work keeps the process running; this timer alone must not hold its exit.
    this.timer.unref();
  }

  private noteOverdue(): void {
    const due = performance.now() - this.busyAfterMs;
    for (let item = this.unnoted; item && item.arrivedAt <= due; item = item.next) {
      this.unnoted = item.next;
      const url = item.click.responseUrl;
      if (!item.click.button || !url) continue;
      item.note = this.opts.busy!(url).catch((err: unknown) => this.opts.log.warn({ err }, 'could not send the busy note'));
    }
    this.armTimer();
  }
}
