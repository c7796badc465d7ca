// Clicks waiting for their turn (adapters/slack/waiting-clicks.ts): first come, first served while
// there is no backlog; newest first once the oldest has waited, one user's clicks still in order,
// and nobody past the longest wait; the busy note from the queue itself, told to the click's run.

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { EdgeClick } from '../../adapters/slack/edge.js';
import { WaitingClicks, type WaitingClicksOptions } from '../../adapters/slack/waiting-clicks.js';

const log = pino({ level: 'silent' });

/** A click that arrived `agoMs` ago. */
function click(name: string, agoMs = 0, opts: { user?: string; button?: boolean } = {}): EdgeClick {
  return {
    payload: new TextEncoder().encode(JSON.stringify({ name })),
    responseUrl: `https://hooks.slack.com/actions/${name}`,
    button: opts.button ?? true,
    user: opts.user ?? `T1:${name}`,
    retryNum: undefined,
    retryReason: undefined,
    receivedAt: performance.timeOrigin + performance.now() - agoMs,
    ackMs: 1,
  };
}

const nameOf = (c: EdgeClick) => (JSON.parse(new TextDecoder().decode(c.payload)) as { name: string }).name;

/** One click runs at a time; each run waits until released, so the test decides when the next is picked. */
function harness(opts: Partial<WaitingClicksOptions> = {}) {
  const started: string[] = [];
  const notesTold = new Map<string, boolean>();
  const release: (() => void)[] = [];
  const notes: string[] = [];
  const queue = new WaitingClicks(
    async (c, note) => {
      started.push(nameOf(c));
      notesTold.set(nameOf(c), !!note);
      await new Promise<void>((r) => release.push(r));
    },
    {
      maxRunning: 1,
      log,
      busy: async (url) => {
        notes.push(url.split('/').at(-1)!);
      },
      ...opts,
    },
  );
  const next = async () => {
    release.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  /** Finishes the running click; `name` is the one that starts next. */
  const nextIs = async (name: string) => {
    await next();
    expect(started.at(-1)).toBe(name);
  };
  return { queue, started, notes, notesTold, next, nextIs, release };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('clicks waiting for their turn', () => {
  it('are served first come, first served while nobody has waited long', async () => {
    const h = harness();
    const done = ['a', 'b', 'c'].map((n) => h.queue.push(click(n)));
    await turn();
    expect(h.started).toEqual(['a']);
    expect(h.queue.waiting).toBe(2);
    await h.next();
    await h.next();
    await h.next();
    await Promise.all(done);
    expect(h.started).toEqual(['a', 'b', 'c']);
    expect(h.queue.waiting).toBe(0);
  });

  it('once a backlog has formed, the newest goes first; a user whose newer click is picked has their older one run first', async () => {
    const h = harness({ newestFirstAfterMs: 500 });
    h.queue.push(click('running'));
    await turn();
    h.queue.push(click('old1', 900));
    h.queue.push(click('u-first', 800, { user: 'T1:U' }));
    h.queue.push(click('old2', 700));
    h.queue.push(click('u-second', 10, { user: 'T1:U' }));
    h.queue.push(click('new', 5));
    await h.nextIs('new');
    // The newest is U's second click: U's first runs instead, then the second.
    await h.nextIs('u-first');
    await h.nextIs('u-second');
    await h.nextIs('old2');
    await h.nextIs('old1');
    await h.next();
  });

  it('by default the order turns newest first when the oldest has waited as long as the busy note\'s delay', async () => {
    const h = harness({ busyAfterMs: 1000 });
    h.queue.push(click('running'));
    await turn();
    h.queue.push(click('waited 900 ms', 900));
    h.queue.push(click('new', 1));
    await h.nextIs('waited 900 ms');
    await h.nextIs('new');
    h.queue.push(click('waited 1100 ms', 1100));
    h.queue.push(click('newest', 0));
    await h.nextIs('newest');
    await h.next();
    await h.next();
  });

  it('a click that has waited the longest wait goes before newer ones', async () => {
    const h = harness({ newestFirstAfterMs: 500, maxWaitMs: 5000 });
    h.queue.push(click('running'));
    await turn();
    h.queue.push(click('ancient', 6000));
    h.queue.push(click('recent', 600));
    h.queue.push(click('new', 1));
    await h.nextIs('ancient');
    await h.nextIs('new');
    await h.next();
    await h.next();
  });

  it('a button click still waiting after busyAfterMs gets the busy note, and its run is told; one that ran in time, or a checkbox, gets none', async () => {
    const h = harness({ busyAfterMs: 80, newestFirstAfterMs: 10_000 });
    h.queue.push(click('first'));
    await turn();
    h.queue.push(click('waits'));
    h.queue.push(click('toggle', 0, { button: false }));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.notes).toEqual(['waits']);
    await h.next();
    await h.next();
    await h.next();
    expect(h.started).toEqual(['first', 'waits', 'toggle']);
    expect(Object.fromEntries(h.notesTold)).toEqual({ first: false, waits: true, toggle: false });
  });

  it('a busy note that cannot be sent does not stop the click', async () => {
    const started: string[] = [];
    let release!: () => void;
    const queue = new WaitingClicks(
      async (c) => {
        started.push(nameOf(c));
        if (started.length === 1) await new Promise<void>((r) => (release = r));
      },
      { maxRunning: 1, busyAfterMs: 20, log, busy: () => Promise.reject(new Error('response_url answered 404')) },
    );
    const first = queue.push(click('first'));
    await turn();
    const second = queue.push(click('second'));
    await new Promise((r) => setTimeout(r, 60));
    release();
    await Promise.all([first, second]);
    expect(started).toEqual(['first', 'second']);
  });
});
