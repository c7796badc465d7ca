// createStudybot(): the platform-neutral core. Commands and clicks come in from adapters,
// replies go back as MessageViews; channel messages go out through the attached ChatPorts.
import type { Logger } from 'pino';
import type { Deck, Question } from '../content/types.js';
import { isStudybotError, StudybotError } from '../errors.js';
import { parseActionId, reportId } from './action-ids.js';
import { reasonProblem } from './reports.js';
import type {
  ActionInvocation,
  AutocompleteInvocation,
  ChatPort,
  Choice,
  CommandInvocation,
  CommandSpec,
  Clock,
  Reply,
  SchedulePort,
  StartedRound,
  StartRoundRequest,
  Studybot,
} from './api.js';
import { systemClock } from './api.js';
import { explain as contentExplain } from '../content/explain.js';
import type { DeckCatalog, ExplainFn } from './catalog.js';
import { EditCoalescer } from './coalescer.js';
import { parseCommand, USAGE } from './command-parser.js';
import { channelKey, parseChannelKey, userKey, type ChannelRef, type UserRef } from './ids.js';
import * as render from './render.js';
import * as learnView from './render-learning.js';
import { afterAnswer, refine } from './memory.js';
import { missWeights, weakSpots } from './weak-spots.js';
import { countsOnLeaderboard, scoreChoice, STREAK_LOOKBACK_DAYS, streakBonus, streaks } from './scoring.js';
import type { QuestionSnapshot, QuizStore, RoundRecord } from './store.js';
import { formatTime, isValidTimezone, localDate, localHour, periodStart } from './time.js';
import type { MessageView, ViewBlock } from './views.js';

export interface StudybotDeps {
  store: QuizStore;
  decks: DeckCatalog;
  /** Concept lookup for `explain`. Default: src/content's explain (fuzzy names and aliases). */
  explain?: ExplainFn;
  clock?: Clock;
  schedule?: SchedulePort;
  /** Extra admins: platform user ids or user keys (`slack:T1:U9`). */
  admins?: string[];
  log?: Logger;
  /** How long a /quiz round stays open. Default 10 minutes. */
  quizMinutes?: number;
  /** How long an unanswered practice question stays answerable. Default 60 minutes. */
  practiceMinutes?: number;
  /** Minimum spacing of "N answered" edits of one message. Default 3 s. */
  countEditIntervalMs?: number;
  /** Random source for picking questions (tests pass a seeded one). */
  random?: () => number;
}

const FIRST_CORRECT_SHOWN = 3;
const LEADERBOARD_TOP = 10;
const CLAIM_BATCH = 50;
/** Due cards fetched per review step (cards of removed questions are skipped). */
const REVIEW_SCAN = 50;
const WEAK_SPOTS_SHOWN = 3;
const REPORTS_SHOWN = 20;
/** Review nudges go out from this channel-local hour on, once a day. */
const REMIND_HOUR = 9;
const REMINDER_BATCH = 500;
/** A closed round whose reveal has not reached the channel after this long is re-revealed. */
const REVEAL_RETRY_AFTER_MS = 60_000;

const reply = (view: MessageView, extra: Partial<Reply> = {}): Reply => ({ visibility: 'private', view, ...extra });
const privateNotice = (text: string, detail?: string) => [reply(render.notice(text, detail))];

export const isPlayable = (q: Question): boolean =>
  q.kind === 'choice' &&
  q.scored &&
  q.options.length >= 2 &&
  q.correct.length >= 1 &&
  q.correct.every((id) => q.options.some((o) => o.id === id));

export function snapshotOf(deck: Deck, q: Question): QuestionSnapshot {
  return {
    id: q.id,
    deckId: deck.id,
    deckTitle: deck.title,
    number: q.number,
    prompt: q.prompt,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    correct: [...q.correct],
    explanation: q.explanation,
  };
}

const questionNumber = (q: Question) => q.number.replace(/\D+/g, '').replace(/^0+(?=\d)/, '');

