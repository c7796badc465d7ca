// Action ids of the mock exam (≤ 100 chars, untrusted on the way back in). Each names the session
// and the item on screen, so a stale button (an older screen) acts on the item it showed.
//   e:<session>:<item>:a:<option>   answer a single-choice item
//   e:<session>:<item>:m            multiselect control; e:<session>:<item>:s its submit (values)
//   e:<session>:<item>:f            flag / unflag for review
//   e:<session>:<item>:b            back (to item − 1);  e:<session>:<item>:n  next (item + 1)
//   e:<session>:<item>:g            go to this item (from the review list)
//   e:<session>:x                   end the exam now
export type ExamAction =
  | { type: 'answer'; sessionId: string; item: number; option: string }
  | { type: 'multi-control'; sessionId: string; item: number }
  | { type: 'multi-submit'; sessionId: string; item: number }
  | { type: 'flag'; sessionId: string; item: number }
  | { type: 'back'; sessionId: string; item: number }
  | { type: 'next'; sessionId: string; item: number }
  | { type: 'goto'; sessionId: string; item: number }
  | { type: 'end'; sessionId: string };

export const EXAM_ACTION_PREFIX = 'e:';

const ID = '([1-9][0-9]{0,15})';
const ITEM = '(0|[1-9][0-9]{0,3})';
const VERBS = { m: 'multi-control', s: 'multi-submit', f: 'flag', b: 'back', n: 'next', g: 'goto' } as const;

export const examAnswerId = (sessionId: string, item: number, option: string) => `e:${sessionId}:${item}:a:${option}`;
export const examStepId = (sessionId: string, item: number, verb: keyof typeof VERBS) => `e:${sessionId}:${item}:${verb}`;
export const examEndId = (sessionId: string) => `e:${sessionId}:x`;

export function parseExamAction(id: string): ExamAction | null {
  if (typeof id !== 'string' || id.length > 100 || !id.startsWith(EXAM_ACTION_PREFIX)) return null;
  const endMatch = new RegExp(`^e:${ID}:x$`).exec(id);
  if (endMatch) return { type: 'end', sessionId: endMatch[1]! };
  const answer = new RegExp(`^e:${ID}:${ITEM}:a:([A-Za-z0-9]{1,8})$`).exec(id);
  if (answer) return { type: 'answer', sessionId: answer[1]!, item: Number(answer[2]), option: answer[3]! };
  const step = new RegExp(`^e:${ID}:${ITEM}:([msfbng])$`).exec(id);
  if (!step) return null;
  return { type: VERBS[step[3] as keyof typeof VERBS], sessionId: step[1]!, item: Number(step[2]) };
}
