// An open quiz round around a question snapshot, as the store returns it: for tests of views and renderers.
import type { QuestionSnapshot, QuizStore, RoundRecord } from '../../src/quiz/store.js';

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

/** A two-option question (B correct) for store tests. */
export const twoOptionQuestion = (): QuestionSnapshot => ({
  id: 'q1', deckId: 'api-gateway', deckTitle: 'API Gateway', number: '1', prompt: 'Q?',
  options: [{ id: 'A', text: 'a' }, { id: 'B', text: 'b' }], correct: ['B'], explanation: '',
});

/** Opens a quiz round on that question in `slack:T1:C1` through the store, closing 10 minutes after `now`. */
export async function openStoredRound(store: QuizStore, now: Date): Promise<RoundRecord> {
  const created = await store.createRound({ channelKey: 'slack:T1:C1', kind: 'quiz', question: twoOptionQuestion(), openedAt: now, closesAt: new Date(now.getTime() + 600_000) });
  if (!created.ok) throw new Error('round not created');
  return created.round;
}
