// The mock exam's flow around the questions, on the real store (PGlite; Postgres with
// TEST_DATABASE_URL), driven through the views' own action ids: flagging is idempotent (double
// clicks, old screens), End asks first when questions are unanswered, `exam` while one runs says
// the new one was not started (or ends an exam past its time and starts), and a draw from thin notes
// says what it lacks and gives no pass/fail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExamStore } from '../../src/db/exam-store.js';
import { parseExamAction } from '../../src/exam/exam-actions.js';
import { examEndConfirmView, examHistoryLines, examQuestionView, examResultView, examScreenNotes } from '../../src/exam/render-exam.js';
import { createExamService, type ExamOutcome } from '../../src/exam/service.js';
import type { MessageView } from '../../src/quiz/views.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examDeck, seeded } from './support.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const ANN = 'console:local:ann';
const CH = 'console:local:general';
const MIN = 60_000;

function button(view: MessageView, label: string): string {
  for (const a of view.actions ?? []) if (a.type === 'buttons') for (const b of a.buttons) if (b.label === label) return b.id;
  throw new Error(`no "${label}" in ${JSON.stringify(view.actions)}`);
}
const labels = (view: MessageView) => (view.actions ?? []).flatMap((a) => (a.type === 'buttons' ? a.buttons.map((b) => b.label) : []));
const words = (view: MessageView) => view.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

