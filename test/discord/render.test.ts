import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  escapeDiscord,
  neutraliseMentions,
  renderView,
  renderViewChecked,
  toInteractionOptions,
  toRestBody,
  truncate,
} from '../../adapters/discord/render.js';
import type { MessageView, ViewAction, ViewBlock } from '../../src/quiz/views.js';
import { questionView } from '../../src/quiz/render.js';
import type { RoundRecord } from '../../src/quiz/store.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { openQuizRound } from '../support/rounds.js';

const question: MessageView = {
  text: 'Question 3 of API Gateway',
  blocks: [
    { type: 'heading', text: 'API Gateway · Q3' },
    { type: 'text', text: 'Which integration type passes the whole request to Lambda?' },
    {
      type: 'options',
      items: [
        { label: 'A', text: 'HTTP proxy' },
        { label: 'B', text: 'AWS_PROXY (Lambda proxy)' },
        { label: 'C', text: 'MOCK' },
      ],
    },
    { type: 'text', text: '0 answered', style: 'muted' },
  ],
  actions: [
    {
      type: 'buttons',
      buttons: [
        { id: 'a:7:A', label: 'A' },
        { id: 'a:7:B', label: 'B' },
        { id: 'a:7:C', label: 'C' },
      ],
    },
  ],
};

const allStrings = (x: unknown): string[] =>
  typeof x === 'string' ? [x] : Array.isArray(x) ? x.flatMap(allStrings) : x && typeof x === 'object' ? Object.values(x).flatMap(allStrings) : [];

