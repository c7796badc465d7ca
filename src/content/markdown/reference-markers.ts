// Reference markers that AI tools leave in the notes they write: Gemini's `[cite: 1, 2]` and `[cite_start]`,
// Perplexity's `[web:483]`, ChatGPT's `【4†source】`, `【12:3†file.pdf】`, `:contentReference[oaicite:0]{index=0}`,
// `oai_citation:1‡site (url)` links and its private-use `cite…turn0search1…` runs. They point at sources the
// learner cannot see, so they are not shown. Removed after question ids are hashed (ids stay as they were),
// never inside code, and a footnote `[1]` or a markdown link is text like any other.
import type { Deck, Finding } from '../types.js';
import { outsideMarkedBlocks } from '../code-blocks.js';
import { fencedLines } from '../flashcard-notes/line-scan.js';

const NAMES = 'cite|web|source|file|page|ref|attached_file';
const REF_VALUE = `[\\w.-]{1,40}`;
/**
 * One marker per match; a code span (between the parser's marks U+FDD0 and U+FDD1) is matched first and kept.
 * Every repetition is bounded or needs a literal separator, so a long line is read in linear time.
 */
const MARKER = new RegExp(
  [
    '(\\uFDD0[^\\uFDD0\\uFDD1]*\\uFDD1)',
    '\\[cite_(?:start|end)\\]',
    `\\[(?:${NAMES})[ \\t]*:[ \\t]*${REF_VALUE}(?:[ \\t]*,[ \\t]*(?:(?:${NAMES})[ \\t]*:[ \\t]*)?${REF_VALUE}){0,30}\\]`,
    '【[^【】†\\n]{0,100}†[^【】\\n]{0,200}】',
    ':{0,2}contentReference\\[oaicite:\\d{1,6}\\](?:\\{index=\\d{1,6}\\})?',
    '\\[oaicite:\\d{1,6}\\]',
    // A ChatGPT citation link shown as "oai_citation:1‡Title (KFM).pdf (sediment://file_…)": up to the link's URL.
    'oai_citation(?:_attribution)?(?::\\d{1,6})?‡[^\\n]{0,200}? \\([a-z][a-z0-9+.-]{1,20}:[^\\s)]{1,2000}\\)',
    'oai_citation(?:_attribution)?(?::\\d{1,6})?‡[^\\s()]{0,120}',
    '\\uE200[^\\uE200\\uE201\\n]{0,300}\\uE201',
    '\\bcite(?:turn\\d{1,3}[a-z]{2,12}\\d{1,4}){1,20}',
  ].join('|'),
  'gi',
);

/** What may follow a marker for the space before it to go too: "durable [cite: 1]." -> "durable." */
const CLOSES = /[\s.,;:!?)\]}。，、；：！？」』）]/;

/** True when `text` may hold a marker (a cheap test before the pattern). */
const mayHold = (text: string): boolean => /cite|\[(?:web|source|file|page|ref|attached_file)|†|oai|\uE200/i.test(text);

export interface Cleaned {
  text: string;
  /** The markers removed, as written. */
  removed: string[];
}

function cleanProse(prose: string, removed: string[]): string {
  const pieces: string[] = [];
  let last = 0;
  let changed = false;
  for (const m of prose.matchAll(MARKER)) {
    if (m[1] !== undefined) continue;
    const at = m.index;
    pieces.push(prose.slice(last, at));
    last = at + m[0].length;
    removed.push(m[0]);
    changed = true;
    const next = prose[last];
    if (next === undefined || CLOSES.test(next)) trimEndOfPieces(pieces);
  }
  if (!changed) return prose;
  pieces.push(prose.slice(last));
  // A line left empty or ending in spaces is tidied; blank lines are kept at most one in a row.
  return pieces
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The spaces and tabs ending the text so far (not a line break), taken off the last pieces. */
function trimEndOfPieces(pieces: string[]): void {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] as string;
    let end = piece.length;
    while (end > 0 && (piece[end - 1] === ' ' || piece[end - 1] === '\t')) end--;
    pieces[i] = piece.slice(0, end);
    if (end > 0) return;
  }
}

