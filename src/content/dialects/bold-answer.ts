// `#### Q. Which …?` over unlabeled `- option` bullets, the answer written as a **bold** line that repeats
// one option's text (two bold lines, or `**A & B**`, name two): the bold text names the correct option(s).
import type { Tokens } from 'marked';
import { lexBlocks } from '../lexer.js';
import type { Located } from '../markdown.js';
import { normalise } from '../text.js';

export interface BoldAnswer {
  /** The bold texts, as written (markdown kept out). */
  named: string[];
  /** What follows the bold text: the reason (`(Having multiple copies …)`), markdown as written. */
  rest: string;
}

/**
 * `**Type**`, `**A** <br />`, `**Redundancy** (Having …)`: a line that opens with bold text. The rest of the
 * line is taken apart after the match (one pattern for all of it backtracked cubically over a run of spaces).
 */
const BOLD_LEAD = /^[ \t]*\*\*([^*\n]+?)\*\*/;
const BREAK_LEAD = /^[ \t]*(?:<br\s*\/?>)?/i;

function boldLead(line: string): { bold: string; rest: string } | undefined {
  const m = BOLD_LEAD.exec(line);
  if (!m) return undefined;
  const after = line.slice(m[0].length);
  return { bold: m[1] ?? '', rest: after.slice(BREAK_LEAD.exec(after)?.[0].length ?? 0).trim() };
}

/** The bold lines of a paragraph written right after the options, or undefined when it does not open with one. */
export function boldLines(b: Located | undefined): BoldAnswer | undefined {
  if (!b || b.token.type !== 'paragraph') return undefined;
  const lines = b.token.raw.replace(/\n+$/, '').split('\n');
  const named: string[] = [];
  const rest: string[] = [];
  for (const [i, line] of lines.entries()) {
    const m = boldLead(line);
    if (m && rest.length === 0) {
      named.push(m.bold.trim());
      if (m.rest) rest.push(m.rest);
    } else if (i === 0) return undefined;
    else rest.push(line.trim());
  }
  return named.length ? { named, rest: rest.join('\n') } : undefined;
}

const plain = (text: string): string => normalise(text).replace(/[.;:!\s]+$/, '');

/** Optimal-string-alignment distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The option a bold text names: its text exactly (case and end punctuation aside), its text followed by a
 * note (`DMS (Database Migration service)`), or a typo of it (`hte` for `the`, `Repositroy`: one slip in five
 * characters, and only when no other option is as close).
 */
/** What follows an option's text when a note comes after it: `(…`, `[…`, `— …`, `- …`. */
const NOTE_AFTER = /^\s*[(\[—–-]/;

function optionNamed(named: string, options: string[], notes: string[] = []): number | undefined {
  const want = plain(named);
  if (!want) return undefined;
  const texts = options.map(plain);
  const exact = texts.indexOf(want);
  if (exact >= 0) return exact;
  const led = texts.map((t, i) => ({ t, i })).filter(({ t }) => t.length >= 2 && want.startsWith(t) && NOTE_AFTER.test(want.slice(t.length)));
  if (led.length === 1) {
    // `RedShift (RDS and Aurora can also …)`: the note after the option's text explains it.
    notes.push(named.trim().slice((led[0]?.t ?? '').length).trim());
    return led[0]?.i;
  }
  const max = Math.floor(want.length / 5);
  if (!max) return undefined;
  const scored = texts.map((t, i) => ({ i, d: distance(want, t, max) })).filter((x) => x.d <= max).sort((a, b) => a.d - b.d);
  if (scored.length === 1 || (scored.length > 1 && (scored[0]?.d ?? 0) < (scored[1]?.d ?? 0))) return scored[0]?.i;
  return undefined;
}

const ALL_ABOVE = /^all\s+(?:of\s+)?(?:the\s+)?above$/;

/** The options (0-based) the bold lines name, or undefined when one of them names none. */
export function optionsNamed(bold: BoldAnswer, options: string[], notes: string[] = []): number[] | undefined {
  const out: number[] = [];
  // `**All of above**` when no option says so: every option is right.
  if (bold.named.length === 1 && ALL_ABOVE.test(plain(bold.named[0] ?? '')) && !options.some((o) => ALL_ABOVE.test(plain(o)))) {
    return options.map((_, i) => i);
  }
  for (const named of bold.named) {
    const one = optionNamed(named, options, notes);
    if (one !== undefined) {
      out.push(one);
      continue;
    }
    // `**Firewall manager & Security group**`: two options in one bold line.
    const parts = named.split(/\s*(?:&|\band\b|,|;)\s*/i).filter(Boolean);
    const each = parts.length > 1 ? parts.map((p) => optionNamed(p, options)) : [];
    if (!each.length || each.some((x) => x === undefined)) return undefined;
    out.push(...(each as number[]));
  }
  return out.length ? [...new Set(out)] : undefined;
}

/**
 * Plain bullets (no labels, no task boxes) followed by a paragraph whose bold text names one of them; with
 * `loose` (a heading that asks: `#### Q. …`, `… ?`) a bold line alone (`**All of above**`) is enough, and is
 * reported when it names no option.
 */
export function boldAnswered(body: Located[], loose = false): boolean {
  return body.some((b, i) => {
    if (b.token.type !== 'list') return false;
    const items = (b.token as Tokens.List).items;
    if (items.length < 2 || items.some((it) => it.task)) return false;
    const next = body.slice(i + 1).find((x) => x.token.type !== 'space' && x.token.type !== 'hr');
    const bold = boldLines(next);
    if (!bold) return false;
    return optionsNamed(bold, items.map((it) => it.text)) !== undefined || (loose && bold.named.length === 1 && !bold.rest);
  });
}

export interface BoldRead {
  /** How many prompt blocks (from the options' place on) are the answer and its explanation. */
  taken: number;
  /** The answer as option ids (`D`, `B, C`), or the bold text itself when it names no option. */
  answer: string;
  explanation: string;
  line: number;
}

/**
 * The answer of an implicit-label question from the blocks after its options (`after`, in order): a bold
 * paragraph first, then its explanation. `text` reads blocks as the user sees them.
 */
export function readBoldAnswer(
  after: Located[],
  options: { id: string; text: string }[],
  text: (b: Located[]) => string,
): BoldRead | undefined {
  const bold = boldLines(after[0]);
  if (!bold) return undefined;
  const notes: string[] = [];
  const named = optionsNamed(bold, options.map((o) => o.text), notes);
  const restText = bold.rest ? text(lexRest(bold.rest, after[0] as Located)) : '';
  const explanation = [...notes, restText, text(after.slice(1))]
    .map((s) => s.trim().replace(/^\((.*)\)$/s, '$1'))
    .filter(Boolean)
    .join('\n\n');
  const answer = named ? named.map((i) => options[i]?.id ?? '').join(', ') : bold.named.join(', ');
  return { taken: after.length, answer, explanation, line: after[0]?.line ?? 0 };
}

const lexRest = (rest: string, at: Located): Located[] => lexBlocks(rest).filter((t) => t.type !== 'space').map((token) => ({ token, offset: at.offset, line: at.line }));