describe.each(dbTargets)('mock exam flow on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  const bp = dva();
  let deck = examDeck([6, 5, 4, 3]);
  const service = () => createExamService({ store: createExamStore(t.database.db), decks: () => [deck], blueprints: () => [bp], clock: { now: () => now }, random: seeded(3) });
  const screen = (o: ExamOutcome) => {
    if (o.kind !== 'screen') throw new Error(`expected a screen, got ${JSON.stringify(o).slice(0, 300)}`);
    return { o, view: examQuestionView(o.session, o.bp, now, 'UTC') };
  };
  const act = (svc: ReturnType<typeof service>, id: string) => svc.act(ANN, parseExamAction(id)!);
  const stored = async (id: string) => (await createExamStore(t.database.db).get(id))!;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'exam_flow');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    now = T0;
    deck = examDeck([6, 5, 4, 3]);
    await t.reset();
  });

  describe('Flag for review', () => {
    it('a double click (two clicks at once on the same button) leaves the question flagged', async () => {
      const svc = service();
      const { o, view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 5 }));
      const flag = button(view, 'Flag for review');
      const [a, b] = await Promise.all([act(svc, flag), act(svc, flag)]);
      expect([a.kind, b.kind]).toEqual(['screen', 'screen']);
      const s = await stored(o.session.id);
      expect(s.flagged).toEqual([true, false, false]);
      expect(s.version).toBe(2);
    });

    it('a second click on an old screen’s Flag keeps it flagged; Unflag unflags, also twice', async () => {
      const svc = service();
      const { o, view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 5 }));
      const flag = button(view, 'Flag for review');
      const flagged = screen(await act(svc, flag)).view;
      expect(labels(flagged)).toContain('Unflag');
      screen(await act(svc, flag));
      expect((await stored(o.session.id)).flagged).toEqual([true, false, false]);
      const unflag = button(flagged, 'Unflag');
      await Promise.all([act(svc, unflag), act(svc, unflag)]);
      expect((await stored(o.session.id)).flagged).toEqual([false, false, false]);
    });

    it('a Flag button from before the state was in its id only shows the screen again', async () => {
      const svc = service();
      const { o } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 5 }));
      const again = screen(await act(svc, `e:${o.session.id}:0:f`));
      expect(again.o.session.version).toBe(o.session.version);
      expect(labels(again.view)).toContain('Flag for review');
      expect((await stored(o.session.id)).flagged).toEqual([false, false, false]);
    });
  });

  describe('End', () => {
    it('with questions unanswered asks first: Keep going returns, End exam ends; the old End button asks again', async () => {
      const svc = service();
      let { o, view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 6 }));
      ({ o, view } = screen(await act(svc, button(view, 'B'))));
      const end = button(view, 'End');
      const ask = await act(svc, end);
      if (ask.kind !== 'confirm-end') throw new Error(`expected a confirmation, got ${ask.kind}`);
      expect(ask.unanswered).toBe(2);
      const confirm = examEndConfirmView(ask.session, bp, now, 'UTC', ask.unanswered);
      expect(confirm.blocks[0]).toEqual({ type: 'heading', text: 'Mock exam DVA-C02 · End now? 2 unanswered count as wrong.' });
      expect(words(confirm)).toContain('Answered 1 of 3 · 6 minutes left (ends 09:06 UTC). Keep going returns to question 2.');
      expect(labels(confirm)).toEqual(['End exam', 'Keep going']);
      expect((await stored(o.session.id)).endedAt).toBeNull();
      const back = screen(await act(svc, button(confirm, 'Keep going')));
      expect(back.o.session.position).toBe(1);
      expect(await act(svc, end)).toMatchObject({ kind: 'confirm-end', unanswered: 2 });
      const done = await act(svc, button(confirm, 'End exam'));
      expect(done).toMatchObject({ kind: 'result', result: { asked: 3, unanswered: 2, endReason: 'ended-early' } });
      // One unanswered: the singular.
      expect(examEndConfirmView(ask.session, bp, now, 'UTC', 1).blocks[0]).toMatchObject({ text: 'Mock exam DVA-C02 · End now? 1 unanswered counts as wrong.' });
    });

    it('with every question answered ends at once', async () => {
      const svc = service();
      let { view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 2, minutes: 4 }));
      ({ view } = screen(await act(svc, button(view, 'B'))));
      ({ view } = screen(await act(svc, button(view, 'A'))));
      expect(await act(svc, button(view, 'End'))).toMatchObject({ kind: 'result', result: { asked: 2, correct: 1, unanswered: 0, endReason: 'finished' } });
    });

    it('past the time limit, End (asked or confirmed) shows the result', async () => {
      const svc = service();
      const { view } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 2, minutes: 4 }));
      now = new Date(T0.getTime() + 5 * MIN);
      expect(await act(svc, button(view, 'End'))).toMatchObject({ kind: 'result', result: { endReason: 'time' } });
    });
  });

  describe('exam while another runs', () => {
    it('shows the running one and says the exam asked for was not started; plain `exam` only resumes', async () => {
      const svc = service();
      const first = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 5, explicit: true }));
      const again = await svc.start({ userKey: ANN, channelKey: CH, bp, n: 10, minutes: 20, explicit: true });
      const { o } = screen(again);
      expect(o.session.id).toBe(first.o.session.id);
      expect(examScreenNotes(o.session, bp, o)).toEqual([
        'Your exam is still running: here is where you were.',
        'The DVA-C02 exam you asked for (10 questions, 20 minutes) was not started: one exam at a time. Press End on this one first, then ask again.',
      ]);
      const saa = { ...bp, id: 'saa-c03' };
      const other = screen(await svc.start({ userKey: ANN, channelKey: CH, bp: saa, n: 65, minutes: null }));
      expect(examScreenNotes(other.o.session, bp, other.o)[1]).toBe('The SAA-C03 exam you asked for was not started: one exam at a time. Press End on this one first, then ask again.');
      const plain = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 65, minutes: null }));
      expect(examScreenNotes(plain.o.session, bp, plain.o)).toEqual(['Your exam is still running: here is where you were.']);
    });

    it('a running exam past its time is ended and the one asked for starts', async () => {
      const svc = service();
      const first = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 3, minutes: 2, explicit: true }));
      now = new Date(T0.getTime() + 3 * MIN);
      const { o } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 4, minutes: null, explicit: true }));
      expect(o.session.id).not.toBe(first.o.session.id);
      expect(o.session.items).toHaveLength(4);
      expect(examScreenNotes(o.session, bp, o)).toEqual(['Your last mock exam’s time was up, so it ended (exam last shows its result). Here is the new one.']);
      expect(await stored(first.o.session.id)).toMatchObject({ endReason: 'time' });
      expect(await svc.lastResult(ANN, bp)).toMatchObject({ kind: 'result', session: { id: first.o.session.id } });
    });
  });

  describe('a draw from thin notes', () => {
    it('says on the first screen how many and which domains are missing; the result has no pass/fail', async () => {
      deck = examDeck([5, 1, 0, 0]);
      const svc = service();
      const { o } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 50, minutes: null, explicit: true }));
      expect(o.session.items).toHaveLength(6);
      expect(o.session.requested).toBe(50);
      // 6 questions at the real pace: 12 minutes.
      expect(o.session.endsAt).toEqual(new Date(T0.getTime() + 12 * MIN));
      expect(examScreenNotes(o.session, bp, o)).toEqual([
        'Only 6 DVA-C02 questions in the notes could be drawn (you asked for 50). Not covered: 3 Deployment, 4 Troubleshooting and Optimization. ' +
          'Below their share of the exam: 1 Development with AWS Services (5 of 16), 2 Security (1 of 13). So the score will not be comparable to the real exam: no pass/fail at the end.',
      ]);
      // Every answer right: still no PASS.
      let s = o.session;
      for (let i = 0; i < 6; i++) s = screen(await svc.act(ANN, { type: 'answer', sessionId: s.id, item: i, option: 'B' })).o.session;
      const done = await svc.act(ANN, { type: 'end', sessionId: s.id, confirmed: false });
      if (done.kind !== 'result') throw new Error('no result');
      expect(done.result).toMatchObject({ correct: 6, scaled: 1000, notComparable: { requested: 50, drawn: 6, missing: ['3 Deployment', '4 Troubleshooting and Optimization'] } });
      const view = examResultView({ bp, result: done.result, commandOf: () => 'dev' });
      expect(view.blocks[0]).toEqual({ type: 'heading', text: 'Mock exam result · DVA-C02: 1000 / 1000 · no pass/fail (not comparable to the real exam)' });
      expect(words(view)).toContain(
        'Not comparable to the real exam: 6 questions drawn (you asked for 50); not covered: 3 Deployment, 4 Troubleshooting and Optimization; below their share: 1 Development with AWS Services (5 of 16), 2 Security (1 of 13); the score is your share right on the 100–1000 scale, with no pass/fail.',
      );
      expect(JSON.stringify(view)).not.toMatch(/PASS|FAIL/);
      const history = await svc.history(ANN, bp);
      expect(history).toEqual([expect.objectContaining({ scaled: 1000, comparable: false })]);
      expect(examHistoryLines(bp, history, 'UTC', now)[1]).toMatch(/: 1000 \(6\/6\) not comparable$/);
    });

    it('a draw of the size asked but off the weights (a domain without questions) is not comparable either', async () => {
      deck = examDeck([3, 3, 3, 0]);
      const { o } = screen(await service().start({ userKey: ANN, channelKey: CH, bp, n: 4, minutes: null, explicit: true }));
      expect(o.session.items).toHaveLength(4);
      expect(examScreenNotes(o.session, bp, o)).toEqual(['Not covered: 4 Troubleshooting and Optimization. So the score will not be comparable to the real exam: no pass/fail at the end.']);
    });

    it('a draw that follows the weights says nothing and keeps pass/fail', async () => {
      const svc = service();
      const { o } = screen(await svc.start({ userKey: ANN, channelKey: CH, bp, n: 10, minutes: null, explicit: true }));
      expect(examScreenNotes(o.session, bp, o)).toEqual([]);
      const done = await svc.act(ANN, { type: 'end', sessionId: o.session.id, confirmed: true });
      if (done.kind !== 'result') throw new Error('no result');
      expect(done.result.notComparable).toBeUndefined();
      expect(examResultView({ bp, result: done.result, commandOf: () => 'dev' }).blocks[0]).toMatchObject({ text: expect.stringContaining('FAIL (passing 720)') });
    });
  });
});
