// Cards of the Obsidian Spaced Repetition plugin, read as the plugin reads a note tagged `#flashcards`:
//   Question::Answer             one card              Question:::Answer     two cards, both ways
//   Question;;Answer             one card (the custom separator vaults most often set)
//   question lines / ? / answer  one card (multi-line)  … / ?? / …            two cards, both ways
//   a paragraph with ==x==       one card per highlight, that one a gap, the others shown
// A multi-line or cloze card ends at a blank line (the plugin's default), a heading, a deck-tag line or the
// next `::` card; fenced code inside it is part of it, blank lines included. Deck tags file the cards after them
// until the next one; a tag at the start of a card's line files that card only. Code (spans and fences) is
// never read as a separator or a cloze; names like `AWS::S3::Bucket` are not split (findSeparator).
import { Found } from './found.js';
import { clozePrompt, highlights, MAX_CLOZES } from './clozes.js';
import { closesFence, dedent, fenceOpening, findSeparator, isBlank, isHeading, LIST_MARK, mapOutsideFences, maskCode, type Fence } from './line-scan.js';
import { deckTags, onlyTags, withoutTags } from './tags.js';

interface Paragraph {
  start: number;
  /** Index of its `?` / `??` line, or -1. */
  sep: number;
  reversed: boolean;
  domain: string | undefined;
}

/** The deck a line files its card under when a tag starts it: `#flashcards/aws Q::A`. */
function ownDeck(masked: string): { domain: string | undefined } | undefined {
  const tags = deckTags(masked);
  const first = tags[0];
  if (!first || masked.slice(0, first.start).replace(LIST_MARK, '').trim()) return undefined;
  return { domain: first.domain };
}

/**
 * A line without the block id that ends it (`text ^63d7e2`, or `^63d7e2` alone): Obsidian's anchor for links to
 * that block, hidden when the note is read. Walked back by hand: a long run of spaces costs one pass.
 */
function withoutBlockId(line: string): string {
  const end = line.trimEnd().length;
  let start = end;
  while (start > 0 && /[A-Za-z0-9-]/.test(line[start - 1] as string)) start--;
  if (start === end || start === 0 || line[start - 1] !== '^') return line;
  const before = start - 1;
  if (before > 0 && !/\s/.test(line[before - 1] as string)) return line;
  return line.slice(0, before).trimEnd();
}

/** Card text without deck tags and block ids (outside code), line by line. */
export function stripDeckTags(text: string): string {
  return mapOutsideFences(text, (line) => withoutBlockId(withoutTags(line, deckTags(maskCode(line)))));
}

/**
 * Cards in `lines` from index `from` on; `skip(i)` marks lines another reader took. `domain`: the note's deck
 * (front matter, else its first deck tag).
 */
export function readObsidianCards(lines: string[], from: number, domain: string | undefined, skip: (i: number) => boolean): Found {
  const found = new Found();
  const inCode = new Uint8Array(lines.length);
  let topic = domain;
  let para: Paragraph | undefined;
  let fence: Fence | undefined;

  const close = (end: number) => {
    if (para) (para.sep >= 0 ? multiLine : clozes)(para, end);
    para = undefined;
  };
  const multiLine = (p: Paragraph, end: number) => {
    found.claim(p.start, end - 1);
    const question = stripDeckTags(dedent(lines.slice(p.start, p.sep)).join('\n')).trim();
    const answer = stripDeckTags(dedent(lines.slice(p.sep + 1, end)).join('\n')).trim();
    const mark = p.reversed ? '??' : '?';
    if (!question) return found.problem(p.sep + 1, `flashcard: "${mark}" with no question above it; skipped`, 'no-prompt');
    if (!answer) return found.problem(p.sep + 1, `flashcard: "${mark}" with no answer below it; skipped`, 'no-answer');
    found.card(p.start + 1, question, answer, p.domain);
    if (p.reversed) found.card(p.start + 1, answer, question, p.domain);
  };
  const clozes = (p: Paragraph, end: number) => {
    const raw = lines.slice(p.start, end);
    const masked = raw.map((l, k) => (inCode[p.start + k] ? '\u0001'.repeat(l.length) : maskCode(l))).join('\n');
    const { pairs, unclosedAt } = highlights(masked);
    const text = raw.join('\n');
    const lineOf = (offset: number) => p.start + 1 + countNewlines(masked, offset);
    if (unclosedAt !== undefined) found.problem(lineOf(unclosedAt), 'flashcard: "==" opens a cloze that is not closed on its line; that text is not a cloze', 'unclosed-cloze');
    if (!pairs.length) return;
    found.claim(p.start, end - 1);
    const read = pairs.slice(0, MAX_CLOZES);
    if (pairs.length > read.length) {
      found.problem(lineOf((pairs[MAX_CLOZES] as { open: number }).open), `flashcard: ${pairs.length - MAX_CLOZES} more clozes in this paragraph not read (at most ${MAX_CLOZES})`, 'too-many-clozes');
    }
    read.forEach((h, k) => {
      const answer = text.slice(h.open + 2, h.close).trim();
      const prompt = stripDeckTags(dedent(clozePrompt(text, read, k).split('\n')).join('\n')).trim();
      found.card(lineOf(h.open), prompt, answer, p.domain);
    });
  };

  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (skip(i)) {
      close(i);
      continue;
    }
    if (fence) {
      inCode[i] = 1;
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const opening = fenceOpening(line);
    if (opening) {
      // Code with a `?` right under it is a question; code alone is no card and ends none.
      fence = opening;
      inCode[i] = 1;
      para ??= { start: i, sep: -1, reversed: false, domain: topic };
      continue;
    }
    if (isBlank(line) || isHeading(line)) {
      close(i);
      continue;
    }
    const masked = maskCode(line);
    const tags = deckTags(masked);
    if (onlyTags(masked, tags)) {
      close(i);
      topic = (tags[0] as { domain?: string }).domain;
      continue;
    }
    const mark = line.trim();
    if (mark === '?' || mark === '??') {
      if (!para) {
        found.claim(i, i);
        found.problem(i + 1, `flashcard: "${mark}" with no question above it; skipped`, 'no-prompt');
      } else if (para.sep < 0) Object.assign(para, { sep: i, reversed: mark === '??' });
      continue;
    }
    const sep = findSeparator(masked);
    if (sep) {
      close(i);
      singleLine(found, line, sep, i, ownDeck(masked) ?? { domain: topic });
      continue;
    }
    para ??= { start: i, sep: -1, reversed: false, domain: (ownDeck(masked) ?? { domain: topic }).domain };
  }
  close(lines.length);
  return found;
}

function singleLine(found: Found, line: string, sep: { at: number; length: 2 | 3 }, i: number, deck: { domain: string | undefined }): void {
  found.claim(i, i);
  const lead = LIST_MARK.exec(line)?.[0].length ?? 0;
  const question = stripDeckTags(line.slice(Math.min(lead, sep.at), sep.at)).trim();
  const answer = stripDeckTags(line.slice(sep.at + sep.length)).trim();
  const mark = sep.length === 3 ? ':::' : '::';
  if (!question) return found.problem(i + 1, `flashcard: "${mark}" with no question before it; skipped`, 'no-prompt');
  if (!answer) return found.problem(i + 1, `flashcard: "${mark}" with no answer after it; skipped`, 'no-answer');
  found.card(i + 1, question, answer, deck.domain);
  if (sep.length === 3) found.card(i + 1, answer, question, deck.domain);
}

function countNewlines(text: string, before: number): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < before; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
