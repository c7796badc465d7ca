// Compact, validated action ids (≤ 100 chars: Discord custom_id). Untrusted on the way back in.
//   a:<round>:<option>   answer a single-choice question
//   m:<round>            multiselect control;  s:<round> its submit
//   n:<round>            "next practice question" after a practice round
//   x:<deck>:<slug>      share an explained concept to the channel
//   g:<round>:<h|g|e>    refine the memory rating of a right answer: Hard / Good / Easy
//   p:<round>            report a problem with the round's question (opens the report form)
//   r:<round>            the report form's submit (values = [reason])
//   k:<deck>             practise my recent mistakes in this deck again
//   e:<session>:…        the mock exam's buttons (grammar: src/exam/exam-actions.ts)

import { parseExamAction, type ExamAction } from '../exam/exam-actions.js';

export type ParsedAction =
  | { type: 'answer'; roundId: string; option: string }
  | { type: 'multi-control'; roundId: string }
  | { type: 'multi-submit'; roundId: string }
  | { type: 'next-practice'; roundId: string }
  | { type: 'share-concept'; deckId: string; slug: string }
  | { type: 'rate'; roundId: string; rating: 'hard' | 'good' | 'easy' }
  | { type: 'report'; roundId: string }
  | { type: 'report-submit'; roundId: string }
  | { type: 'practise-mistakes'; deckId: string }
  | { type: 'exam'; action: ExamAction };

export const MAX_ACTION_ID = 100;


export const answerId = (roundId: string, option: string) => `a:${roundId}:${option}`;
export const multiId = (roundId: string) => `m:${roundId}`;
export const submitId = (roundId: string) => `s:${roundId}`;
export const nextPracticeId = (roundId: string) => `n:${roundId}`;
export const rateId = (roundId: string, rating: 'hard' | 'good' | 'easy') => `g:${roundId}:${rating[0]}`;
const RATINGS = { h: 'hard', g: 'good', e: 'easy' } as const;
export const reportId = (roundId: string) => `p:${roundId}`;
export const reportSubmitId = (roundId: string) => `r:${roundId}`;
/** Null when the ids are too long to fit a platform's action id: the view then offers no share button. */
export const shareConceptId = (deckId: string, slug: string): string | null => {
  const id = `x:${deckId}:${slug}`;
  return id.length <= MAX_ACTION_ID && SHARE.test(id) ? id : null;
};

/** Null when the deck id cannot be carried (too long, odd characters): the view then offers no button. */
export const practiseMistakesId = (deckId: string): string | null => {
  const id = `k:${deckId}`;
  return MISTAKES.test(id) ? id : null;
};

const ROUND = '([1-9][0-9]{0,15})';
const MISTAKES = /^k:([A-Za-z0-9._-]{1,64})$/;
const OPTION = '([A-Za-z0-9]{1,8})';
const SHARE = /^x:([A-Za-z0-9._-]{1,64}):([a-z0-9-]{1,64})$/;

export function parseActionId(id: string): ParsedAction | null {
  if (typeof id !== 'string' || id.length > MAX_ACTION_ID) return null;
  const mistakes = MISTAKES.exec(id);
  if (mistakes) return { type: 'practise-mistakes', deckId: mistakes[1]! };
  if (id.startsWith('e:')) {
    const exam = parseExamAction(id);
    return exam ? { type: 'exam', action: exam } : null;
  }
  const share = SHARE.exec(id);
  if (share) return { type: 'share-concept', deckId: share[1]!, slug: share[2]! };
  const rate = new RegExp(`^g:${ROUND}:([hge])$`).exec(id);
  if (rate) return { type: 'rate', roundId: rate[1]!, rating: RATINGS[rate[2] as keyof typeof RATINGS] };
  const report = new RegExp(`^p:${ROUND}$`).exec(id);
  if (report) return { type: 'report', roundId: report[1]! };
  const reportSubmit = new RegExp(`^r:${ROUND}$`).exec(id);
  if (reportSubmit) return { type: 'report-submit', roundId: reportSubmit[1]! };
  let m = new RegExp(`^a:${ROUND}:${OPTION}$`).exec(id);
  if (m) return { type: 'answer', roundId: m[1]!, option: m[2]! };
  m = new RegExp(`^([msn]):${ROUND}$`).exec(id);
  if (!m) return null;
  const roundId = m[2]!;
  if (m[1] === 'm') return { type: 'multi-control', roundId };
  if (m[1] === 's') return { type: 'multi-submit', roundId };
  return { type: 'next-practice', roundId };
}
