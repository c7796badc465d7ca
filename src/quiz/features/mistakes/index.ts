// `mistakes`: the caller's recent wrong answers in this deck (the question, what they chose, the
// right answer, what to `explain`), privately, with a button to practise them again (k:<deck>).
// Read from spaced-repetition memory: a question whose last answer was wrong is a mistake until
// answered right; what was chosen is that last answer, shown as in the round the user saw, and the
// key as that round graded it when the notes have changed it since (an answer the corrected key
// calls right is no longer listed; points are never re-scored).
import type { Deck, Question } from '../../../content/types.js';
import { practiseMistakesId } from '../../action-ids.js';
import type { Reply } from '../../api.js';
import { conceptLinks } from '../../concept-links.js';
import { isPlayable, snapshotOf } from '../../decks.js';
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import { userKey, type ChannelRef, type UserRef } from '../../ids.js';
import type { MemoryCardRecord } from '../../memory.js';
import type { QuestionSnapshot } from '../../store.js';
import { heldBack, heldUntil } from '../../question-choice.js';
import * as render from '../../render.js';
import { formatTime } from '../../time.js';
import { createPrivateRound } from '../../private-round.js';
import { privateNotice, reply } from '../../replies.js';
import { oneLine, plural, sentence } from '../../view-text.js';
import type { MessageView } from '../../views.js';

const SHOWN = 5;
/** Questions with a miss looked at per request. */
const SCAN = 50;

interface Mistake {
  card: MemoryCardRecord;
  question: Question;
  /** What the user chose, as labelled in the round they answered (null when unknown). */
  chosen: string | null;
  /** The right answer as that round graded it, when the notes have changed it since (else null). */
  gradedBefore: string | null;
}

/** The option texts of these ids in `q` (a key compared across edits: letters may move, texts identify). */
const textsOf = (q: QuestionSnapshot, ids: readonly string[]) => ids.map((id) => q.options.find((o) => o.id === id)?.text ?? `?${id}`).sort().join('\u0000');

/**
 * The deck's playable questions whose last answer by this user was wrong, most recent first. An
 * answer the notes now call right (an admin fixed the key since) is no longer a mistake.
 */
async function recentMistakes(ctx: FeatureContext, user: UserRef, deck: Deck): Promise<{ mistakes: Mistake[]; nowRight: number } | null> {
  const memory = ctx.store.memory;
  if (!memory) return null;
  const me = userKey(user);
  const playable = new Map(deck.questions.filter(isPlayable).map((q) => [q.id, q]));
  const missed = (await memory.questionTallies({ userKey: me })).filter((t) => t.deckId === deck.id && t.wrong > 0 && playable.has(t.questionId)).slice(0, SCAN);
  const cards = (await Promise.all(missed.map((t) => memory.getCard(me, deck.id, t.questionId))))
    .filter((c): c is MemoryCardRecord => !!c && c.lastRating === 'again')
    .sort((a, b) => b.lastReviewAt.getTime() - a.lastReviewAt.getTime());
  const all = (await Promise.all(cards.map((card) => mistakeOf(ctx, deck, card, playable.get(card.questionId)!)))).filter((m) => m !== 'withdrawn');
  const mistakes = all.filter((m): m is Mistake => m !== null);
  return { mistakes, nowRight: all.length - mistakes.length };
}

/**
 * The mistake as graded then and keyed now; null when the current notes call that answer right; 'withdrawn' when an
 * admin withdrew the round (its key is in doubt: the channel was not shown it, so neither is the list).
 */
async function mistakeOf(ctx: FeatureContext, deck: Deck, card: MemoryCardRecord, question: Question): Promise<Mistake | null | 'withdrawn'> {
  const [round, answer] = await Promise.all([ctx.store.getRound(card.lastRoundId), ctx.store.userAnswer(card.lastRoundId, card.userKey)]);
  if (round?.question.withdrawn) return 'withdrawn';
  if (!round || !answer || answer.correct || !answer.choice.length) return { card, question, chosen: null, gradedBefore: null };
  const now = snapshotOf(deck, question);
  if (textsOf(round.question, answer.choice) === textsOf(now, now.correct)) return null;
  const keyChanged = textsOf(round.question, round.question.correct) !== textsOf(now, now.correct);
  return {
    card,
    question,
    chosen: answer.choice.map((id) => render.optionLabel(round.question, id)).join('; '),
    gradedBefore: keyChanged ? round.question.correct.map((id) => render.optionLabel(round.question, id)).join('; ') : null,
  };
}

const nowRightText = (n: number) =>
  `${plural(n, 'answer')} marked wrong when you gave ${n === 1 ? 'it' : 'them'}, right under the notes as corrected since (points already given are not changed).`;

