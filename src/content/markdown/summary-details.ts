// The details a practice exam's summary block gives under its title (`## Summary` with `**Total Questions**: 20`,
// `Passing score: 70%`, `Time limit: 90 minutes`): facts about the file, not an idea to explain. They are not
// read as the note's About concept; one warning names them, and says when the question count disagrees.
import type { Finding } from '../types.js';

const KEYS =
  'total(?:\\s+(?:number\\s+of\\s+)?questions)?|(?:number\\s+of\\s+)?questions?(?:\\s+count)?|question\\s+types?|total\\s+(?:points|marks)|' +
  'passing(?:\\s+(?:score|mark|grade|percentage|threshold))?|pass(?:\\s+(?:score|mark|rate))?|minimum\\s+score|target\\s+score|score|result|grade|' +
  'correct(?:\\s+answers)?|incorrect(?:\\s+answers)?|attempts?|time(?:\\s+(?:limit|allowed|allotted))?|duration|exam\\s+(?:code|duration|time|format|name|version)|' +
  'format|difficulty(?:\\s+level)?|level|version|last\\s+(?:updated|modified|reviewed)|updated|created|date|author|language|status';

/** `**Total Questions**: 20`, `- Time limit: 90 min`, `Passing Score (approx.): 72%` (emphasis already off). */
const DETAIL_LINE = new RegExp(`^(?:[-*+][ \\t]+)?(${KEYS})[ \\t]*(?:\\([^()\\n]{0,40}\\)[ \\t]*)?[:：=|][ \\t]*(\\S[^\\n]{0,200})$`, 'i');
const QUESTION_COUNT = /^(?:total(?:\s+(?:number\s+of\s+)?questions)?|(?:number\s+of\s+)?questions?(?:\s+count)?)$/i;

/** A summary line without its emphasis and label markup, for the shape test. */
const plainLine = (line: string): string => line.replace(/[*_]+/g, '').replace(/\s+/g, ' ').trim();

/** The detail a raw paragraph line states (`Total Questions`, `20`), if it is one. */
export function summaryDetail(rawLine: string): { key: string; value: string } | undefined {
  const m = DETAIL_LINE.exec(plainLine(rawLine));
  if (!m) return undefined;
  const key = (m[1] ?? '').trim();
  const value = (m[2] ?? '').trim();
  // "Questions: what to ask first" is prose; a count is a number.
  if (QUESTION_COUNT.test(key) && !/^\d/.test(value)) return undefined;
  return { key, value };
}

export interface SkippedDetail {
  line: number;
  text: string;
  key: string;
  value: string;
}

/** One warning for the detail lines left out of the About text, at the first; the question count is checked. */
export function summaryDetailsFinding(skipped: SkippedDetail[], path: string, questionCount?: number): Finding | undefined {
  const first = skipped[0];
  if (!first) return undefined;
  const shown = skipped.slice(0, 3).map((s) => `"${s.text.length > 40 ? `${s.text.slice(0, 39)}…` : s.text}"`).join(', ');
  const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : '';
  const counted = skipped.find((s) => QUESTION_COUNT.test(s.key));
  const stated = counted ? Number(/^\d+/.exec(counted.value)?.[0]) : NaN;
  const check =
    questionCount !== undefined && Number.isFinite(stated) && stated !== questionCount
      ? `; it says ${stated} question${stated === 1 ? '' : 's'} but ${questionCount} ${questionCount === 1 ? 'was' : 'were'} read`
      : '';
  return {
    path,
    line: first.line,
    severity: 'warning',
    message: `summary details ${shown}${more} describe the file, not a concept: not shown as the note's About text${check}`,
    code: 'summary-details',
  };
}

/**
 * Detail lines right under the note's title, outside any section (`**Total Questions**: 100` over the first
 * heading): nothing is read from them, but a stated question count that is not the count read is said (a bank
 * copied in part, or questions not read).
 */
export function titleCountFinding(paragraphs: { raw: string; line: number }[], path: string, questionCount: number): Finding | undefined {
  for (const p of paragraphs) {
    const rawLines = p.raw.replace(/\n+$/, '').split('\n');
    for (const [i, raw] of rawLines.entries()) {
      const d = summaryDetail(raw);
      if (!d || !QUESTION_COUNT.test(d.key)) continue;
      const stated = Number(/^\d+/.exec(d.value)?.[0]);
      if (!Number.isFinite(stated) || stated === questionCount) return undefined;
      return {
        path,
        line: p.line + i,
        severity: 'warning',
        message: `"${d.key}: ${d.value}" says ${stated} question${stated === 1 ? '' : 's'}, but ${questionCount} ${questionCount === 1 ? 'was' : 'were'} read`,
        code: 'summary-details',
      };
    }
  }
  return undefined;
}
