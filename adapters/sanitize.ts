// Text that arrives from a platform (names, typed commands, form fields) is cleaned here, at the edge,
// before the core stores or echoes it: a NUL breaks Postgres text, other control characters and the
// bidirectional overrides (U+202E …) garble or disguise what other users see.

// C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, BOM.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /[\t\n]+/g;

/** Free text (a command's arguments, a form's reason): unsafe characters removed, tabs and newlines kept. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, '').toWellFormed(); // a lone surrogate (half an emoji) becomes U+FFFD
}

/** A display name: one line, unsafe characters removed, white space folded; empty stays empty. */
export function cleanName(name: string | undefined | null): string | undefined {
  if (name === undefined || name === null) return undefined;
  return name.replace(UNSAFE, '').replace(LINE_BREAKS, ' ').replace(/ {2,}/g, ' ').trim().toWellFormed();
}
