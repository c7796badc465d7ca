import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SLACK_LIMITS,
  escapeSlack,
  renderView,
  selectedValues,
  splitText,
  truncate,
} from '../../adapters/slack/render.js';
import type { MessageView } from '../../src/quiz/views.js';

type AnyBlock = Record<string, any>;

/** Every text string anywhere in the rendered blocks. */
function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return [...(typeof v.text === 'string' ? [v.text] : []), ...Object.values(v).flatMap(texts)];
  }
  return [];
}

/** Checks every Block Kit limit from DESIGN.md on a rendered message. */
function assertWithinLimits(blocks: AnyBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
    }
    if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
      for (const e of b.elements) {
        expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
        if (e.type === 'button') {
          expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
          expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
        }
        if (e.type === 'checkboxes') {
          expect(e.options.length).toBeLessThanOrEqual(SLACK_LIMITS.checkboxOptions);
          for (const o of e.options) expect(o.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
        }
      }
      const ids = b.elements.map((e: AnyBlock) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
}

const question: MessageView = {
  text: 'Question of the day: API Gateway Q3',
  blocks: [
    { type: 'heading', text: 'API Gateway · Q3' },
    { type: 'text', text: 'Which integration type passes the whole request to Lambda?' },
    {
      type: 'options',
      items: [
        { label: 'A', text: 'HTTP' },
        { label: 'B', text: 'AWS_PROXY' },
        { label: 'C', text: 'MOCK' },
      ],
    },
    { type: 'text', text: '0 answered · closes at 17:00', style: 'muted' },
  ],
  actions: [
    {
      type: 'buttons',
      buttons: [
        { id: 'ans:r1:A', label: 'A' },
        { id: 'ans:r1:B', label: 'B' },
        { id: 'ans:r1:C', label: 'C' },
      ],
    },
  ],
};

describe('escapeSlack', () => {
  it('escapes only &, < and >', () => {
    expect(escapeSlack('a & b <!channel> <@U1> *bold* "q" \'s\'')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U1&gt; *bold* "q" \'s\'',
    );
  });

  it('is inert for any input: no raw < or > survives and the original is recoverable', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeSlack(s);
        expect(e).not.toMatch(/[<>]/);
        expect(e.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s);
      }),
    );
  });
});

