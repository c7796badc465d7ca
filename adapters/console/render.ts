// MessageView → plain terminal text. The wording is the core's; this only lays it out and makes
// untrusted text safe for a terminal (no escape sequences, no control characters).

import { splitCodeBlocks } from '../../src/content/code-blocks.js';
import type { MessageView, ViewAction, ViewBlock } from '../../src/quiz/views.js';

export interface RenderOptions {
  /** ANSI bold/dim for headings and muted text (interactive terminals only). */
  color?: boolean;
}

const ESC = '\u001b';
const bold = (s: string, on: boolean) => (on ? `${ESC}[1m${s}${ESC}[22m` : s);
const dim = (s: string, on: boolean) => (on ? `${ESC}[2m${s}${ESC}[22m` : s);

/** Removes terminal escape sequences and control characters (keeps newlines and tabs). */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function renderBlock(block: ViewBlock, opts: RenderOptions = {}): string {
  const color = !!opts.color;
  switch (block.type) {
    case 'heading':
      return bold(sanitize(block.text), color);
    case 'text': {
      const text = sanitize(block.text);
      // Code blocks stay fenced and unquoted, their indentation as written.
      if (block.style === 'quote') return splitCodeBlocks(text).map((s) => (s.block ? s.text : s.text.split('\n').map((l) => `> ${l}`).join('\n'))).join('\n');
      if (block.style === 'muted') return dim(text, color);
      return text;
    }
    case 'options':
      return block.items
        .map((o) => `${sanitize(o.label)}) ${sanitize(o.text)}${o.marked ? '  ✓' : ''}`)
        .join('\n');
    case 'bars': {
      const width = Math.max(0, ...block.rows.map((r) => sanitize(r.label).length));
      return block.rows
        .map((r) => `${sanitize(r.label).padEnd(width)} ${sanitize(r.bar)} ${r.count} (${Math.round(r.percent)}%)${r.marked ? ' ✓' : ''}`)
        .join('\n');
    }
    case 'fields': {
      const width = Math.max(0, ...block.items.map((f) => sanitize(f.name).length));
      return block.items.map((f) => `${`${sanitize(f.name)}:`.padEnd(width + 1)} ${sanitize(f.value)}`).join('\n');
    }
    case 'list':
      // Items that carry their own rank ("2. bob: 20 points", ties share one) get no bullet.
      return block.items
        .map((item, i) => (block.ordered ? `${i + 1}. ` : /^\d+\. /.test(item) ? '' : '- ') + sanitize(item))
        .join('\n');
    case 'image':
      // The text around it already reads "alt (url)": a terminal shows no pictures.
      return '';
    case 'divider':
      return '─'.repeat(40);
  }
}

export function renderAction(action: ViewAction): string {
  if (action.type === 'buttons') return action.buttons.map((b) => `[${sanitize(b.label)}]`).join(' ');
  const choices = action.options.map((o) => `[${sanitize(o.label)}]`).join(' ');
  const count = action.min === action.max ? `${action.min}` : `${action.min}–${action.max}`;
  // The placeholder ("Choose 2 options") would only say the count again.
  return `${choices}  (choose ${count}, e.g. ${exampleChoice(action)})`;
}

/** Typed as the options' values ("1,2", "a,b"), as the answer hint in help says. */
function exampleChoice(action: Extract<ViewAction, { type: 'multiselect' }>): string {
  return action.options
    .slice(0, Math.max(1, action.min))
    .map((o) => sanitize(o.value).toLowerCase())
    .join(',');
}

/** The whole message: blocks separated by blank lines, then its controls. */
export function renderView(view: MessageView, opts: RenderOptions = {}): string {
  const parts = view.blocks.length > 0 ? view.blocks.map((b) => renderBlock(b, opts)) : [sanitize(view.text)];
  for (const action of view.actions ?? []) parts.push(renderAction(action));
  return parts.filter((p) => p.length > 0).join('\n\n');
}
