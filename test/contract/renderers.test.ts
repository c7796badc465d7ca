// The adapter contract: one real-core conversation, rendered by Slack's, Discord's and the
// console's renderers. Each must keep every word and every control of every view, fit its
// platform's limits, and let no content or user name ping anyone. The controls offered must be
// the same on every platform (the core's ids), so a click means the same thing everywhere.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters } from './adapters.js';
import { atomsOf, collectCoreConversation, controlsOf, type CoreConversation } from './conversation.js';

describe('every adapter renders the same core views faithfully', () => {
  let convo: CoreConversation;

  beforeAll(async () => {
    convo = await collectCoreConversation('slack', { workspace: 'T0CONTRACT', channel: 'C0CONTRACT', user: (n) => `U0USER${n}` });
  }, 60_000);
  afterAll(async () => convo?.close());

  it('the conversation covers questions, count edits, reveals, shares, refusals and boards', () => {
    const whats = new Set(convo.views.map((v) => v.what));
    for (const w of ['help', 'explain concept', 'share concept', 'quiz', 'right answer', 'double click', 'late click', 'multi: too few', 'practice answered', 'leaderboard week', 'stats', 'schedule bad']) {
      expect(whats, w).toContain(w);
    }
    expect(convo.chat.posts).toHaveLength(2);
    expect(convo.chat.posts.every((p) => p.history.length >= 2)).toBe(true); // question, (count edits,) reveal
  });

  for (const adapter of adapters) {
    it(`${adapter.name}: keeps every word and control, fits the platform, pings nobody`, () => {
      for (const { what, view } of convo.views) {
        const out = adapter.render(view);
        const seen = adapter.readable(out.raw);
        for (const atom of atomsOf(view)) {
          expect(seen, `${adapter.name} / ${what}: missing "${atom}"`).toContain(adapter.readable(atom));
        }
        expect(out.problems, `${adapter.name} / ${what}`).toEqual([]);
        expect(out.raw, `${adapter.name} / ${what}: live mention`).not.toMatch(adapter.pings);
      }
    });
  }

  it('offers the same controls, with the core ids, on Slack, Discord and the console', () => {
    for (const { what, view } of convo.views) {
      const expected = controlsOf(view);
      const byAdapter = Object.fromEntries(adapters.map((a) => [a.name, a.render(view).controls]));
      for (const c of expected) {
        expect(byAdapter.discord, `discord / ${what}`).toContainEqual(c);
        expect(byAdapter.console, `console / ${what}`).toContainEqual(c);
        if (c.label.includes(' of ')) {
          // Slack: checkboxes carrying the options, plus a Submit button with the submit id.
          expect(byAdapter.slack!.map((x) => x.id), `slack / ${what}`).toContain(c.id);
          const values = c.label.split(' of ')[1]!;
          expect(byAdapter.slack!.filter((x) => x.id.startsWith('options:')).map((x) => x.label).join(','), `slack / ${what}`).toBe(values);
        } else {
          expect(byAdapter.slack, `slack / ${what}`).toContainEqual(c);
        }
      }
      if (expected.length === 0) for (const a of adapters) expect(byAdapter[a.name], `${a.name} / ${what}`).toEqual([]);
    }
  });

  it('the injected display name reaches every platform as harmless text', () => {
    const reveal = convo.chat.posts.map((p) => p.history.at(-1)!).find((v) => atomsOf(v).some((a) => a.includes('@everyone')))!;
    expect(reveal, 'a reveal naming the injecting user').toBeDefined();
    expect(reveal.text).toMatch(/closed/i);
    const shared = convo.views.find((v) => v.what === 'share concept')!.view;
    for (const view of [reveal, shared]) {
      for (const adapter of adapters) {
        const out = adapter.render(view);
        expect(adapter.readable(out.raw)).toContain(adapter.readable('@everyone @here'));
        expect(out.raw).not.toMatch(adapter.pings);
      }
    }
  });
});
