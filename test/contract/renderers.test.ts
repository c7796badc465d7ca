// The adapter contract: one real-core conversation, rendered by Slack's, Discord's and the
// console's renderers. Each must keep every word and every control of every view, fit its
// platform's limits, and let no content or user name ping anyone. The controls offered must be
// the same on every platform (the core's ids), so a click means the same thing everywhere.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { SLACK_LIMITS, renderView as renderSlack } from '../../adapters/slack/render.js';
import type { MessageView } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { atomsOf, collectCoreConversation, controlsOf, type CoreConversation } from './conversation.js';

interface Rendered {
  /** Everything a reader sees, as the platform receives it (escaped). */
  raw: string;
  /** The ids of the controls, with their labels ("submit" controls carry their options). */
  controls: { id: string; label: string }[];
  /** Limit violations, empty when the message fits the platform. */
  problems: string[];
}

interface Adapter {
  name: string;
  render(view: MessageView): Rendered;
  /** Undo the platform's escaping and formatting marks so words can be compared. */
  readable(text: string): string;
  /** Raw output must not contain a live mention. */
  pings: RegExp;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

const slack: Adapter = {
  name: 'slack',
  // Slack pings only through its <!channel>, <!here>, <@U…> syntax (we never send link_names).
  pings: /<[!@#]/,
  readable: (s) =>
    collapse(
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/:white_check_mark:|:x:/g, '')
        .replace(/[*_`~•✓]/g, '')
        .replace(/^\s*>\s?/gm, ''),
    ),
  render(view) {
    const msg = renderSlack(view) as unknown as { text: string; blocks: any[] };
    const texts: string[] = [];
    const controls: Rendered['controls'] = [];
    const problems: string[] = [];
    if (msg.blocks.length > SLACK_LIMITS.blocks) problems.push(`${msg.blocks.length} blocks`);
    for (const b of msg.blocks) {
      if (b.text?.text) {
        texts.push(b.text.text);
        if (b.text.text.length > SLACK_LIMITS.sectionText) problems.push('section text too long');
      }
      for (const f of b.fields ?? []) {
        texts.push(f.text);
        if (f.text.length > SLACK_LIMITS.fieldText) problems.push('field too long');
      }
      if ((b.fields ?? []).length > SLACK_LIMITS.sectionFields) problems.push('too many fields');
      if (b.type === 'context') for (const e of b.elements) texts.push(e.text ?? '');
      if (b.type === 'actions') {
        if (b.elements.length > SLACK_LIMITS.actionsElements) problems.push('too many elements');
        for (const e of b.elements) {
          if (e.action_id.length > SLACK_LIMITS.actionId) problems.push('action_id too long');
          if (e.type === 'button') {
            if (e.text.text.length > SLACK_LIMITS.buttonText) problems.push('button text too long');
            controls.push({ id: e.action_id, label: e.text.text });
          }
          if (e.type === 'checkboxes') {
            if (e.options.length > SLACK_LIMITS.checkboxOptions) problems.push('too many checkboxes');
            controls.push({ id: `options:${e.action_id}`, label: e.options.map((o: any) => o.value).join(',') });
          }
        }
      }
    }
    return { raw: texts.join('\n'), controls, problems };
  },
};

const discord: Adapter = {
  name: 'discord',
  pings: /@(everyone|here)|<@[!&]?\d/i,
  readable: (s) =>
    collapse(
      s
        .replace(/\u200b/g, '')
        .replace(/\\([^A-Za-z0-9\s])/g, '$1')
        .replace(/\*\*|`/g, '')
        .replace(/^(> |-# )/gm, '')
        .replace(/[✓✅❌•]/g, ''),
    ),
  render(view) {
    const msg = renderDiscord(view);
    const texts = [msg.content];
    for (const e of msg.embeds) {
      texts.push(e.title ?? '', e.description ?? '');
      for (const f of e.fields ?? []) texts.push(f.name, f.value);
      if (e.footer?.text) texts.push(e.footer.text);
    }
    const controls: Rendered['controls'] = [];
    for (const c of msg.components.flatMap((r: any) => r.components) as any[]) {
      if (c.type === 2) controls.push({ id: c.custom_id, label: c.label });
      if (c.type === 3) controls.push({ id: c.custom_id, label: `${c.min_values}-${c.max_values} of ${c.options.map((o: any) => o.value).join(',')}` });
    }
    return { raw: texts.join('\n'), controls, problems: validateMessageBody(toRestBody(msg, 'create')) };
  },
};

const terminal: Adapter = {
  name: 'console',
  // A terminal pings nobody; what matters is that content cannot inject terminal escape sequences.
  pings: /\u001b/,
  readable: (s) => collapse(s.replace(/^(- |> )/gm, '').replace(/[✓•]/g, '')),
  render(view) {
    const raw = renderConsole(view);
    // The console offers controls by label: "[A] [B]" for buttons, option labels for a multiselect.
    const controls: Rendered['controls'] = [];
    for (const a of view.actions ?? []) {
      if (a.type === 'buttons') for (const b of a.buttons) if (raw.includes(`[${b.label}]`)) controls.push({ id: b.id, label: b.label });
      if (a.type === 'multiselect' && a.options.every((o) => raw.includes(o.label)))
        controls.push({ id: a.submitId, label: `${a.min}-${a.max} of ${a.options.map((o) => o.value).join(',')}` });
    }
    return { raw, controls, problems: [] };
  },
};

const adapters = [slack, discord, terminal];

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
