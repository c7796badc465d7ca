// Options whose text is a code block: a bare label on its own line (`A)`, `**B.**`, `(c)`, `1)`), then a fenced
// block holding the option (```yaml …```), then the next label. Common in "which template / policy is right?"
// questions. Each option reads as it would written as a list item (`- A)` over an indented fence).
import type { Tokens } from 'marked';
import type { Located } from '../markdown.js';
import { blockText, tidy } from '../text.js';
import { latinLabel, type OptionsFound } from './options.js';

/** A label alone on its line, bold or not, with at most a short text after it: `A)`, `**B.**`, `(c)`, `D) Use:` (not `A:`, a Q/A answer). */
const LABEL_LINE = /^[ \t]*(?:\*\*|__)?\(?([A-Za-zа-иА-Иα-κΑ-Κ]|\d{1,2})[.)]\)?(?:\*\*|__)?(?:[ \t]+(\S[^\n]*))?[ \t]*$/;

interface Label {
  label: string;
  /** Text written after the label on its line (`D) Use this:`), or ''. */
  rest: string;
}

/** The label a block is: a one-line paragraph, or an empty ordered item (`1)` alone lexes as a list). */
function labelOf(b: Located | undefined): Label | undefined {
  if (!b) return undefined;
  const t = b.token;
  if (t.type === 'list') {
    const list = t as Tokens.List;
    const only = list.items[0];
    if (!list.ordered || list.items.length !== 1 || !only || only.text.trim()) return undefined;
    return { label: String(typeof list.start === 'number' ? list.start : 1), rest: '' };
  }
  if (t.type !== 'paragraph' && t.type !== 'text') return undefined;
  const raw = t.raw.trim();
  if (raw.includes('\n')) return undefined;
  const m = LABEL_LINE.exec(raw);
  return m ? { label: m[1] ?? '', rest: m[2] ?? '' } : undefined;
}

/** The label that follows `label` (`A` → `B`, `3` → `4`), in its alphabet. */
const nextOf = (label: string): string => (/^\d+$/.test(label) ? String(Number(label) + 1) : latinLabel(String.fromCharCode(latinLabel(label).charCodeAt(0) + 1)));

const shown = (b: Located): boolean => b.token.type !== 'space';

export interface CodeOptions {
  found: OptionsFound;
  /** Index in `blocks` of the first label: the blocks before it are the prompt's. */
  first: number;
}

/**
 * The run of label-and-code options ending at `blocks[last]` (the last option's code block, or its label),
 * when it holds two or more options labelled in order from `A` / `1` and at least one code block.
 */
export function codeOptionsEndingAt(blocks: Located[], last: number): CodeOptions | undefined {
  // Walked back from the last option only while the labels run in order (`C`, then `B`, then `A`): a run of
  // repeated or shuffled labels stops at once, so trying every block of a long one stays linear.
  const parts: { id: string; rest: string; at: number; code?: Located }[] = [];
  let byLetter: boolean | undefined;
  let i = last;
  while (i >= 0) {
    while (i >= 0 && !shown(blocks[i] as Located)) i--;
    const b = blocks[i];
    if (!b) break;
    const code = b.token.type === 'code' ? b : undefined;
    let at = i;
    if (code) {
      at = i - 1;
      while (at >= 0 && !shown(blocks[at] as Located)) at--;
    }
    const label = labelOf(blocks[at]);
    if (!label) break;
    const numbered = /^\d+$/.test(label.label);
    const id = numbered ? label.label : latinLabel(label.label);
    if (byLetter === numbered || (parts[0] && nextOf(id) !== parts[0].id)) break;
    byLetter = !numbered;
    parts.unshift({ id, rest: label.rest, at, ...(code ? { code } : {}) });
    if (id === 'A' || id === '1') break;
    i = at - 1;
  }
  const first = parts[0];
  if (!first || parts.length < 2 || !parts.some((p) => p.code) || first.id !== (byLetter ? 'A' : '1')) return undefined;
  const options = parts.map((p) => ({
    id: p.id,
    // As a list item's text: its own parts joined by a space, its lines by a space (an option is one line).
    text: tidy([p.rest, p.code ? blockText([p.code.token]) : ''].filter(Boolean).join(' ')).replace(/\n(?![ \t]*- )/g, ' '),
  }));
  return {
    found: { options, labels: byLetter ? 'letters' : 'numbers', line: blocks[first.at]?.line ?? 0, checked: [], tasks: 0, images: options.map(() => []), bold: [] },
    first: first.at,
  };
}

/** True when `b` may end a run of label-and-code options (a code block, or a last label written without code). */
export const mayEndCodeOptions = (b: Located): boolean => b.token.type === 'code' || labelOf(b) !== undefined;
