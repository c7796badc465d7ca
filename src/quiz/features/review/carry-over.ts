// A question's id comes from its text, so fixing a typo in the notes makes it a new question. When
// the edited question is plainly the same one (same deck and number; the same prompt with options
// or answer edited, or the same options with a prompt a few characters off), the user's memory card
// moves to it, so review continues where it was. Anything less certain stays an ignored orphan.
import type { Deck, Question } from '../../../content/types.js';
import { editDistance } from '../../../edit-distance.js';
import type { FeatureContext } from '../../feature.js';
import type { QuestionSnapshot } from '../../store.js';

/** Orphan cards looked at per call (most recently reviewed first). */
const SCAN = 20;
/** Longer prompts are compared exactly only (the distance is quadratic). */
const MAX_FUZZY = 600;

const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

function nearText(a: string, b: string): boolean {
  if (a.length > MAX_FUZZY || b.length > MAX_FUZZY) return false;
  const limit = Math.max(3, Math.floor(Math.max(a.length, b.length) / 10));
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit;
}

/** Whether `now` is `before` (as a round showed it) with a small edit. */
export function sameQuestionEdited(before: QuestionSnapshot, now: Question): boolean {
  if (before.number !== now.number || (before.kind === 'flashcard') !== (now.kind === 'flashcard')) return false;
  if (before.options.length !== now.options.length) return false;
  const sameOptions = before.options.filter((o, i) => norm(o.text) === norm(now.options[i]!.text)).length;
  // The same prompt is not enough ("Which of the following is correct?" asks many questions): half the options or
  // the flashcard's answer must be the same too.
  if (norm(before.prompt) === norm(now.prompt)) {
    return before.options.length ? sameOptions * 2 >= before.options.length : norm(before.answerText) === norm(now.answerText) || nearText(norm(before.answerText), norm(now.answerText));
  }
  const sameRest = sameOptions === before.options.length && norm(before.answerText) === norm(now.answerText);
  return sameRest && nearText(norm(before.prompt), norm(now.prompt));
}

/** Decks (by their loaded question list) whose orphan cards were looked at, per user, in this process. */
const looked = new WeakMap<readonly Question[], Set<string>>();

/** Carries the user's cards of edited questions over to them; how many moved. Best effort. */
export async function carryOverEdited(ctx: FeatureContext, owner: string, deck: Deck, loaded: ReadonlyMap<string, Question>): Promise<number> {
  const memory = ctx.store.memory;
  if (!memory || !loaded.size) return 0;
  // Once per user and loaded deck: what cannot be carried over now cannot later either, until the notes change
  // (a new question list), and the scan ran on every review answer and every reminder tick.
  let users = looked.get(deck.questions);
  if (!users) looked.set(deck.questions, (users = new Set()));
  if (users.has(owner)) return 0;
  users.add(owner);
  try {
    const orphans = await memory.orphanCards(owner, deck.id, [...loaded.keys()], SCAN);
    if (!orphans.length) return 0;
    const byNumber = new Map<string, Question | null>();
    for (const q of loaded.values()) byNumber.set(q.number, byNumber.has(q.number) ? null : q); // a repeated number is ambiguous
    let moved = 0;
    for (const card of orphans) {
      const before = (await ctx.store.getRound(card.lastRoundId))?.question;
      const target = before && before.deckId === deck.id ? byNumber.get(before.number) : undefined;
      if (!before || !target || !sameQuestionEdited(before, target)) continue;
      if (await memory.moveCard(owner, deck.id, card.questionId, target.id)) moved++;
    }
    return moved;
  } catch (err) {
    ctx.log?.warn({ err, owner, deckId: deck.id }, 'carrying cards over to edited questions failed; they stay as they are');
    return 0;
  }
}
