// An Anki collection (the SQLite database inside a package) -> its note types, decks, notes and cards, from either
// schema: 11 (collection.anki2 / .anki21: note types and decks as JSON in the `col` row) or 18
// (collection.anki21b: `notetypes`, `fields`, `templates`, `decks` tables, settings in protobuf blobs).
// Only what becomes cards is read: no scheduling, review history, deck options or media.
import type { Database, SqlValue } from 'sql.js';
import { protoFields, protoNumber, protoString } from './protobuf.js';

export interface Template {
  ord: number;
  qfmt: string;
  afmt: string;
}

export interface Notetype {
  name: string;
  cloze: boolean;
  /** Field names, by ord. */
  fields: string[];
  templates: Template[];
}

export interface PackageNote {
  id: number;
  notetype: number;
  fields: string[];
}

export interface Collection {
  schema: 11 | 18;
  notetypes: Map<number, Notetype>;
  /** Deck names, `::` between levels. */
  decks: Map<number, string>;
  /** In order of note id (creation time). */
  notes: PackageNote[];
  /** A note's cards: template ord and deck. */
  cards: Map<number, { ord: number; deck: number }[]>;
  /** What was left out as damaged (an ord out of range), for one warning. */
  ignored: string[];
}

/**
 * The highest field, template or card ord read. Anki numbers fields and templates 0, 1, 2… and a cloze card by its
 * cloze number - 1; an ord beyond this is damage, and as an array index it would allocate gigabytes.
 */
export const MAX_ORD = 999;

const validOrd = (ord: unknown): ord is number => typeof ord === 'number' && Number.isInteger(ord) && ord >= 0 && ord <= MAX_ORD;

const shownOrd = (ord: unknown) => (typeof ord === 'string' ? JSON.stringify(ord) : String(ord));

// Schema 18 declares its name columns `COLLATE unicase`, a collation only Anki registers: a query that sorts or
// filters on them (or, for the WITHOUT ROWID tables, sorts at all) fails in any other SQLite. Sorting is done here.
const rows = (db: Database, sql: string): SqlValue[][] => db.exec(sql)[0]?.values ?? [];

const text = (v: SqlValue | undefined): string => (typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : v == null ? '' : String(v));

const blob = (v: SqlValue | undefined): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array());

/** The tables a collection needs, by schema. */
const NEEDED = { 11: ['col', 'notes', 'cards'], 18: ['col', 'notes', 'cards', 'notetypes', 'fields', 'templates', 'decks'] } as const;

/** The collection, or why it cannot be read (an error that is not SQLite's is thrown to the caller). */
export function readCollection(db: Database): Collection | string {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => text(r[0])));
  const schema = tables.has('notetypes') ? 18 : 11;
  const missing = NEEDED[schema].filter((t) => !tables.has(t));
  if (missing.length) return `its collection has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`;
  const version = Number(rows(db, 'SELECT ver FROM col')[0]?.[0] ?? 0);
  if (schema === 11 && version !== 11) return `its collection is in schema ${version}, which the loader does not know`;
  const notes = rows(db, 'SELECT id, mid, flds FROM notes ORDER BY id').map(
    (r): PackageNote => ({ id: Number(r[0]), notetype: Number(r[1]), fields: text(r[2]).split('\x1f') }),
  );
  const ignored: string[] = [];
  const cards = new Map<number, { ord: number; deck: number }[]>();
  for (const [nid, ord, did] of rows(db, 'SELECT nid, ord, did FROM cards')) {
    if (!validOrd(ord)) {
      ignored.push(`card of note ${String(nid)} (template or cloze ${shownOrd(ord)})`);
      continue;
    }
    const list = cards.get(Number(nid)) ?? [];
    list.push({ ord, deck: Number(did) });
    cards.set(Number(nid), list);
  }
  for (const list of cards.values()) list.sort((a, b) => a.ord - b.ord);
  const { notetypes, decks } = schema === 18 ? schema18(db, ignored) : schema11(db, ignored);
  return { schema, notetypes, decks, notes, cards, ignored };
}

