// A package's note, with its note type's templates, -> the note the shared Anki card maker reads (anki-note.ts).
// A plain-text export lists a note's fields in the note type's order and the text reader asks the first and
// answers with the second; the stock note types (Basic, Basic (and reversed card), Cloze…) ask their first field,
// so their notes give the same cards and ids from a package. Other note types: the field a template asks and the
// field its answer side adds are put first, so a note type that asks its second field still gives sensible cards.
import type { AnkiNote } from './anki-note.js';
import type { Notetype, PackageNote, Template } from './apkg-collection.js';

/** `{{Front}}`, `{{text:Back}}`, `{{cloze:Text}}`, `{{#Add Reverse}}`: the field each reference names. */
function references(format: string): { shown: string[]; conditions: string[]; cloze: string[] } {
  const shown: string[] = [];
  const conditions: string[] = [];
  const cloze: string[] = [];
  for (const m of format.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const ref = m[1]!.trim();
    if (/^[#^/]/.test(ref)) conditions.push(ref.slice(1).trim());
    else {
      const parts = ref.split(':');
      const name = parts.at(-1)!.trim();
      if (parts.slice(0, -1).some((f) => f.trim() === 'cloze')) cloze.push(name);
      shown.push(name);
    }
  }
  return { shown, conditions, cloze };
}

/** The field a template asks (its question side's first field) and the one its answer side adds. */
function askedAndAnswer(t: Template, fields: string[]): { asked: number; answer: number } | undefined {
  const q = references(t.qfmt).shown.map((n) => fields.indexOf(n)).filter((i) => i >= 0);
  const a = references(t.afmt).shown.map((n) => fields.indexOf(n)).filter((i) => i >= 0 && !q.includes(i));
  return q[0] !== undefined && a[0] !== undefined ? { asked: q[0], answer: a[0] } : undefined;
}

const moveFirst = (order: number[], indexes: number[]): number[] => [...indexes, ...order.filter((i) => !indexes.includes(i))];

/**
 * The note for the card maker: fields reordered (asked, answer, the rest) where the note type asks for it,
 * cloze-ness, fields used only as a template's switch (`{{#Add Reverse}}`) kept out of explanations, and a
 * card per further template that asks another field (reversed cards), when the package has that card.
 */
export function packageNote(note: PackageNote, type: Notetype | undefined, cardOrds: number[], base: Pick<AnkiNote, 'path' | 'line' | 'label'>): AnkiNote {
  const names = type?.fields ?? [];
  const templates = [...(type?.templates ?? [])].sort((a, b) => a.ord - b.ord);
  const clozeField = templates.flatMap((t) => references(t.qfmt).cloze).map((n) => names.indexOf(n)).find((i) => i >= 0);
  const cloze = Boolean(type?.cloze || /cloze/i.test(type?.name ?? '') || clozeField !== undefined || /\{\{c\d+::/.test(note.fields[0] ?? ''));
  let order = note.fields.map((_, i) => i);
  const first = templates[0] && askedAndAnswer(templates[0], names);
  if (cloze && clozeField !== undefined) order = moveFirst(order, [clozeField]);
  else if (!cloze && first) order = moveFirst(order, [first.asked, first.answer]);
  const position = (field: number) => order.indexOf(field);
  const shown = new Set(templates.flatMap((t) => [...references(t.qfmt).shown, ...references(t.afmt).shown]));
  const switches = new Set(templates.flatMap((t) => [...references(t.qfmt).conditions, ...references(t.afmt).conditions]).filter((n) => !shown.has(n)));
  const hidden = new Set(names.flatMap((n, i) => (switches.has(n) ? [position(i)] : [])));
  const more: { prompt: number; answer: number }[] = [];
  if (!cloze) {
    for (const t of templates.slice(1)) {
      const pair = askedAndAnswer(t, names);
      if (!pair || !cardOrds.includes(t.ord) || position(pair.asked) === 0) continue;
      more.push({ prompt: position(pair.asked), answer: position(pair.answer) });
    }
  }
  return { ...base, fields: order.map((i) => note.fields[i] ?? ''), isHtml: true, cloze, hidden, more };
}
