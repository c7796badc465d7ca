// Block text for answers and explanations: like text.ts's blockText, but an ordered list keeps its numbers
// (`1. Open the console`, `2. …`), which steps need; blockText writes every item as `- …`. Prompts and options
// still use blockText: question ids are hashed over them as they were read.
import type { Token, Tokens } from 'marked';
import { blockText } from '../text.js';

/** Block tokens -> plain text, ordered list items as `N. item` (N from the list's start, as markdown numbers them). */
export function blockTextNumbered(tokens: Token[] | undefined, indent = ''): string {
  if (!tokens) return '';
  const parts: string[] = [];
  for (const token of tokens) {
    const text = tokenText(token, indent);
    if (text.trim()) parts.push(text);
  }
  return parts.join(indent ? '\n' : '\n\n');
}

function tokenText(token: Token, indent: string): string {
  if (token.type === 'list') return listText(token as Tokens.List, indent);
  if (token.type === 'blockquote') return blockTextNumbered((token as Tokens.Blockquote).tokens, indent);
  return blockText([token], indent);
}

function listText(list: Tokens.List, indent: string): string {
  if (!list.ordered && !hasOrderedInside(list)) return blockText([list], indent);
  const start = typeof list.start === 'number' ? list.start : 1;
  // A nested item keeps its `- ` too: the shown text keeps the indentation of `- ` lines only (tidy).
  const marker = (i: number) => (!list.ordered ? '- ' : indent ? `- ${start + i}. ` : `${start + i}. `);
  return list.items.map((item, i) => itemText(item, indent, marker(i))).join('\n');
}

/** An item as text.ts's listItemText writes it, with `marker` in place of its `- `. */
function itemText(item: Tokens.ListItem, indent: string, marker: string): string {
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of item.tokens) {
    if (child.type === 'list') nested.push(listText(child as Tokens.List, `${indent}  `));
    else {
      const text = blockText([child], '');
      if (text.trim()) own.push(text.trim());
    }
  }
  return [`${indent}${marker}${own.join(' ')}`, ...nested.filter((n) => n.trim())].join('\n');
}

const hasOrderedInside = (list: Tokens.List): boolean =>
  list.items.some((item) => item.tokens.some((t) => t.type === 'list' && ((t as Tokens.List).ordered || hasOrderedInside(t as Tokens.List))));
