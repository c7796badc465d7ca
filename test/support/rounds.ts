// An open quiz round around a question snapshot, as the store returns it: for tests of views and renderers.
import type { QuestionSnapshot, RoundRecord } from '../../src/quiz/store.js';

export function openQuizRound(question: QuestionSnapshot, where: Pick<RoundRecord, 'id' | 'channelKey'>): RoundRecord {
  return {
    ...where,
    kind: 'quiz',
    deckId: question.deckId,
    questionId: question.id,
    question,
    ownerKey: null,
    messageRef: null,
    dailyDate: null,
    openedAt: new Date(0),
    closesAt: new Date(600_000),
    closedAt: null,
    revealedAt: null,
  };
}
