// Front matter via gray-matter: YAML Dates become ISO strings, unknown fields are kept.
import matter from 'gray-matter';

export interface FrontMatter {
  meta: Record<string, unknown>;
  /** Offset in the source where the markdown body starts. */
  bodyOffset: number;
  /** Set when the front matter could not be read; the body is still parsed. */
  error?: { line: number; message: string };
}

/** Dates (anywhere in the tree) -> ISO strings, so meta is plain JSON. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v);
    return out;
  }
  return value;
}

const OPENING = /^---[ \t]*\n/;

/** Offset just past the closing `---` line, or -1 when the front matter never closes. */
function closingOffset(source: string): number {
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(source);
  return m ? m.index + m[0].length : -1;
}

export function readFrontMatter(source: string): FrontMatter {
  if (!OPENING.test(source)) return { meta: {}, bodyOffset: 0 };
  const end = closingOffset(source);
  if (end < 0) {
    return { meta: {}, bodyOffset: 0, error: { line: 1, message: 'front matter starts with --- but is never closed' } };
  }
  try {
    // Options disable gray-matter's unbounded input cache (a watcher re-reads edited files forever).
    const parsed = matter(source, { excerpt: false });
    const data: unknown = parsed.data;
    const bodyOffset = source.endsWith(parsed.content) ? source.length - parsed.content.length : end;
    if (data === null || data === undefined) return { meta: {}, bodyOffset };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { meta: {}, bodyOffset, error: { line: 2, message: 'front matter must be a set of `key: value` fields' } };
    }
    return { meta: jsonSafe(data) as Record<string, unknown>, bodyOffset };
  } catch (err) {
    const e = err as { reason?: string; message?: string; mark?: { line?: number } };
    const closingLine = source.slice(0, end).replace(/\n$/, '').split('\n').length;
    const line = typeof e.mark?.line === 'number' ? Math.min(e.mark.line + 2, closingLine) : 1;
    const reason = e.reason ?? e.message?.split('\n')[0] ?? 'unreadable';
    return { meta: {}, bodyOffset: end, error: { line, message: `front matter is not valid YAML: ${reason}` } };
  }
}