export function createStudybot(deps: StudybotDeps): Studybot & { revealNow(messageRef: string): Promise<boolean>; sendReviewReminders(): Promise<number> } {
  const { store, decks } = deps;
  const clock = deps.clock ?? systemClock;
  const explain = deps.explain ?? contentExplain;
  const random = deps.random ?? Math.random;
  const quizMs = (deps.quizMinutes ?? 10) * 60_000;
  const practiceMs = (deps.practiceMinutes ?? 60) * 60_000;
  const log = deps.log;
  const chats = new Map<string, ChatPort>();

  const chatFor = (platform: string) => chats.get(platform);
  const isAdmin = (user: UserRef) =>
    user.isAdmin || (deps.admins ?? []).some((a) => a === user.id || a === userKey(user));

  const countEdits = new EditCoalescer(deps.countEditIntervalMs ?? 3000, sendCountEdit, log);

  // ---------- question choice ----------

  async function pickQuestion(
    deck: Deck,
    scope: { channelKey: string } | { ownerKey: string },
    /** Among unseen questions, only those with the highest weight (when any weight is above 0). */
    prefer?: Map<string, number>,
  ): Promise<Question | null> {
    const playable = deck.questions.filter(isPlayable);
    if (!playable.length) return null;
    const history = await store.questionHistory({ ...scope, deckId: deck.id });
    const times = new Map(history.map((h) => [h.questionId, h]));
    // Least asked first (so nothing repeats until the deck is exhausted), then least recently.
    const minTimes = Math.min(...playable.map((q) => times.get(q.id)?.times ?? 0));
    const fresh = playable.filter((q) => (times.get(q.id)?.times ?? 0) === minTimes);
    if (minTimes > 0) {
      const oldest = Math.min(...fresh.map((q) => times.get(q.id)!.lastAt.getTime()));
      const lastQuestion = history.reduce((a, b) => (a && a.lastAt > b.lastAt ? a : b), history[0]);
      const candidates = fresh.filter((q) => q.id !== lastQuestion?.questionId);
      const pool = candidates.length ? candidates : fresh;
      if (pool.length > 1 && random() < 0.5) return pool[Math.floor(random() * pool.length)]!;
      return pool.find((q) => times.get(q.id)!.lastAt.getTime() === oldest) ?? pool[0]!;
    }
    const top = prefer ? Math.max(...fresh.map((q) => prefer.get(q.id) ?? 0)) : 0;
    const pool = top > 0 ? fresh.filter((q) => (prefer!.get(q.id) ?? 0) === top) : fresh;
    return pool[Math.floor(random() * pool.length)]!;
  }

  /** The daily rule: prefer questions on the concepts this channel's members most often get wrong. */
  async function dailyPreference(channelKeyValue: string, deck: Deck): Promise<Map<string, number> | undefined> {
    if (!store.memory) return undefined;
    try {
      return missWeights(await store.memory.questionTallies({ channelKey: channelKeyValue }), decks, deck.id);
    } catch (err) {
      log?.warn({ err, channelKey: channelKeyValue }, 'weak-spot preference unavailable; picking without it');
      return undefined;
    }
  }

  function resolveDeck(ref: string | undefined, fallback: Deck): Deck | null {
    if (!ref) return fallback;
    const r = ref.toLowerCase();
    return decks.byId(r) ?? decks.byCommand(r) ?? decks.decks().find((d) => d.title.toLowerCase() === r) ?? null;
  }

  const deckList = () => decks.decks().map((d) => d.id).join(', ');

  // ---------- rounds ----------

  async function postRound(round: RoundRecord, channel: ChannelRef, tz: string): Promise<string> {
    const chat = chatFor(channel.platform);
    if (!chat) {
      await store.discardRound(round.id);
      throw new StudybotError('platform:failed', `no chat connection for ${channel.platform}`);
    }
    let messageRef: string;
    try {
      messageRef = await chat.post(channel, render.questionView(round, { answered: 0, tz, now: clock.now() }));
    } catch (cause) {
      await store.discardRound(round.id).catch(() => {});
      throw new StudybotError('platform:failed', 'could not post the question', { cause });
    }
    await store.setRoundMessage(round.id, messageRef);
    round.messageRef = messageRef;
    return messageRef;
  }

  async function startRound(req: StartRoundRequest): Promise<StartedRound> {
    const deck = req.deckId ? decks.byId(req.deckId) : decks.decks()[0];
    if (!deck) throw new StudybotError('quiz:not-found', req.deckId ? `no deck "${req.deckId}"` : 'no decks loaded');
    if (req.timezone) {
      if (!isValidTimezone(req.timezone)) throw new StudybotError('quiz:invalid-input', `unknown timezone "${req.timezone}"`);
      await store.setChannelTimezone(req.channel, req.timezone);
    }
    const info = await store.ensureChannel(req.channel);
    const key = info.channelKey;
    if (req.kind === 'quiz') await closeOverdueQuiz(key);
    const prefer = req.kind === 'daily' ? await dailyPreference(key, deck) : undefined;
    const question = await pickQuestion(deck, { channelKey: key }, prefer);
    if (!question) throw new StudybotError('quiz:not-found', `deck "${deck.id}" has no playable question`);
    const now = clock.now();
    const created = await store.createRound({
      channelKey: key,
      kind: req.kind,
      question: snapshotOf(deck, question),
      dailyDate: req.kind === 'daily' ? (req.dailyDate ?? localDate(now, info.timezone)) : null,
      openedAt: now,
      closesAt: req.closesAt,
    });
    if (!created.ok) {
      const existing = created.existing;
      // Daily rounds are idempotent per channel and date: a retry gets the round that exists.
      if (created.reason === 'daily-exists' && existing) {
        if (existing.messageRef) return { roundId: existing.id, messageRef: existing.messageRef, questionId: existing.questionId };
        // Claimed earlier but never posted (a crash in between): post it now; reveal at once if it closed meanwhile.
        const messageRef = await postRound(existing, req.channel, info.timezone);
        if (existing.closedAt) await reveal({ ...existing, messageRef });
        return { roundId: existing.id, messageRef, questionId: existing.questionId };
      }
      throw new StudybotError('quiz:invalid-input', 'this channel already has an open quiz');
    }
    const messageRef = await postRound(created.round, req.channel, info.timezone);
    return { roundId: created.round.id, messageRef, questionId: created.round.questionId };
  }

  /** A quiz past its close time that no closer has handled yet must not block a new one. */
  async function closeOverdueQuiz(key: string) {
    const open = await store.openQuizRound(key);
    if (open && open.closesAt <= clock.now()) {
      const closed = await store.closeRound(open.id, clock.now());
      if (closed) await reveal(closed);
    }
  }

  async function reveal(round: RoundRecord): Promise<boolean> {
    if (round.kind === 'practice' || !round.messageRef) return false;
    const ref = parseChannelKey(round.channelKey);
    const chat = ref && chatFor(ref.platform);
    if (!ref || !chat) return false; // another process (or a retry) reveals it
    countEdits.cancel(round.id);
    const [results, info] = await Promise.all([store.roundResults(round.id, FIRST_CORRECT_SHOWN), store.ensureChannel(ref)]);
    await chat.update(round.messageRef, render.revealView(round, results, { tz: info.timezone, now: clock.now() }));
    await store.markRevealed(round.id, clock.now());
    return true;
  }

  async function recoverPost(roundId: string): Promise<string | null> {
    const round = await store.getRound(roundId, { fresh: true });
    if (!round || round.kind === 'practice') return null;
    if (round.messageRef) return round.messageRef;
    const channel = parseChannelKey(round.channelKey);
    const chat = channel && chatFor(channel.platform);
    if (!channel || !chat?.findPosted) return null;
    const found = await chat.findPosted(channel, reportId(round.id), new Date(round.openedAt.getTime() - 60_000));
    if (!found) return null;
    await store.setRoundMessage(round.id, found);
    log?.info({ roundId: round.id, messageRef: found }, 'found the message of a round whose post response was lost');
    return found;
  }

  async function closeDueRounds(): Promise<number> {
    let revealed = 0;
    for (;;) {
      const claimed = await store.claimDueRounds(clock.now(), CLAIM_BATCH);
      for (const round of claimed) {
        try {
          if (await reveal(round)) revealed++;
        } catch (err) {
          log?.warn({ err, roundId: round.id }, 'reveal failed; it will be retried');
        }
      }
      if (claimed.length < CLAIM_BATCH) break;
    }
    const stale = await store.unrevealedRounds(new Date(clock.now().getTime() - REVEAL_RETRY_AFTER_MS), [...chats.keys()], CLAIM_BATCH);
    for (const round of stale) {
      try {
        if (await reveal(round)) revealed++;
      } catch (err) {
        log?.warn({ err, roundId: round.id }, 'reveal retry failed');
      }
    }
    return revealed;
  }

  async function revealNow(messageRef: string): Promise<boolean> {
    const round = await store.roundByMessage(messageRef);
    if (!round) return false;
    const closed = await store.closeRound(round.id, clock.now());
    return closed ? reveal(closed) : false;
  }

  async function sendCountEdit(roundId: string) {
    const round = await store.getRound(roundId, { fresh: true });
    if (!round || round.closedAt || !round.messageRef) return;
    const ref = parseChannelKey(round.channelKey);
    const chat = ref && chatFor(ref.platform);
    if (!ref || !chat) return;
    const [answered, info] = await Promise.all([store.answerCount(roundId), store.ensureChannel(ref)]);
    await chat.update(round.messageRef, render.questionView(round, { answered, tz: info.timezone, now: clock.now() }));
    // If a reveal landed while we edited, our edit may have overwritten it: put the reveal back.
    const after = await store.getRound(roundId, { fresh: true });
    if (after?.revealedAt) await reveal(after);
  }

  // ---------- commands ----------

  async function command(inv: CommandInvocation): Promise<Reply[]> {
    try {
      return await runCommand(inv);
    } catch (err) {
      return failure(err, { command: inv.command, text: inv.text });
    }
  }

  function failure(err: unknown, context: Record<string, unknown>, isClick = false): Reply[] {
    if (isStudybotError(err) && (err.code === 'quiz:invalid-input' || err.code === 'quiz:not-found' || err.code === 'quiz:forbidden')) {
      return privateNotice(err.message);
    }
    log?.error({ err, ...context }, 'request failed');
    if (isStudybotError(err) && err.code === 'db:unavailable') {
      // The write may or may not have landed: a retry is safe (one answer per user and round).
      return isClick
        ? privateNotice('I could not reach my database, so I cannot confirm your answer. Please click again in a minute: if it was recorded, I will tell you.')
        : privateNotice('I cannot reach my database right now. Please try again in a minute.');
    }
    if (isStudybotError(err) && err.code === 'platform:failed') {
      return privateNotice('I could not post to this channel. Check that I was added to it, then try again.');
    }
    return privateNotice(
      isClick ? 'Something went wrong on my side. Please click again: if your answer was recorded, I will tell you.' : 'Something went wrong on my side. Please try again.',
    );
  }

  async function runCommand(inv: CommandInvocation): Promise<Reply[]> {
    const deck = decks.byCommand(inv.command);
    if (!deck) return privateNotice(`/${inv.command} is not one of my decks.`, `Decks: ${deckList() || 'none loaded'}`);
    await store.saveUser(inv.user);
    const parsed = parseCommand(inv.text);
    switch (parsed.type) {
      case 'help':
        return [reply(render.helpView(deck, isAdmin(inv.user)))];
      case 'unknown': {
        const hint = parsed.suggestion ? `Did you mean /${deck.command} ${parsed.suggestion}?` : `Try /${deck.command} help.`;
        return privateNotice(`I don't know "${parsed.word}". ${hint}`, `Commands: explain, quiz, practice, review, leaderboard, stats, report, help.`);
      }
      case 'invalid':
        return privateNotice(parsed.message, parsed.usage ? `Usage: /${deck.command} ${parsed.usage}` : undefined);
      case 'explain':
        return [reply(render.explainView(explain(deck, parsed.query || undefined), deck.command))];
      case 'quiz':
        return quizCommand(inv, deck, parsed.deck, parsed.number);
      case 'practice': {
        const target = resolveDeck(parsed.deck, deck);
        if (!target) return privateNotice(`There is no deck "${parsed.deck}".`, `Decks: ${deckList()}`);
        return [await startPractice(inv.channel, inv.user, target, false)];
      }
      case 'leaderboard':
        return leaderboardCommand(inv, parsed.period);
      case 'stats':
        return statsCommand(inv, parsed.target, parsed.name);
      case 'review':
        if (parsed.remind !== undefined) return remindCommand(inv, deck, parsed.remind);
        return [await serveReview(inv.channel, inv.user, deck, false, false)];
      case 'report':
        return reportCommand(inv, deck, parsed.number, parsed.reason);
      case 'reports':
        return reportsCommand(inv, deck, parsed.resolve);
      case 'schedule': {
        if (!isAdmin(inv.user)) return privateNotice('Only workspace admins can change the question-of-the-day schedule.');
        if (!deps.schedule) return privateNotice('Scheduling is not available on this bot.', 'Use /' + deck.command + ' quiz to post a question now.');
        const view = await deps.schedule.command({ channel: inv.channel, user: inv.user, deckId: deck.id, args: parsed.args });
        return [reply(view)];
      }
    }
  }

  async function quizCommand(inv: CommandInvocation, deck: Deck, deckRef?: string, number?: string): Promise<Reply[]> {
    const target = resolveDeck(deckRef, deck);
    if (!target) return privateNotice(`There is no deck "${deckRef}".`, `Decks: ${deckList()}`);
    let question: Question | null = null;
    if (number) {
      const found = target.questions.find((q) => questionNumber(q) === number);
      if (!found) return privateNotice(`${target.title} has no question ${number}.`, `It has ${target.questions.length} questions.`);
      if (!isPlayable(found)) {
        return privateNotice(`${target.title} ${found.number} cannot be played: it has no valid answer or options.`, `See ${found.source.path}:${found.source.line}; run npm run content:check.`);
      }
      question = found;
    }
    if (!chatFor(inv.channel.platform)) return privateNotice('I cannot post questions here yet (no chat connection).');
    const info = await store.ensureChannel(inv.channel);
    await closeOverdueQuiz(info.channelKey);
    question ??= await pickQuestion(target, { channelKey: info.channelKey });
    if (!question) return privateNotice(`${target.title} has no playable question yet.`);
    const now = clock.now();
    const created = await store.createRound({
      channelKey: info.channelKey,
      kind: 'quiz',
      question: snapshotOf(target, question),
      openedAt: now,
      closesAt: new Date(now.getTime() + quizMs),
    });
    if (!created.ok) {
      const closes = created.existing ? ` It closes at ${formatIn(created.existing.closesAt, info.timezone)}.` : '';
      return privateNotice(`There is already an open quiz in this channel: answer that one first.${closes}`);
    }
    await postRound(created.round, inv.channel, info.timezone);
    return privateNotice(
      `Posted ${target.title} ${question.number}. It closes at ${formatIn(created.round.closesAt, info.timezone)}, then I reveal the answer.`,
    );
  }

  const formatIn = (at: Date, tz: string) => formatTime(at, tz, clock.now());

  async function startPractice(channel: ChannelRef, user: UserRef, deck: Deck, replaceSource: boolean): Promise<Reply> {
    const owner = userKey(user);
    const question = await pickQuestion(deck, { ownerKey: owner });
    if (!question) return reply(render.notice(`${deck.title} has no playable question yet.`));
    const info = await store.ensureChannel(channel);
    const now = clock.now();
    const created = await store.createRound({
      channelKey: info.channelKey,
      kind: 'practice',
      question: snapshotOf(deck, question),
      ownerKey: owner,
      openedAt: now,
      closesAt: new Date(now.getTime() + practiceMs),
    });
    if (!created.ok) return reply(render.notice('I could not start a practice question. Please try again.'));
    return reply(render.questionView(created.round, { answered: 0, tz: info.timezone, now }), replaceSource ? { replaceSource } : {});
  }

  async function leaderboardCommand(inv: CommandInvocation, period: 'week' | 'month' | 'all'): Promise<Reply[]> {
    const info = await store.ensureChannel(inv.channel);
    const now = clock.now();
    const since = periodStart(period, now, info.timezone);
    const me = userKey(inv.user);
    const board = await store.leaderboard({ channelKey: info.channelKey, since, userKey: me, top: LEADERBOARD_TOP });
    return [reply(render.leaderboardView({ period, top: board.top, me: board.me, userKey: me, since, tz: info.timezone, now }))];
  }

  async function statsCommand(inv: CommandInvocation, target?: string, byName?: string): Promise<Reply[]> {
    const info = await store.ensureChannel(inv.channel);
    const me = userKey(inv.user);
    const tenant = { platform: inv.user.platform, workspace: inv.user.workspace };
    let who: { userKey: string; name: string } | null = null;
    if (!target && !byName) who = { userKey: me, name: inv.user.name };
    else if (target) who = await store.findUser(userKey({ ...tenant, id: target }));
    if (!who && (byName ?? target)) {
      const found = await store.findUsersByName(tenant.platform, tenant.workspace, byName ?? target!, 2);
      if (found.length > 1) return privateNotice(`Several people here are called "${byName ?? target}". Mention the one you mean.`);
      who = found[0] ?? null;
    }
    if (!who) return privateNotice('I have no answers from that user in this workspace yet.');
    const self = who.userKey === me;
    const key = who.userKey;
    const name = self ? inv.user.name : who.name;
    const stats = await store.userStats(key);
    const today = localDate(clock.now(), info.timezone);
    const { current, best } = streaks(stats.correctDates, today);
    const weak = await weakSpotViews(inv, info.channelKey, self ? key : null);
    const view = render.statsView({
      name,
      self,
      answered: stats.answered,
      correct: stats.correct,
      points: stats.points,
      current,
      best,
      perDeck: stats.perDeck.map((d) => ({ title: decks.byId(d.deckId)?.title ?? d.deckId, answered: d.answered, correct: d.correct })),
    });
    return [reply(weak.length ? { ...view, blocks: [...view.blocks, ...weak] } : view)];
  }

  /** The caller's three weakest concepts (own stats only) and, for admins, the channel's. */
  async function weakSpotViews(inv: CommandInvocation, channelKeyValue: string, ownKey: string | null) {
    const memory = store.memory;
    if (!memory) return [];
    const commandOf = (deckId: string) => decks.byId(deckId)?.command ?? inv.command;
    const blocks: ViewBlock[] = [];
    if (ownKey) {
      const mine = weakSpots(await memory.questionTallies({ userKey: ownKey }), decks, WEAK_SPOTS_SHOWN);
      blocks.push(...learnView.weakSpotBlocks('Your weakest concepts', mine, commandOf));
    }
    if (isAdmin(inv.user)) {
      const channel = weakSpots(await memory.questionTallies({ channelKey: channelKeyValue }), decks, WEAK_SPOTS_SHOWN);
      blocks.push(...learnView.weakSpotBlocks("This channel's weakest concepts (admins)", channel, commandOf));
    }
    return blocks;
  }

  // ---------- actions ----------

  async function action(inv: ActionInvocation): Promise<Reply[]> {
    try {
      return await runAction(inv);
    } catch (err) {
      return failure(err, { actionId: String(inv.actionId).slice(0, 100) }, true);
    }
  }

  async function runAction(inv: ActionInvocation): Promise<Reply[]> {
    const parsed = parseActionId(inv.actionId);
    if (!parsed) return privateNotice('That button is not one I know (it may be from an older version). Nothing was recorded.');
    if (parsed.type === 'share-concept') return shareConcept(inv, parsed.deckId, parsed.slug);
    if (parsed.type === 'rate') return rateAnswer(inv, parsed.roundId, parsed.rating);
    if (parsed.type === 'report') return reportButton(inv, parsed.roundId);
    if (parsed.type === 'report-submit') return reportSubmit(inv, parsed.roundId);
    const round = await store.getRound(parsed.roundId);
    if (!round) return privateNotice('I cannot find that question any more. Nothing was recorded.');
    if (round.channelKey !== channelKey(inv.channel)) {
      return privateNotice('That question belongs to another channel. Nothing was recorded.');
    }
    const me = userKey(inv.user);
    if (round.kind === 'practice' && round.ownerKey !== me) {
      return privateNotice('That practice question belongs to someone else. Try practice for your own.');
    }
    const q = round.question;
    switch (parsed.type) {
      case 'multi-control':
        return []; // a checkbox toggled: nothing to do until submit
      case 'next-practice': {
        const deck = decks.byId(round.deckId);
        if (!deck) return privateNotice('That deck is no longer available.');
        await store.saveUser(inv.user);
        return [await startPractice(inv.channel, inv.user, deck, true)];
      }
      case 'answer': {
        if (!q.options.some((o) => o.id === parsed.option)) return privateNotice('That option does not exist in this question. Nothing was recorded.');
        if (q.correct.length > 1) {
          return privateNotice(`This question takes ${q.correct.length} options: choose them in the menu, then submit.`);
        }
        return answer(inv, round, [parsed.option]);
      }
      case 'multi-submit': {
        const values = Array.isArray(inv.values) ? inv.values.map(String) : [];
        const unique = [...new Set(values)];
        if (unique.some((v) => !q.options.some((o) => o.id === v))) {
          return privateNotice('That choice includes an option that does not exist. Nothing was recorded.');
        }
        if (unique.length !== q.correct.length || values.length !== unique.length) {
          return privateNotice(`Choose exactly ${q.correct.length} different options (you chose ${unique.length}). Nothing was recorded.`);
        }
        return answer(inv, round, unique);
      }
    }
  }

  function shareConcept(inv: ActionInvocation, deckId: string, slug: string): Reply[] {
    const deck = decks.byId(deckId);
    const concept = deck?.concepts.find((c) => c.slug === slug);
    if (!deck || !concept) return privateNotice('That concept is no longer in the notes, so there is nothing to share.');
    return [{ visibility: 'channel', view: render.sharedConceptView(deck, concept, inv.user.name) }];
  }

  async function answer(inv: ActionInvocation, round: RoundRecord, chosen: string[]): Promise<Reply[]> {
    const now = clock.now();
    const me = userKey(inv.user);
    const [info] = await Promise.all([store.ensureChannel(inv.channel), store.saveUser(inv.user)]);
    const today = localDate(now, info.timezone);
    const score = scoreChoice(round.question.correct, chosen);
    let bonus = 0;
    if (round.kind === 'daily' && score.correct) {
      const recent = await store.recentCorrectDays(me, new Date(now.getTime() - STREAK_LOOKBACK_DAYS * 86_400_000));
      bonus = streakBonus({ kind: round.kind, correct: true, today, correctDates: recent.dates, bonusGivenOn: recent.bonusGivenOn });
    }
    const result = await store.recordAnswer(
      {
        roundId: round.id,
        userKey: me,
        channelKey: round.channelKey,
        roundKind: round.kind,
        deckId: round.deckId,
        questionId: round.questionId,
        choice: [...chosen].sort(),
        correct: score.correct,
        points: score.base + bonus,
        bonus,
        onBoard: countsOnLeaderboard(round.kind),
        answeredAt: now,
        localDate: today,
      },
      now,
    );
    const practice = round.kind === 'practice';
    switch (result.status) {
      case 'recorded': {
        if (practice) await store.closeRound(round.id, now);
        else if (round.messageRef) countEdits.touch(round.id);
        const memory = await rememberAnswer(round, me, score.correct, now);
        let view = render.answerFeedbackView(round, result.answer);
        if (memory.isReview) view = { ...view, actions: [] }; // the next due question follows instead of "Next question"
        if (memory.saved && score.correct) view = learnView.withRating(view, round.id);
        view = { ...view, actions: [...(view.actions ?? []), render.reportControls(round.id)] };
        const replies = [reply(view, practice ? { replaceSource: true } : {})];
        if (memory.isReview) {
          const deck = decks.byId(round.deckId);
          if (deck) replies.push(await serveReview(inv.channel, inv.user, deck, true, false));
        }
        return replies;
      }
      case 'duplicate':
        return [reply(render.alreadyAnsweredView(round, result.answer))];
      case 'closed':
        return [reply(render.closedView(round, result.closedAt, info.timezone, now))];
      case 'not-found':
        return privateNotice('I cannot find that question any more. Nothing was recorded.');
    }
  }

  // ---------- spaced repetition (src/quiz/memory.ts) ----------

  /** One FSRS review of the user's card for this question. Never fails the answer: memory is best effort. */
  async function rememberAnswer(round: RoundRecord, me: string, correct: boolean, now: Date): Promise<{ saved: boolean; isReview: boolean }> {
    const memory = store.memory;
    if (!memory) return { saved: false, isReview: false };
    try {
      const existing = await memory.getCard(me, round.deckId, round.questionId);
      const isReview = round.kind === 'practice' && existing?.reviewRoundId === round.id;
      const next = afterAnswer(existing, { userKey: me, deckId: round.deckId, questionId: round.questionId }, round.id, now, correct);
      await memory.saveCard({ ...next, reviewRoundId: isReview ? null : next.reviewRoundId });
      return { saved: true, isReview };
    } catch (err) {
      log?.warn({ err, roundId: round.id }, 'memory update failed; the answer itself is recorded');
      return { saved: false, isReview: false };
    }
  }

  /** The caller's earliest due question as a private review round, or when the next one is due. */
  async function serveReview(channel: ChannelRef, user: UserRef, deck: Deck, reviewedAny: boolean, replaceSource: boolean): Promise<Reply> {
    const memory = store.memory;
    if (!memory) return reply(render.notice('Review is not available on this bot.'));
    const owner = userKey(user);
    const now = clock.now();
    const info = await store.ensureChannel(channel);
    const queue = await memory.reviewQueue(owner, deck.id, now, REVIEW_SCAN);
    const byId = new Map(deck.questions.filter(isPlayable).map((q) => [q.id, q]));
    // Cards of questions since removed from the notes are skipped (they stay stored).
    const card = queue.due.find((c) => byId.has(c.questionId));
    if (!card) {
      return reply(learnView.reviewDoneView({ reviewedAny, nextDue: queue.nextDue, tz: info.timezone, now, command: deck.command }), replaceSource ? { replaceSource } : {});
    }
    const created = await store.createRound({
      channelKey: info.channelKey,
      kind: 'practice',
      question: snapshotOf(deck, byId.get(card.questionId)!),
      ownerKey: owner,
      openedAt: now,
      closesAt: new Date(now.getTime() + practiceMs),
    });
    if (!created.ok) return reply(render.notice('I could not start a review question. Please try again.'));
    await memory.setReviewRound(owner, deck.id, card.questionId, created.round.id);
    const view = render.questionView(created.round, { answered: 0, tz: info.timezone, now });
    const header = learnView.reviewHeader(queue.dueCount);
    return reply({ ...view, blocks: [{ type: 'text', text: header, style: 'muted' }, ...view.blocks] }, replaceSource ? { replaceSource } : {});
  }

  async function remindCommand(inv: CommandInvocation, deck: Deck, on: boolean): Promise<Reply[]> {
    const memory = store.memory;
    if (!memory) return privateNotice('Review reminders are not available on this bot.');
    const chat = chatFor(inv.channel.platform);
    if (on && chat && !chat.postPrivate) {
      // A chat port without unsolicited private messages (see ChatPort.postPrivate).
      return privateNotice(
        'I cannot send you private reminders on this platform: I can only answer you privately when you use a command.',
        `Run /${deck.command} review whenever you like: it tells you what is due and when the next one is.`,
      );
    }
    const info = await store.ensureChannel(inv.channel);
    await memory.setReminder(userKey(inv.user), deck.id, info.channelKey, on);
    return on
      ? privateNotice(
          `Review reminders on: once a day (from ${String(REMIND_HOUR).padStart(2, '0')}:00, ${info.timezone}) I will send you ${inv.channel.platform === 'discord' ? 'a direct message' : 'a private note here'} with how many ${deck.title} questions are due.`,
          `Turn them off with /${deck.command} review remind off.`,
        )
      : privateNotice('Review reminders off.');
  }

  async function sendReviewReminders(): Promise<number> {
    const memory = store.memory;
    if (!memory) return 0;
    const now = clock.now();
    let sent = 0;
    for (const r of await memory.enabledReminders(REMINDER_BATCH)) {
      let claimed = false;
      try {
        const channel = parseChannelKey(r.channelKey);
        const chat = channel && chatFor(channel.platform);
        const deck = decks.byId(r.deckId);
        if (!channel || !chat?.postPrivate || !deck) continue;
        const info = await store.ensureChannel(channel);
        const today = localDate(now, info.timezone);
        if (r.lastSentOn === today || localHour(now, info.timezone) < REMIND_HOUR) continue;
        const queue = await memory.reviewQueue(r.userKey, r.deckId, now, 1);
        if (queue.dueCount === 0) continue;
        if (!(await memory.claimReminder(r.userKey, r.deckId, today))) continue; // another process sent it
        claimed = true;
        const userId = r.userKey.split(':').slice(2).join(':');
        await chat.postPrivate(channel, userId, learnView.reminderView(queue.dueCount, deck.title, deck.command));
        sent++;
      } catch (err) {
        // Claimed: not retried today (closed DMs would otherwise fail every minute). Not claimed yet: next tick.
        log?.warn({ err, userKey: r.userKey }, claimed ? 'review reminder not delivered; not retried today' : 'review reminder failed; retried on the next tick');
      }
    }
    return sent;
  }

  // ---------- question reports (src/quiz/reports.ts) ----------

  const tenantOf = (user: UserRef) => `${user.platform}:${user.workspace}:`;

  async function reportCommand(inv: CommandInvocation, deck: Deck, number: string, reason: string): Promise<Reply[]> {
    const q = deck.questions.find((x) => questionNumber(x) === number);
    if (!q) return privateNotice(`${deck.title} has no question ${number}.`, `It has ${deck.questions.length} questions.`);
    return fileReport(inv, deck.id, deck.title, { id: q.id, number: q.number, source: q.source }, reason);
  }

  async function fileReport(
    inv: { channel: ChannelRef; user: UserRef },
    deckId: string,
    deckTitle: string,
    q: { id: string; number: string; source: { path: string; line: number } },
    reason: string,
  ): Promise<Reply[]> {
    const reports = store.reports;
    if (!reports) return privateNotice('Question reports are not available on this bot.');
    const info = await store.ensureChannel(inv.channel);
    await store.saveUser(inv.user);
    const saved = await reports.addReport({
      deckId,
      questionId: q.id,
      questionNumber: q.number,
      sourcePath: q.source.path,
      sourceLine: q.source.line,
      reason: reason.trim(),
      reporterKey: userKey(inv.user),
      channelKey: info.channelKey,
      createdAt: clock.now(),
    });
    return privateNotice(`Thanks! Report #${saved.id} on ${deckTitle} ${q.number} is with the admins, who can fix the notes.`);
  }

  async function reportsCommand(inv: CommandInvocation, deck: Deck, resolve?: string): Promise<Reply[]> {
    const reports = store.reports;
    if (!reports) return privateNotice('Question reports are not available on this bot.');
    if (!isAdmin(inv.user)) return privateNotice('Only workspace admins can see and resolve question reports.', `To report a problem: /${deck.command} ${USAGE.report}`);
    if (resolve) {
      const result = await reports.resolveReport(resolve, tenantOf(inv.user), userKey(inv.user), clock.now());
      if (result === 'not-found') return privateNotice(`There is no report #${resolve}.`);
      return privateNotice(result === 'resolved' ? `Report #${resolve} resolved.` : `Report #${resolve} was already resolved.`);
    }
    const open = await reports.openReports(tenantOf(inv.user), REPORTS_SHOWN);
    const names = new Map<string, string>();
    for (const key of new Set(open.map((r) => r.reporterKey))) {
      const u = await store.findUser(key);
      if (u) names.set(key, u.name);
    }
    return [reply(learnView.reportsView(open, names, (id) => decks.byId(id)?.title ?? id, deck.command))];
  }

  /** The round behind a report control, if it belongs to the invoking channel. */
  async function reportableRound(inv: ActionInvocation, roundId: string) {
    const round = await store.getRound(roundId);
    return round && round.channelKey === channelKey(inv.channel) ? round : null;
  }

  /** "Report a problem": a form for the reason where the platform has modals, else how to type it. */
  async function reportButton(inv: ActionInvocation, roundId: string): Promise<Reply[]> {
    const round = await reportableRound(inv, roundId);
    if (!round) return privateNotice('I cannot find that question any more.');
    const command = decks.byId(round.deckId)?.command ?? 'apigw';
    const number = round.question.number.replace(/\D+/g, '').replace(/^0+(?=\d)/, '') || round.question.number;
    const fallback = render.notice(
      `What is wrong with ${round.question.deckTitle} ${round.question.number}? Tell me with /${command} report ${number} <what is wrong>`,
      `For example: /${command} report ${number} the answer should be C because …`,
    );
    return [reply(fallback, { form: learnView.reportForm(roundId, round.question.number) })];
  }

  async function reportSubmit(inv: ActionInvocation, roundId: string): Promise<Reply[]> {
    const reason = inv.values?.[0] ?? '';
    const problem = reasonProblem(reason);
    if (problem) return privateNotice(`${problem} Nothing was reported.`);
    const round = await reportableRound(inv, roundId);
    if (!round) return privateNotice('I cannot find that question any more. Nothing was reported.');
    // The note may have moved on since the round was posted: point at the question's current line,
    // or at the top of the deck's file when the question is gone.
    const deck = decks.byId(round.deckId);
    const current = deck?.questions.find((x) => x.id === round.questionId);
    const source = current?.source ?? { path: deck?.path ?? `content/${round.deckId}.md`, line: 1 };
    const q = { id: round.questionId, number: round.question.number, source };
    return fileReport(inv, round.deckId, round.question.deckTitle, q, reason);
  }

  async function rateAnswer(inv: ActionInvocation, roundId: string, rating: 'hard' | 'good' | 'easy'): Promise<Reply[]> {
    const memory = store.memory;
    if (!memory) return privateNotice('Review is not available on this bot.');
    const round = await store.getRound(roundId);
    if (!round || round.channelKey !== channelKey(inv.channel)) return privateNotice('I cannot find that question any more.');
    const me = userKey(inv.user);
    const card = await memory.getCard(me, round.deckId, round.questionId);
    if (!card || card.lastRoundId !== round.id) {
      return privateNotice('That rating belongs to an older answer: you have answered this question again since, so it was not changed.');
    }
    if (card.lastRating === 'again') return privateNotice('Ratings refine right answers only.');
    const refined = refine(card, rating);
    await memory.saveCard(refined);
    const info = await store.ensureChannel(inv.channel);
    return [reply(learnView.ratedView(rating, `${round.question.deckTitle} ${round.question.number}`, refined.due, info.timezone, clock.now()))];
  }

  // ---------- autocomplete and command specs ----------

  async function autocomplete(inv: AutocompleteInvocation): Promise<Choice[]> {
    const deck = decks.byCommand(inv.command);
    if (!deck) return [];
    const partial = (inv.partial ?? '').toLowerCase().trim();
    const limit = <T>(xs: T[]) => xs.slice(0, 25);
    const short = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);
    if (inv.subcommand === 'explain') {
      return limit(
        deck.concepts
          .filter((c) => !partial || c.slug.includes(partial) || c.name.toLowerCase().includes(partial) || c.aliases.some((a) => a.toLowerCase().includes(partial)))
          .map((c) => ({ name: short(c.name), value: c.slug })),
      );
    }
    if ((inv.subcommand === 'quiz' && inv.option === 'number') || (inv.subcommand === 'report' && inv.option === 'question')) {
      return limit(
        deck.questions
          .filter(isPlayable)
          .filter((q) => !partial || q.number.toLowerCase().includes(partial) || q.prompt.toLowerCase().includes(partial))
          .map((q) => ({ name: short(`${q.number}: ${q.prompt}`), value: questionNumber(q) })),
      );
    }
    if ((inv.subcommand === 'quiz' || inv.subcommand === 'practice' || inv.subcommand === 'schedule') && inv.option === 'deck') {
      return limit(decks.decks().filter((d) => !partial || d.id.includes(partial) || d.title.toLowerCase().includes(partial)).map((d) => ({ name: short(d.title), value: d.id })));
    }
    if (inv.option === 'timezone') {
      const zones = Intl.supportedValuesOf('timeZone');
      return limit(zones.filter((z) => !partial || z.toLowerCase().includes(partial)).map((z) => ({ name: z, value: z })));
    }
    return [];
  }

  function commands(): CommandSpec[] {
    return decks.decks().map((deck) => ({
      name: deck.command,
      description: `Study ${deck.title}: explain concepts, quiz the channel, practise privately`.slice(0, 100),
      deckId: deck.id,
      subcommands: [
        {
          name: 'explain',
          description: 'Explain a concept from the notes',
          options: [{ name: 'concept', description: 'Concept name (empty: list them all)', required: false, autocomplete: true }],
        },
        {
          name: 'quiz',
          description: 'Post a question to the channel; the answer is revealed when it closes',
          options: [{ name: 'number', description: 'A specific question number', required: false, autocomplete: true }],
        },
        { name: 'practice', description: 'A private practice question just for you', options: [] },
        {
          name: 'review',
          description: 'Your questions due for spaced-repetition review, privately',
          options: [{ name: 'remind', description: 'Daily private reminder when questions are due: on or off', required: false, choices: ['on', 'off'], keyword: 'remind' }],
        },
        {
          name: 'leaderboard',
          description: "The channel's top 10",
          options: [{ name: 'period', description: 'week (default), month or all', required: false, choices: ['week', 'month', 'all'] }],
        },
        {
          name: 'stats',
          description: 'Answered, accuracy, streaks',
          options: [{ name: 'user', description: 'Someone else (default: you)', required: false }],
        },
        {
          name: 'report',
          description: 'Report a problem with a question',
          options: [
            { name: 'question', description: 'Question number, e.g. 3', required: true, autocomplete: true },
            { name: 'reason', description: 'What is wrong with it', required: true },
          ],
        },
        {
          name: 'reports',
          description: 'Open question reports (admins)',
          options: [{ name: 'resolve', description: 'Report number to mark as resolved', required: false, keyword: 'resolve' }],
        },
        {
          name: 'schedule',
          description: 'Question of the day for this channel (admins)',
          options: [
            { name: 'time', description: 'HH:MM, or off', required: false },
            { name: 'timezone', description: 'IANA timezone, e.g. Europe/Berlin', required: false, autocomplete: true },
            { name: 'days', description: 'Weekdays, e.g. mon-fri', required: false },
            { name: 'deck', description: 'Deck to ask from (default: this one)', required: false, autocomplete: true },
            { name: 'close', description: 'How long each question stays open, e.g. 8h or 90m', required: false, keyword: 'close' },
          ],
        },
        { name: 'help', description: 'What I can do', options: [] },
      ],
    }));
  }

  return {
    attachChat(port: ChatPort) {
      chats.set(port.platform, port);
    },
    command,
    action,
    autocomplete,
    commands,
    startRound,
    closeDueRounds,
    revealNow,
    sendReviewReminders,
    recoverPost,
    flush: () => countEdits.flush(),
  };
}