describe('renderView', () => {
  it('renders a question as an embed with the option texts and one row of answer buttons', () => {
    const msg = renderView(question);
    expect(msg.content).toBe('');
    expect(msg.embeds).toHaveLength(1);
    const embed = msg.embeds[0]!;
    expect(embed.title).toBe('API Gateway · Q3');
    expect(embed.description).toBe(
      [
        'Which integration type passes the whole request to Lambda?',
        '',
        '**A)** HTTP proxy',
        '**B)** AWS\\_PROXY (Lambda proxy)',
        '**C)** MOCK',
        '',
        '-# 0 answered',
      ].join('\n'),
    );
    expect(msg.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: 'a:7:A', label: 'A', style: 2 },
          { type: 2, custom_id: 'a:7:B', label: 'B', style: 2 },
          { type: 2, custom_id: 'a:7:C', label: 'C', style: 2 },
        ],
      },
    ]);
    expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
  });

  it("puts the core's \"Report a problem\" in a row of its own: 5 and 6 options still fit 5 rows of 5", () => {
    const round = (n: number, correct: string[]): RoundRecord =>
      openQuizRound(
        {
          id: 'q',
          deckId: 'api-gateway',
          deckTitle: 'API Gateway',
          number: 'Q9',
          prompt: 'Which one?',
          options: Array.from({ length: n }, (_, i) => ({ id: String.fromCharCode(65 + i), text: `option ${i}` })),
          correct,
          explanation: '',
        },
        { id: '42', channelKey: 'discord:1:2' },
      );
    const rows = (v: MessageView) => {
      const { message, warnings } = renderViewChecked(v);
      expect(warnings).toEqual([]);
      expect(validateMessageBody(toRestBody(message, 'create'))).toEqual([]);
      return message.components.map((r) => r.components.map((c: any) => c.custom_id));
    };
    const opts = { answered: 0, tz: 'UTC', now: new Date(0) };
    expect(rows(questionView(round(5, ['B']), opts))).toEqual([['a:42:A', 'a:42:B', 'a:42:C', 'a:42:D', 'a:42:E'], ['p:42']]);
    expect(rows(questionView(round(6, ['B']), opts))).toEqual([['a:42:A', 'a:42:B', 'a:42:C', 'a:42:D', 'a:42:E'], ['a:42:F'], ['p:42']]);
    expect(rows(questionView(round(5, ['A', 'B']), opts))).toEqual([['s:42'], ['p:42']]);
  });

  it('renders a multi-answer question as a string select whose custom id is the submit id', () => {
    const msg = renderView({
      ...question,
      actions: [
        {
          type: 'multiselect',
          id: 'm:9',
          submitId: 's:9',
          placeholder: 'Select TWO',
          options: [
            { value: 'A', label: 'A' },
            { value: 'B', label: 'B' },
            { value: 'C', label: 'C' },
          ],
          min: 2,
          max: 2,
        },
      ],
    });
    expect(msg.components).toEqual([
      {
        type: 1,
        components: [
          {
            type: 3,
            custom_id: 's:9',
            placeholder: 'Select TWO',
            min_values: 2,
            max_values: 2,
            options: [
              { label: 'A', value: 'A' },
              { label: 'B', value: 'B' },
              { label: 'C', value: 'C' },
            ],
          },
        ],
      },
    ]);
  });

  it('renders a reveal: correct options marked, bars, no components', () => {
    const msg = renderView({
      text: 'Answer: B',
      blocks: [
        { type: 'heading', text: 'API Gateway · Q3 — closed' },
        { type: 'options', items: [{ label: 'A', text: 'HTTP proxy' }, { label: 'B', text: 'Lambda proxy', marked: true }] },
        {
          type: 'bars',
          rows: [
            { label: 'A', count: 1, percent: 25, bar: '██░░░░░░░░', marked: false },
            { label: 'B', count: 3, percent: 75, bar: '███████░░░', marked: true },
          ],
        },
        { type: 'text', text: 'Lambda proxy passes the request through.', style: 'quote' },
        { type: 'divider' },
        { type: 'list', items: ['alice', 'bob'], ordered: true },
      ],
    });
    expect(msg.components).toEqual([]);
    expect(msg.embeds[0]!.description).toBe(
      [
        '**A)** HTTP proxy',
        '✅ **B)** Lambda proxy',
        '',
        '`A` ██░░░░░░░░ 1 (25%)',
        '`B` ███████░░░ 3 (75%) ✅',
        '',
        '> Lambda proxy passes the request through.',
        '───────────',
        '1. alice',
        '2. bob',
      ].join('\n'),
    );
  });

  it('renders fields as inline embed fields', () => {
    const msg = renderView({
      text: 'Stats',
      blocks: [
        { type: 'heading', text: 'Your stats' },
        { type: 'fields', items: [{ name: 'Answered', value: '12' }, { name: 'Accuracy', value: '75%' }] },
      ],
    });
    expect(msg.embeds[0]!.fields).toEqual([
      { name: 'Answered', value: '12', inline: true },
      { name: 'Accuracy', value: '75%', inline: true },
    ]);
  });

  it('renders a view without blocks as plain content', () => {
    const msg = renderView({ text: 'You already answered this question.', blocks: [] });
    expect(msg).toEqual({ content: 'You already answered this question.', embeds: [], components: [] });
    expect(toRestBody(msg, 'create')).toEqual({
      content: 'You already answered this question.',
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    });
  });

  it('always disables mentions and clears the other part on edits', () => {
    const msg = renderView(question);
    expect(toRestBody(msg, 'create')).not.toHaveProperty('content');
    expect(toRestBody(msg, 'edit')).toMatchObject({ content: '', allowed_mentions: { parse: [] } });
    expect(toInteractionOptions(msg, 'edit')).toMatchObject({ content: '', allowedMentions: { parse: [] } });
  });
});

