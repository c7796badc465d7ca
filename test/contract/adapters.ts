// Each platform's renderer seen through one interface, for the contract tests: the raw text a
// reader receives, the controls offered (with the core's ids), limit violations, how to undo the
// platform's escaping, and what a live mention looks like there.

import { renderView as renderConsole } from '../../adapters/console/render.js';
import { renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { SLACK_LIMITS, renderView as renderSlack } from '../../adapters/slack/render.js';
import type { MessageView } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';

export interface Rendered {
  /** Everything a reader sees, as the platform receives it (escaped). */
  raw: string;
  /** The ids of the controls, with their labels ("submit" controls carry their options). */
  controls: { id: string; label: string }[];
  /** Limit violations, empty when the message fits the platform. */
  problems: string[];
}

export interface Adapter {
  name: string;
  render(view: MessageView): Rendered;
  /** Undo the platform's escaping and formatting marks so words can be compared. */
  readable(text: string): string;
  /** Raw output must not contain a live mention. */
  pings: RegExp;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export const slack: Adapter = {
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
      if (b.type === 'image' && b.image_url !== undefined) {
        if (!/^https?:\/\//.test(b.image_url) || b.image_url.length > SLACK_LIMITS.imageUrl) problems.push('image_url not http(s) or too long');
        if (!b.alt_text || b.alt_text.length > SLACK_LIMITS.imageAltText) problems.push('image alt_text empty or too long');
        if (b.title && b.title.text.length > SLACK_LIMITS.imageTitle) problems.push('image title too long');
      }
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

export const discord: Adapter = {
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

export const terminal: Adapter = {
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

export const adapters = [slack, discord, terminal];
