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

export function reviewDoneView(opts: { reviewedAny: boolean; nextDue: Date | null; tz: string; now: Date; command: string }): MessageView {
  const { nextDue, tz, now, command } = opts;
  const head = opts.reviewedAny ? 'Review done: nothing else is due.' : 'Nothing is due for review.';
  const detail = nextDue
    ? `The next question is due for review: ${formatTime(nextDue, tz, now)}.`
    : `Answer questions (/${command} practice, quizzes, the question of the day) and I will schedule them for review.`;
  return { text: `${head} ${detail}`, blocks: [{ type: 'heading', text: head }, { type: 'text', text: detail }] };
}

/** The line above a served review question. */
export function reviewHeader(dueCount: number): string {
  return `Review: ${plural(dueCount, 'question')} due (this one included).`;
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
