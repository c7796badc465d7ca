// The exam commands through the real core (router, feature module, store) as users would use them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary } from '../../src/content/library.js';
import { createQuizStore } from '../../src/db/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Reply } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { decodePng } from './png.js';
import { dva, examDeck, seeded } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');

describe('exam prep through the core', () => {
  let t: TestDatabase;
  let now: Date;
  let chartDir: string;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'pglite' }, 'exam_feature');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
    chartDir = await mkdtemp(join(tmpdir(), 'exam-charts-'));
  });

  function setup(platform: 'console' | 'slack', withExams = true) {
    const deck = { ...examDeck([6, 5, 4, 3], 'dev'), command: 'apigw' };
    const other = apiGatewayDeck({ id: 'other', command: 'other' });
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks: DeckLibrary.fromDecks([deck, other]),
      clock: { now: () => now },
      random: seeded(5),
      ...(withExams ? { exams: { store: createExamStore(t.database.db), blueprints: () => [dva()], chartDir } } : {}),
    });
    const chat = new RecordingChat(platform);
    bot.attachChat(chat);
    return new Conversation(bot, chat, { platform, workspace: platform === 'console' ? 'local' : 'T1', channel: 'C1' });
  }
  const only = (replies: Reply[]) => {
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };

  it('exam 4: one question at a time, flag, back, End; the result has a scaled score, domains and a chart', async () => {
    const talk = setup('slack');
    const ann = talk.user('U1', 'ann');
    let r = only(await talk.say(ann, 'exam 4'));
    expect(r.visibility).toBe('private');
    expect(textOf(r.view)).toContain('question 1 of 4 · 8 minutes left');
    r = only(await talk.click(ann, r.view, 'B'));
    expect(r.replaceSource).toBe(true);
    expect(textOf(r.view)).toContain('question 2 of 4');
    r = only(await talk.click(ann, r.view, 'Flag for review'));
    expect(textOf(r.view)).toContain('question 2 of 4 · flagged');
    r = only(await talk.click(ann, r.view, 'Back'));
    expect(textOf(r.view)).toContain('Your answer: B');
    // Someone else pressing ann's buttons changes nothing.
    expect(textOf(only(await talk.click(talk.user('U2', 'bob'), r.view, 'End')).view)).toContain('This exam is not yours');
    // Three unanswered: End asks first; Keep going returns to the question; End exam ends it.
    r = only(await talk.click(ann, r.view, 'End'));
    expect(r.replaceSource).toBe(true);
    expect(textOf(r.view)).toContain('Mock exam DVA-C02 · End now? 3 unanswered count as wrong.');
    r = only(await talk.click(ann, r.view, 'Keep going'));
    expect(textOf(r.view)).toContain('question 1 of 4');
    r = only(await talk.click(ann, only(await talk.click(ann, r.view, 'End')).view, 'End exam'));
    const text = textOf(r.view);
    expect(text).toContain('Mock exam result · DVA-C02: 325 / 1000 · FAIL (passing 720)');
    expect(text).toContain('1 of 4 questions right · ended early');
    expect(text).toMatch(/Development with AWS Services/);
    expect(r.view.image).toMatchObject({ width: 720, filename: expect.stringMatching(/^exam-dva-c02-u1-.*\.png$/) });
    expect(r.view.image!.path).toBeUndefined();
    expect(decodePng(Buffer.from(r.view.image!.png)).width).toBe(720);
    // stats shows the exam history.
    const stats = textOf(only(await talk.say(ann, 'stats')).view);
    expect(stats).toContain('Mock exams (DVA-C02): 1 exam');
    expect(stats).toMatch(/325 \(1\/4\) fail/);
    // Mock exam results are private: another member sees that they are, an admin sees them.
    const bobSees = textOf(only(await talk.say(talk.user('U2', 'bob'), 'stats <@U1>')).view);
    expect(bobSees).toContain('DVA-C02 mock exam results are private: only they and admins see them.');
    expect(bobSees).not.toContain('Mock exams (DVA-C02)');
    expect(bobSees).not.toMatch(/325 \(1\/4\)/);
    const adminSees = textOf(only(await talk.say(talk.user('U9', 'ada', true), 'stats <@U1>')).view);
    expect(adminSees).toContain('Mock exams (DVA-C02): 1 exam');
  });

  it('a "select TWO" question is a multiselect; toggling a box replies nothing, the submit answers', async () => {
    const deck = apiGatewayDeck({ meta: { exam: 'dva-c02', domain: '1' } });
    const bot = createStudybot({ store: createQuizStore(t.database), decks: DeckLibrary.fromDecks([deck]), clock: { now: () => now }, random: seeded(2), exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] } });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
    const ann = talk.user('U1', 'ann');
    let r = only(await talk.say(ann, 'exam 3'));
    for (let i = 0; i < 3; i++) {
      const multi = r.view.actions?.find((a) => a.type === 'multiselect');
      if (multi && multi.type === 'multiselect') {
        expect(await talk.act(ann, { actionId: multi.id, values: ['1'] })).toEqual([]);
        r = only(await talk.choose(ann, r.view, ['2', '1']));
      } else r = only(await talk.click(ann, r.view, 'B'));
    }
    // All answered: End ends at once.
    r = only(await talk.click(ann, r.view, 'End'));
    // Q1 (B) and Q2 (1 and 2) right, Q3 (A) wrong: 2 of 3 → 100 + 900 × 2/3. The deck is all
    // domain 1: the draw cannot follow the blueprint's weights, so no pass/fail.
    expect(textOf(r.view)).toContain('Mock exam result · DVA-C02: 700 / 1000 · no pass/fail (not comparable to the real exam)');
    expect(textOf(r.view)).toContain('Not comparable to the real exam: the draw could not follow the domain weights; not covered: 2 Security, 3 Deployment;');
    expect(textOf(r.view)).toContain('2 of 3 questions right · finished');
  });

  it('exam again while one runs resumes it; a deck without an exam says so; bad arguments are explained', async () => {
    const talk = setup('slack');
    const ann = talk.user('U1', 'ann');
    only(await talk.say(ann, 'exam 3 5'));
    expect(textOf(only(await talk.say(ann, 'exam')).view)).toContain('Your exam is still running');
    expect(textOf(only(await talk.say(ann, 'exam 100')).view)).toContain('An exam has 1 to 65 questions.');
    const other = new Conversation(talk.bot, talk.chat, talk.channel, 'other');
    expect(textOf(only(await other.say(ann, 'readiness')).view)).toContain('API Gateway belongs to no exam.');
  });

  it('the time limit ends the exam on the next click', async () => {
    const talk = setup('slack');
    const ann = talk.user('U1', 'ann');
    const r = only(await talk.say(ann, 'exam 2'));
    now = new Date(T0.getTime() + 10 * 60_000);
    expect(textOf(only(await talk.click(ann, r.view, 'B')).view)).toContain('time ran out');
  });

  it('readiness on the console writes the chart under the data folder and prints its path', async () => {
    const talk = setup('console');
    const ann = talk.user('ann', 'ann');
    const r = only(await talk.say(ann, 'readiness'));
    const text = textOf(r.view);
    expect(text).toMatch(/Predicted score: \d+ \/ 1000 \(90% band \d+–\d+\) · passing 720/);
    for (const d of dva().domains) expect(text).toContain(d.name);
    const path = /Chart \(PNG\): (\S+\.png)/.exec(text)?.[1];
    expect(path?.startsWith(chartDir)).toBe(true);
    expect(r.view.image?.path).toBe(path);
    const png = decodePng(await readFile(path!));
    expect(png.width).toBe(720);
  });

  it('stats on the console: accuracy per domain over the weeks as text, and as a chart written under the data folder', async () => {
    const talk = setup('console');
    const ann = talk.user('ann', 'ann');
    // No answers on the exam's questions yet: no accuracy lines, no chart.
    expect(only(await talk.say(ann, 'stats')).view.image).toBeUndefined();
    // Two weeks of practice (the deck's right answer is always B): right, then wrong, then right.
    const answer = async (label: string) => {
      const q = only(await talk.say(ann, 'practice'));
      only(await talk.click(ann, q.view, label));
    };
    await answer('B');
    await answer('A');
    now = new Date(T0.getTime() + 7 * 86_400_000);
    await answer('B');
    const r = only(await talk.say(ann, 'stats'));
    const text = textOf(r.view);
    expect(text).toContain('Accuracy per DVA-C02 domain (last 12 weeks)');
    const lines = text.split('\n').filter((l) => /^\d [A-Z].*: \d+% \(\d+\/\d+\)/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    // Every answer is counted once, in its domain: 2 right of 3 over all lines.
    const totals = lines.map((l) => /: \d+% \((\d+)\/(\d+)\)/.exec(l)!.slice(1).map(Number));
    expect(totals.reduce((n, [c]) => n + c!, 0)).toBe(2);
    expect(totals.reduce((n, [, a]) => n + a!, 0)).toBe(3);
    // Text first, then where the picture is.
    const path = /Chart \(PNG\): (\S+\.png)/.exec(text)?.[1];
    expect(path?.startsWith(chartDir)).toBe(true);
    expect(text.indexOf('Chart (PNG)')).toBeGreaterThan(text.indexOf('Accuracy per DVA-C02 domain'));
    expect(r.view.image).toMatchObject({ path, width: 720, height: 400, filename: expect.stringMatching(/^stats-dva-c02-ann-.*\.png$/) });
    const png = decodePng(await readFile(path!));
    expect([png.width, png.height]).toEqual([720, 400]);
  });

  it('readiness channel ranks the members; exam-date is for admins', async () => {
    const talk = setup('slack');
    const ann = talk.user('U1', 'ann');
    const admin = talk.user('U9', 'ada', true);
    expect(textOf(only(await talk.say(ann, 'readiness channel')).view)).toContain('Nobody in this channel');
    expect(textOf(only(await talk.say(ann, 'exam-date 2026-04-15')).view)).toContain('Only admins can set the exam date.');
    expect(textOf(only(await talk.say(ann, 'exam-date 2026-04-15')).view)).toContain('STUDYBOT_ADMINS');
    expect(textOf(only(await talk.say(admin, 'exam-date 2026-04-15')).view)).toContain('DVA-C02 exam in 44 days (2026-04-15).');
    expect(textOf(only(await talk.say(ann, 'exam-date')).view)).toContain('exam in 44 days');
    expect(textOf(only(await talk.say(admin, 'exam-date off')).view)).toContain('turned off');
  });

  it('without exam deps the commands say exam prep is not available', async () => {
    const talk = setup('slack', false);
    expect(textOf(only(await talk.say(talk.user('U1'), 'exam')).view)).toContain('Exam prep is not available');
  });
});
