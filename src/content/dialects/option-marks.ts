// Marks written on an option, before its label (`- 🔴 B. …`, `- ✅ A. …`) or after its text (`- C. S3 ✅`).
// A check mark (✅ ✔ ✔️ ☑ ☑️ ✓) or a closing `**(Correct)**` says "this is the answer", and so does a star (⭐ ⭐️) on some of the options: in the
// wrong-answer notes seen, the starred options were the right ones, two stars wherever the prompt said "choose two". Coloured circles and crosses (🔴 🟠 🟡 🟢 🔵 ⭕ ❌ ❎)
// are a learner's own notes whose meaning is not fixed: in one annotated exam the 🔴 options were exactly the right
// ones, ❌ usually means "wrong", ⭕ means "right" in Korean and Japanese O/X habits, 🟡 "not sure". Read as the
// answer they would score some decks wrongly without any sign, so they are only taken off the text.
import type { QuestionOption } from '../types.js';

const TICK_CHAR = /[✅✔☑✓⭐]/u;
const TICKS = /\s*(?:✅|✔|☑|✓|⭐)[\uFE0E\uFE0F]?\s*/gu;
const LEARNER_MARK = /🔴|🟠|🟡|🟢|🔵|⭕|❌|❎/u;
const LEARNER_MARKS = /[ \t]*(?:🔴|🟠|🟡|🟢|🔵|⭕|❌|❎)[\uFE0E\uFE0F]?[ \t]*/gu;
/** Marks (any of the above) written before an option's label. */
const LEAD_MARKS = /^[ \t]*(?:(?:✅|✔|☑|✓|⭐|🔴|🟠|🟡|🟢|🔵|⭕|❌|❎)[\uFE0E\uFE0F]?[ \t]*)+/u;

/** `**(Correct)**` (or `(correct)`) ending an option: the right one, as a ✅ would say. */
const CORRECT_TAG = /\(\s*correct\s*\)[*_]*\s*$/i;

export const hasTick = (text: string): boolean => TICK_CHAR.test(text) || CORRECT_TAG.test(text);

/** The marks before an option's label, as written (`🔴 `), or ''. */
export const leadMarks = (text: string): string => LEAD_MARKS.exec(text)?.[0] ?? '';

/** The text with the marks before its label taken off: `🔴 B. EBS` → `B. EBS`. */
export const withoutLeadMarks = (text: string): string => text.slice(leadMarks(text).length);

/** The text without its check marks (as the option is shown and, since they were read, hashed). */
export const withoutTicks = (text: string): string => (hasTick(text) ? text.replace(CORRECT_TAG, '').replace(TICKS, ' ').trim() : text);

/**
 * Takes the check marks off the options and returns the ids of the ticked ones: the answer, unless every option
 * is ticked (a list of done items, not an answer).
 */
export function takeTicks(options: QuestionOption[]): string[] {
  const ids: string[] = [];
  for (const o of options) {
    if (!hasTick(o.text)) continue;
    o.text = withoutTicks(o.text);
    ids.push(o.id);
  }
  return ids.length < options.length ? ids : [];
}

/** Takes a learner's circles and crosses off the options (after their ids are hashed over the text as written). */
export function takeLearnerMarks(options: QuestionOption[]): void {
  for (const o of options) if (LEARNER_MARK.test(o.text)) o.text = o.text.replace(LEARNER_MARKS, ' ').trim().replace(/\s+([.,;:!?])/g, '$1');
}
