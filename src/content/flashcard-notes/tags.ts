// Which notes the Obsidian Spaced Repetition plugin reads: those tagged `#flashcards` (its default deck tag;
// `#flashcard` too), inline or in front matter `tags:`. A sub-deck tag (`#flashcards/aws/networking`) names the
// cards' topic, served as their domain.

export interface DeckTag {
  start: number;
  end: number;
  /** The sub-deck's last part, words apart: `#flashcards/saa/secure-architectures` → "secure architectures". */
  domain?: string;
}

const TAG_CHAR = /[\p{L}\p{N}_/-]/u;
const DECK_TAG = /^flashcards?(?:\/|$)/i;

const domainOf = (name: string): string | undefined => {
  const last = name.split('/').filter(Boolean).slice(1).at(-1);
  return last ? last.replace(/[-_]+/g, ' ').trim() || undefined : undefined;
};

/** The deck tags of a masked line (code already filled in, see maskCode), where Obsidian reads tags: after a space or at the start. */
export function deckTags(masked: string): DeckTag[] {
  const out: DeckTag[] = [];
  for (let at = masked.indexOf('#'); at >= 0; at = masked.indexOf('#', at + 1)) {
    if (at > 0 && !/\s/.test(masked[at - 1] as string)) continue;
    let end = at + 1;
    while (end < masked.length && TAG_CHAR.test(masked[end] as string)) end++;
    const name = masked.slice(at + 1, end);
    if (!DECK_TAG.test(name)) continue;
    const domain = domainOf(name);
    out.push(domain ? { start: at, end, domain } : { start: at, end });
    at = end - 1;
  }
  return out;
}

/** True when the line holds deck tags and nothing else. */
export function onlyTags(masked: string, tags: DeckTag[]): boolean {
  if (!tags.length) return false;
  let rest = '';
  let from = 0;
  for (const t of tags) {
    rest += masked.slice(from, t.start);
    from = t.end;
  }
  return !(rest + masked.slice(from)).trim();
}

/** The line without its deck tags (they file the card; they are not its text). */
export function withoutTags(line: string, tags: DeckTag[]): string {
  if (!tags.length) return line;
  let out = '';
  let from = 0;
  for (const t of tags) {
    const before = line.slice(from, t.start);
    const trimmed = before.trimEnd();
    out += trimmed.length < before.length ? `${trimmed} ` : trimmed;
    from = t.end;
  }
  return (out + line.slice(from)).trimEnd();
}

/**
 * Front matter `tags: [flashcards]`, `tags: flashcards/aws`, `tags: "#flashcards, aws"` (also `tag:`). The first
 * sub-deck names the domain even after a bare `flashcards` (`tags: [flashcards, flashcards/maths]`, as real notes list them).
 */
export function frontMatterDeck(meta: Record<string, unknown>): { tagged: boolean; domain?: string } {
  const raw = meta.tags ?? meta.tag;
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  let tagged = false;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const name = v.trim().replace(/^#/, '');
    if (!DECK_TAG.test(name)) continue;
    tagged = true;
    const domain = domainOf(name);
    if (domain) return { tagged, domain };
  }
  return { tagged };
}
