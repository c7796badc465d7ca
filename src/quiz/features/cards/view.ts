// Wording of flashcards: the prompt with "Show answer", the revealed answer with the four recall
// ratings, and the rated card. Flashcards are private study: they never score.
import { cardRateId, cardRevealId, type CardMode } from '../../action-ids.js';
import type { RatingName } from '../../memory.js';
import { reportControls } from '../../render.js';
import { explanationImageBlocks, promptImageBlocks } from '../../question-images.js';
import type { RoundRecord } from '../../store.js';
import { formatTime } from '../../time.js';
import { clip, oneLine } from '../../view-text.js';
import type { MessageView, ViewBlock } from '../../views.js';

export const RATINGS: readonly RatingName[] = ['again', 'hard', 'good', 'easy'];
const label = (rating: RatingName) => rating[0]!.toUpperCase() + rating.slice(1);

const title = (round: RoundRecord, mode: CardMode) => `${mode === 'review' ? 'Review' : 'Flashcard'} · ${round.question.deckTitle} ${round.question.number}`;

function answerBlocks(round: RoundRecord): ViewBlock[] {
  const q = round.question;
  const blocks: ViewBlock[] = [{ type: 'text', text: `Answer: ${clip(q.answerText ?? '')}`, style: 'quote' }];
  if (q.explanation) blocks.push({ type: 'text', text: clip(q.explanation), style: 'muted' });
  // The explanation's pictures, or the answer's when the answer is the explanation.
  return [...blocks, ...explanationImageBlocks(q)];
}

/** The prompt, privately, with "Show answer". `header`: a line above it (review progress). */
export function cardView(round: RoundRecord, mode: CardMode, header?: string): MessageView {
  const q = round.question;
  const blocks: ViewBlock[] = [
    ...(header ? [{ type: 'text' as const, text: header, style: 'muted' as const }] : []),
    { type: 'heading', text: title(round, mode) },
    { type: 'text', text: clip(q.prompt) },
    ...promptImageBlocks(q),
    { type: 'text', text: 'Only you can see this card. Recall the answer, then show it. Flashcards do not count on the leaderboard.', style: 'muted' },
  ];
  return {
    text: `${title(round, mode)}: ${oneLine(q.prompt)}`,
    blocks,
    actions: [{ type: 'buttons', buttons: [{ id: cardRevealId(round.id, mode), label: 'Show answer', style: 'primary' }] }, reportControls(round.id)],
  };
}

/** The same card with its answer, and Again / Hard / Good / Easy: the rating is the review. */
export function revealedCardView(round: RoundRecord, mode: CardMode): MessageView {
  const q = round.question;
  return {
    text: `${title(round, mode)}: ${oneLine(q.answerText ?? '')}`,
    blocks: [
      { type: 'heading', text: title(round, mode) },
      { type: 'text', text: clip(q.prompt) },
      ...promptImageBlocks(q),
      ...answerBlocks(round),
      { type: 'text', text: 'How well did you recall it? Again / Hard / Good / Easy sets when I show it again in review.', style: 'muted' },
    ],
    actions: [
      { type: 'buttons', buttons: RATINGS.map((r) => ({ id: cardRateId(round.id, mode, r), label: label(r), ...(r === 'good' ? { style: 'primary' as const } : {}) })) },
      reportControls(round.id),
    ],
  };
}

/** The card once rated: no controls; when it comes back (null: no memory on this bot). */
export function ratedCardView(round: RoundRecord, mode: CardMode, rating: RatingName, due: Date | null, tz: string, now: Date): MessageView {
  const head = `Rated ${label(rating)} · ${round.question.deckTitle} ${round.question.number}`;
  const when = due ? `Next due for review: ${formatTime(due, tz, now)}.` : 'Spaced repetition is not available on this bot, so it is not scheduled.';
  return {
    text: `${head}. ${when}`,
    blocks: [
      { type: 'heading', text: head },
      { type: 'text', text: clip(round.question.prompt) },
      ...promptImageBlocks(round.question),
      ...answerBlocks(round),
      { type: 'text', text: `${when}${mode === 'practice' ? ' Flashcards count as reviewed, never on the leaderboard.' : ''}`, style: 'muted' },
    ],
  };
}