describe('truncate and splitText', () => {
  it('truncates with an ellipsis and never cuts an entity in half', () => {
    const t = truncate(escapeSlack('x'.repeat(70) + '<<<<<<<<<<'), 75);
    expect(t.length).toBeLessThanOrEqual(75);
    expect(t.endsWith('…')).toBe(true);
    expect(t).not.toMatch(/&[a-z]{0,3}…$/);
  });

  it('splits long text at line breaks into chunks within the limit, losing nothing but separators', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'word '.repeat(5)}`.trim());
    const chunks = splitText(lines.join('\n'), 500);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(500);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
  });

  it('keeps every chunk within the limit for arbitrary escaped text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 10, max: 400 }), (s, max) => {
        for (const chunk of splitText(escapeSlack(s), max)) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          expect(chunk).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
        }
      }),
    );
  });
});

describe('renderView', () => {
  it('renders a question: bold heading, full option texts in the body, short labelled buttons', () => {
    const msg = renderView(question);
    expect(msg.text).toBe('Question of the day: API Gateway Q3');
    expect(msg.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*API Gateway · Q3*' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Which integration type passes the whole request to Lambda?' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*A)* HTTP\n*B)* AWS_PROXY\n*C)* MOCK' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '0 answered · closes at 17:00' }] },
      {
        type: 'actions',
        elements: ['A', 'B', 'C'].map((l) => ({
          type: 'button',
          action_id: `ans:r1:${l}`,
          text: { type: 'plain_text', text: l, emoji: true },
          value: `ans:r1:${l}`,
        })),
      },
    ]);
  });

  it('renders a reveal: marked correct option, bars, no controls', () => {
    const msg = renderView({
      text: 'Answer: B',
      blocks: [
        { type: 'options', items: [{ label: 'A', text: 'HTTP' }, { label: 'B', text: 'AWS_PROXY', marked: true }] },
        {
          type: 'bars',
          rows: [
            { label: 'A', count: 1, percent: 25, bar: '██░░░░░░░░', marked: false },
            { label: 'B', count: 3, percent: 75, bar: '███████░░░', marked: true },
          ],
        },
        { type: 'divider' },
        { type: 'list', items: ['alice', 'bob'], ordered: true },
      ],
    });
    expect(msg.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*A)* HTTP\n:white_check_mark: *B)* AWS_PROXY' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '`██░░░░░░░░` *A* 1 (25%)\n`███████░░░` *B* 3 (75%) :white_check_mark:' },
      },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '1. alice\n2. bob' } },
    ]);
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('makes <!channel>, <!here>, <@U…> and fake links inert in every string, keeping its own bold', () => {
    const evil = '<!channel> <!here> <@U999> <https://evil.example|docs> & co';
    const msg = renderView({
      text: evil,
      blocks: [
        { type: 'heading', text: evil },
        { type: 'text', text: evil, style: 'quote' },
        { type: 'text', text: evil, style: 'muted' },
        { type: 'options', items: [{ label: evil, text: evil }] },
        { type: 'fields', items: [{ name: evil, value: evil }] },
        { type: 'list', items: [evil] },
        { type: 'bars', rows: [{ label: evil, count: 1, percent: 100, bar: evil, marked: true }] },
      ],
      actions: [
        { type: 'buttons', buttons: [{ id: 'b1', label: '<!channel>' }] },
        { type: 'multiselect', id: 'ms', submitId: 'sub', placeholder: evil, options: [{ value: 'A', label: '<@U1>' }], min: 1, max: 1 },
      ],
    });
    const all = [msg.text, ...texts(msg.blocks)];
    expect(all.length).toBeGreaterThan(10);
    for (const t of all) expect(t).not.toMatch(/[<>]/);
    expect(msg.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*&lt;!channel&gt; &lt;!here&gt; &lt;@U999&gt; &lt;https://evil.example|docs&gt; &amp; co*',
      },
    });
    // The quote marker is ours (an escaped > renders as a quote in mrkdwn only as "&gt; " at line start).
    expect((msg.blocks[1] as AnyBlock).text.text.startsWith('&gt; &lt;!channel&gt;')).toBe(true);
  });

  it('renders multiselect as checkboxes plus a Submit button sharing a block_id prefix', () => {
    const msg = renderView({
      text: 'Select TWO',
      blocks: [{ type: 'text', text: 'Which TWO are integration types?' }],
      actions: [
        {
          type: 'multiselect',
          id: 'pick:r2',
          submitId: 'submit:r2',
          placeholder: 'Select two, then Submit',
          options: ['A', 'B', 'C', 'D'].map((l) => ({ value: l, label: l })),
          min: 2,
          max: 2,
        },
      ],
    });
    const actions = msg.blocks.filter((b) => b.type === 'actions') as AnyBlock[];
    expect(actions).toHaveLength(1);
    expect(actions[0]!.block_id).toBe('sb-ms:0:0');
    expect(actions[0]!.elements.map((e: AnyBlock) => [e.type, e.action_id])).toEqual([
      ['checkboxes', 'pick:r2'],
      ['button', 'submit:r2'],
    ]);
    expect(actions[0]!.elements[0].options.map((o: AnyBlock) => o.value)).toEqual(['A', 'B', 'C', 'D']);
    expect(actions[0]!.elements[1].text.text).toBe('Submit');
  });

  it('splits more than 10 checkbox options into groups and reads all their values back', () => {
    const options = Array.from({ length: 23 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));
    const msg = renderView({
      text: 'many',
      blocks: [],
      actions: [{ type: 'multiselect', id: 'pick', submitId: 'go', placeholder: '', options, min: 1, max: 23 }],
    });
    assertWithinLimits(msg.blocks as AnyBlock[]);
    const groups = msg.blocks as AnyBlock[];
    expect(groups.map((b) => b.block_id)).toEqual(['sb-ms:0:0', 'sb-ms:0:1', 'sb-ms:0:2']);
    expect(groups.flatMap((b) => b.elements).filter((e: AnyBlock) => e.type === 'checkboxes')).toHaveLength(3);
    const state = {
      'sb-ms:0:0': { pick: { type: 'checkboxes', selected_options: [{ value: 'o1' }] } },
      'sb-ms:0:2': { 'pick~3': { type: 'checkboxes', selected_options: [{ value: 'o22' }, { value: 'o20' }] } },
      'sb-ms:0:1': { 'pick~2': { type: 'checkboxes', selected_options: [] } },
      other: { x: { type: 'checkboxes', selected_options: [{ value: 'not-mine' }] } },
    };
    expect(selectedValues(state, 'sb-ms:0:2')).toEqual(['o1', 'o22', 'o20']);
    expect(selectedValues(state, 'auto-3')).toBeNull();
  });

  it('keeps huge views within every Block Kit limit and never drops the controls', () => {
    const long = 'Stage variables are name-value pairs. '.repeat(400); // ~15k chars
    const buttons = Array.from({ length: 60 }, (_, i) => ({ id: `b${i}`, label: `Button ${i} `.repeat(12) }));
    const msg = renderView({
      text: long,
      blocks: [
        ...Array.from({ length: 30 }, () => ({ type: 'text' as const, text: long })),
        { type: 'fields', items: Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, value: long })) },
      ],
      actions: [{ type: 'buttons', buttons }],
    });
    assertWithinLimits(msg.blocks as AnyBlock[]);
    expect(msg.blocks).toHaveLength(50);
    const rendered = (msg.blocks as AnyBlock[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    expect(rendered.map((e: AnyBlock) => e.action_id)).toEqual(buttons.map((b) => b.id));
    expect(rendered[0].text.text.endsWith('…')).toBe(true);
    expect((msg.blocks[msg.blocks.length - 4] as AnyBlock).elements[0].text).toBe('…');
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('stays within limits for arbitrary views (property)', () => {
    const textArb = fc.string({ maxLength: 4000 });
    const block = fc.oneof(
      fc.record({ type: fc.constant('heading' as const), text: textArb }),
      fc.record({ type: fc.constant('text' as const), text: textArb, style: fc.constantFrom('plain' as const, 'muted' as const, 'quote' as const) }),
      fc.record({ type: fc.constant('list' as const), items: fc.array(textArb, { maxLength: 5 }) }),
      fc.record({ type: fc.constant('fields' as const), items: fc.array(fc.record({ name: textArb, value: textArb }), { maxLength: 12 }) }),
    );
    const view = fc.record({
      text: fc.string({ minLength: 1, maxLength: 5000 }),
      blocks: fc.array(block, { maxLength: 20 }),
      actions: fc.constant<MessageView['actions']>([
        { type: 'buttons', buttons: Array.from({ length: 30 }, (_, i) => ({ id: `id${i}`, label: 'L'.repeat(90) })) },
      ]),
    });
    fc.assert(
      fc.property(view, (v) => {
        const msg = renderView(v);
        assertWithinLimits(msg.blocks as AnyBlock[]);
        for (const t of [msg.text, ...texts(msg.blocks)]) expect(t).not.toMatch(/[<>]/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('renderView with a picture', () => {
  const image = { fileId: 'F0123456789', alt: 'Predicted score per domain' };

  it('puts the image block after the text and before the buttons', () => {
    const msg = renderView({ text: 'Result', blocks: [{ type: 'text', text: 'Score 700' }], actions: [{ type: 'buttons', buttons: [{ id: 'b1', label: 'Again' }] }] }, image);
    expect(msg.blocks.map((b) => b.type)).toEqual(['section', 'image', 'actions']);
    expect(msg.blocks[1]).toEqual({ type: 'image', slack_file: { id: 'F0123456789' }, alt_text: 'Predicted score per domain' });
  });

  it('stays within 50 blocks: the text is cut, the picture and the buttons stay', () => {
    const blocks = Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` }));
    const msg = renderView({ text: 'Long', blocks, actions: [{ type: 'buttons', buttons: [{ id: 'b1', label: 'Again' }] }] }, image);
    expect(msg.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(msg.blocks.slice(-2).map((b) => b.type)).toEqual(['image', 'actions']);
    expect((msg.blocks.at(-3) as AnyBlock).elements[0].text).toBe('…');
  });
});

