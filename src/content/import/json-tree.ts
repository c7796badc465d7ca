// JSON text -> its value, with the line where each object and array starts (JSON.parse keeps no positions).
// A second pass over the text, outside strings, finds the `{` / `[` of every container and pairs it with the
// parsed value by key or index. Both passes are loops, never recursion, so nesting depth costs no stack.

export interface JsonLines {
  /** Where each object and array starts. */
  of: WeakMap<object, number>;
  /** Where each item of an array starts, scalars included. */
  items: WeakMap<unknown[], number[]>;
}

export type JsonRead = { value: unknown; lines: JsonLines } | { error: string; line: number };

interface Shape {
  line: number;
  kids: Map<string, Shape> | Shape[];
  /** Arrays: the line of each item. */
  items: number[];
}

interface Open {
  shape: Shape;
  /** Objects: the key the next value belongs to, and whether a key comes next. */
  key?: string;
  expectKey: boolean;
  /** Arrays: how many values so far. */
  count: number;
}

const lineAt = (text: string, position: number): number => {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** `text` is LF-only (importSource). */
export function readJson(text: string): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const written = /\(line (\d+) column \d+\)/.exec(message)?.[1];
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = written ? Number(written) : position !== undefined ? lineAt(text, Number(position)) : text.split('\n').length;
    const reason = message.replace(/\s*(?:in JSON\s*)?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
    return { error: reason.charAt(0).toLowerCase() + reason.slice(1), line };
  }
  const lines: JsonLines = { of: new WeakMap(), items: new WeakMap() };
  const root = shapesOf(text);
  if (root && value !== null && typeof value === 'object') pair(value as object, root, lines);
  return { value, lines };
}

const SCALAR_END = /[\s,\]}]/;

/** The container shapes of a valid JSON text, in document order. */
function shapesOf(text: string): Shape | undefined {
  let line = 1;
  let root: Shape | undefined;
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack.at(-1);
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top && top.shape.kids instanceof Map && top.expectKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
      } else if (top && Array.isArray(top.shape.kids)) top.shape.items[top.count++] = line;
      i = j;
    } else if (c === '{' || c === '[') {
      const shape: Shape = { line, kids: c === '{' ? new Map() : [], items: [] };
      if (!top) root = shape;
      else if (top.shape.kids instanceof Map) top.shape.kids.set(top.key ?? '', shape);
      else {
        top.shape.items[top.count] = line;
        top.shape.kids[top.count++] = shape;
      }
      stack.push({ shape, expectKey: c === '{', count: 0 });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      if (top && top.shape.kids instanceof Map) top.expectKey = true;
    } else if (/[-0-9tfn]/.test(c)) {
      if (top && Array.isArray(top.shape.kids)) top.shape.items[top.count++] = line;
      while (i + 1 < text.length && !SCALAR_END.test(text[i + 1]!)) i++;
    }
  }
  return root;
}

function pair(root: object, shape: Shape, lines: JsonLines): void {
  const todo: [object, Shape][] = [[root, shape]];
  while (todo.length) {
    const [value, s] = todo.pop()!;
    lines.of.set(value, s.line);
    if (Array.isArray(value)) lines.items.set(value, s.items);
    const entries: [unknown, Shape | undefined][] = Array.isArray(value)
      ? value.map((v, i) => [v, Array.isArray(s.kids) ? s.kids[i] : undefined])
      : Object.entries(value).map(([k, v]) => [v, s.kids instanceof Map ? s.kids.get(k) : undefined]);
    for (const [v, kid] of entries) if (kid && v !== null && typeof v === 'object') todo.push([v as object, kid]);
  }
}
