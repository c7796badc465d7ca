// Every cut of user-visible text falls between two graphemes: an emoji, a ZWJ family, a flag or a
// letter with a combining accent is kept whole or left out, and no lone surrogate (half an emoji)
// reaches a platform. Each cluster is placed across every cut boundary of the core's helpers and
// of both renderers.
import { describe, expect, it } from 'vitest';
import { renderView as discordRender, DISCORD_LIMITS } from '../../adapters/discord/render.js';
import { renderView as slackRender, SLACK_LIMITS, splitText, truncate as slackTruncate } from '../../adapters/slack/render.js';
import { cutText, firstGraphemes, graphemeCount, graphemePrefix, graphemes as graphemeSegments, wellFormedDeep } from '../../src/graphemes.js';
import { parseCommand } from '../../src/quiz/command-parser.js';
import { typedRef } from '../../src/quiz/deck-match.js';
import { clip, oneLine, person } from '../../src/quiz/view-text.js';
import type { MessageView } from '../../src/quiz/views.js';

const CLUSTERS = {
  emoji: '😀',
  zwjFamily: '👨‍👩‍👧‍👦',
  flag: '🇫🇷',
  skinTone: '👍🏽',
  combining: '\u0436\u0301', // ж with an acute accent, as two code points
  keycap: '3\uFE0F\u20E3',
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (s: string) => [...segmenter.segment(s)].map((x) => x.segment);

/** Every string in a payload (JSON keys and values). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

/**
 * No string is ill-formed, and no cluster is left in pieces: once the whole clusters are taken out,
 * none of its non-ASCII code points is left.
 */
function expectWhole(payload: unknown, cluster: string, where: string) {
  const pieces = [...cluster].filter((c) => c.codePointAt(0)! > 0x7f);
  for (const s of strings(payload)) {
    expect(s.isWellFormed(), `${where}: lone surrogate in ${JSON.stringify(s.slice(-12))}`).toBe(true);
    const rest = s.split(cluster).join(' ');
    for (const p of pieces) expect(rest.includes(p), `${where}: ${JSON.stringify(cluster)} in pieces in ${JSON.stringify(s.slice(-12))}`).toBe(false);
  }
}

/** `pad` units of ASCII, then clusters, so the n-th cluster straddles `limit` for every offset. */
const across = (limit: number, cluster: string, offset: number, fill = 'x') => fill.repeat(Math.max(0, limit - offset)) + cluster.repeat(4);

describe('the shared cut helpers', () => {
  for (const [name, cluster] of Object.entries(CLUSTERS)) {
    it(`${name}: graphemePrefix and cutText end between graphemes at every boundary`, () => {
      for (let pad = 0; pad < 6; pad++) {
        const text = 'a'.repeat(pad) + cluster.repeat(3) + 'z';
        for (let max = 0; max <= text.length + 1; max++) {
          const prefix = graphemePrefix(text, max);
          expect(prefix.length).toBeLessThanOrEqual(max);
          expect(text.startsWith(prefix)).toBe(true);
          expect(graphemes(prefix)).toEqual(graphemes(text).slice(0, graphemes(prefix).length));
          const cut = cutText(text, max);
          expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
          expect(cut.isWellFormed()).toBe(true);
          if (max >= text.length) expect(cut).toBe(text);
          else if (max >= 1) expect(cut.endsWith('…')).toBe(true);
        }
      }
    });
  }

  it('one grapheme longer than the room (a letter under many marks) is cut between code points, never to nothing', () => {
    const zalgo = `e${'\u0301'.repeat(50)}`;
    expect(graphemePrefix(zalgo, 10)).toBe(zalgo.slice(0, 10));
    expect(graphemePrefix(`😀${'\u0301'.repeat(50)}`, 3)).toBe('😀\u0301');
    expect(graphemePrefix(`😀${'\u0301'.repeat(50)}`, 1)).toBe('');
  });

  it('graphemeCount counts what a person sees', () => {
    expect(graphemeCount('abc')).toBe(3);
    expect(graphemeCount('😀'.repeat(300))).toBe(300);
    expect(graphemeCount('e\u0301'.repeat(300))).toBe(300);
    expect(graphemeCount('🇫🇷👨‍👩‍👧‍👦\r\n')).toBe(3);
  });

  it('long texts are segmented a window at a time with the same graphemes as the whole text, and cut near the end the same way', () => {
    const whole = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const parts = [...Object.values(CLUSTERS), '日本語', 'a', ' ', '\r\n', '🇫🇷🇩🇪🇮🇹', 'x\u0301\u0302'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 12; round++) {
      let text = '';
      while (text.length < 600 + round * 97) text += parts[Math.floor(random() * parts.length)];
      const expected = [...whole.segment(text)].map(({ index, segment }) => [index, segment]);
      expect([...graphemeSegments(text)].map(({ index, segment }) => [index, segment])).toEqual(expected);
      expect(graphemeCount(text)).toBe(expected.length);
      expect(firstGraphemes(text, 150)).toBe(expected.slice(0, 150).map(([, g]) => g).join(''));
      for (const max of [text.length - 1, text.length - 50, 301]) {
        const ends = expected.map(([i, g]) => (i as number) + (g as string).length).filter((e) => e <= max);
        expect(graphemePrefix(text, max).length).toBe(Math.max(0, ...ends));
      }
    }
  });

  it('wellFormedDeep repairs lone surrogates anywhere and leaves frozen, well-formed parts alone', () => {
    const frozen = Object.freeze({ label: 'ok 😀' });
    const payload = { text: 'a\ud83d', blocks: [{ text: { text: '\udc00b' } }, frozen], n: 3 };
    expect(wellFormedDeep(payload)).toEqual({ text: 'a\ufffd', blocks: [{ text: { text: '\ufffdb' } }, frozen], n: 3 });
  });
});

describe('core truncations', () => {
  for (const [name, cluster] of Object.entries(CLUSTERS)) {
    it(`${name}: clip, oneLine, person, typedRef and the parser's echoes keep it whole at every boundary`, () => {
      for (let offset = 0; offset <= cluster.length + 1; offset++) {
        const where = `${name} at offset ${offset}`;
        expectWhole(clip(across(2800, cluster, offset)), cluster, `clip ${where}`);
        expectWhole(oneLine(across(150, cluster, offset)), cluster, `oneLine ${where}`);
        expectWhole(person(across(60, cluster, offset)), cluster, `person ${where}`);
        expectWhole(typedRef(across(39, cluster, offset)), cluster, `typedRef ${where}`);
        expectWhole(parseCommand(`${across(40, cluster, offset)} foo`), cluster, `unknown word ${where}`);
        expectWhole(parseCommand(`quiz ${across(40, cluster, offset)}`), cluster, `quiz deck ${where}`);
        expectWhole(parseCommand(`quiz 1 ${across(40, cluster, offset, '1')}`), cluster, `quiz number ${where}`);
        expectWhole(parseCommand(`explain ${across(995, cluster, offset)}`), cluster, `1000-unit command ${where}`);
      }
    });
  }

  it('a clipped code span is still closed, and the cut still avoids the emoji', () => {
    const text = `${'x'.repeat(40)} \`${'a'.repeat(5)}${'😀'.repeat(20)}\` tail`;
    for (let max = 44; max < 70; max++) {
      const out = clip(text, max);
      expect(out.isWellFormed()).toBe(true);
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('both renderers', () => {
  const view = (text: string, label: string): MessageView => ({
    text,
    blocks: [
      { type: 'heading', text },
      { type: 'text', text },
      { type: 'fields', items: [{ name: text.slice(-300), value: text.slice(-1100) }] },
      { type: 'options', items: [{ label: 'A', text }] },
      { type: 'list', items: [text] },
    ],
    actions: [{ type: 'buttons', buttons: [{ id: 'x:1', label }] }],
  });

  // Every length either renderer cuts at (Slack's section, context and fallback text share 3,000).
  const LIMITS = [
    ...new Set([
      SLACK_LIMITS.sectionText,
      SLACK_LIMITS.fieldText,
      SLACK_LIMITS.fallbackText,
      SLACK_LIMITS.buttonText,
      DISCORD_LIMITS.content,
      DISCORD_LIMITS.embedTitle,
      DISCORD_LIMITS.embedDescription,
      DISCORD_LIMITS.fieldName,
      DISCORD_LIMITS.fieldValue,
      DISCORD_LIMITS.buttonLabel,
    ]),
  ];

  for (const [name, cluster] of Object.entries(CLUSTERS)) {
    it(`${name}: across every limit, every rendered string is well-formed and the cluster whole`, () => {
      for (const limit of LIMITS) {
        for (let offset = 0; offset <= cluster.length; offset++) {
          const text = across(limit, cluster, offset);
          const label = across(Math.min(limit, 90), cluster, offset);
          const where = `${name}, limit ${limit}, offset ${offset}`;
          expectWhole(slackRender(view(text, label)), cluster, `slack ${where}`);
          expectWhole(slackRender({ text, blocks: [] }), cluster, `slack text-only ${where}`);
          expectWhole(discordRender(view(text, label)), cluster, `discord ${where}`);
          expectWhole(discordRender({ text, blocks: [] }), cluster, `discord content ${where}`);
          expectWhole(slackTruncate(text, limit), cluster, `slack truncate ${where}`);
          expectWhole(splitText(text, limit), cluster, `slack splitText ${where}`);
        }
      }
    });
  }

  it('"&amp;" is still never cut, and an emoji before it is still whole', () => {
    const text = `${'a'.repeat(2990)}😀&amp;&amp;&amp;`;
    for (const chunk of splitText(text, 2995)) {
      expect(chunk.isWellFormed()).toBe(true);
      expect(chunk).not.toMatch(/&(?:a|am|amp)?$/);
    }
  });

  it('backstop: a lone surrogate inside a view leaves both renderers as U+FFFD', () => {
    const broken: MessageView = {
      text: 'half \ud83d',
      blocks: [{ type: 'text', text: 'half \ud83d here' }, { type: 'fields', items: [{ name: '\ude00', value: 'v\ud83d' }] }],
      actions: [{ type: 'buttons', buttons: [{ id: 'x:1', label: 'b\ud83d' }] }],
    };
    for (const payload of [slackRender(broken), discordRender(broken)]) {
      for (const s of strings(payload)) expect(s.isWellFormed(), JSON.stringify(s)).toBe(true);
      expect(JSON.stringify(payload)).toContain('\ufffd');
    }
  });
});