interface LegacyNotetype {
  name?: string;
  type?: number;
  flds?: { name?: string; ord?: number }[];
  tmpls?: { qfmt?: string; afmt?: string; ord?: number }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The object entries of a JSON object (a damaged `col` row may hold `null`, or `null` for a note type). */
function jsonEntries<T>(json: string): [string, T][] {
  const parsed: unknown = JSON.parse(json || '{}');
  return isObject(parsed) ? (Object.entries(parsed).filter(([, v]) => isObject(v)) as [string, T][]) : [];
}

/** The objects of a JSON list, if it is one. */
const listOf = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v.filter(isObject) : []);

function schema11(db: Database, ignored: string[]): Pick<Collection, 'notetypes' | 'decks'> {
  const [models, decks] = rows(db, 'SELECT models, decks FROM col')[0] ?? [];
  const notetypes = new Map<number, Notetype>();
  for (const [id, m] of jsonEntries<LegacyNotetype>(text(models))) {
    const name = typeof m.name === 'string' ? m.name : '';
    const fields: string[] = [];
    for (const [i, f] of listOf(m.flds).entries()) {
      const ord: unknown = f.ord ?? i;
      if (validOrd(ord)) fields[ord] = f.name ?? '';
      else ignored.push(`field "${f.name ?? ''}" of note type "${name}" (ord ${shownOrd(ord)})`);
    }
    const templates: Template[] = [];
    for (const [i, t] of listOf(m.tmpls).entries()) {
      const ord: unknown = t.ord ?? i;
      if (validOrd(ord)) templates.push({ ord, qfmt: t.qfmt ?? '', afmt: t.afmt ?? '' });
      else ignored.push(`template ${i + 1} of note type "${name}" (ord ${shownOrd(ord)})`);
    }
    notetypes.set(Number(id), { name, cloze: m.type === 1, fields: Array.from(fields, (f) => f ?? ''), templates });
  }
  const names = new Map<number, string>();
  for (const [id, d] of jsonEntries<{ name?: string }>(text(decks))) names.set(Number(id), typeof d.name === 'string' ? d.name : '');
  return { notetypes, decks: names };
}

function schema18(db: Database, ignored: string[]): Pick<Collection, 'notetypes' | 'decks'> {
  const notetypes = new Map<number, Notetype>();
  for (const [id, name, config] of rows(db, 'SELECT id, name, config FROM notetypes')) {
    // Notetype.Config: 1 kind (0 normal, 1 cloze).
    notetypes.set(Number(id), { name: text(name), cloze: protoNumber(protoFields(blob(config)), 1) === 1, fields: [], templates: [] });
  }
  for (const [ntid, ord, name] of rows(db, 'SELECT ntid, ord, name FROM fields')) {
    const nt = notetypes.get(Number(ntid));
    if (!nt) continue;
    if (validOrd(ord)) nt.fields[ord] = text(name);
    else ignored.push(`field "${text(name)}" of note type "${nt.name}" (ord ${shownOrd(ord)})`);
  }
  for (const [ntid, ord, config] of rows(db, 'SELECT ntid, ord, config FROM templates')) {
    const nt = notetypes.get(Number(ntid));
    if (!nt) continue;
    if (!validOrd(ord)) {
      ignored.push(`template of note type "${nt.name}" (ord ${shownOrd(ord)})`);
      continue;
    }
    // Template.Config: 1 question format, 2 answer format.
    const c = protoFields(blob(config));
    nt.templates.push({ ord, qfmt: protoString(c, 1), afmt: protoString(c, 2) });
  }
  for (const nt of notetypes.values()) {
    nt.fields = Array.from(nt.fields, (f) => f ?? '');
    nt.templates.sort((a, b) => a.ord - b.ord);
  }
  const decks = new Map<number, string>();
  for (const [id, name] of rows(db, 'SELECT id, name FROM decks')) decks.set(Number(id), text(name).split('\x1f').join('::'));
  return { notetypes, decks };
}
