// The exam use cases end to end on a real database, driven through the views' own action ids.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import { createMemoryStore } from '../../src/db/memory-store.js';
import { parseExamAction } from '../../src/exam/exam-actions.js';
import { channelReadinessView, examEndConfirmView, examQuestionView, examResultView, readinessView } from '../../src/exam/render-exam.js';
import { createExamService, parseExamArgs, type ExamOutcome } from '../../src/exam/service.js';
import { afterAnswer } from '../../src/quiz/memory.js';
import type { MessageView } from '../../src/quiz/views.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examDeck, seeded } from './support.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const ANN = 'console:local:ann';
const CH = 'console:local:general';

/** The button (or multiselect submit) of a view whose label is `label`. */
function click(view: MessageView, label: string): string {
  for (const a of view.actions ?? []) {
    if (a.type === 'buttons') {
      const b = a.buttons.find((x) => x.label === label);
      if (b) return b.id;
    } else if (label === 'submit') return a.submitId;
  }
  throw new Error(`no "${label}" in ${JSON.stringify(view.actions)}`);
}

describe.each(dbTargets)('mock exams and readiness on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  const bp = dva();
  const deck = examDeck([6, 5, 4, 3]);
  const service = () =>
    createExamService({ store: createExamStore(t.database.db), decks: () => [deck], blueprints: () => [bp], clock: { now: () => now }, random: seeded(3) });
  const screen = (o: ExamOutcome) => {
    if (o.kind !== 'screen') throw new Error(`expected a screen, got ${JSON.stringify(o)}`);
    return { o, view: examQuestionView(o.session, o.bp, now, 'UTC') };
  };
  const act = async (svc: ReturnType<typeof service>, id: string, values?: string[], user = ANN) => svc.act(user, parseExamAction(id)!, values);

  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam_service');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    now = T0;
    await t.reset();
  });

  it('draws by weight, answers without feedback, flags, goes back, and scores at the end', async () => {
    const svc = service();
    const started = await svc.start({ userKey: ANN, channelKey: CH, bp, n: 10, minutes: null });
    let { o, view } = screen(started);
    expect(o.session.items).toHaveLength(10);
    expect(o.session.endsAt).toEqual(new Date(T0.getTime() + 20 * 60_000));
    const perDomain = o.session.items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.domainId]: (m[i.domainId] ?? 0) + 1 }), {});
    expect(perDomain).toEqual({ '1': 3, '2': 3, '3': 2, '4': 2 });
    expect(view.blocks[0]).toEqual({ type: 'heading', text: 'Mock exam DVA-C02 · question 1 of 10 · 20 minutes left (ends 09:20 UTC)' });

    // Q1 right (B), Q2 wrong (A) and flagged, back to Q1, then end early.
    ({ o, view } = screen(await act(svc, click(view, 'B'))));
    expect(JSON.stringify(view.blocks)).not.toMatch(/Correct|Right:|✓|marked/);
    ({ o, view } = screen(await act(svc, click(view, 'Flag for review'))));
    expect(view.blocks[0]).toMatchObject({ text: expect.stringContaining('question 2 of 10 · flagged') });
    ({ o, view } = screen(await act(svc, click(view, 'A'))));
    expect(o.session.position).toBe(2);
    ({ o, view } = screen(await act(svc, click(view, 'Back'))));
    ({ o, view } = screen(await act(svc, click(view, 'Back'))));
    expect(o.session.position).toBe(0);
    expect(view.blocks.at(-1)).toMatchObject({ text: expect.stringContaining('Your answer: B') });
    now = new Date(T0.getTime() + 5 * 60_000);
    // End with 8 unanswered asks first; End exam ends it.
    const ask = await act(svc, click(view, 'End'));
    if (ask.kind !== 'confirm-end') throw new Error('no confirmation');
    const done = await act(svc, click(examEndConfirmView(ask.session, bp, now, 'UTC', ask.unanswered), 'End exam'));
    if (done.kind !== 'result') throw new Error('no result');
    expect(done.result).toMatchObject({ asked: 10, correct: 1, unanswered: 8, scaled: 190, passed: false, endReason: 'ended-early', seconds: 300 });
    const resultView = examResultView({ bp, result: done.result, commandOf: () => 'dev' });
    expect(resultView.blocks[0]).toEqual({ type: 'heading', text: 'Mock exam result · DVA-C02: 190 / 1000 · FAIL (passing 720)' });
    expect(resultView.text).toContain('Development with AWS Services');
    expect(JSON.stringify(resultView)).toContain('Right: B) Option B');
    // A click on the ended exam shows the result again and changes nothing.
    expect(await act(svc, click(view, 'C'))).toMatchObject({ kind: 'result', result: { correct: 1 } });
    expect(await svc.history(ANN, bp)).toEqual([expect.objectContaining({ scaled: 190, asked: 10 })]);
  });

  it('one exam at a time: starting again resumes it, also after a restart of the bot', async () => {
    const first = screen(await service().start({ userKey: ANN, channelKey: CH, bp, n: 5, minutes: 10 }));
    await act(service(), click(first.view, 'C'));
    // A new service instance on the same database = the bot restarted.
    const again = await service().start({ userKey: ANN, channelKey: CH, bp, n: 20, minutes: null });
    expect(again).toMatchObject({ kind: 'screen', resumed: true, session: { id: first.o.session.id, position: 1 } });
    expect(again.kind === 'screen' && again.session.items).toHaveLength(5);
  });

  it('ends itself when the time is up: a late click or the sweeper ends it, unanswered count as wrong', async () => {
    const svc = service();
    const { view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 2 }));
    await act(svc, click(view, 'B'));
    now = new Date(T0.getTime() + 3 * 60_000);
    expect(await svc.endExpired()).toEqual([expect.objectContaining({ kind: 'result', result: expect.objectContaining({ endReason: 'time', correct: 1, unanswered: 2, seconds: 120 }) })]);
    expect(await svc.endExpired()).toEqual([]);
    const late = await act(svc, click(view, 'C'));
    expect(late).toMatchObject({ kind: 'result', result: { endReason: 'time' } });
  });

  it('refuses someone else’s clicks and unknown sessions; a double click counts once', async () => {
    const svc = service();
    const { view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 5 }));
    expect(await act(svc, click(view, 'B'), undefined, 'console:local:bob')).toMatchObject({ kind: 'refused', message: 'This exam is not yours.' });
    expect(await svc.act(ANN, { type: 'end', sessionId: '999', confirmed: true })).toMatchObject({ kind: 'refused' });
    const [a, b] = await Promise.all([act(svc, click(view, 'B')), act(svc, click(view, 'B'))]);
    expect([a.kind, b.kind]).toEqual(['screen', 'screen']);
    const s = a.kind === 'screen' && b.kind === 'screen' ? (a.session.version > b.session.version ? a.session : b.session) : null;
    expect(s?.answers[0]).toEqual(['B']);
    expect(s?.version).toBe(2);
  });

  it('readiness: a user and the channel, with the text naming every domain', async () => {
    const memory = createMemoryStore(t.database.db);
    const q1 = deck.questions[0]!;
    await memory.saveCard(afterAnswer(null, { userKey: ANN, deckId: 'dev', questionId: q1.id }, 'r1', T0, true));
    now = new Date(T0.getTime() + 2 * 86_400_000);
    const svc = service();
    const r = await svc.readiness(ANN, bp);
    expect(r.domains[0]!.seen).toBe(1);
    expect(r.scaled).toBeGreaterThan(325);
    const view = readinessView({ bp, readiness: r, name: 'ann', self: true, prior: svc.prior });
    for (const d of bp.domains) expect(JSON.stringify(view)).toContain(d.name);
    expect(view.text).toMatch(/^DVA-C02 readiness for you: \d{3} \/ 1000 \(band \d+–\d+, passing 720\)$/);
    // A name is plain text (person() in view-text.ts): its backticks cannot open code; one line, at most 60.
    const named = readinessView({ bp, readiness: r, name: '`x` ```\nevil```', self: false, prior: svc.prior });
    expect(named.text).toContain('readiness for \u02CBx\u02CB \u02CB\u02CB\u02CB evil\u02CB\u02CB\u02CB:');
    expect(JSON.stringify(named)).not.toContain('`');
    const channel = await svc.channel(CH, bp);
    expect(channel.members).toEqual([]);
    expect(channelReadinessView({ bp, channel, names: new Map() }).text).toContain('Nobody in this channel');
  });

  it('parses exam arguments and the exam date', async () => {
    // The default is the real exam's size (scored and unscored questions).
    expect(parseExamArgs('', bp)).toEqual({ n: 65, minutes: null });
    expect(parseExamArgs('10 20', bp)).toEqual({ n: 10, minutes: 20 });
    // The time limit named (Discord's `minutes` option): never read as a number of questions.
    expect(parseExamArgs('minutes 30', bp)).toEqual({ n: 65, minutes: 30 });
    expect(parseExamArgs('50 minutes 30', bp)).toEqual({ n: 50, minutes: 30 });
    expect(parseExamArgs('min 30 50', bp)).toEqual({ n: 50, minutes: 30 });
    expect(parseExamArgs('10 20 minutes 30', bp)).toHaveProperty('error');
    expect(parseExamArgs('minutes', bp)).toHaveProperty('error');
    expect(parseExamArgs('minutes 30 minutes 20', bp)).toHaveProperty('error');
    expect(parseExamArgs('minutes 0', bp)).toEqual({ error: 'The time limit is 1 to 600 minutes.' });
    expect(parseExamArgs('0', bp)).toHaveProperty('error');
    expect(parseExamArgs('66', bp)).toHaveProperty('error');
    expect(parseExamArgs('ten', bp)).toHaveProperty('error');
    const svc = service();
    const date = (arg: string) => svc.examDate(CH, bp, arg, ANN, '2026-03-01', 'UTC');
    expect(await date('2026-02-30')).toEqual({ ok: false, message: '2026-02-30 is not a real date. Usage: exam-date YYYY-MM-DD (e.g. 2026-03-31) or exam-date off.' });
    expect(await date('2026-02-28')).toEqual({ ok: false, message: "2026-02-28 is in the past (today is 2026-03-01 in UTC, this channel's timezone)." });
    expect(await date('2028-03-05')).toMatchObject({ ok: false, message: expect.stringContaining('more than 2 years ahead') });
    expect(await date('2026-04-15')).toEqual({ ok: true, date: '2026-04-15' });
    expect(await date('')).toEqual({ ok: true, date: '2026-04-15' });
    // Another exam's date in the same channel is its own.
    expect(await svc.examDate(CH, { ...bp, id: 'saa-c03' }, '', ANN, '2026-03-01', 'UTC')).toEqual({ ok: true, date: null });
    expect(await date('off')).toEqual({ ok: true, date: null });
    expect(await date('')).toEqual({ ok: true, date: null });
  });
});
