// Anki's cloze deletions, `{{c1::text}}` and `{{c2::text::hint}}`, found in one pass: each opening is
// closed by the first `}}` after it, the hint is what follows the first `::` inside. (The pattern that
// did this backtracked over every `::` between an opening and the end of a field with no `}}`.)

export interface Cloze {
  /** Where `{{c…` starts and where its `}}` ends. */
  start: number;
  end: number;
  num: number;
  text: string;
  hint: string | undefined;
}

const OPENING = /\{\{c(\d+)::/g;

export function clozesOf(field: string): Cloze[] {
  const found: Cloze[] = [];
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(field); m; m = OPENING.exec(field)) {
    const from = m.index + m[0].length;
    const close = field.indexOf('}}', from);
    // No `}}` after this opening means none after any later one either.
    if (close < 0) break;
    const inner = field.slice(from, close);
    const sep = inner.indexOf('::');
    found.push({ start: m.index, end: close + 2, num: Number(m[1]), text: sep < 0 ? inner : inner.slice(0, sep), hint: sep < 0 ? undefined : inner.slice(sep + 2) });
    OPENING.lastIndex = close + 2;
  }
  return found;
}

/** `field` with each cloze replaced by `by(cloze)`. */
export function replaceClozes(field: string, by: (cloze: Cloze) => string): string {
  let out = '';
  let at = 0;
  for (const c of clozesOf(field)) {
    out += field.slice(at, c.start) + by(c);
    at = c.end;
  }
  return out + field.slice(at);
}
