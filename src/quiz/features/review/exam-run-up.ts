// The exam date that applies to a user's memory: the one of the channel where they answer or
// review (a user in two channels with different dates follows the channel they study in).
import { runUpOf, type RunUp } from '../../../exam/run-up.js';
import type { FeatureContext } from '../../feature.js';

/** The run-up for this deck in this channel, or null (no exam, no date, past, or unreadable). */
export async function examRunUpOf(ctx: FeatureContext, deckId: string, channelKey: string, tz: string, now: Date): Promise<RunUp | null> {
  const deck = ctx.exams && ctx.decks.byId(deckId);
  if (!deck) return null;
  try {
    return await runUpOf(ctx.exams, deck, channelKey, tz, now);
  } catch (err) {
    ctx.log?.warn({ err, channelKey }, 'exam date unavailable; scheduling without it');
    return null;
  }
}
