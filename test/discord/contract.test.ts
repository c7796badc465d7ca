// Discord's side of the adapter contract: every view the real core produces in a whole
// conversation (commands, clicks, selects, count edits, reveal, late answers, practice, boards,
// stats, schedule, bad input) renders on Discord with all of its words and controls, inside
// Discord's limits, and without a live mention. The core runs on PGlite with the real deck, talking
// to a recording chat port; the views are then rendered with the Discord renderer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderView, toRestBody } from '../../adapters/discord/render.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import type { Reply, Studybot } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { MessageView } from '../../src/quiz/views.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { Conversation, RecordingChat, multiselectOf } from '../support/chat-recorder.js';
import { silentLog } from './support.js';

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

/** The words of a view that must reach the reader. */
function atoms(view: MessageView): string[] {
  const out: string[] = [];
  for (const b of view.blocks) {
    if (b.type === 'heading') out.push(b.text);
    if (b.type === 'text') out.push(...b.text.split('\n'));
    if (b.type === 'options') for (const o of b.items) out.push(o.label, o.text);
    if (b.type === 'bars') for (const r of b.rows) out.push(`${r.label} ${r.bar} ${r.count} (${Math.round(r.percent)}%)`);
    if (b.type === 'fields') for (const f of b.items) out.push(f.name, f.value);
    if (b.type === 'list') out.push(...b.items);
  }
  if (view.blocks.length === 0) out.push(view.text);
  return out.map((a) => a.trim()).filter(Boolean);
}

function expectFaithful(view: MessageView) {
  const msg = renderView(view);
  expect(validateMessageBody(toRestBody(msg, 'create'))).toEqual([]);
  const raw = visibleText(view);
  expect(raw).not.toMatch(/@(everyone|here)/i);
  const seen = readable(raw);
  for (const atom of atoms(view)) expect(seen, `missing "${atom}" in ${view.text}`).toContain(readable(atom));

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
  let database: Database;
  let bot: Studybot;
  const chat = new RecordingChat('discord', { withPrivate: false });
  const channel = { platform: 'discord' as const, workspace: '300000000000000001', channel: '400000000000000001' };
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const views: { what: string; view: MessageView }[] = [];
  const keep = (what: string, replies: Reply[]) => {
    for (const r of replies) views.push({ what, view: r.view });
    return replies;
  };

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', log: silentLog });
    const store = createQuizStore(database);
    const decks = await DeckLibrary.load('content', { log: silentLog });
    const schedule = createSchedulePort({ database, decks, clock, channelTimezones: store });
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    bot = createStudybot({ store, decks, explain, clock, schedule, random, log: silentLog });
    bot.attachChat(chat);

    const talk = new Conversation(bot, chat, channel);
    const alice = talk.user('200000000000000001', 'Alice');
    const evil = talk.user('200000000000000002', '@everyone **bold** <@1> [x](https://evil.example) `tick`');
    const boss = talk.user('200000000000000003', 'Boss', true);

    keep('help', await talk.say(alice, 'help'));
    keep('help (admin)', await talk.say(boss, 'help'));
    keep('explain concept', await talk.say(alice, 'explain stage-variables'));
    keep('explain list', await talk.say(alice, 'explain'));
    keep('explain suggestions', await talk.say(alice, 'explain stagez varz'));
    keep('unknown subcommand', await talk.say(alice, 'quizz'));
    keep('bad period', await talk.say(alice, 'leaderboard yesterday'));

    keep('quiz', await talk.say(alice, 'quiz 1'));
    const q1 = chat.lastPost(channel);
    keep('right answer', await talk.click(alice, q1.ref, 'B'));
    keep('wrong answer', await talk.click(evil, q1.ref, 'A'));
    keep('double click', await talk.click(alice, q1.ref, 'C'));
    await bot.flush();
    now += 11 * 60_000;
    await bot.closeDueRounds();
    keep('late click', await talk.act(boss, { actionId: q1.history[0]!.actions![0]!.type === 'buttons' ? (q1.history[0]!.actions![0] as any).buttons[1].id : '', messageRef: q1.ref }));

    keep('multi quiz', await talk.say(alice, 'quiz 2'));
    const q2 = chat.lastPost(channel);
    keep('multi: too few', await talk.choose(evil, q2.ref, ['1']));
    keep('multi: right', await talk.choose(alice, q2.ref, ['1', '2']));
    keep('multi: evil right', await talk.choose(evil, q2.ref, ['2', '1']));
    now += 11 * 60_000;
    await bot.closeDueRounds();

    const practice = keep('practice', await talk.say(evil, 'practice'));
    const pq = practice[0]!.view;
    const first = pq.actions?.[0];
    const answered =
      first?.type === 'multiselect'
        ? await talk.choose(evil, pq, multiselectOf(pq).options.slice(0, first.min).map((o) => o.value))
        : await talk.click(evil, pq, first?.type === 'buttons' ? first.buttons[0]!.label : 'A');
    keep('practice answered', answered);

    for (const p of ['week', 'month', 'all']) keep(`leaderboard ${p}`, await talk.say(alice, `leaderboard ${p}`));
    keep('stats', await talk.say(evil, 'stats'));
    keep('stats of other', await talk.say(alice, `stats <@${evil.id}>`));
    keep('stats unknown user', await talk.say(alice, 'stats <@999999999999>'));
    keep('schedule refused', await talk.say(alice, 'schedule 09:30 Europe/Berlin mon-fri'));
    keep('schedule set', await talk.say(boss, 'schedule 09:30 Europe/Berlin mon-fri'));
    keep('schedule show', await talk.say(boss, 'schedule'));
    keep('schedule bad', await talk.say(boss, 'schedule 25:99 Mars/Base'));
    keep('schedule off', await talk.say(boss, 'schedule off'));

    for (const post of chat.posts) post.history.forEach((view, i) => views.push({ what: `channel message v${i}`, view }));
  }, 60_000);

  afterAll(async () => database?.close());

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
    expect(text).toContain('@\u200beveryone \\*\\*bold\\*\\* <\u200b@1> \\[x\\](https://evil.example) \\`tick\\`');
  });
});