describe('renderView with linked pictures (image blocks of the view)', () => {
  const pic = (n: number, extra: Partial<{ url: string; alt: string; title: string }> = {}) => ({ type: 'image' as const, url: `https://img.example.com/${n}.png`, alt: `Picture ${n}`, ...extra });

  it('renders an image block with image_url, alt_text and an escaped title, in the view order', () => {
    const msg = renderView({ text: 'Q', blocks: [{ type: 'text', text: 'Look:' }, pic(1, { title: 'Option <!channel>' }), { type: 'text', text: 'after' }] });
    expect(msg.blocks.map((b) => b.type)).toEqual(['section', 'image', 'section']);
    expect(msg.blocks[1]).toEqual({ type: 'image', image_url: 'https://img.example.com/1.png', alt_text: 'Picture 1', title: { type: 'plain_text', text: 'Option &lt;!channel&gt;', emoji: true } });
  });

  it('only http(s) URLs of at most 3,000 characters; alt text cut to 2,000 and never empty', () => {
    const long = `https://img.example.com/${'a'.repeat(3000)}.png`;
    const msg = renderView({
      text: 'Q',
      blocks: [pic(1, { url: 'ftp://img.example.com/1.png' }), pic(2, { url: 'data:image/png;base64,AAAA' }), pic(3, { url: long }), pic(4, { alt: 'x'.repeat(2500) }), pic(5, { alt: '  ' })],
    });
    const images = msg.blocks as AnyBlock[];
    expect(images.map((b) => b.image_url)).toEqual(['https://img.example.com/4.png', 'https://img.example.com/5.png']);
    expect(images[0]!.alt_text).toHaveLength(SLACK_LIMITS.imageAltText);
    expect(images[1]!.alt_text).toBe('Picture');
  });

  it(`at most ${SLACK_LIMITS.linkedImages} linked pictures, the first ones; none with pictures: false`, () => {
    const view: MessageView = { text: 'Q', blocks: Array.from({ length: 9 }, (_, i) => pic(i + 1)), actions: [{ type: 'buttons', buttons: [{ id: 'a', label: 'A' }] }] };
    const msg = renderView(view);
    expect((msg.blocks as AnyBlock[]).filter((b) => b.type === 'image').map((b) => b.image_url)).toEqual(
      Array.from({ length: SLACK_LIMITS.linkedImages }, (_, i) => `https://img.example.com/${i + 1}.png`),
    );
    expect(renderView(view, undefined, { pictures: false }).blocks.map((b) => b.type)).toEqual(['actions']);
  });

  it('stays within 50 blocks with pictures among many texts', () => {
    const blocks = Array.from({ length: 70 }, (_, i) => (i % 10 === 0 ? pic(i) : { type: 'text' as const, text: `line ${i}` }));
    const msg = renderView({ text: 'Long', blocks, actions: [{ type: 'buttons', buttons: [{ id: 'b1', label: 'Again' }] }] });
    expect(msg.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(msg.blocks.at(-1)!.type).toBe('actions');
  });
});
