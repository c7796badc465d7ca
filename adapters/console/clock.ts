// The console's clock: real time, except while revealing a round early. The core decides what
// is due from its Clock (the close time lives in the database), so "reveal now" runs one
// closeDueRounds() with the clock moved past every open round's close time.
// Only safe when the console is the sole user of its database (the embedded one): main enables
// it only then, because it would also close other channels' rounds.

import type { Clock } from '../../src/quiz/api.js';

export class ConsoleClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = { now: () => new Date() }) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Runs `work` with the clock `aheadMs` in the future, then returns to real time. */
  async ahead<T>(aheadMs: number, work: () => Promise<T>): Promise<T> {
    this.offsetMs += aheadMs;
    try {
      return await work();
    } finally {
      this.offsetMs -= aheadMs;
    }
  }
}

/** Longer than any round stays open (daily rounds close within a day). */
export const REVEAL_JUMP_MS = 8 * 24 * 60 * 60 * 1000;
