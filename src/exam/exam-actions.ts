// Action ids of the mock exam (≤ 100 chars, untrusted on the way back in). Each names the session
// and the item on screen, so a stale button (an older screen) acts on the item it showed.
//   e:<session>:<item>:a:<option>   answer a single-choice item
//   e:<session>:<item>:m            multiselect control; e:<session>:<item>:s its submit (values)
//   e:<session>:<item>:f1 / f0      flag / unflag for review (the state wanted: a double click or an
//                                   old screen's button sets it again rather than toggling it back;
//                                   an `f` from before, which named no state, only shows the screen)
//   e:<session>:<item>:b            back (to item − 1);  e:<session>:<item>:n  next (item + 1)
//   e:<session>:<item>:g            go to this item (from the review list)
//   e:<session>:x                   End: asks first when questions are unanswered, else ends
//   e:<session>:xy                  End confirmed ("End exam" on the question): ends the exam now
export type ExamAction =
  | { type: 'answer'; sessionId: string; item: number; option: string }
  | { type: 'multi-control'; sessionId: string; item: number }
  | { type: 'multi-submit'; sessionId: string; item: number }
  | { type: 'flag'; sessionId: string; item: number; to: boolean | null }
  | { type: 'back'; sessionId: string; item: number }
  | { type: 'next'; sessionId: string; item: number }
  | { type: 'goto'; sessionId: string; item: number }
  | { type: 'end'; sessionId: string; confirmed: boolean };

export const EXAM_ACTION_PREFIX = 'e:';

const ID = '([1-9][0-9]{0,15})';
const ITEM = '(0|[1-9][0-9]{0,3})';
const VERBS = { m: 'multi-control', s: 'multi-submit', b: 'back', n: 'next', g: 'goto' } as const;

export const examAnswerId = (sessionId: string, item: number, option: string) => `e:${sessionId}:${item}:a:${option}`;
export const examStepId = (sessionId: string, item: number, verb: keyof typeof VERBS) => `e:${sessionId}:${item}:${verb}`;
export const examFlagId = (sessionId: string, item: number, flagged: boolean) => `e:${sessionId}:${item}:f${flagged ? 1 : 0}`;
export const examEndId = (sessionId: string, confirmed = false) => `e:${sessionId}:x${confirmed ? 'y' : ''}`;

export function parseExamAction(id: string): ExamAction | null {
  if (typeof id !== 'string' || id.length > 100 || !id.startsWith(EXAM_ACTION_PREFIX)) return null;
  const endMatch = new RegExp(`^e:${ID}:x(y?)$`).exec(id);
  if (endMatch) return { type: 'end', sessionId: endMatch[1]!, confirmed: endMatch[2] === 'y' };
  const flag = new RegExp(`^e:${ID}:${ITEM}:f([01]?)$`).exec(id);
  if (flag) return { type: 'flag', sessionId: flag[1]!, item: Number(flag[2]), to: flag[3] ? flag[3] === '1' : null };
  const answer = new RegExp(`^e:${ID}:${ITEM}:a:([A-Za-z0-9]{1,8})$`).exec(id);
  if (answer) return { type: 'answer', sessionId: answer[1]!, item: Number(answer[2]), option: answer[3]! };
  const step = new RegExp(`^e:${ID}:${ITEM}:([msbng])$`).exec(id);
  if (!step) return null;
  return { type: VERBS[step[3] as keyof typeof VERBS], sessionId: step[1]!, item: Number(step[2]) };
}
