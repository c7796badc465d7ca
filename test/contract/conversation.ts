// A whole conversation with the real core (real deck, PGlite, schedule port, recorder chat), kept
// as the list of every view it produced: private replies, channel replies, and each version of the
// channel messages (question, count edits, reveal). Adapter contract tests render these views with
// each platform's renderer, so "same behaviour on Slack, Discord and the console" is checked on
// exactly the same core output.

import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import type { Reply } from '../../src/quiz/api.js';
import type { Platform } from '../../src/quiz/ids.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { MessageView } from '../../src/quiz/views.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { Conversation, RecordingChat, buttonId, multiselectOf } from '../support/chat-recorder.js';
import { oneQuestionContent } from '../support/one-question-content.js';
import pino from 'pino';

export interface CollectedView {
  what: string;
  view: MessageView;
}

export interface CoreConversation {
  views: CollectedView[];
  chat: RecordingChat;
  /** The display name that tries to inject mentions and markup. */
  evilName: string;
  close(): Promise<void>;
}

/** At most 60 characters: the core clips display names to one bounded line. */
export const EVIL_NAME = '@everyone @here <!channel> <@U1> **b** [x](https://e.io) `t`';

export async function collectCoreConversation(platform: Platform, ids: { workspace: string; channel: string; user: (n: number) => string }): Promise<CoreConversation> {
  const log = pino({ level: 'silent' });
  const database: Database = await openDatabase({ dataDir: 'memory://', log });
  const chat = new RecordingChat(platform, { withPrivate: true }); // every adapter's port has postPrivate (Discord: a DM)
  const channel = { platform, workspace: ids.workspace, channel: ids.channel };
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const views: CollectedView[] = [];
  const keep = (what: string, replies: Reply[]) => {
    for (const r of replies) views.push({ what, view: r.view });
    return replies;
  };

  const store = createQuizStore(database);
  const decks = await DeckLibrary.load('content', { log });
  const schedule = createSchedulePort({ database, decks, clock, channelTimezones: store });
  let seed = 3;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const content = oneQuestionContent(decks.decks()); // plain `quiz` of a known question: scored, unlike a preview
  const bot = createStudybot({ store, decks: content.catalog, explain, clock, schedule, random, log });
  bot.attachChat(chat);

  const talk = new Conversation(bot, chat, channel);
  const alice = talk.user(ids.user(1), 'Alice');
  const evil = talk.user(ids.user(2), EVIL_NAME);
  const boss = talk.user(ids.user(3), 'Boss', true);

  keep('help', await talk.say(alice, 'help'));
  keep('help (admin)', await talk.say(boss, 'help'));
  const explained = keep('explain concept', await talk.say(alice, 'explain stage-variables'));
  keep('explain list', await talk.say(alice, 'explain'));
  keep('explain suggestions', await talk.say(alice, 'explain stagez varz'));
  keep('share concept', await talk.click(evil, explained[0]!.view, 'Share to channel'));
  keep('unknown subcommand', await talk.say(alice, 'quizz'));
  keep('bad period', await talk.say(alice, 'leaderboard yesterday'));

  keep('quiz', await content.only('1', () => talk.say(alice, 'quiz')));
  const q1 = chat.lastPost(channel);
  keep('right answer', await talk.click(alice, q1.ref, 'B'));
  keep('wrong answer', await talk.click(evil, q1.ref, 'A'));
  keep('double click', await talk.click(alice, q1.ref, 'C'));
  await bot.flush();
  now += 11 * 60_000;
  await bot.closeDueRounds();
  // A stale client clicks B on the question as it was first posted, after the close.
  keep('late click', await talk.act(boss, { actionId: buttonId(q1.history[0]!, 'B'), messageRef: q1.ref }));

  keep('multi quiz', await content.only('2', () => talk.say(alice, 'quiz')));
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
  return { views, chat, evilName: EVIL_NAME, close: () => database.close() };
}

/** The words of a view that must reach the reader on every platform. */
export function atomsOf(view: MessageView): string[] {
  const out: string[] = [];
  for (const b of view.blocks) {
    if (b.type === 'heading') out.push(b.text);
    if (b.type === 'text') out.push(...b.text.split('\n'));
    if (b.type === 'options') for (const o of b.items) out.push(o.label, o.text);
    if (b.type === 'bars') for (const r of b.rows) out.push(r.label, r.bar, `${r.count} (${Math.round(r.percent)}%)`);
    if (b.type === 'fields') for (const f of b.items) out.push(f.name, f.value);
    if (b.type === 'list') out.push(...b.items);
  }
  if (view.blocks.length === 0) out.push(view.text);
  return out.map((a) => a.trim()).filter(Boolean);
}

/** Every control of a view as the core defined it: what each platform must offer. */
export function controlsOf(view: MessageView): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (const a of view.actions ?? []) {
    if (a.type === 'buttons') out.push(...a.buttons.map((b) => ({ id: b.id, label: b.label })));
    else out.push({ id: a.submitId, label: `${a.min}-${a.max} of ${a.options.map((o) => o.value).join(',')}` });
  }
  return out;
}