async function mistakesView(ctx: FeatureContext, user: UserRef, deck: Deck, found: { mistakes: Mistake[]; nowRight: number }): Promise<MessageView> {
  const links = conceptLinks(deck);
  const shown = found.mistakes.slice(0, SHOWN);
  const held = await heldBack(ctx, user, deck.id, ctx.clock.now());
  const items = shown.map(({ question: q, chosen, gradedBefore }) => {
    const answer = q.correct.map((id) => render.optionLabel(snapshotOf(deck, q), id)).join('; ');
    const slug = links.get(q.id)?.[0];
    const yours = chosen ? ` You chose: ${sentence(oneLine(chosen, 160))}` : '';
    if (held.has(q.id)) return `${q.number}: ${oneLine(q.prompt, 120)}${yours} Right answer: not shown while this question is open in a channel round (the question of the day or a quiz).`;
    const key = gradedBefore
      ? ` Graded against: ${sentence(oneLine(gradedBefore, 160))} The notes have changed since; right answer now: ${oneLine(answer, 160)}`
      : ` Right answer: ${oneLine(answer, 160)}`;
    return `${q.number}: ${oneLine(q.prompt, 120)}${yours}${key}${slug ? ` · /${deck.command} explain ${slug}` : ''}`;
  });
  const heading = `Your recent mistakes in ${deck.title}: ${plural(found.mistakes.length, 'question')} to go over`;
  const button = practiseMistakesId(deck.id);
  const nowRight = found.nowRight ? [{ type: 'text' as const, text: `Not listed: ${nowRightText(found.nowRight)}`, style: 'muted' as const }] : [];
  return {
    text: heading,
    blocks: [
      { type: 'heading', text: heading },
      { type: 'list', items },
      ...nowRight,
      { type: 'text', text: 'A question leaves this list once you answer it right.', style: 'muted' },
    ],
    ...(button ? { actions: [{ type: 'buttons' as const, buttons: [{ id: button, label: 'Practise them again', style: 'primary' as const }] }] } : {}),
  };
}

/** The most recent mistake as a private practice question. */
async function practiseMistake(ctx: FeatureContext, channel: ChannelRef, user: UserRef, deck: Deck): Promise<Reply[]> {
  const found = await recentMistakes(ctx, user, deck);
  if (!found) return privateNotice('Mistakes are not available on this bot.');
  const cards = found.mistakes.map((m) => m.card);
  if (!cards.length) return privateNotice(`No mistakes left in ${deck.title}: every question you missed, you have since answered right.`);
  const now = ctx.clock.now();
  const held = await heldBack(ctx, user, deck.id, now);
  const info = await ctx.store.ensureChannel(channel);
  const next = cards.find((c) => !held.has(c.questionId));
  if (!next) {
    return privateNotice(
      `Your ${deck.title} mistakes are open in a channel round right now (the question of the day or a quiz), so practising them would give the answer away.`,
      `Practise them again after it closes: ${formatTime(heldUntil(held), info.timezone, now)}.`,
    );
  }
  const question = deck.questions.find((q) => q.id === next.questionId)!;
  const created = await createPrivateRound(ctx, info, userKey(user), snapshotOf(deck, question), now);
  if (!created.ok) return privateNotice('I could not start a practice question. Please try again.');
  return [reply(render.questionView(created.round, { answered: 0, tz: info.timezone, now }))];
}

const mistakesCommand = defineCommand<{ type: 'mistakes' }>({
  name: 'mistakes',
  usage: 'mistakes',
  help: (c) => `${c} mistakes — your recent wrong answers, privately, and practise them again`,
  spec: { description: 'Your recent wrong answers, privately', options: [] },
  parse: (rest) => (rest ? { type: 'invalid', message: 'mistakes takes nothing after it.', usage: 'mistakes' } : { type: 'mistakes' }),
  async run(ctx, inv, deck) {
    const found = await recentMistakes(ctx, inv.user, deck);
    if (!found) return privateNotice('Mistakes are not available on this bot.');
    if (!found.mistakes.length) {
      return privateNotice(`No mistakes to go over in ${deck.title}.`, found.nowRight ? `Not listed: ${nowRightText(found.nowRight)}` : `Answer some questions: /${deck.command} practice.`);
    }
    return [reply(await mistakesView(ctx, inv.user, deck, found))];
  },
});

export const mistakes = {
  name: 'mistakes',
  commands: [mistakesCommand],
  actions: {
    'practise-mistakes': async (ctx, inv, action) => {
      const deck = ctx.decks.byId(action.deckId);
      if (!deck) return privateNotice('That deck is no longer available.');
      await ctx.store.saveUser(inv.user);
      return practiseMistake(ctx, inv.channel, inv.user, deck);
    },
  },
} satisfies Feature;
