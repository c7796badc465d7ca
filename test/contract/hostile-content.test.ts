// Content is as untrusted as user names: a deck whose notes try to ping (@everyone, <!here>,
// <@U…>, role and channel mentions) and to format (markdown, links) must reach every platform as
// the same harmless words. Real core, PGlite, a hostile fixture deck; every view is rendered by
// Slack's, Discord's and the console's renderers.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { MessageView } from '../../src/quiz/views.js';
import { Conversation, RecordingChat } from '../support/chat-recorder.js';
import { adapters } from './adapters.js';
import { atomsOf } from './conversation.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const log = pino({ level: 'silent' });

describe('hostile deck content renders as harmless text everywhere', () => {
  let database: Database;
  const views: { what: string; view: MessageView }[] = [];

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', log });
    let now = Date.parse('2026-11-26T10:00:00Z');
    const clock = { now: () => new Date(now) };
    const decks = await DeckLibrary.load('test/contract/fixtures/hostile', { log });
    expect(decks.byCommand('hostile'), 'fixture deck loads').toBeTruthy();
    const chat = new RecordingChat('slack', { withPrivate: true });
    const content = oneQuestionContent(decks.decks());
    const bot = createStudybot({ store: createQuizStore(database), decks: content.catalog, explain, clock, log });
    bot.attachChat(chat);
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const talk = new Conversation(bot, chat, channel, 'hostile');
    const pat = talk.user('U1', 'Pat');
    const keep = (what: string, replies: { view: MessageView }[]) => replies.forEach((r) => views.push({ what, view: r.view }));
    keep('help', await talk.say(pat, 'help'));
    const concept = await talk.say(pat, 'explain ping-trap');
    keep('explain', concept);
    keep('explain list', await talk.say(pat, 'explain'));
    keep('share', await talk.click(pat, concept[0]!.view, 'Share to channel'));
    keep('quiz', await content.only('1', () => talk.say(pat, 'quiz')));
    keep('answer', await talk.click(pat, chat.lastPost(channel).ref, 'B'));
    await bot.flush();
    now += 11 * 60_000;
    await bot.closeDueRounds();
    for (const p of chat.posts) p.history.forEach((view, i) => views.push({ what: `channel v${i}`, view }));
  }, 60_000);
  afterAll(async () => database?.close());

  it('the hostile text reached the views (the core escapes nothing)', () => {
    const all = views.flatMap((v) => atomsOf(v.view)).join('\n');
    expect(all).toContain('@everyone');
    expect(all).toContain('<@U0ADMIN>');
    expect(views.map((v) => v.what)).toEqual(expect.arrayContaining(['explain', 'share', 'quiz', 'answer', 'channel v1']));
  });

  for (const adapter of adapters) {
    it(`${adapter.name}: every word kept, nobody pinged, within limits`, () => {
      for (const { what, view } of views) {
        const out = adapter.render(view);
        expect(out.raw, `${adapter.name} / ${what}: live mention`).not.toMatch(adapter.pings);
        expect(out.problems, `${adapter.name} / ${what}`).toEqual([]);
        const seen = adapter.readable(out.raw);
        for (const atom of atomsOf(view)) expect(seen, `${adapter.name} / ${what}: missing "${atom}"`).toContain(adapter.readable(atom));
      }
    });
  }
});