/** `text` (code marked as the parser holds it) without its reference markers. */
export function withoutReferenceMarkers(text: string): Cleaned {
  const removed: string[] = [];
  if (!mayHold(text)) return { text, removed };
  const out = outsideMarkedBlocks(text, (prose) => (mayHold(prose) ? cleanProse(prose, removed) : prose));
  return { text: removed.length ? out.trim() : text, removed };
}

/** True when `text` is nothing but reference markers and white space (`[cite_start]` before a bold term). */
export const onlyReferenceMarkers = (text: string): boolean => {
  const r = withoutReferenceMarkers(text);
  return r.removed.length > 0 && !r.text.trim();
};

/** `[cite_start]` opening a line (after its indentation, a list bullet, a quote or heading marker). */
const OPENING_MARKER = /^([ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)\[cite_(?:start|end)\]/i;
/** What a line-opening marker may stand before to be taken off first: bold, or an answer/option label (`A.`, `B)`). */
const LABEL_AFTER = /^[ \t]*(?:\*\*|__|<(?:b|strong)>|[A-Ha-h][.)][ \t]|(?:answer|correct answer|explanation|options?|solution)[ \t]*[:：])/i;

export interface OpeningMarkers {
  source: string;
  removed: string[];
  /** Line of the first one removed (1-based), 0 when none. */
  line: number;
}

/**
 * The source without the `[cite_start]` that Gemini puts at the start of a line, before the label that tells what
 * the line is (`[cite_start]**Answer:** True`): the line is read as its label says. Fenced code is left as it is.
 * Lines stay where they were. Only before such a label: elsewhere the marker is dropped with the others after hashing.
 */
export function withoutOpeningMarkers(source: string): OpeningMarkers {
  if (!/\[cite_(?:start|end)\]/i.test(source)) return { source, removed: [], line: 0 };
  const removed: string[] = [];
  let line = 0;
  const written = source.split('\n');
  const fenced = fencedLines(written);
  const lines = written.map((text, i) => {
    if (fenced[i]) return text;
    const m = OPENING_MARKER.exec(text);
    // Only before a label that tells what the line is: before prose the marker stays for now (removed from the shown
    // text after the ids are hashed), so a prompt written `[cite_start]Which …?` keeps the id it always had.
    if (!m || !LABEL_AFTER.test(text.slice(m[0].length))) return text;
    removed.push(m[0].slice((m[1] ?? '').length));
    line ||= i + 1;
    return (m[1] ?? '') + text.slice(m[0].length);
  });
  return removed.length ? { source: lines.join('\n'), removed, line } : { source, removed, line: 0 };
}

/**
 * The deck's shown texts (title, prompts, options, answers, explanations, concepts) without reference markers;
 * one warning says how many were removed (`opening`: those taken off line starts before the note was read) and
 * where the first was, so nothing goes unsaid.
 */
export function dropReferenceMarkers(deck: Deck, findings: Finding[], opening?: OpeningMarkers): void {
  const removed: string[] = [...(opening?.removed ?? [])];
  let line = opening?.line ?? 0;
  const clean = (text: string, at: number): string => {
    const r = withoutReferenceMarkers(text);
    if (!r.removed.length) return text;
    removed.push(...r.removed);
    if (!line || at < line) line = at;
    return r.text;
  };
  deck.title = clean(deck.title, 1);
  for (const q of deck.questions) {
    const at = q.source.line;
    q.prompt = clean(q.prompt, at);
    for (const o of q.options) o.text = clean(o.text, at);
    q.explanation = clean(q.explanation, at);
    if (q.answerText !== undefined) q.answerText = clean(q.answerText, at);
  }
  for (const c of deck.concepts) c.text = clean(c.text, c.source.line);
  if (!removed.length) return;
  const kinds = [...new Set(removed.map((r) => (r.length > 40 ? `${r.slice(0, 39)}…` : r).replace(/\d+/g, 'N')))].slice(0, 3).join(', ');
  findings.push({
    path: deck.path,
    line: line || 1,
    severity: 'warning',
    message: `${removed.length} reference marker${removed.length === 1 ? '' : 's'} left by an AI tool (${kinds}) not shown to learners: they point at sources the learner cannot see`,
    code: 'reference-markers',
  });
}
