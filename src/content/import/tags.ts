// Tags of an imported card or question (Anki's tags column, a sheet's `Tags` column) -> the question's domain, as a
// JSON bank's `tags` are (the first tag): tags are labels that group cards, never text to show after the answer.

/** `Tags` in the languages the card headers know (card-rows.ts): English, German, Spanish, French, Portuguese, Italian, Dutch, Polish, Russian, Chinese, Japanese, Korean. */
export const TAG_NAMES = new Set([
  'tags', 'tag', 'labels', 'label', 'keywords', 'keyword',
  'schlagwörter', 'schlagworte', 'schlagwort', 'stichwörter', 'etiketten', 'markierungen',
  'etiquetas', 'etiqueta', 'palabras clave', 'étiquettes', 'étiquette', 'etiquettes', 'mots clés', 'mots clefs',
  'marcadores', 'palavras chave', 'etichette', 'etichetta', 'parole chiave', 'trefwoorden', 'tagi', 'znaczniki',
  'теги', 'тег', 'метки', 'метка', '标签', '標籤', '标记', 'タグ', '태그',
]);

/** A token only Anki's tags write: hierarchy (`aws::s3`) or words joined by `_` (a tag holds no space). */
export const ANKI_TAG = /[\p{L}\p{N}](?:::|_)[\p{L}\p{N}]/u;

const TAG_TOKEN = /^[\p{L}\p{N}](?:[\p{L}\p{N}_:.\-/&+#]*[\p{L}\p{N}_\-+#])?$/u;

/**
 * Cells of a column that are Anki's tags: each a list of tags (no sentence: one line, every word a tag-like token)
 * and half of the filled ones or more writing a tag only Anki writes (`aws::s3`, `exam_prep`). Empty cells (notes
 * with no tags) count for nothing; a column with no filled cell is no tags column.
 */
export function looksLikeAnkiTags(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (!filled.length) return false;
  const tagList = (c: string) => c.length <= 300 && !c.includes('\n') && c.split(/\s+/).every((t) => TAG_TOKEN.test(t));
  return filled.every(tagList) && filled.filter((c) => ANKI_TAG.test(c)).length * 2 >= filled.length;
}

/** Tags Anki sets itself: they say how a card was studied, not what it is about. */
const ANKI_OWN = new Set(['leech', 'marked']);

/**
 * The domain a tags cell gives: its first tag. Anki writes tags separated by spaces (a tag has none: `aws::s3
 * storage`); a sheet's cell lists them with commas or semicolons (`Storage, S3`), or is one label with spaces
 * (`Design Resilient Architectures`), unless it writes Anki's tags (`aws::s3 exam_prep`: split at spaces).
 */
export function domainOfTags(cell: string, style: 'anki' | 'sheet'): string | undefined {
  return tagsOf(cell, style)[0];
}

/** The tags a cell lists, as domainOfTags splits them, Anki's own left out. */
function tagsOf(cell: string, style: 'anki' | 'sheet'): string[] {
  const text = cell.trim();
  if (!text) return [];
  const spaced = style === 'anki' || (!/[,;]/.test(text) && ANKI_TAG.test(text));
  // Anki's tags hold no comma, so one written in its tags column lists them (`demo,precedence`).
  const tags = text.split(spaced ? /[\s,]+/ : /\s*[,;]\s*/).map((t) => t.trim().replace(/^#/, ''));
  return tags.filter((t) => t && !ANKI_OWN.has(t.toLowerCase()));
}

/**
 * The domain of each card of a file from its tags cells: the first tag, past the tags every tagged card has
 * (`aws`, `demo03`: they name the deck, not a part of it) when a card has another one.
 */
export function tagDomains(cells: string[], style: 'anki' | 'sheet'): (string | undefined)[] {
  const lists = cells.map((c) => tagsOf(c, style));
  const tagged = lists.filter((l) => l.length);
  const everywhere = new Set(tagged.length > 1 ? tagged[0]!.filter((t) => tagged.every((l) => l.includes(t))) : []);
  return lists.map((l) => l.find((t) => !everywhere.has(t)) ?? l[0]);
}
