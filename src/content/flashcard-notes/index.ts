// Study notes written for flashcard plugins: Obsidian Spaced Repetition (notes tagged `#flashcards`) and Logseq
// (`#card` blocks). parse.ts calls readFlashcardNotes on the cleaned source before anything else reads it: the
// cards' lines are emptied (line numbers kept), so no other layout reads them a second time, and
// withFlashcardNotes adds the cards to the note's other questions.
import type { Found } from './found.js';
import { hasFlashcardBlocks, hasLogseqCards, isLogseqPage, readLogseqCards } from './logseq.js';
import { readObsidianCards } from './obsidian.js';
import { closesFence, fenceOpening, maskCode, type Fence } from './line-scan.js';
import { deckTags, frontMatterDeck } from './tags.js';
import { scheduledLines, unreadScheduled } from './scheduled.js';

export { withFlashcardNotes } from './questions.js';

export const LAYOUTS = { obsidian: 'obsidian flashcards', logseq: 'logseq flashcards' } as const;

export interface FlashcardNotes {
  /** The source with the cards' lines emptied. */
  source: string;
  /** Set when the note is a flashcard note (tagged, or holding `#card` blocks). */
  found?: Found & { layout: string };
}

const MAYBE_TAGGED = /#flashcards?/i;

/** The first deck tag of the body outside code, if any: the note is a flashcard note, its cards filed there. */
function firstDeckTag(lines: string[], from: number): { domain?: string; line: number } | undefined {
  let fence: Fence | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    fence = fenceOpening(line);
    const tag = fence || !line.includes('#') ? undefined : deckTags(maskCode(line))[0];
    if (tag) return tag.domain ? { domain: tag.domain, line: i } : { line: i };
  }
  return undefined;
}

/** `raw`: the note as written (comments in it), where the plugin's card schedules are found (scheduled.ts). */
export function readFlashcardNotes(source: string, bodyOffset: number, meta: Record<string, unknown>, raw = ''): FlashcardNotes {
  const body = source.slice(bodyOffset);
  const fromFrontMatter = frontMatterDeck(meta);
  const maybeTagged = fromFrontMatter.tagged || MAYBE_TAGGED.test(body);
  const maybeScheduled = raw.includes('<!--SR:');
  if (!maybeTagged && !maybeScheduled && !hasLogseqCards(body)) return { source };

  const lines = source.split('\n');
  let from = 0;
  for (let at = source.indexOf('\n'); at >= 0 && at < bodyOffset; at = source.indexOf('\n', at + 1)) from++;
  // A Logseq page is read as Logseq reads it (and logseq-anki-sync: `#flashcard` blocks), never as an Obsidian note:
  // its `id:: …` lines are properties, its `#flashcards` a page link.
  const tag = !fromFrontMatter.tagged && maybeTagged ? firstDeckTag(lines, from) : undefined;
  // A deck tag on a line of its own at the margin is an Obsidian note's, whatever properties it holds (Dataview's
  // `due:: …` under a task); in a Logseq page every line is a block's (`- ## #flashcards`).
  const marginTag = tag !== undefined && !/^[ \t]*-(?:[ \t]|$)|^[ \t]/.test(lines[tag.line] as string);
  const logseqPage = !fromFrontMatter.tagged && !marginTag && isLogseqPage(lines, from);
  const logseq = hasLogseqCards(body) || (logseqPage && hasFlashcardBlocks(body));
  const inline = logseqPage ? undefined : tag;
  const parts: { layout: string; found: Found }[] = [];
  const taken = new Uint8Array(lines.length);
  if (logseq) {
    const found = readLogseqCards(lines, from, logseqPage);
    for (const [a, b] of found.claimed) taken.fill(1, a - 1, b);
    if (found.cards.length || found.problems.length) parts.push({ layout: LAYOUTS.logseq, found });
  }
  if (fromFrontMatter.tagged || inline) {
    const domain = fromFrontMatter.tagged ? fromFrontMatter.domain : inline?.domain;
    const found = readObsidianCards(lines, from, domain, (i) => taken[i] === 1);
    for (const [a, b] of found.claimed) taken.fill(1, a - 1, b);
    if (found.cards.length || found.problems.length) parts.push({ layout: LAYOUTS.obsidian, found });
  }
  const scheduled = maybeScheduled && !logseqPage ? scheduledLines(raw, from) : [];
  if (scheduled.length) {
    const obsidian = Boolean(fromFrontMatter.tagged || inline);
    const found = unreadScheduled(lines, scheduled, (i) => taken[i] === 1, obsidian);
    if (found.problems.length) parts.push({ layout: obsidian ? LAYOUTS.obsidian : '', found });
  }
  if (!parts.length) return { source };

  const merged = Object.assign(parts[0]?.found as Found, { layout: [...new Set(parts.map((p) => p.layout).filter(Boolean))].join(' + ') });
  for (const p of parts.slice(1)) {
    merged.cards.push(...p.found.cards);
    merged.problems.push(...p.found.problems);
    merged.claimed.push(...p.found.claimed);
  }
  merged.cards.sort((a, b) => a.line - b.line);
  const emptied = lines.map((line, i) => (taken[i] ? '' : line)).join('\n');
  return { source: emptied, found: merged };
}