describe('escaping', () => {
  it('neutralises mass mentions and mention syntax', () => {
    const out = neutraliseMentions('@everyone @here @EVERYONE <@123> <@&456> <#789> </cmd:1> <t:1700000000>');
    expect(out).not.toMatch(/@(everyone|here)/i);
    expect(out).not.toMatch(/<[@#/]|<t:/);
    expect(out.replace(/\u200b/g, '')).toBe('@everyone @here @EVERYONE <@123> <@&456> <#789> </cmd:1> <t:1700000000>');
  });

  it('escapes markdown from content and users but keeps URLs clickable', () => {
    // A well-formed code span is the one markdown kept (test/adapters/inline-code.test.ts); a lone backtick is escaped.
    expect(escapeDiscord('**bold** _it_ `code` ~~s~~ ||spoiler||')).toBe('\\*\\*bold\\*\\* \\_it\\_ `code` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|');
    expect(escapeDiscord('a `lone backtick')).toBe('a \\`lone backtick');
    expect(escapeDiscord('# Heading')).toBe('\\# Heading');
    expect(escapeDiscord('a(n)____ gap')).toBe('a(n)\\_\\_\\_\\_ gap');
    expect(escapeDiscord('x * y and snake_case')).toBe('x \\* y and snake\\_case');
    expect(escapeDiscord('- item\n1. first\n-# small')).toBe('\\- item\n1\\. first\n\\-# small');
    expect(escapeDiscord('back\\slash')).toBe('back\\\\slash');
    expect(escapeDiscord('> quote')).toBe('\\> quote');
    expect(escapeDiscord('[click](https://evil.example)')).not.toMatch(/^\[click\]\(/);
    expect(escapeDiscord('see https://docs.aws.amazon.com/api_gateway/x_y.html now_ok')).toBe(
      'see https://docs.aws.amazon.com/api_gateway/x_y.html now\\_ok',
    );
  });

  it('escapes user names and content inside every block', () => {
    const msg = renderView({
      text: '@everyone',
      blocks: [
        { type: 'heading', text: '@here **hi**' },
        { type: 'list', items: ['<@1> @everyone'] },
        { type: 'fields', items: [{ name: '@everyone', value: '@here' }] },
      ],
    });
    for (const s of allStrings(msg)) expect(s).not.toMatch(/@(everyone|here)|<@/);
  });
});

describe('limits', () => {
  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('ab\\cd', 4)).toBe('ab…');
  });

  it('keeps huge views inside Discord limits', () => {
    const long = 'x'.repeat(5000);
    const { message, warnings } = renderViewChecked({
      text: long,
      blocks: [
        { type: 'heading', text: long },
        { type: 'text', text: long },
        { type: 'options', items: Array.from({ length: 30 }, (_, i) => ({ label: String(i), text: long })) },
        { type: 'fields', items: Array.from({ length: 20 }, (_, i) => ({ name: `f${i}${long}`, value: long })) },
      ],
      actions: [
        { type: 'buttons', buttons: Array.from({ length: 40 }, (_, i) => ({ id: `a:1:${i}`, label: long })) },
        { type: 'multiselect', id: 'm:1', submitId: 's:1', placeholder: long, options: Array.from({ length: 40 }, (_, i) => ({ value: `v${i}`, label: long })), min: 1, max: 40 },
      ],
    });
    expect(validateMessageBody(toRestBody(message, 'create'))).toEqual([]);
    expect(message.components).toHaveLength(5);
    expect(warnings.some((w) => w.includes('more than 5 rows'))).toBe(true);
    const embed = message.embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.endsWith('…')).toBe(true);
  });

  it('a view of only huge fields keeps all embeds within 6,000 (regression: "embeds total 6146 > 6000")', () => {
    // No heading and fields only: the description fell back to the summary with the full 4,096
    // next to ~5,000 of fields. Each field here is at its own limit (256 + 1,024).
    const total = (e: APIEmbed) =>
      (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    const fields = Array.from({ length: 6 }, (_, i) => ({ name: `${i}${'n'.repeat(300)}`, value: 'v'.repeat(2000) }));
    for (const blocks of [
      [{ type: 'fields', items: fields }],
      [{ type: 'heading', text: '   ' }, { type: 'fields', items: fields }],
      [{ type: 'fields', items: fields }, { type: 'text', text: ' \n ' }],
    ] as ViewBlock[][]) {
      const msg = renderView({ text: `summary ${'s'.repeat(5000)}`, blocks });
      expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
      const embed = msg.embeds[0]!;
      expect(total(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
      expect(embed.fields!.length).toBeGreaterThan(0);
      expect(embed.description).toMatch(/^summary s+…$/);
    }
  });

  it('never sends a blank embed field name or value', () => {
    const msg = renderView({ text: 't', blocks: [{ type: 'fields', items: [{ name: '  ', value: '\n' }] }] });
    expect(msg.embeds[0]!.fields).toEqual([{ name: '\u200b', value: '\u200b', inline: true }]);
  });

  it('drops a control whose id is over 100 chars instead of corrupting it', () => {
    const { message, warnings } = renderViewChecked({
      text: 't',
      blocks: [],
      actions: [{ type: 'buttons', buttons: [{ id: 'x'.repeat(101), label: 'A' }, { id: 'ok', label: 'B' }] }],
    });
    expect(message.components[0]!.components).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('renders any view within limits and without a live mention (property)', () => {
    const text = fc.string({ maxLength: 1500, unit: fc.constantFrom('a', ' ', '\n', '*', '_', '@everyone', '@here', '<@1>', '😀', '\\', '#', '>', 'https://x.io/a_b') });
    const short = fc.string({ minLength: 1, maxLength: 120 });
    const block: fc.Arbitrary<ViewBlock> = fc.oneof(
      fc.record({ type: fc.constant('heading' as const), text }),
      fc.record({ type: fc.constant('text' as const), text, style: fc.constantFrom('plain' as const, 'muted' as const, 'quote' as const) }),
      fc.record({ type: fc.constant('options' as const), items: fc.array(fc.record({ label: short, text, marked: fc.boolean() }), { maxLength: 8 }) }),
      fc.record({ type: fc.constant('list' as const), items: fc.array(text, { maxLength: 12 }), ordered: fc.boolean() }),
      fc.record({ type: fc.constant('fields' as const), items: fc.array(fc.record({ name: text, value: text }), { maxLength: 30 }) }),
      fc.constant({ type: 'divider' as const }),
    );
    const action: fc.Arbitrary<ViewAction> = fc.oneof(
      fc.record({
        type: fc.constant('buttons' as const),
        buttons: fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 100 }), label: short }), { maxLength: 30, selector: (b) => b.id }),
      }),
      fc.record({
        type: fc.constant('multiselect' as const),
        id: fc.constant('m:1'),
        submitId: fc.constant('s:1'),
        placeholder: short,
        options: fc.array(fc.record({ value: short, label: short }), { minLength: 1, maxLength: 30 }),
        min: fc.integer({ min: 0, max: 30 }),
        max: fc.integer({ min: 1, max: 30 }),
      }),
    );
    fc.assert(
      fc.property(fc.record({ text: fc.string({ minLength: 1, maxLength: 3000 }), blocks: fc.array(block, { maxLength: 8 }), actions: fc.array(action, { maxLength: 3 }) }), (view) => {
        // Unique ids across the whole view, as the core guarantees.
        const ids = new Set<string>();
        view.actions = view.actions.map((a) =>
          a.type === 'buttons' ? { ...a, buttons: a.buttons.filter((b) => b.id !== 's:1' && !ids.has(b.id) && ids.add(b.id)) } : a,
        ).filter((a, i, all) => a.type === 'buttons' || all.findIndex((x) => x.type === 'multiselect') === i);
        const msg = renderView(view);
        expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
        const visible = [msg.content, ...msg.embeds.flatMap(allStrings)];
        for (const s of visible) expect(s).not.toMatch(/@(everyone|here)/);
        expect(msg.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
      }),
      { numRuns: 150 },
    );
  });
});

