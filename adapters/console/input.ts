// What a typed line means: a slash command, a console word (help, reveal, quit) or an answer
// to the latest message that has controls ("b", "1,2", "share to channel").

import type { MessageView } from '../../src/quiz/views.js';

export type ParsedLine =
  | { type: 'empty' }
  | { type: 'help' }
  | { type: 'quit' }
  | { type: 'reveal' }
  | { type: 'command'; command: string; text: string }
  | { type: 'answer'; raw: string; tokens: string[] };

export function parseLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'empty' };
  if (trimmed.startsWith('/')) {
    const match = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed)!;
    return { type: 'command', command: match[1]!.toLowerCase(), text: match[2]!.trim() };
  }
  const word = trimmed.toLowerCase();
  if (word === 'help' || word === '?' || word === '/help') return { type: 'help' };
  if (word === 'quit' || word === 'exit' || word === ':q') return { type: 'quit' };
  if (word === 'reveal') return { type: 'reveal' };
  return { type: 'answer', raw: trimmed, tokens: trimmed.split(/[\s,;]+/).filter(Boolean) };
}

/** A message on screen whose controls can still be used. */
export interface Actionable {
  view: MessageView;
  /** Set when the message was posted through the chat port (a channel round). */
  messageRef: string | null;
}

export interface ChosenAction {
  actionId: string;
  values?: string[];
  messageRef: string | null;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Maps typed text onto the newest message's controls: one token equal to a button label (or
 * the whole line equal to a longer label), or tokens naming options of a multi-select.
 */
export function chooseAction(onScreen: readonly Actionable[], raw: string, tokens: string[]): ChosenAction | null {
  for (let i = onScreen.length - 1; i >= 0; i--) {
    const { view, messageRef } = onScreen[i]!;
    for (const action of view.actions ?? []) {
      if (action.type === 'buttons') {
        const button = action.buttons.find((b) => same(b.label, raw)) ?? byPosition(action.buttons, raw);
        if (button) return { actionId: button.id, messageRef };
      } else {
        const values: string[] = [];
        for (const token of tokens) {
          // Positions ("a" for the first of options 1, 2, 3…) as for a row of buttons: by the labels,
          // or by the values when the labels carry the option text ("1) AppSync …").
          const option =
            action.options.find((o) => same(o.label, token) || same(o.value, token)) ??
            byPosition(action.options, token) ??
            byPosition(action.options.map((o) => ({ ...o, label: o.value })), token);
          if (!option) {
            values.length = 0;
            break;
          }
          if (!values.includes(option.value)) values.push(option.value);
        }
        // The core checks min/max and says what is wrong; a partial match is not this control.
        if (values.length > 0) return { actionId: action.submitId, values, messageRef };
      }
    }
  }
  return null;
}

/** Labels "A, B, C…" or "1, 2, 3…": the answer options of a question (not "Hard / Good / Easy"). */
export function isOptionSequence(items: readonly { label: string }[]): boolean {
  const labels = items.map((i) => i.label.trim().toLowerCase());
  return labels.every((l, i) => l === String.fromCharCode(97 + i)) || labels.every((l, i) => l === String(i + 1));
}

/**
 * Notes label options "A, B, C" or "1, 2, 3"; people type either. When the labels form such a
 * sequence, "b" also means the second option and "2" the second one.
 */
function byPosition<T extends { label: string }>(items: readonly T[], token: string): T | undefined {
  if (!isOptionSequence(items)) return undefined;
  const t = token.trim().toLowerCase();
  const index = /^[a-z]$/.test(t) ? t.charCodeAt(0) - 97 : /^\d{1,2}$/.test(t) ? Number(t) - 1 : -1;
  return index >= 0 ? items[index] : undefined;
}
