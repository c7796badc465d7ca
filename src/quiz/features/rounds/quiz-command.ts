// `quiz [deck] [n]`: post a question to the channel; it closes after quizMinutes, then the
// answer is revealed in the same message.
import type { Question } from '../../../content/types.js';
import { deckChoices, deckList, isPlayable, QUESTION_NUMBER, questionChoices, questionNumber, resolveDeck, snapshotOf } from '../../decks.js';
import { defineCommand, type InvalidCommand } from '../../feature.js';
import { isCard, noPlayableText, pickQuestion } from '../../question-choice.js';
import { privateNotice } from '../../replies.js';
import { formatTime } from '../../time.js';

const USAGE = 'quiz [deck] [question number]';

/** `quiz [deck] [n]`: deck id/command and question number, both optional. */
export type QuizCommand = { type: 'quiz'; deck?: string; number?: string };

function parseQuiz(tokens: string[]): QuizCommand | InvalidCommand {
  if (tokens.length > 2) return { type: 'invalid', message: 'quiz takes at most a deck and a question number.', usage: USAGE };
  let deck: string | undefined;
  let number: string | undefined;
  for (const token of tokens) {
    const n = QUESTION_NUMBER.exec(token);
    if (n && number === undefined) number = String(Number(n[1]));
    else if (!n && deck === undefined && number === undefined) deck = token;
    else return { type: 'invalid', message: `I could not read "${token.slice(0, 40)}" here.`, usage: USAGE };
  }
  return { type: 'quiz', ...(deck ? { deck } : {}), ...(number ? { number } : {}) };
}

export const quizCommand = defineCommand<QuizCommand>({
  name: 'quiz',
  aliases: ['question'],
  usage: USAGE,
  help: (c) => `${c} quiz [question number] — post a question to the channel; everyone answers privately, the answer is revealed when it closes`,
  spec: {
    description: 'Post a question to the channel; the answer is revealed when it closes',
    options: [{ name: 'number', description: 'A specific question number', required: false, autocomplete: true }],
  },
  parse: (_rest, tokens) => parseQuiz(tokens),
  autocomplete: {
    number: (_ctx, deck, partial) => questionChoices(deck, partial),
    deck: (ctx, _deck, partial) => deckChoices(ctx.decks, partial),
  },
  async run(ctx, inv, deck, { deck: deckRef, number }) {
    const { store, clock } = ctx;
    const target = resolveDeck(ctx.decks, deckRef, deck);
    if (!target) return privateNotice(`There is no deck "${deckRef}".`, `Decks: ${deckList(ctx.decks)}`);
    let question: Question | null = null;
    if (number) {
      const found = target.questions.find((q) => questionNumber(q) === number);
      if (!found) return privateNotice(`${target.title} has no question ${number}.`, `It has ${target.questions.length} questions.`);
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
    const formatIn = (at: Date) => formatTime(at, info.timezone, clock.now());
    const created = await store.createRound({
      channelKey: info.channelKey,
      kind: 'quiz',
      question: snapshotOf(target, question),
      openedAt: now,
      closesAt: new Date(now.getTime() + ctx.quizMs),
    });
    if (!created.ok) {
      const closes = created.existing ? ` It closes at ${formatIn(created.existing.closesAt)}.` : '';
      return privateNotice(`There is already an open quiz in this channel: answer that one first.${closes}`);
    }
    await ctx.rounds.post(created.round, inv.channel, info.timezone);
    return privateNotice(`Posted ${target.title} ${question.number}. It closes at ${formatIn(created.round.closesAt)}, then I reveal the answer.`);
  },
});
