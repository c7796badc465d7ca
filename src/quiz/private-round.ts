// A private round (practice, review, a flashcard, a mistake practised again): owned by one user,
// never on the board, closing after practiceMs.
import type { FeatureContext } from './feature.js';
import type { ChannelInfo, CreateRoundResult, QuestionSnapshot } from './store.js';

export function createPrivateRound(ctx: FeatureContext, info: ChannelInfo, ownerKey: string, question: QuestionSnapshot, now: Date): Promise<CreateRoundResult> {
  return ctx.store.createRound({
    channelKey: info.channelKey,
    kind: 'practice',
    question,
    ownerKey,
    openedAt: now,
    closesAt: new Date(now.getTime() + ctx.practiceMs),
  });
}
