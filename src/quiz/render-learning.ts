// Wording for spaced repetition (review sessions, rating refinement). The core escapes nothing.
import { rateId, reportSubmitId } from './action-ids.js';
import type { FormView } from './api.js';
import type { RatingName } from './memory.js';
import { formatTime } from './time.js';
import type { MessageView, ViewAction, ViewBlock } from './views.js';
import type { WeakSpot } from './weak-spots.js';
import { REPORT_REASON_MAX, REPORT_REASON_MIN, type ReportRecord } from './reports.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

/** The modal asking what is wrong with a question. */
export function reportForm(roundId: string, number: string): FormView {
  return {
    id: reportSubmitId(roundId),
    title: 'Report a problem',
    submitLabel: 'Send report',
    field: {
      label: `What is wrong with ${number}?`.slice(0, 45),
      placeholder: 'e.g. the answer should be C because…',
      minLength: REPORT_REASON_MIN,
      maxLength: REPORT_REASON_MAX,
      multiline: true,
    },
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

/** "Your weakest concepts" blocks for stats: each with the explain command that teaches it. */
export function weakSpotBlocks(heading: string, spots: WeakSpot[], commandOf: (deckId: string) => string): ViewBlock[] {
  if (!spots.length) return [];
  return [
    { type: 'heading', text: heading },
    {
      type: 'list',
      ordered: true,
      items: spots.map((s) => `${s.name}: ${s.wrong} of ${plural(s.answered, 'answer')} wrong. Try /${commandOf(s.deckId)} explain ${s.slug}`),
    },
  ];
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

export function reportsView(reports: ReportRecord[], names: Map<string, string>, deckTitle: (deckId: string) => string, command: string): MessageView {
  if (!reports.length) {
    const text = 'No open question reports.';
    return { text, blocks: [{ type: 'text', text }] };
  }
  const heading = `Open question reports (${reports.length}, newest first)`;
  return {
    text: heading,
    blocks: [
      { type: 'heading', text: heading },
      {
        type: 'list',
        items: reports.map(
          (r) =>
            `#${r.id} ${deckTitle(r.deckId)} ${r.questionNumber} at ${r.sourcePath}:${r.sourceLine}: "${r.reason.replace(/\s+/g, ' ').trim()}" (${names.get(r.reporterKey) ?? 'someone'}, ${r.createdAt.toISOString().slice(0, 10)})`,
        ),
      },
      { type: 'text', text: `Fix the note, then /${command} reports resolve <number>. npm run content:check -- --reports lists them beside the deck's findings.`, style: 'muted' },
    ],
  };
}
