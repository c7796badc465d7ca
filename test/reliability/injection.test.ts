// Mention and markup injection, property-based: any view the core could build from hostile deck
// content or hostile display names (`<!channel>`, `<!here>`, `@everyone`, `<@U…>`, role and channel
// mentions, markup, control characters, very long names) renders on Slack, Discord and the
// console without a live mention or terminal escape, and within the platforms' limits.
// The contract suite (test/contract) covers the real conversation; this covers arbitrary text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { SLACK_LIMITS, renderView as renderSlack } from '../../adapters/slack/render.js';
import type { MessageView, ViewBlock } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';

const hostile = [
  '<!channel>', '<!here>', '<!everyone>', '<!subteam^S123>', '<@U024BE7LH>', '<@U024BE7LH|bob>', '<#C123>',
  '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>',
  '＠everyone', '@\u200beveryone', '@@everyone', '<<!channel>>', '&lt;!channel&gt;', '&amp;lt;!here&amp;gt;',
  '*bold*', '**x**', '`code`', '```block```', '> quote', '# heading', '[link](https://evil.example)', '<https://evil.example|click>',
  '\u001b[31mred\u001b[0m', '\u0007', '\r\n', '\u202eevil', '\u0000',
];

const piece = fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 20 }), fc.string({ maxLength: 10, unit: 'grapheme' }));
const hostileText = fc.array(piece, { minLength: 1, maxLength: 8 }).map((xs) => xs.join(' '));
const longName = fc.constantFrom(...hostile).map((h) => `${h} ${'x'.repeat(5000)} ${h}`);
const anyText = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: longName });

const block: fc.Arbitrary<ViewBlock> = fc.oneof(
  anyText.map((text) => ({ type: 'heading' as const, text })),
  fc.record({ text: anyText, style: fc.constantFrom('plain' as const, 'muted' as const, 'quote' as const) }).map((b) => ({ type: 'text' as const, ...b })),
  fc.array(fc.record({ label: fc.constantFrom('A', 'B', 'C', 'D'), text: anyText, marked: fc.boolean() }), { minLength: 1, maxLength: 4 })
    .map((items) => ({ type: 'options' as const, items })),
  fc.array(fc.record({ name: anyText, value: anyText }), { minLength: 1, maxLength: 6 }).map((items) => ({ type: 'fields' as const, items })),
  fc.array(anyText, { minLength: 1, maxLength: 10 }).map((items) => ({ type: 'list' as const, items })),
  fc.array(fc.record({ label: fc.constantFrom('A', 'B'), count: fc.nat(1000), percent: fc.integer({ min: 0, max: 100 }), bar: fc.constant('█████░░░░░'), marked: fc.boolean() }), { minLength: 1, maxLength: 4 })
    .map((rows) => ({ type: 'bars' as const, rows })),
);

const view: fc.Arbitrary<MessageView> = fc.record({
  text: anyText,
  blocks: fc.array(block, { minLength: 1, maxLength: 8 }),
  actions: fc.constant([{ type: 'buttons' as const, buttons: [{ id: 'a:1:A', label: 'A' }, { id: 'a:1:B', label: 'B' }] }]),
}) as fc.Arbitrary<MessageView>;

/** Every string in a rendered message, with the key it sits under. */
function strings(value: unknown, key = ''): { key: string; text: string; parent: Record<string, unknown> | null }[] {
  const out: { key: string; text: string; parent: Record<string, unknown> | null }[] = [];
  const walk = (v: unknown, k: string, parent: Record<string, unknown> | null) => {
    if (typeof v === 'string') out.push({ key: k, text: v, parent });
    else if (Array.isArray(v)) v.forEach((x) => walk(x, k, parent));
    else if (v && typeof v === 'object') for (const [kk, vv] of Object.entries(v)) walk(vv, kk, v as Record<string, unknown>);
  };
  walk(value, key, null);
  return out;
}

const RUNS = { numRuns: 300 };

describe('mention and markup injection on every renderer', () => {
  const sample: MessageView = { text: '<!channel> @everyone', blocks: [{ type: 'text', text: 'by <!here> @everyone <@U1> \u001b[31m' }] };

  it('keeps hostile text readable (escaped, not dropped)', () => {
    expect(JSON.stringify(renderSlack(sample))).toContain('&lt;!here&gt; @everyone &lt;@U1&gt;');
    expect(JSON.stringify(toRestBody(renderDiscord(sample), 'create'))).toMatch(/everyone/);
    expect(renderConsole(sample)).toContain('<!here> @everyone <@U1>');
  });

  it('Slack: no <!…>, <@…> or <#…> in any mrkdwn text or the notification text; block limits kept', () => {
    fc.assert(
      fc.property(view, (v) => {
        const msg = renderSlack(v) as unknown as { text: string; blocks: unknown[] };
        expect(msg.text).not.toMatch(/<[!@#]/);
        for (const s of strings(msg.blocks)) {
          // plain_text (button labels, headers) is never parsed for mentions by Slack.
          if (s.key === 'text' && s.parent?.type === 'plain_text') continue;
          if (s.key === 'text' || s.key === 'alt_text') expect(s.text).not.toMatch(/<[!@#]/);
        }
        expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
        for (const s of strings(msg.blocks)) if (s.key === 'text' && s.parent?.type === 'mrkdwn') expect(s.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }),
      RUNS,
    );
  });

  it('Discord: no live @everyone/@here or user/role mention anywhere, allowed_mentions empty, a body Discord accepts', () => {
    fc.assert(
      fc.property(view, (v) => {
        const body = toRestBody(renderDiscord(v), 'create') as Record<string, unknown>;
        for (const s of strings(body)) expect(s.text).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/i);
        expect(body.allowed_mentions).toEqual(expect.objectContaining({ parse: [] }));
        expect(validateMessageBody(body)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('console: no terminal escapes or control characters other than newlines', () => {
    fc.assert(
      fc.property(view, (v) => {
        // eslint-disable-next-line no-control-regex
        expect(renderConsole(v)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
      }),
      RUNS,
    );
  });
});
