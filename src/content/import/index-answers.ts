// An answer column named as an index (`Correct Index`, `CorrectIndex`, `answer_index`). Developers' sheets count it
// from 0, as JSON banks' `correctIndex` is; templates written for people count from 1. One rule for the whole sheet,
// as for JSON banks (json.ts): a 0 in the column means from 0; an index naming the last option means from 1; neither
// is read from 1 with a warning to check.
import type { Finding } from '../types.js';

const WHOLE_NUMBERS = /^\s*\d{1,3}(?:\s*[,;]\s*\d{1,3}){0,9}\s*$/;

export interface IndexCounting {
  fromZero: boolean;
  /** Neither reading is ruled out by the column's values. */
  unsure: boolean;
}

/** How a sheet's index answers count, from each row's answer cell and how many options the row has. */
export function indexCounting(rows: readonly { answer: string; options: number }[]): IndexCounting {
  let zero = false;
  let last = false;
  let any = false;
  for (const { answer, options } of rows) {
    if (!WHOLE_NUMBERS.test(answer)) continue;
    for (const n of answer.split(/[,;]/).map((p) => Number(p.trim()))) {
      any = true;
      if (n === 0) zero = true;
      if (options > 0 && n === options) last = true;
    }
  }
  return { fromZero: zero, unsure: any && !zero && !last };
}

/** `0` → `1`, `1, 3` → `2, 4`: an answer counted from 0 as the sheet reader counts (from 1). Anything else unchanged. */
export const fromOne = (answer: string): string =>
  WHOLE_NUMBERS.test(answer) ? answer.split(/[,;]/).map((p) => String(Number(p.trim()) + 1)).join(', ') : answer;

export function countingFinding(path: string, line: number, column: string, counting: IndexCounting): Finding | undefined {
  if (counting.fromZero) {
    return { path, line, severity: 'warning', code: 'answer-count', message: `answers in "${column}" are counted from 0 (0 = the first option), as the column holds a 0` };
  }
  if (counting.unsure) {
    return {
      path, line, severity: 'warning', code: 'answer-count',
      message: `answers in "${column}" are counted from 1 (1 = the first option): none is 0 and none names the last option, so the sheet could count from 0 instead; check a few answers, or give them as letters`,
    };
  }
  return undefined;
}
