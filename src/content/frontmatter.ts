// Front matter: gray-matter finds it, the `yaml` package reads it with bounded alias expansion
// (a 524-byte alias bomb once expanded to gigabytes here). YAML dates become ISO strings, unknown fields are kept.
import matter from 'gray-matter';
import YAML from 'yaml';
import { FRONT_MATTER_LIMITS } from './limits/index.js';

export interface FrontMatter {
  meta: Record<string, unknown>;
  /** Offset in the source where the markdown body starts. */
  bodyOffset: number;
  /** Set when the front matter could not be read; the body is still parsed. */
  error?: { line: number; message: string };
}

class TooLarge extends Error {}

/**
 * Dates (anywhere in the tree) -> ISO strings, so meta is plain JSON. Copies at most `budget` values:
 * shared (aliased) subtrees are copied each time they appear, so the copy is what must be bounded.
 */
export function jsonSafe(value: unknown, budget = FRONT_MATTER_LIMITS.maxValues): unknown {
  let left = budget;
  const copy = (v: unknown): unknown => {
    if (--left < 0) throw new TooLarge();
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (Array.isArray(v)) return v.map(copy);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = copy(x);
      return out;
    }
    return v;
  };
  return copy(value);
}

const OPENING = /^---[ \t]*\n/;

/** Offset just past the closing `---` line, or -1 when the front matter never closes. */
function closingOffset(source: string): number {
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(source);
  return m ? m.index + m[0].length : -1;
}

/** A YAML problem at a line of the YAML text (1-based). */
class YamlProblem extends Error {
  constructor(
    message: string,
    readonly yamlLine: number,
  ) {
    super(message);
  }
}

/** Line (1-based, in the YAML text) of the first alias (`*name`), for the alias-limit error. */
function firstAliasLine(yamlText: string): number {
  const lines = yamlText.split('\n');
  const i = lines.findIndex((l) => /(?:^|[\s[{,:-])\*[^\s,\]}]+/.test(l.replace(/#.*$/, '')));
  return i < 0 ? 1 : i + 1;
}

/** gray-matter's YAML engine: the `yaml` package, YAML 1.2 with timestamps, aliases bounded. */
function readYaml(text: string): unknown {
  if (text.length > FRONT_MATTER_LIMITS.maxChars) {
    throw new YamlProblem(`front matter is ${text.length} characters; the limit is ${FRONT_MATTER_LIMITS.maxChars}`, 1);
  }
  const doc = YAML.parseDocument(text, { customTags: ['timestamp'], prettyErrors: true });
  const first = doc.errors[0];
  if (first) throw new YamlProblem(`front matter is not valid YAML: ${first.message.split('\n')[0]}`, first.linePos?.[0].line ?? 1);
  try {
    return doc.toJS({ maxAliasCount: FRONT_MATTER_LIMITS.maxAliasCount });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new YamlProblem(
        `front matter expands its aliases (*name) too often; at most ${FRONT_MATTER_LIMITS.maxAliasCount} are allowed (a YAML alias bomb?)`,
        firstAliasLine(text),
      );
    }
    throw err;
  }
}

const ENGINE_OPTIONS = { excerpt: false, engines: { yaml: { parse: readYaml as (s: string) => object, stringify: () => '' } } };

export function readFrontMatter(source: string): FrontMatter {
  if (!OPENING.test(source)) return { meta: {}, bodyOffset: 0 };
  const end = closingOffset(source);
  if (end < 0) {
    return { meta: {}, bodyOffset: 0, error: { line: 1, message: 'front matter starts with --- but is never closed' } };
  }
  const closingLine = source.slice(0, end).replace(/\n$/, '').split('\n').length;
  try {
    // Options also disable gray-matter's unbounded input cache (a watcher re-reads edited files forever).
    const parsed = matter(source, ENGINE_OPTIONS);
    const data: unknown = parsed.data;
    const bodyOffset = source.endsWith(parsed.content) ? source.length - parsed.content.length : end;
    if (data === null || data === undefined) return { meta: {}, bodyOffset };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { meta: {}, bodyOffset, error: { line: 2, message: 'front matter must be a set of `key: value` fields' } };
    }
    return { meta: jsonSafe(data) as Record<string, unknown>, bodyOffset };
  } catch (err) {
    if (err instanceof TooLarge) {
      const message = `front matter holds more than ${FRONT_MATTER_LIMITS.maxValues} values once its aliases are expanded`;
      return { meta: {}, bodyOffset: end, error: { line: 2, message } };
    }
    // gray-matter hands over the text right after the opening `---` (line 1), its newline included: YAML line = file line.
    const line = err instanceof YamlProblem ? Math.max(1, Math.min(err.yamlLine, closingLine)) : 1;
    const message = err instanceof YamlProblem ? err.message : `front matter is not valid YAML: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
    return { meta: {}, bodyOffset: end, error: { line, message } };
  }
}
