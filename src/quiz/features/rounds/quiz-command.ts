// `quiz [deck] [n]`: post a question to the channel; it closes after quizMinutes, then the
// answer is revealed in the same message. `quiz cancel` (admins) closes the open one now.
import type { Question } from '../../../content/types.js';
import { graphemePrefix } from '../../../graphemes.js';
import type { CommandInvocation, Reply } from '../../api.js';
import { deckChoices, deckList, isPlayable, QUESTION_NUMBER, questionChoices, questionNumber, resolveDeck, snapshotOf } from '../../decks.js';
import { defineCommand, type FeatureContext, type InvalidCommand } from '../../feature.js';
import { adminOnly } from '../../admin-refusal.js';
import { isCard, noPlayableText, pickQuestion } from '../../question-choice.js';
import * as render from '../../render.js';
import { privateNotice, reply } from '../../replies.js';
import type { ChannelInfo, RoundRecord } from '../../store.js';
import { quizUnscoredReason } from '../../scoring.js';
import { formatTime, localDate } from '../../time.js';
import { plural } from '../../view-text.js';

const USAGE = 'quiz [deck] [question number] | quiz cancel | quiz withdraw';

/** `quiz [deck] [n]`: deck id/command and question number, both optional; `quiz cancel`. */
export type QuizCommand = { type: 'quiz'; deck?: string; number?: string; cancel?: true; withdraw?: true };

const WITHDRAW_WORDS = new Set(['withdraw', 'void', 'pull']);

