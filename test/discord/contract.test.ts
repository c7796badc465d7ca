// Discord's side of the adapter contract: every view the real core produces in a whole
// conversation (commands, clicks, selects, count edits, reveal, late answers, practice, boards,
// stats, schedule, bad input) renders on Discord with all of its words and controls, inside
// Discord's limits, and without a live mention. The core runs on PGlite with the real deck, talking
// to a recording chat port; the views are then rendered with the Discord renderer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderView, toRestBody } from '../../adapters/discord/render.js';
import type { MessageView } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { atomsOf, collectCoreConversation, type CollectedView, type CoreConversation } from '../contract/conversation.js';

/** Text as a reader sees it: escapes, zero-width spaces and our markdown markers gone, spaces collapsed. */
const readable = (s: string) =>
  s
    .replace(/\u200b/g, '')
    .replace(/\\([^A-Za-z0-9\s])/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/^(> |-# )/gm, '')
    .replace(/\s+/g, ' ')
    .trim();

function visibleText(view: MessageView): string {
  const msg = renderView(view);
  const parts = [msg.content];
  for (const e of msg.embeds) {
    parts.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

function expectFaithful(view: MessageView) {
  const msg = renderView(view);
  expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
  const raw = visibleText(view);
  expect(raw).not.toMatch(/@(everyone|here)/i);
  const seen = readable(raw);
  for (const atom of atomsOf(view)) expect(seen, `missing "${atom}" in ${view.text}`).toContain(readable(atom));

  const components = msg.components.flatMap((r) => r.components) as any[];
  for (const action of view.actions ?? []) {
    if (action.type === 'buttons') {
      for (const b of action.buttons) expect(components).toContainEqual(expect.objectContaining({ type: 2, custom_id: b.id, label: b.label }));
    } else {
      const select = components.find((c) => c.type === 3 && c.custom_id === action.submitId);
      expect(select).toBeDefined();
      expect(select.options.map((o: any) => o.value)).toEqual(action.options.map((o) => o.value));
      expect([select.min_values, select.max_values]).toEqual([action.min, action.max]);
    }
  }
  if (!view.actions?.length) expect(components).toEqual([]);
}

describe('Discord renders every core view faithfully (real core, PGlite)', () => {
  let convo: CoreConversation;
  let views: CollectedView[] = [];
  let chat: CoreConversation['chat'];

  beforeAll(async () => {
    convo = await collectCoreConversation('discord', {
      workspace: '300000000000000001',
      channel: '400000000000000001',
      user: (n) => `20000000000000000${n}`,
    });
    views = convo.views;
    chat = convo.chat;
  }, 60_000);

  afterAll(async () => convo?.close());

  it('covers the conversation (questions, count edits, reveals, replies)', () => {
    expect(views.length).toBeGreaterThan(30);
    const titles = views.map((v) => v.view.text).join('\n');
    expect(titles).toMatch(/closed/i);
    expect(chat.posts).toHaveLength(2);
    expect(chat.posts.every((p) => p.history.length >= 2)).toBe(true);
  });

  it('every view keeps its words and controls, fits Discord, and pings nobody', () => {
    for (const { what, view } of views) {
      try {
        expectFaithful(view);
      } catch (err) {
        throw new Error(`${what}: ${(err as Error).message}`);
      }
    }
  });

  it('a reveal shows the user name that tried to inject markup as plain text', () => {
    const reveals = chat.posts.flatMap((p) => p.history).filter((v) => /closed/i.test(v.text));
    const text = reveals.map(visibleText).join('\n');
    expect(text).toContain('@\u200beveryone @\u200bhere <!channel> <\u200b@U1> \\*\\*b\\*\\* \\[x\\](https://e.io) \u02CBt\u02CB');
  });
});
