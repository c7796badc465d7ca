// Logseq flashcards: a block tagged `#card` (`#[[card]]`, `[[card]]`, or `tags:: card`) is a card; its child
// blocks are the answer. `{{cloze …}}` in it are gaps asked together (Logseq's own review), their texts the
// answer before the children. Block properties (`card-last-interval:: 4`, `id:: …`, `collapsed:: true`) are
// Logseq's bookkeeping: never text. In a Logseq page (isLogseqPage) `#flashcard` tags a card too, as the
// logseq-anki-sync plugin reads it, and its `{{c1 …}}` clozes are gaps like `{{cloze …}}`.
import { Found } from './found.js';
import { logseqClozes } from './clozes.js';
import { closesFence, fenceOpening, maskCode, type Fence } from './line-scan.js';

interface Block {
  first: number;
  last: number;
  indent: number;
  /** Its own lines (bullet and indentation off), properties left out. */
  text: string[];
  /** Which of `text` are fenced code. */
  code: boolean[];
  tagged: boolean;
  /** Its `deck::` property (logseq-anki-sync), as a domain. */
  deck?: string;
}

const DECK_PROPERTY = /^deck::(.*)$/i;

/** `deck:: [[AWS::SAA::Storage]]` → "Storage": the sub-deck's last part, as an Obsidian sub-deck tag's. */
function deckDomain(value: string): string | undefined {
  const parts = value.replace(/\[\[|\]\]/g, '').split(/::|\//).map((p) => p.replace(/[-_]+/g, ' ').trim()).filter(Boolean);
  return parts.at(-1);
}

const BULLET = /^([ \t]*)-(?:[ \t]+|$)/;
const PROPERTY = /^[\p{L}\p{N}_.-]+::(?:[ \t]|$)/u;
// A tag after a space, at the start, or right after CJK punctuation (`生命周期？#card`: Logseq reads it, and
// scheduled that card); never inside a word (`Issue#card`).
const TAG_BEFORE = '(^|[\\s\\u3000-\\u303f\\uff00-\\uffef])';
const TAG_AFTER = '(?=$|[\\s,.;:!?)\\]\\u3000-\\u303f\\uff00-\\uffef])';
const tagPattern = (names: string): RegExp => new RegExp(`${TAG_BEFORE}(?:#(?:${names})|#\\[\\[(?:${names})\\]\\]|\\[\\[(?:${names})\\]\\])${TAG_AFTER}`, 'gi');
const CARD_TAG = tagPattern('card');
/** In a Logseq page: `#flashcard` too (logseq-anki-sync's tag for the same cards). */
const CARD_OR_FLASHCARD_TAG = tagPattern('card|flashcard');
const TAGS_PROPERTY = /^tags::(.*)$/i;

/** True when a note has a Logseq card block (checked before anything else is read). */
export const hasLogseqCards = (source: string): boolean => /(?:#|\[\[)\[?\[?card\b|^[ \t]*tags::.*\bcard\b/im.test(source);

/** True when a Logseq page has blocks tagged `#flashcard` (read as cards only in a page isLogseqPage accepts). */
export const hasFlashcardBlocks = (source: string): boolean => /(?:#|\[\[)\[?\[?flashcard\b|^[ \t]*tags::.*\bflashcard\b/im.test(source);

const INDENTED_PROPERTY = /^[ \t]+[\p{L}\p{N}_.-]+::(?:[ \t]|$)/u;

/**
 * True for a Logseq page: Logseq's own bookkeeping under a block (an indented `id:: …`, `collapsed:: true`,
 * `card-repeats:: 1` line right under a bullet or another such line), or page properties (`title:: …`,
 * `tags:: …` at column 0) followed by a bullet. Such a page is never an Obsidian note: its `key:: value` lines are
 * properties, `#flashcards` a page link, `==x==` a highlight.
 */
export function isLogseqPage(lines: string[], from: number): boolean {
  let i = from;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  let pageProperties = 0;
  for (; i < lines.length && PROPERTY.test(lines[i] as string); i++) pageProperties++;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  if (pageProperties && i < lines.length && BULLET.test(lines[i] as string)) return true;
  let fence: Fence | undefined;
  let underBlock = false;
  for (let k = from; k < lines.length; k++) {
    const line = lines[k] as string;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      fence = fenceOpening(line.slice(bullet[0].length));
      underBlock = !fence;
      continue;
    }
    if (underBlock && INDENTED_PROPERTY.test(line)) return true;
    fence = fenceOpening(line);
    underBlock = false;
  }
  return false;
}

const width = (lead: string): number => {
  let w = 0;
  for (const ch of lead) w += ch === '\t' ? 4 : 1;
  return w;
};

function blocksOf(lines: string[], from: number, names: ReadonlySet<string>): { blocks: Block[]; pageDeck?: string } {
  const blocks: Block[] = [];
  let pageDeck: string | undefined;
  let current: Block | undefined;
  let prefix = '';
  let fence: Fence | undefined;
  const add = (text: string, code: boolean) => {
    const b = current as Block;
    if (!code && PROPERTY.test(text)) {
      const deck = DECK_PROPERTY.exec(text)?.[1];
      if (deck !== undefined) b.deck = deckDomain(deck);
      const tags = TAGS_PROPERTY.exec(text)?.[1];
      if (tags && tags.split(',').some((t) => names.has(t.trim().replace(/^#|^\[\[|\]\]$/g, '').toLowerCase()))) b.tagged = true;
      return;
    }
    b.text.push(text);
    b.code.push(code);
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    const bullet = fence ? null : BULLET.exec(line);
    if (bullet) {
      prefix = bullet[1] as string;
      current = { first: i, last: i, indent: width(prefix), text: [], code: [], tagged: false };
      blocks.push(current);
      const text = line.slice(bullet[0].length);
      fence = fenceOpening(text);
      // The first line is the block's text; a property there is a page's or block's properties block.
      add(text, fence !== undefined);
      continue;
    }
    if (!current) {
      const deck = DECK_PROPERTY.exec(line.trim())?.[1];
      if (deck !== undefined) pageDeck = deckDomain(deck);
      continue;
    }
    // A line no deeper than the bullet (a heading, `---` or a paragraph at the margin of a markdown note) is not
    // the block's: Logseq indents every line of a block past its bullet.
    if (!fence && line.trim() && width(/^[ \t]*/.exec(line)?.[0] ?? '') <= current.indent) {
      current = undefined;
      continue;
    }
    current.last = i;
    const text = line.startsWith(prefix) ? line.slice(prefix.length).replace(/^ {1,2}/, '') : line.trimStart();
    if (fence) {
      if (closesFence(text, fence)) fence = undefined;
      add(text, true);
      continue;
    }
    fence = fenceOpening(text);
    add(text, fence !== undefined);
  }
  return pageDeck ? { blocks, pageDeck } : { blocks };
}

/** The block's text with code filled in and card tags out: the masked text decides, the raw text is kept. */
function untagged(b: Block, tag: RegExp): { raw: string; masked: string } {
  const raw: string[] = [];
  const masked: string[] = [];
  b.text.forEach((line, k) => {
    if (b.code[k]) {
      raw.push(line);
      masked.push('\u0001'.repeat(line.length));
      return;
    }
    const m = maskCode(line);
    let keptRaw = '';
    let keptMasked = '';
    let from = 0;
    tag.lastIndex = 0;
    for (let t = tag.exec(m); t; t = tag.exec(m)) {
      b.tagged = true;
      const start = t.index + (t[1] as string).length;
      keptRaw += line.slice(from, start);
      keptMasked += m.slice(from, start);
      from = tag.lastIndex;
    }
    raw.push((keptRaw + line.slice(from)).trimEnd());
    masked.push((keptMasked + m.slice(from)).trimEnd());
  });
  return { raw: raw.join('\n'), masked: masked.join('\n') };
}

const ORDERED_MARK = /^([ \t]*\d{1,9})([.)])(?=[ \t])/;

/**
 * A child block as the answer shows it: its clozes revealed (the answer hides nothing), and a line opening with
 * `1.` kept as written (`- 1. Only call hooks at the top level`): read as markdown it would become a list of its
 * own under an empty bullet, its number lost.
 */
const ORG_MARK = /^[ \t]*#\+(BEGIN|END)_([A-Za-z]+)(?:[ \t]+(\S+))?/i;
const IMAGE_SIZE = /\)\{:(?:height|width)\b[^{}\n]{0,80}\}/g;

/**
 * Logseq's own markup, as markdown: an image's size (`![](a.png){:height 303, :width 385}`) dropped; org blocks
 * (`#+BEGIN_TIP` … `#+END_TIP`, Logseq's admonitions) their text, `#+BEGIN_SRC python` a code fence.
 */
function logseqMarkup(text: string): string {
  const sized = text.includes('){:') ? text.replace(IMAGE_SIZE, ')') : text;
  if (!sized.includes('#+')) return sized;
  const out: string[] = [];
  for (const line of sized.split('\n')) {
    const m = ORG_MARK.exec(line);
    if (!m) out.push(line);
    else if (/^(src|example)$/i.test(m[2] as string)) out.push(m[1]?.toUpperCase() === 'BEGIN' && m[3] ? `\`\`\`${m[3]}` : '```');
  }
  return out.join('\n');
}

/** `[:span]` with `hl-type:: area`: a PDF area highlight, a picture Logseq keeps in its assets; no text to show. */
const isAreaHighlight = (text: string): boolean => text.trim() === '[:span]';

function childText(b: Block, tag: RegExp): string {
  const { raw, masked } = untagged(b, tag);
  const shown = logseqClozes(raw, masked, true);
  const text = shown.unclosedAt === undefined ? shown.prompt : raw;
  return logseqMarkup(
    text
      .split('\n')
      .map((line, k) => (b.code[k] ? line : line.replace(ORDERED_MARK, '$1\\$2')))
      .join('\n'),
  );
}

/** The child blocks as a markdown list, nesting kept whatever the note's indentation; one child is its text alone. */
function childrenMarkdown(children: Block[], tag: RegExp): string {
  if (children.length === 1) {
    const text = childText(children[0] as Block, tag);
    return isAreaHighlight(text) ? '' : text;
  }
  const out: string[] = [];
  const stack: number[] = [];
  for (const c of children) {
    while (stack.length && (stack.at(-1) as number) >= c.indent) stack.pop();
    const pad = '  '.repeat(stack.length);
    stack.push(c.indent);
    const raw = childText(c, tag);
    const [first = '', ...rest] = raw.split('\n');
    if (!raw.trim() || isAreaHighlight(raw)) continue;
    out.push(`${pad}- ${first}`, ...rest.map((l) => `${pad}  ${l}`));
  }
  return out.join('\n');
}

/**
 * The block's text without the tags that end it (`What is X? #ques1 #[[week 2]]`): Logseq shows them as links
 * beside the text, in a chat prompt they are noise. Walked back from the end by index, each character looked at
 * once or twice. A block that is only tags keeps them.
 */
export function withoutTrailingTags(text: string): string {
  const isSpace = (i: number) => i >= 0 && /\s/.test(text[i] as string);
  let end = text.length;
  while (isSpace(end - 1)) end--;
  const whole = end;
  for (;;) {
    let start: number;
    if (end >= 2 && text[end - 1] === ']' && text[end - 2] === ']') {
      start = text.lastIndexOf('#[[', end - 3);
      // `#[[a]] b ]]`: the brackets must belong to this tag.
      if (start >= 0 && text.slice(start + 3, end - 2).includes(']]')) start = -1;
    } else {
      start = end - 1;
      while (start >= 0 && !/[\s#[\]]/.test(text[start] as string)) start--;
      if (start < 0 || text[start] !== '#' || start === end - 1) start = -1;
    }
    if (start <= 0 || !isSpace(start - 1)) break;
    end = start;
    while (isSpace(end - 1)) end--;
  }
  return end === whole ? text : end > 0 ? text.slice(0, end) : text;
}

/** `flashcardTag`: a Logseq page (isLogseqPage), where `#flashcard` marks cards too. */
export function readLogseqCards(lines: string[], from: number, flashcardTag = false): Found {
  const found = new Found();
  const tag = flashcardTag ? CARD_OR_FLASHCARD_TAG : CARD_TAG;
  const { blocks, pageDeck } = blocksOf(lines, from, new Set(flashcardTag ? ['card', 'flashcard'] : ['card']));
  blocks.forEach((b, k) => {
    const { raw, masked } = untagged(b, tag);
    if (!b.tagged) return;
    let end = k + 1;
    while (end < blocks.length && (blocks[end] as Block).indent > b.indent) end++;
    const children = blocks.slice(k + 1, end);
    found.claim(b.first, (children.at(-1) ?? b).last);
    const line = b.first + 1;
    const cloze = logseqClozes(raw, masked);
    if (cloze.unclosedAt !== undefined) return found.problem(line, 'flashcard: "{{cloze" is never closed with "}}"; card skipped', 'unclosed-cloze');
    const prompt = withoutTrailingTags(logseqMarkup(cloze.prompt).trim());
    const answer = [cloze.answers.filter(Boolean).join(', '), childrenMarkdown(children, tag)].filter((x) => x.trim()).join('\n\n');
    if (!prompt) return found.problem(line, 'flashcard: a #card block with no text of its own; skipped', 'no-prompt');
    if (cloze.answers.length && !prompt.replace(/\[\.\.\.\]/g, '').replace(/[\s\p{P}\p{S}]/gu, '')) {
      return found.problem(line, 'flashcard: the whole block is a {{cloze …}}: nothing is left to ask; skipped', 'no-prompt');
    }
    if (!answer) return found.problem(line, 'flashcard: a card block with nothing to answer (no child block with text, no {{cloze …}}); skipped', 'no-answer');
    found.card(line, prompt, answer, b.deck ?? pageDeck);
  });
  return found;
}