/** Looks like a number but is not a question number: `-1`, `2.5`, `99999999999999999999`, `Q0.5`. */
const NUMBER_LIKE = /^(?:q|#)?[-+]?[\d.,]*\d[\d.,]*$/i;

function parseQuiz(tokens: string[]): QuizCommand | InvalidCommand {
  if (tokens.length === 1 && tokens[0]!.toLowerCase() === 'cancel') return { type: 'quiz', cancel: true };
  if (tokens.length === 1 && WITHDRAW_WORDS.has(tokens[0]!.toLowerCase())) return { type: 'quiz', withdraw: true };
  if (tokens.length > 2) return { type: 'invalid', message: 'quiz takes at most a deck and a question number.', usage: USAGE };
  let deck: string | undefined;
  let number: string | undefined;
  for (const token of tokens) {
    const n = QUESTION_NUMBER.exec(token);
    if (!n && NUMBER_LIKE.test(token)) {
      return { type: 'invalid', message: `"${graphemePrefix(token, 40)}" is not a question number: use a whole number such as 3 (or Q3).`, usage: USAGE };
    }
    if (n && number === undefined) number = String(Number(n[1]));
    else if (!n && deck === undefined && number === undefined) deck = token;
    else return { type: 'invalid', message: `I could not read "${graphemePrefix(token, 40)}" here.`, usage: USAGE };
  }
  return { type: 'quiz', ...(deck ? { deck } : {}), ...(number ? { number } : {}) };
}

const formatIn = (ctx: FeatureContext, at: Date, info: ChannelInfo) => formatTime(at, info.timezone, ctx.clock.now());

/** `quiz cancel`: an admin closes the channel's open quiz now; its answer is revealed as at its close. */
async function cancelQuiz(ctx: FeatureContext, inv: CommandInvocation): Promise<Reply[]> {
  if (!ctx.isAdmin(inv.user)) return adminOnly(inv.user, 'close a quiz early', 'It closes on its own at its close time.');
  const info = await ctx.store.ensureChannel(inv.channel);
  const open = await ctx.store.openQuizRound(info.channelKey);
  if (!open) {
    const daily = await ctx.store.openDailyRound(info.channelKey);
    const hint = daily ? `To pull today's question of the day (say, its answer key is wrong): /${inv.command} quiz withdraw` : undefined;
    return privateNotice('There is no open quiz in this channel.', hint);
  }
  const closed = await ctx.store.closeRound(open.id, ctx.clock.now());
  if (!closed) return privateNotice('That quiz has just closed.');
  await ctx.rounds.reveal(closed);
  return privateNotice(`Closed ${open.question.deckTitle} ${open.question.number} now: the answer is revealed in the channel.`);
}

/** Why a new quiz of this question would not score (scoring.ts quizUnscoredReason), or null. */
async function unscoredReason(ctx: FeatureContext, info: ChannelInfo, deckId: string, questionId: string, now: Date): Promise<string | null> {
  const today = localDate(now, info.timezone);
  const [opened, history] = await Promise.all([
    // A local day is at most 26 hours long: every quiz opened today is within the last 27.
    ctx.store.scoredQuizzesSince(info.channelKey, new Date(now.getTime() - 27 * 3_600_000)),
    ctx.store.questionHistory({ channelKey: info.channelKey, deckId }),
  ]);
  const scoredToday = opened.filter((at) => localDate(at, info.timezone) === today).length;
  const lastAskedAt = history.find((h) => h.questionId === questionId)?.lastAt ?? null;
  return quizUnscoredReason({ scoredToday, lastAskedAt, now });
}

/**
 * `quiz withdraw`: an admin pulls the channel's open quiz, else its open question of the day (a
 * wrong key, a broken question): closed now, every answer's points taken off, and the channel
 * message says so without revealing the answer.
 */
async function withdrawOpen(ctx: FeatureContext, inv: CommandInvocation): Promise<Reply[]> {
  if (!ctx.isAdmin(inv.user)) {
    return adminOnly(inv.user, 'withdraw a question', `If it is wrong, report it: /${inv.command} report <question number> <what is wrong>, or its Report a problem button.`);
  }
  const info = await ctx.store.ensureChannel(inv.channel);
  const open = (await ctx.store.openQuizRound(info.channelKey)) ?? (await ctx.store.openDailyRound(info.channelKey));
  if (!open) return privateNotice('There is no open question in this channel to withdraw.', 'Only an open question can be withdrawn: a quiz, or the question of the day before its close.');
  const closed = await ctx.store.closeRound(open.id, ctx.clock.now());
  if (!closed) return privateNotice('That question has just closed: its answer is revealed, and its points stand.');
  const done = await ctx.store.withdrawRound(open.id);
  if (!done) return privateNotice('I cannot find that question any more.');
  await ctx.rounds.reveal(done.round);
  const what = `${open.kind === 'daily' ? 'the question of the day' : 'the quiz'} (${open.question.deckTitle} ${open.question.number})`;
  return privateNotice(
    `Withdrew ${what}: ${plural(done.voided, 'answer')} to it score nothing, and the channel message says so without showing the answer.`,
    `Fix the note, then post a fresh question with /${inv.command} quiz if you like.`,
  );
}

/** The refusal when a quiz is open, with that quiz shown again (it may be out of sight, e.g. after a restart). */
async function alreadyOpen(ctx: FeatureContext, inv: CommandInvocation, info: ChannelInfo, command: string, existing: RoundRecord | null): Promise<Reply[]> {
  const closes = existing ? ` It closes at ${formatIn(ctx, existing.closesAt, info)}.` : '';
  const detail = ctx.isAdmin(inv.user) ? `Close it now with /${command} quiz cancel.` : undefined;
  const replies = privateNotice(`There is already an open quiz in this channel: answer that one first.${closes}`, detail);
  if (existing?.messageRef) {
    const answered = await ctx.store.answerCount(existing.id);
    const view = render.questionView(existing, { answered, tz: info.timezone, now: ctx.clock.now() });
    replies.push(reply(view, { messageRef: existing.messageRef }));
  }
  return replies;
}

export const quizCommand = defineCommand<QuizCommand>({
  name: 'quiz',
  aliases: ['question'],
  usage: USAGE,
  help: (c) =>
    `${c} quiz [question number] — post a question to the channel; everyone answers privately, the answer is revealed when it closes. ` +
    'A chosen number (admins) is an author\'s preview, never scored. ' +
    `${c} quiz cancel (admins) closes the open quiz now; ${c} quiz withdraw (admins) pulls the open quiz or question of the day, unscored and unrevealed`,
  spec: {
    description: 'Post a question to the channel; the answer is revealed when it closes',
    options: [{ name: 'number', description: 'A chosen question number (admins: a preview, never scored)', required: false, autocomplete: true }],
  },
  parse: (_rest, tokens) => parseQuiz(tokens),
  autocomplete: {
    number: (_ctx, deck, partial) => questionChoices(deck, partial),
    deck: (ctx, _deck, partial) => deckChoices(ctx.decks, partial),
  },
  async run(ctx, inv, deck, { deck: deckRef, number, cancel, withdraw }) {
    if (cancel) return cancelQuiz(ctx, inv);
    if (withdraw) return withdrawOpen(ctx, inv);
    const { store, clock } = ctx;
    const target = resolveDeck(ctx.decks, deckRef, deck);
    if (!target) return privateNotice(`There is no deck "${deckRef}".`, `Decks: ${deckList(ctx.decks)}`);
    let question: Question | null = null;
    // A chosen question is an author's preview: admins only and never scored, else anyone could
    // post the question they know the answer to and farm points.
    const preview = !!number;
    if (preview && !ctx.isAdmin(inv.user)) {
      return adminOnly(inv.user, 'preview a chosen question (it is never scored)', `/${deck.command} quiz posts a question for everyone.`);
    }
    if (number) {
      const found = target.questions.find((q) => questionNumber(q) === number);
      if (!found) return privateNotice(`${target.title} has no question ${number}.`, `It has ${plural(target.questions.length, 'question')}.`);
      if (isCard(found)) return privateNotice(`${target.title} ${found.number} is a flashcard: flashcards are for private study, never channel quizzes.`, `Study it with /${target.command} practice or /${target.command} review.`);
      if (!isPlayable(found)) {
        return privateNotice(`${target.title} ${found.number} cannot be played: it has no valid answer or options.`, `See ${found.source.path}:${found.source.line}; run npm run content:check.`);
      }
      question = found;
    }
    if (!ctx.chatFor(inv.channel.platform)) return privateNotice('I cannot post questions here yet (no chat connection).');
    const info = await store.ensureChannel(inv.channel);
    await ctx.rounds.closeOverdueQuiz(info.channelKey);
    question ??= await pickQuestion(ctx, target, { channelKey: info.channelKey });
    if (!question) return privateNotice(noPlayableText(target).text, noPlayableText(target).detail);
    const now = clock.now();
    const unscored = preview ? null : await unscoredReason(ctx, info, target.id, question.id, now);
    const created = await store.createRound({
      channelKey: info.channelKey,
      kind: 'quiz',
      question: { ...snapshotOf(target, question), ...(preview ? { preview: true as const } : {}), ...(unscored ? { unscored } : {}) },
      openedAt: now,
      closesAt: new Date(now.getTime() + ctx.quizMs),
    });
    if (!created.ok) return alreadyOpen(ctx, inv, info, deck.command, created.existing);
    await ctx.rounds.post(created.round, inv.channel, info.timezone);
    const what = preview
      ? `a preview of ${target.title} ${question.number} (not scored)`
      : `${target.title} ${question.number}${unscored ? ` (not scored: ${unscored})` : ''}`;
    return privateNotice(`Posted ${what}. It closes at ${formatIn(ctx, created.round.closesAt, info)}, then I reveal the answer.`);
  },
});
