// `exam last` (and `exam result`) through the real core: the user's most recent finished mock exam
// of the deck's exam, the same view and chart as at its end, privately; a notice when there is none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/quiz/api.js';
import { TIME_UP_LINE } from '../../src/quiz/features/exam/time-up.js';
import type { UserRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { decodePng } from './png.js';
import { examStudybot } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const NONE = 'You have not finished a mock exam for DVA-C02 yet.';

describe('exam last', () => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'pglite' }, 'exam_last');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
  });

  function setup() {
    const bot = examStudybot(t.database, () => now, { command: 'apigw' });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    return { bot, chat, talk: new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' }) };
  }
  const only = (replies: Reply[]) => {
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  /** A view as the user reads it: the text and controls, and the chart's PNG bytes. */
  const seen = (view: MessageView) => ({ text: textOf(view), actions: view.actions, chart: view.image ? Buffer.from(view.image.png).toString('base64') : null });

  /** End, then End exam on the question it asks (questions are unanswered). */
  const endExam = async (talk: Conversation, user: UserRef, view: MessageView) => {
    const ask = only(await talk.click(user, view, 'End'));
    expect(textOf(ask.view)).toMatch(/End now\? \d+ unanswered counts? as wrong\./);
    return only(await talk.click(user, ask.view, 'End exam'));
  };

  it('none finished: a private notice that says how to start one', async () => {
    const { talk } = setup();
    const r = only(await talk.say(talk.user('U1', 'ann'), 'exam last'));
    expect(r.visibility).toBe('private');
    expect(textOf(r.view)).toContain(NONE);
    expect(textOf(r.view)).toContain('Start one with /apigw exam.');
    expect(r.view.image).toBeUndefined();
  });

  it('after End: the same result and chart as shown at the end; `exam result` too', async () => {
    const { talk } = setup();
    const ann = talk.user('U1', 'ann');
    let r = only(await talk.say(ann, 'exam 4'));
    r = only(await talk.click(ann, r.view, 'B'));
    const atEnd = (await endExam(talk, ann, r.view));
    expect(textOf(atEnd.view)).toContain('Mock exam result · DVA-C02: 325 / 1000 · FAIL (passing 720)');
    now = new Date(T0.getTime() + 86_400_000);
    for (const words of ['exam last', 'exam result', 'exam LAST']) {
      const last = only(await talk.say(ann, words));
      expect(last.visibility, words).toBe('private');
      expect(last.replaceSource, words).toBe(false);
      expect(seen(last.view), words).toEqual(seen(atEnd.view));
      expect(decodePng(Buffer.from(last.view.image!.png)).width, words).toBe(720);
    }
  });

  it('after the time ran out (told by the sweep): shown, as the private note showed it without its time-up line', async () => {
    const { bot, chat, talk } = setup();
    const ann = talk.user('U1', 'ann');
    only(await talk.say(ann, 'exam 3 2'));
    now = new Date(T0.getTime() + 3 * 60_000);
    expect(await bot.endExpiredExams()).toBe(1);
    const note = chat.privateNotes[0]!.view;
    const last = only(await talk.say(ann, 'exam last'));
    expect(textOf(last.view)).toContain('time ran out');
    expect(note.text).toBe(last.view.text);
    expect(note.blocks).toEqual([{ type: 'text', style: 'muted', text: TIME_UP_LINE }, ...last.view.blocks]);
    expect(seen(last.view).chart).toEqual(seen(note).chart);
  });

  it('time up but not yet swept: `exam last` ends it and shows the result; the sweep then has nothing to tell', async () => {
    const { bot, chat, talk } = setup();
    const ann = talk.user('U1', 'ann');
    let r = only(await talk.say(ann, 'exam 3 2'));
    r = only(await talk.click(ann, r.view, 'B'));
    now = new Date(T0.getTime() + 2 * 60_000 + 1000);
    const last = only(await talk.say(ann, 'exam last'));
    expect(last.visibility).toBe('private');
    expect(textOf(last.view)).toContain('Mock exam result · DVA-C02');
    expect(textOf(last.view)).toContain('time ran out');
    expect(await bot.endExpiredExams()).toBe(0);
    expect(chat.privateNotes).toHaveLength(0);
    expect(textOf(only(await talk.say(ann, 'exam last')).view)).toBe(textOf(last.view));
  });

  it("another user's exam is never shown: each sees their own, or the notice", async () => {
    const { talk } = setup();
    const ann = talk.user('U1', 'ann');
    const bob = talk.user('U2', 'bob');
    let r = only(await talk.say(ann, 'exam 4'));
    r = only(await talk.click(ann, r.view, 'B'));
    const annEnd = textOf((await endExam(talk, ann, r.view)).view);
    expect(textOf(only(await talk.say(bob, 'exam last')).view)).toContain(NONE);
    r = only(await talk.say(bob, 'exam 2'));
    const bobEnd = textOf((await endExam(talk, bob, r.view)).view);
    expect(bobEnd).not.toBe(annEnd);
    expect(textOf(only(await talk.say(bob, 'exam last')).view)).toBe(bobEnd);
    expect(textOf(only(await talk.say(ann, 'exam last')).view)).toBe(annEnd);
  });

  it('a running exam is not the last finished one', async () => {
    const { talk } = setup();
    const ann = talk.user('U1', 'ann');
    let r = only(await talk.say(ann, 'exam 2'));
    expect(textOf(only(await talk.say(ann, 'exam last')).view)).toContain(NONE);
    const firstEnd = textOf((await endExam(talk, ann, r.view)).view);
    now = new Date(T0.getTime() + 60_000);
    r = only(await talk.say(ann, 'exam 3'));
    r = only(await talk.click(ann, r.view, 'B'));
    const last = textOf(only(await talk.say(ann, 'exam last')).view);
    expect(last).toBe(firstEnd);
    expect(last).toContain('of 2 questions right');
    // The running exam carries on where it was.
    expect(textOf(only(await talk.say(ann, 'exam')).view)).toContain('Your exam is still running');
  });

  it('`exam last` takes nothing else; `exam 4 5` still starts an exam', async () => {
    const { talk } = setup();
    const ann = talk.user('U1', 'ann');
    expect(textOf(only(await talk.say(ann, 'exam last 3')).view)).toContain('exam last takes nothing else.');
    expect(textOf(only(await talk.say(ann, 'exam 4 5')).view)).toContain('question 1 of 4 · 5 minutes left');
  });
});
