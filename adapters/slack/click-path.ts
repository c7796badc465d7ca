// What happens to a click after Bolt has acked it: the core's work, then the private reply.
//
// - Work is admitted up to `maxConcurrent` clicks at once (default 256), far more than the old queue
//   of 4: the store's group commit can only batch the clicks that are in flight, so this is what
//   lets one statement carry a whole burst. The cap protects memory and the database pool under a
//   flood; the busy note, not the cap, bounds how long a user waits unaware.
// - A click holds its work slot until its replies are sent. (It used to leave at "replies ready";
//   under a flood that let new clicks into the core while thousands of finished replies waited
//   for a connection, unseen by the busy note: replies came 5–8 s late and nobody was told.
//   Holding the slot keeps the wait before the core, where the busy note sees it.)
// - One user's clicks are handled one after the other, in arrival order (outside the work slots):
//   the first click is the one recorded, and a second click's "already answered" never overtakes
//   the first click's result.
// - Waiting is bounded by time: a click whose reply is not on its way `busyAfterMs` after it
//   arrived (default 2 s; Slack's user sees nothing until then) gets a short busy note first, and
//   its result follows when ready. Nothing is dropped: every admitted click runs to the end.

import type { BlockAction } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { clickUser } from './edge.js';
import { renderView } from './render.js';
import type { Respond } from './replies.js';

/** How the busy note starts (the benchmark tells it from a result by this). */
export const BUSY_PREFIX = 'Busy:';
export const BUSY_TEXT = `${BUSY_PREFIX} lots of clicks right now. Yours is received; the result follows in a moment.`;

export interface ClickPathOptions {
  /** Clicks whose core work runs at once (default 256). */
  maxConcurrent?: number | undefined;
  /** Send the busy note when a click's reply has not started this long after the click arrived (default 2000 ms). */
  busyAfterMs?: number | undefined;
  log?: Logger;
}

/** Handed to a click's work: call `replyTurn()` once the replies are ready, then send them. */
export interface ClickTurn {
  /** Marks the replies ready (no busy note after this), then waits until a busy note already sent has gone out. Idempotent. */
  replyTurn(): Promise<void>;
}

export interface Click {
  /** Whose replies must stay in order (e.g. `team:user`). */
  user: string;
  /** performance.now() when the click arrived (default: when run() is called). */
  arrivedAt?: number;
  /** The core's work and the delivery of its replies; calls `turn.replyTurn()` before sending. */
  work: (turn: ClickTurn) => Promise<void>;
  /** Sends the busy note (absent: this click never gets one, e.g. a checkbox toggle). */
  busy?: () => Promise<unknown>;
  /** The busy note already sent while the click waited before this path (waiting-clicks.ts): none is sent again. */
  noteSent?: Promise<unknown> | undefined;
}

/** Where one click's time went, ms (for `bench:load STAGES=1`). */
export interface ClickTimings {
  /** Arrival → a work slot (after the same user's previous click, if any). */
  queued: number;
  /** Slot → replies ready (the core, its database statements included). */
  work: number;
  /** Replies ready → the busy note (if one went out first) sent. */
  note: number;
  /** Sending the replies. */
  send: number;
  busyNote: boolean;
}

export class ClickPath {
  /** Diagnostics hook: called once per finished click when set. */
  static observe: ((t: ClickTimings) => void) | undefined;

  private readonly limit: ReturnType<typeof pLimit>;
  private readonly busyAfterMs: number;
  /** The last click of each user still being handled: the next one starts after it. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly opts: ClickPathOptions = {}) {
    this.limit = pLimit(opts.maxConcurrent ?? 256);
    this.busyAfterMs = opts.busyAfterMs ?? 2000;
  }

  /** Resolves when the click's work (replies included) is done; never rejects. */
  run(click: Click): Promise<void> {
    const before = this.tails.get(click.user);
    const arrivedAt = click.arrivedAt ?? performance.now();
    const at = { admitted: NaN, ready: NaN, turn: NaN };

    let replying = false;
    let busyNote: Promise<unknown> | undefined = click.noteSent;
    const timer = click.busy && !busyNote
      ? setTimeout(() => {
          if (replying) return;
          busyNote = click.busy!().catch((err: unknown) => this.opts.log?.warn({ err }, 'could not send the busy note'));
        }, Math.max(0, this.busyAfterMs - (performance.now() - arrivedAt)))
      : undefined;

    let turnTaken: Promise<void> | undefined;
    const turn: ClickTurn = {
      replyTurn: () =>
        (turnTaken ??= (async () => {
          at.ready = performance.now();
          replying = true;
          clearTimeout(timer);
          if (busyNote) await busyNote;
          at.turn = performance.now();
        })()),
    };

    const done = (async () => {
      // One user's clicks run one after the other, in arrival order: the first click is the one
      // recorded, and its result goes out before a second click's "already answered".
      if (before) await before;
      // The slot is held from admission until the replies are sent (or the work ends without any).
      await this.limit(async () => {
        at.admitted = performance.now();
        await click.work(turn);
      });
    })()
      .catch((err: unknown) => this.opts.log?.error({ err }, 'click handling failed'))
      .finally(() => {
        replying = true;
        clearTimeout(timer);
        if (this.tails.get(click.user) === done) this.tails.delete(click.user);
        if (ClickPath.observe && turnTaken) {
          ClickPath.observe({
            queued: at.admitted - arrivedAt, work: at.ready - at.admitted, note: at.turn - at.ready, send: performance.now() - at.turn, busyNote: !!busyNote,
          });
        }
      });
    this.tails.set(click.user, done);
    return done;
  }
}

/** The busy note as a response_url message: private, under the clicked message. */
export const busyNoteMessage = () => ({ response_type: 'ephemeral' as const, replace_original: false, ...renderView({ text: BUSY_TEXT, blocks: [{ type: 'text', text: BUSY_TEXT }] }) });

/**
 * A Slack block_actions click for ClickPath.run: ordered per workspace user; buttons (not checkbox
 * toggles) may get the busy note, unless `noteSent` says it went out while the click waited.
 */
export function slackClick(body: BlockAction, respond: Respond, arrivedAt: number, work: Click['work'], noteSent?: Promise<unknown>): Click {
  return {
    user: clickUser(body),
    arrivedAt,
    work,
    ...(body.actions[0]?.type === 'button' ? { busy: () => respond(busyNoteMessage()) } : {}),
    ...(noteSent ? { noteSent } : {}),
  };
}
