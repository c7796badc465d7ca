// A GIFT file's questions: blocks of lines separated by blank lines, `//` comment lines and `$CATEGORY:` lines
// left out (a comment line inside a question does not end it). Hand-written banks often forget the blank line:
// a block whose answers' braces have closed and that goes on with a line holding another `{` is two questions
// (the second begins on the line after the closing brace), each served and the second reported.
import { categoryParts } from './deck.js';

export interface Block {
  line: number;
  text: string;
  /** The last part of the `$CATEGORY:` above (`Storage`), the question's domain. */
  category: string | undefined;
  /** The whole category path (`AWS`, `Storage`): what the categories share titles the deck. */
  categoryPath?: string[];
  /** Split from the question above it: no blank line between them. */
  unseparated?: boolean;
}

export function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let path: string[] = [];
  let current: { lines: string[]; numbers: number[] } | null = null;
  const close = () => {
    if (current) blocks.push(...split(current.lines, current.numbers, path));
    current = null;
  };
  body.split('\n').forEach((line, i) => {
    if (/^\s*\/\//.test(line)) return;
    const cat = /^\s*\$CATEGORY:\s*(.*)$/i.exec(line);
    if (cat) {
      close();
      // `$course$/top/Default for <course>/Storage` -> course, Storage; `$course$/top` alone names nothing.
      path = categoryParts(cat[1]!);
      return;
    }
    if (!line.trim()) return close();
    current ??= { lines: [], numbers: [] };
    current.lines.push(line);
    current.numbers.push(i + 1);
  });
  close();
  return blocks;
}

/** One block, or several when a line after the closing `}` opens new braces; escaped `\{ \}` are text. */
function split(lines: string[], numbers: number[], path: string[]): Block[] {
  const category = path.at(-1);
  const where = path.length ? { categoryPath: path } : {};
  const blocks: Block[] = [];
  let start = 0;
  let state: 'before' | 'inside' | 'after' = 'before';
  let closedAt = 0;
  const push = (end: number, unseparated: boolean) =>
    blocks.push({ line: numbers[start]!, text: lines.slice(start, end).join('\n'), category, ...where, ...(unseparated ? { unseparated } : {}) });
  for (let i = 0; i < lines.length; i++) {
    const plain = lines[i]!.replace(/\\[\\{}]/g, '');
    if (state === 'after' && plain.includes('{')) {
      push(closedAt + 1, start > 0);
      start = closedAt + 1;
      state = 'before';
    }
    for (const c of plain) {
      if (state === 'before' && c === '{') state = 'inside';
      else if (state === 'inside' && c === '}') {
        state = 'after';
        closedAt = i;
      }
    }
  }
  push(lines.length, start > 0);
  return blocks;
}
