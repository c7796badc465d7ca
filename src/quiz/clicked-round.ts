// The checks every click on a round's controls passes before anything is recorded.
import type { ActionInvocation, Reply } from './api.js';
import { channelKey, userKey } from './ids.js';
import { privateNotice } from './replies.js';
import type { QuizStore, RoundRecord } from './store.js';

/** The clicked round, or the refusal to show: gone, another channel's, someone else's practice. */
export async function clickedRound(store: Pick<QuizStore, 'getRound'>, inv: ActionInvocation, roundId: string): Promise<RoundRecord | Reply[]> {
  const round = await store.getRound(roundId);
  if (!round) return privateNotice('I cannot find that question any more. Nothing was recorded.');
  if (round.channelKey !== channelKey(inv.channel)) {
    return privateNotice('That question belongs to another channel. Nothing was recorded.');
  }
  if (round.kind === 'practice' && round.ownerKey !== userKey(inv.user)) {
    return privateNotice('That practice question belongs to someone else. Try practice for your own.');
  }
  return round;
}
