// A mock exam past its time limit ends on its own: the scheduler's tick ends it and the user gets
// the result privately (ChatPort.postPrivate), exactly once even when several processes tick.
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/quiz/api.js';
import { createScheduler } from '../../src/schedule/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { examStudybot } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

describe.each(dbTargets)('mock exams that time out on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam_time_up');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
  });

  /** One bot process on the shared database. */
  function process(platform: 'slack' | 'discord' = 'slack') {
    const bot = examStudybot(t.database, () => now, { command: 'apigw' });
    const chat = new RecordingChat(platform);
    bot.attachChat(chat);
    return { bot, chat, talk: new Conversation(bot, chat, channel) };
  }
  const only = (replies: Reply[]) => {
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };

  it('the scheduler tick ends it when the time is up and tells the user privately, once', async () => {
    const { bot, chat, talk } = process();
    const ann = talk.user('U1', 'ann');
    const first = only(await talk.say(ann, 'exam 3 2'));
    const second = only(await talk.click(ann, first.view, 'B'));
    expect(textOf(second.view)).toContain('question 2 of 3');
    const scheduler = createScheduler({ database: t.database, bot, log: pino({ level: 'silent' }), clock: { now: () => now } });

    now = new Date(T0.getTime() + 60_000);
    await scheduler.tick();
    expect(chat.privateNotes).toEqual([]); // still running

    now = new Date(T0.getTime() + 3 * 60_000);
    await scheduler.tick();
    expect(chat.privateNotes).toHaveLength(1);
    const note = chat.privateNotes[0]!;
    expect(note.userId).toBe('U1');
    expect(note.channel).toEqual(channel);
    const text = textOf(note.view);
    expect(text).toContain('time is up, so it ended on its own');
    expect(text).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · FAIL \(passing 720\)/);
    expect(text).toContain('time ran out (unanswered count as wrong)');
    expect(text).toMatch(/of 3 questions right/);
    // The same chart as a result ended with End: score per domain against the passing score.
    expect(note.view.image?.filename).toMatch(/^exam-dva-c02-u1-.*\.png$/);
    expect(note.view.image?.alt).toBe('Score per domain of the mock exam; passing 720');

    await scheduler.tick();
    expect(chat.privateNotes).toHaveLength(1); // told once
    // The old screen's buttons now show the same stored result; a new exam starts fresh.
    expect(textOf(only(await talk.click(ann, second.view, 'Next')).view)).toContain('time ran out');
    expect(textOf(only(await talk.say(ann, 'exam 3')).view)).toContain('question 1 of 3');
  });

  it('several processes sweeping at once end and tell each exam exactly once', async () => {
    const procs = [process(), process(), process()];
    const ann = procs[0]!.talk.user('U1', 'ann');
    const bob = procs[0]!.talk.user('U2', 'bob');
    only(await procs[0]!.talk.say(ann, 'exam 3 2'));
    only(await procs[1]!.talk.say(bob, 'exam 2 1'));
    now = new Date(T0.getTime() + 5 * 60_000);
    const ended = await Promise.all(procs.map((p) => p.bot.endExpiredExams()));
    expect(ended.reduce((a, b) => a + b, 0)).toBe(2);
    const notes = procs.flatMap((p) => p.chat.privateNotes.map((n) => n.userId)).sort();
    expect(notes).toEqual(['U1', 'U2']);
    expect(await Promise.all(procs.map((p) => p.bot.endExpiredExams()))).toEqual([0, 0, 0]);
  });

  it('a process without that platform leaves the exam to one that can tell the user', async () => {
    const slack = process('slack');
    const discordOnly = process('discord');
    const ann = slack.talk.user('U1', 'ann');
    only(await slack.talk.say(ann, 'exam 3 2'));
    now = new Date(T0.getTime() + 5 * 60_000);
    expect(await discordOnly.bot.endExpiredExams()).toBe(0);
    expect(await slack.bot.endExpiredExams()).toBe(1);
    expect(slack.chat.privateNotes.map((n) => n.userId)).toEqual(['U1']);
  });
});
