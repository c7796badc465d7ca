import { notice } from '../../render.js';
import { person, plural } from '../../view-text.js';
import type { MessageView, ViewBlock } from '../../views.js';
import type { WeakSpot } from '../../weak-spots.js';

export function statsView(opts: {
  name: string;
  self: boolean;
  answered: number;
  correct: number;
  points: number;
  /** The part of `points` on channel leaderboards; the rest is practice. */
  boardPoints: number;
  current: number;
  best: number;
  perDeck: { title: string; answered: number; correct: number }[];
}): MessageView {
  const who = opts.self ? 'Your stats' : `Stats for ${person(opts.name)}`;
  if (!opts.answered) {
    // Mock exam answers are not counted here (they have their own history below), so say which ones.
    const none = 'answered a quiz, practice or review question yet';
    return notice(opts.self ? `You have not ${none}.` : `${person(opts.name)} has not ${none}.`, 'Try practice for a private question.');
  }
  const pct = (c: number, a: number) => (a ? `${Math.round((c * 100) / a)}%` : '–');
  const blocks: ViewBlock[] = [
    { type: 'heading', text: who },
    {
      type: 'fields',
      items: [
        { name: 'Answered', value: String(opts.answered) },
        { name: 'Accuracy', value: `${pct(opts.correct, opts.answered)} (${opts.correct} right)` },
        { name: 'Points', value: pointsText(opts.points, opts.boardPoints) },
        { name: 'Current streak', value: plural(opts.current, 'day') },
        { name: 'Best streak', value: plural(opts.best, 'day') },
      ],
    },
  ];
  if (opts.perDeck.length) {
    blocks.push({ type: 'text', text: 'Accuracy per deck' });
    blocks.push({
      type: 'list',
      items: opts.perDeck.map((d) => `${d.title}: ${pct(d.correct, d.answered)} (${d.correct}/${d.answered})`),
    });
  }
  blocks.push({ type: 'text', text: 'A streak counts days in a row with at least one right answer.', style: 'muted' });
  return { text: `${who}: ${opts.answered} answered, ${pct(opts.correct, opts.answered)} right`, blocks };
}

/** Total points, split when practice adds to them: the leaderboards count only the board part. */
function pointsText(points: number, board: number): string {
  if (points === board) return String(points);
  return `${points} (${board} on channel leaderboards, ${points - board} from practice)`;
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