describe('pictures (image blocks)', () => {
  const pic = (n: number, extra: Partial<{ url: string; alt: string; title: string }> = {}): ViewBlock => ({ type: 'image', url: `https://img.example.com/${n}.png`, alt: `Picture ${n}`, ...extra });

  it('the first picture without a caption is the embed image; captioned ones get their own titled embeds; nothing shows in the text', () => {
    const msg = renderView({ text: 'Q', blocks: [{ type: 'heading', text: 'Quiz' }, pic(1, { title: 'Option A' }), { type: 'text', text: 'Look at it' }, pic(2), pic(3)] });
    expect(msg.embeds.map((e) => ({ title: e.title, image: e.image }))).toEqual([
      { title: 'Quiz', image: { url: 'https://img.example.com/2.png' } },
      { title: 'Option A', image: { url: 'https://img.example.com/1.png' } },
      { title: undefined, image: { url: 'https://img.example.com/3.png' } },
    ]);
    expect(msg.embeds[0]!.description).toBe('Look at it');
  });

  it('only http(s) URLs up to 2,048 characters become pictures', () => {
    const msg = renderView({ text: 'Q', blocks: [{ type: 'text', text: 'x' }, pic(1, { url: 'ftp://h/1.png' }), pic(2, { url: `https://h/${'a'.repeat(2048)}` }), pic(3, { url: 'javascript:alert(1)' })] });
    expect(msg.embeds).toHaveLength(1);
    expect(msg.embeds[0]!.image).toBeUndefined();
  });

  it('at most 10 embeds, and all of them within 6,000 characters with a full-size text', () => {
    const blocks: ViewBlock[] = [{ type: 'heading', text: 'H'.repeat(300) }, { type: 'text', text: 'word '.repeat(2000) }, ...Array.from({ length: 14 }, (_, i) => pic(i, { title: `T${i} `.repeat(80) }))];
    const msg = renderView({ text: 'Q', blocks });
    expect(msg.embeds).toHaveLength(DISCORD_LIMITS.embeds);
    expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
  });
});
