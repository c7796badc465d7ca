// The exam feature's use cases, platform-neutral: readiness (a user, a channel), the mock exam
// (start or resume, each click, the time-up sweep), history and the channel's exam date. The chat
// feature module turns these outcomes into replies; this file knows no chat platform.
import type { Deck } from '../content/types.js';
import type { Clock } from '../quiz/api.js';
import type { Blueprint } from './blueprint.js';
import { drawExam, examMinutes, type Random } from './draw.js';
import { fullExamSize } from './quotas.js';
import { examIdOf, mapExam } from './domain-map.js';
import type { ExamAction } from './exam-actions.js';
import { answer, end, goTo, isOver, newSession, scoreExam, setFlag, type ExamResult, type ExamSession, type Step } from './mock-exam.js';
import { channelReadiness, DEFAULT_PRIOR, readinessFrom, recallCurve, recallQuestions, type ChannelReadiness, type Prior, type Readiness } from './readiness.js';
import { checkExamDate } from './exam-date-input.js';
import type { ExamHistoryEntry, ExamStore } from './store.js';

export interface ExamServiceDeps {
  store: ExamStore;
  decks: () => Deck[];
  blueprints: () => Blueprint[];
  clock: Clock;
  random?: Random;
  prior?: Prior;
}

/** What `exam` asked for (`exam 10`, or a deck of another exam). */
export interface ExamRequest {
  bp: Blueprint;
  n: number;
  minutes: number | null;
  /** Sizes or time typed (`exam 10`); plain `exam` only asks to see the running one. */
  explicit?: boolean;
}

export type ExamOutcome =
  | {
      kind: 'screen';
      session: ExamSession;
      bp: Blueprint;
      /** A new exam: its first screen (says what the draw could not follow). */
      started?: boolean;
      /** `exam` found this one running. */
      resumed?: boolean;
      /** The exam asked for, not started because this one runs (End it first). */
      notStarted?: ExamRequest;
      /** The exam before this one was past its time: `exam` ended it, then started this one. */
      endedExpired?: boolean;
    }
  | { kind: 'confirm-end'; session: ExamSession; bp: Blueprint; unanswered: number }
  | { kind: 'result'; session: ExamSession; bp: Blueprint; result: ExamResult }
  | { kind: 'refused'; message: string; detail?: string };

/** The word before a time limit: `exam 50 minutes 30`, `exam min 30` (Discord's `minutes` option sends it). */
export const MINUTES_WORDS = /^(minutes|minute|mins|min)$/i;

/**
 * `exam [n] [minutes]`, or the time limit named: `exam [n] minutes <m>`. Whole numbers; n at most
 * the real exam's size (the default: a full-size exam), minutes at most 10 hours.
 */
export function parseExamArgs(text: string, bp: Blueprint): { n: number; minutes: number | null } | { error: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const max = fullExamSize(bp);
  const usage = { error: `Usage: exam [questions 1–${max}] [minutes 1–600], e.g. exam 10, exam 10 20 or exam minutes 30; exam last shows your last result.` };
  const at = words.findIndex((w) => MINUTES_WORDS.test(w));
  const named = at < 0 ? undefined : words[at + 1];
  if (at >= 0 && (named === undefined || words.slice(at + 2).some((w) => MINUTES_WORDS.test(w)) || words.slice(0, at).some((w) => MINUTES_WORDS.test(w)))) return usage;
  const positional = at < 0 ? words : [...words.slice(0, at), ...words.slice(at + 2)];
  if (positional.length > (at < 0 ? 2 : 1) || [...positional, ...(named === undefined ? [] : [named])].some((w) => !/^\d{1,4}$/.test(w))) return usage;
  const [n, second] = positional.map(Number);
  const minutes = named !== undefined ? Number(named) : second;
  if (n !== undefined && (n < 1 || n > max)) return { error: `An exam has 1 to ${max} questions.` };
  if (minutes !== undefined && (minutes < 1 || minutes > 600)) return { error: 'The time limit is 1 to 600 minutes.' };
  return { n: n ?? max, minutes: minutes ?? null };
}


