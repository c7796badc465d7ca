// Wording for spaced repetition: review sessions, rating refinement, reminders.
import { rateId } from '../../action-ids.js';
import type { RatingName } from '../../memory.js';
import { formatTime } from '../../time.js';
import { plural } from '../../view-text.js';
import type { MessageView, ViewAction } from '../../views.js';

/** "Hard / Good / Easy" under the reply to a right answer: refines that answer's memory rating. */
export function ratingControls(roundId: string): ViewAction {
  return {
    type: 'buttons',
    buttons: [
      { id: rateId(roundId, 'hard'), label: 'Hard' },
      { id: rateId(roundId, 'good'), label: 'Good' },
      { id: rateId(roundId, 'easy'), label: 'Easy' },
    ],
  };
}

/** Adds the rating buttons (and a line saying what they do) to an answer's feedback view. */
export function withRating(view: MessageView, roundId: string): MessageView {
  return {
    ...view,
    blocks: [...view.blocks, { type: 'text', text: 'How hard was it to recall? Hard / Good / Easy sets when I ask it again in review.', style: 'muted' }],
    actions: [...(view.actions ?? []), ratingControls(roundId)],
  };
}

export function ratedView(rating: RatingName, number: string, due: Date, tz: string, now: Date): MessageView {
  const label = rating[0]!.toUpperCase() + rating.slice(1);
  const text = `Rated ${label}. ${number} is next due for review: ${formatTime(due, tz, now)}.`;
  return { text, blocks: [{ type: 'text', text }] };
}

/** Due cards held back because their question is open in a channel round, until it closes. */
export interface HeldReview {
  count: number;
  until: Date;
}

const heldText = (held: HeldReview, more: boolean, tz: string, now: Date): string =>
  `${plural(held.count, more ? 'more question' : 'question')} ${held.count === 1 ? 'is' : 'are'} due but open in a channel round right now (the question of the day or a quiz): review ${held.count === 1 ? 'it' : 'them'} here after it closes, ${formatTime(held.until, tz, now)}.`;

export function reviewDoneView(opts: { reviewedAny: boolean; nextDue: Date | null; tz: string; now: Date; command: string; held?: HeldReview }): MessageView {
  const { nextDue, tz, now, command, held } = opts;
  if (held) {
    const head = opts.reviewedAny ? 'Review done for now.' : 'Nothing to review right now.';
    const detail = heldText(held, false, tz, now);
    return { text: `${head} ${detail}`, blocks: [{ type: 'heading', text: head }, { type: 'text', text: detail }] };
  }
  const head = opts.reviewedAny ? 'Review done: nothing else is due.' : 'Nothing is due for review.';
  const detail = nextDue
    ? `The next question is due for review: ${formatTime(nextDue, tz, now)}.`
    : `Answer questions (/${command} practice, quizzes, the question of the day) and I will schedule them for review.`;
  return { text: `${head} ${detail}`, blocks: [{ type: 'heading', text: head }, { type: 'text', text: detail }] };
}

/** The line above a served review question. */
export function reviewHeader(dueCount: number, held?: HeldReview & { tz: string; now: Date }): string {
  const line = `Review: ${plural(dueCount, 'question')} due (this one included).`;
  return held ? `${line} ${heldText(held, true, held.tz, held.now)}` : line;
}

/** The line above a weakest-domain card served before it is due, in the run-up to the exam. */
export function aheadHeader(domainName: string, daysLeft: number): string {
  const when = daysLeft === 0 ? 'today' : `in ${plural(daysLeft, 'day')}`;
  return `Review: nothing is due. The exam is ${when}, so here is a question from the group's weakest domain (${domainName}) ahead of time.`;
}

/** The line above a new flashcard served by review when nothing is due. */
export function newCardHeader(newCards: number): string {
  return `Review: nothing is due, so here is a new flashcard (${plural(newCards, 'new card')} left, this one included).`;
}

export function reminderView(dueCount: number, deckTitle: string, command: string): MessageView {
  const text = `${plural(dueCount, 'question')} due for review in ${deckTitle}.`;
  return {
    text,
    blocks: [
      { type: 'text', text },
      { type: 'text', text: `Run /${command} review to go through them. Stop these reminders with /${command} review remind off.`, style: 'muted' },
    ],
  };
}