export function createExamService(deps: ExamServiceDeps) {
  const prior = deps.prior ?? DEFAULT_PRIOR;
  const random = deps.random ?? Math.random;
  const blueprintOf = (examId: string) => deps.blueprints().find((b) => b.id === examId);
  const curve = () => recallCurve();

  /** The exam a deck belongs to, if its blueprint exists. */
  function examOf(deck: Deck): Blueprint | undefined {
    const id = examIdOf(deck);
    return id ? blueprintOf(id) : undefined;
  }

  const questionsOf = (bp: Blueprint) => mapExam(deps.decks(), bp).questions;

  async function readiness(userKey: string, bp: Blueprint): Promise<Readiness> {
    const qs = recallQuestions(questionsOf(bp), prior);
    const tallies = await deps.store.domainTallies({ userKeys: [userKey] }, qs, deps.clock.now(), curve());
    return readinessFrom(bp, qs, tallies.get(userKey) ?? new Map());
  }

  async function channel(channelKey: string, bp: Blueprint): Promise<ChannelReadiness> {
    const qs = recallQuestions(questionsOf(bp), prior);
    const tallies = await deps.store.domainTallies({ channelKey }, qs, deps.clock.now(), curve());
    return channelReadiness(bp, [...tallies].map(([userKey, t]) => ({ userKey, readiness: readinessFrom(bp, qs, t) })));
  }

  /** Ends a session, scores it and stores the result once; a concurrent ender's result wins. */
  async function finalize(s: ExamSession, bp: Blueprint, reason: 'finished' | 'ended-early'): Promise<ExamOutcome> {
    const ended = end(s, deps.clock.now(), reason);
    const result = scoreExam(ended, bp);
    const saved = await deps.store.finish(ended, result);
    if (saved) return { kind: 'result', session: saved, bp, result };
    const current = await deps.store.get(s.id);
    const stored = current?.endedAt ? await deps.store.result(s.id) : null;
    if (current && stored) return { kind: 'result', session: current, bp, result: stored };
    if (current && !current.endedAt) return finalize(current, bp, reason);
    return { kind: 'refused', message: 'This exam could not be ended; try again.' };
  }

  /**
   * Starts a mock exam, or shows the user's running one (one at a time): with a note that the exam
   * asked for was not started when it differs. A running exam past its time is ended first, and the
   * one asked for starts.
   */
  async function start(req: { userKey: string; channelKey: string; bp: Blueprint; n: number; minutes: number | null; exclude?: ReadonlySet<string>; explicit?: boolean }): Promise<ExamOutcome> {
    let endedExpired = false;
    // Twice at most: a running exam past its time is ended, then the one asked for starts.
    for (let attempt = 0; attempt < 2; attempt++) {
      const running = await deps.store.active(req.userKey);
      if (running) {
        const shown = await runningOrEnded(running, req);
        if (shown) return shown;
        endedExpired = true;
        continue;
      }
      const drawn = drawExam(questionsOf(req.bp), req.bp, req.n, random, req.exclude);
      if (!drawn.length) return { kind: 'refused', message: `There are no ${req.bp.id.toUpperCase()} questions in the notes yet.`, detail: 'A deck joins an exam with `exam:` and `domain:` in its front matter.' };
      const minutes = req.minutes ?? examMinutes(req.bp, drawn.length);
      const started = await deps.store.start(newSession({ userKey: req.userKey, channelKey: req.channelKey, examId: req.bp.id, questions: drawn, now: deps.clock.now(), minutes, requested: req.n }));
      if (started.ok) return { kind: 'screen', session: started.session, bp: req.bp, started: true, ...(endedExpired ? { endedExpired } : {}) };
      // Another `exam` of the same user started one at the same moment: show that one.
      const shown = await runningOrEnded(started.existing, req);
      if (shown) return shown;
      endedExpired = true;
    }
    return { kind: 'refused', message: 'Your last exam could not be ended; try again.' };
  }

  /** The running exam's screen (saying the one asked for was not started), or null once a past-time one is ended. */
  async function runningOrEnded(s: ExamSession, req: ExamRequest): Promise<ExamOutcome | null> {
    const bp = blueprintOf(s.examId);
    if (!bp) return { kind: 'refused', message: `Your running exam (${s.examId}) has no blueprint any more.` };
    if (isOver(s, deps.clock.now())) {
      const ended = await finalize(s, bp, 'ended-early');
      return ended.kind === 'result' ? null : ended;
    }
    const differs = req.explicit || req.bp.id !== s.examId;
    return { kind: 'screen', session: s, bp, resumed: true, ...(differs ? { notStarted: { bp: req.bp, n: req.n, minutes: req.minutes, ...(req.explicit ? { explicit: true } : {}) } } : {}) };
  }

  function apply(s: ExamSession, action: ExamAction, values: string[] | undefined, now: Date): Step | 'end' | 'noop' {
    switch (action.type) {
      case 'answer':
        return answer(s, now, action.item, [action.option]);
      case 'multi-submit':
        return answer(s, now, action.item, values ?? []);
      case 'multi-control':
        return 'noop';
      case 'flag':
        // An `f` button from before the state was in the id: show the screen, change nothing.
        return action.to === null ? 'noop' : setFlag(s, now, action.item, action.to);
      case 'back':
        return goTo(s, now, action.item - 1);
      case 'next':
        return goTo(s, now, action.item + 1);
      case 'goto':
        return goTo(s, now, action.item);
      case 'end':
        return 'end';
    }
  }

  /** An ended session's stored result, shown again (a click on an old exam screen, `exam last`). */
  async function storedResult(s: ExamSession, bp: Blueprint): Promise<ExamOutcome> {
    const result = await deps.store.result(s.id);
    return result ? { kind: 'result', session: s, bp, result } : { kind: 'refused', message: 'This exam has ended.' };
  }

  /**
   * `exam last`: the user's most recently started exam of `bp` that has ended, or null (a running one
   * never counts). One whose time is up but that the sweeper has not ended yet is ended here.
   */
  async function lastResult(userKey: string, bp: Blueprint): Promise<Extract<ExamOutcome, { kind: 'result' }> | null> {
    // The running exam is the most recently started one: over, it is the last result.
    const running = await deps.store.active(userKey);
    if (running && running.examId === bp.id && isOver(running, deps.clock.now())) {
      const ended = await finalize(running, bp, 'ended-early');
      if (ended.kind === 'result') return ended;
    }
    const [latest] = await deps.store.history(userKey, bp.id, 1);
    const s = latest ? await deps.store.get(latest.sessionId) : null;
    if (!s || s.userKey !== userKey || !s.endedAt) return null;
    const shown = await storedResult(s, bp);
    return shown.kind === 'result' ? shown : null;
  }

  /** One click on an exam screen, by `userKey`. Stale or foreign clicks change nothing. */
  async function act(userKey: string, action: ExamAction, values?: string[], attempt = 0): Promise<ExamOutcome> {
    const s = await deps.store.get(action.sessionId);
    if (!s || s.userKey !== userKey) return { kind: 'refused', message: 'This exam is not yours.', detail: 'Start your own with exam.' };
    const bp = blueprintOf(s.examId);
    if (!bp) return { kind: 'refused', message: `This exam (${s.examId}) has no blueprint any more.` };
    if (s.endedAt) return storedResult(s, bp);
    const now = deps.clock.now();
    const step = apply(s, action, values, now);
    if (step === 'noop') return isOver(s, now) ? finalize(s, bp, 'ended-early') : { kind: 'screen', session: s, bp };
    if (step === 'end') {
      const unanswered = s.answers.filter((a) => a === null).length;
      // End with questions unanswered asks first (a mis-click on mobile); "End exam" there ends it.
      if (unanswered && !(action.type === 'end' && action.confirmed) && !isOver(s, now)) return { kind: 'confirm-end', session: s, bp, unanswered };
      return finalize(s, bp, unanswered ? 'ended-early' : 'finished');
    }
    if (!step.ok) {
      if (step.reason === 'ended') return finalize(s, bp, 'ended-early');
      const item = 'item' in action ? s.items[action.item] : undefined;
      const message = step.reason === 'bad-choice' && item ? `Choose exactly ${Math.max(1, item.correct.length)} of the options shown.` : 'That question is not part of this exam.';
      return { kind: 'refused', message };
    }
    const saved = await deps.store.save(step.session);
    if (saved) return { kind: 'screen', session: saved, bp };
    // Another click saved first (a double click): apply this one on top of it, once. Every step
    // names the state it wants (this answer, this item on screen, flagged or not): applying it
    // again gives the same session.
    return attempt === 0 ? act(userKey, action, values, 1) : { kind: 'refused', message: 'Too many clicks at once; try again.' };
  }

  /**
   * Ends every exam whose time is up (a sweeper calls this) and returns those THIS call ended, to be
   * told privately. The end is one conditional update (not ended, same version): whoever runs it
   * first wins, every other process (or a click at the same moment) gets nothing back, so each
   * result is reported once. `only` skips sessions this process cannot tell (left for another).
   */
  async function endExpired(limit = 100, only: (s: ExamSession) => boolean = () => true): Promise<Extract<ExamOutcome, { kind: 'result' }>[]> {
    const out: Extract<ExamOutcome, { kind: 'result' }>[] = [];
    for (const s of await deps.store.expired(deps.clock.now(), limit)) {
      const bp = blueprintOf(s.examId);
      if (!bp || !only(s)) continue;
      const ended = end(s, deps.clock.now(), 'ended-early');
      const result = scoreExam(ended, bp);
      const saved = await deps.store.finish(ended, result);
      if (saved) out.push({ kind: 'result', session: saved, bp, result });
    }
    return out;
  }

  /** Accuracy per domain and week over the last `weeks` weeks (the stats chart). */
  async function accuracyOverTime(userKey: string, bp: Blueprint, tz: string, weeks = 12) {
    const qs = questionsOf(bp).map((q) => ({ deckId: q.deck.id, questionId: q.question.id, domainId: q.domain.id }));
    const since = new Date(deps.clock.now().getTime() - weeks * 7 * 86_400_000);
    return deps.store.domainAccuracy(userKey, qs, tz, since);
  }

  async function history(userKey: string, bp: Blueprint, limit = 20): Promise<ExamHistoryEntry[]> {
    return deps.store.history(userKey, bp.id, limit);
  }

  /**
   * `exam-date [YYYY-MM-DD|off]` for the deck's exam (the caller checks admin rights): the date is
   * the channel's for that exam only. `today` is the channel-local date, `tz` the channel's zone.
   */
  async function examDate(channelKey: string, bp: Blueprint, arg: string, setBy: string, today: string, tz: string): Promise<{ ok: true; date: string | null } | { ok: false; message: string }> {
    const word = arg.trim().toLowerCase();
    if (!word) return { ok: true, date: (await deps.store.examDate(channelKey, bp.id))?.date ?? null };
    if (word === 'off') {
      await deps.store.setExamDate(channelKey, bp.id, null);
      return { ok: true, date: null };
    }
    const checked = checkExamDate(word, today, tz);
    if (!checked.ok) return checked;
    await deps.store.setExamDate(channelKey, bp.id, { date: word, setBy });
    return { ok: true, date: word };
  }

  return { examOf, readiness, channel, start, act, lastResult, endExpired, history, accuracyOverTime, examDate, prior };
}

export type ExamService = ReturnType<typeof createExamService>;
