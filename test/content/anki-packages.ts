// Anki packages built in the tests: collections in schema 11 (collection.anki2 / .anki21: note types and decks as
// JSON in `col`) and schema 18 (collection.anki21b: tables, protobuf settings, names COLLATE unicase as Anki
// declares them), written with sql.js; zstd frames of raw blocks (Node 20 has no zstd compressor; the truly
// compressed package is a committed fixture: scripts/make-apkg-fixtures.ts); the zip from zip-writer.ts.
import initSqlJs, { type Database } from 'sql.js';
import { zipOf } from './zip-writer.js';

export interface NotetypeSpec {
  id: number;
  name: string;
  cloze?: boolean;
  fields: string[];
  /** [question format, answer format] per template, in ord order. */
  templates: [string, string][];
  /** The ords written for the fields and templates (damaged collections); 0, 1, 2… when not given. */
  fieldOrds?: number[];
  templateOrds?: number[];
  /** Bytes appended to each template's protobuf config (long repeated fields). */
  templateExtra?: Uint8Array;
}

export interface NoteSpec {
  mid: number;
  fields: string[];
  /** Deck id of its cards (1, "Default", when not given). */
  deck?: number;
  /** Template ords that have a card (cloze: cloze numbers - 1); every template's when not given. */
  ords?: number[];
  tags?: string;
  id?: number;
}

export interface CollectionSpec {
  notetypes?: NotetypeSpec[];
  decks?: { id: number; name: string }[];
  notes: NoteSpec[];
}

const ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n';
export const BASIC: NotetypeSpec = { id: 1001, name: 'Basic', fields: ['Front', 'Back'], templates: [['{{Front}}', `${ANSWER}{{Back}}`]] };
export const REVERSED: NotetypeSpec = {
  id: 1002,
  name: 'Basic (and reversed card)',
  fields: ['Front', 'Back'],
  templates: [['{{Front}}', `${ANSWER}{{Back}}`], ['{{Back}}', `${ANSWER}{{Front}}`]],
};
export const OPTIONAL_REVERSED: NotetypeSpec = {
  id: 1003,
  name: 'Basic (optional reversed card)',
  fields: ['Front', 'Back', 'Add Reverse'],
  templates: [['{{Front}}', `${ANSWER}{{Back}}`], ['{{#Add Reverse}}{{Back}}{{/Add Reverse}}', `${ANSWER}{{Front}}`]],
};
export const CLOZE: NotetypeSpec = { id: 1004, name: 'Cloze', cloze: true, fields: ['Text', 'Back Extra'], templates: [['{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}']] };
export const STOCK = [BASIC, REVERSED, OPTIONAL_REVERSED, CLOZE];

export const UPDATE_NOTE = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';

let sql: ReturnType<typeof initSqlJs> | undefined;
const database = async (): Promise<Database> => new (await (sql ??= initSqlJs())).Database();

const decksOf = (spec: CollectionSpec) => spec.decks ?? [{ id: 1, name: 'Default' }];
const noteId = (n: NoteSpec, i: number) => n.id ?? 1_700_000_000_000 + i;

function addNotes(db: Database, spec: CollectionSpec): void {
  const types = new Map((spec.notetypes ?? STOCK).map((t) => [t.id, t]));
  let card = 1;
  spec.notes.forEach((n, i) => {
    const id = noteId(n, i);
    db.run('INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, ?)', [id, `guid${i}`, n.mid, n.tags ?? '', n.fields.join('\x1f'), n.fields[0] ?? '', '']);
    const ords = n.ords ?? (types.get(n.mid)?.templates ?? [[]]).map((_, o) => o);
    for (const ord of ords) db.run('INSERT INTO cards VALUES (?, ?, ?, ?, 0, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)', [card++, id, n.deck ?? 1, ord, i, '']);
  });
}

const NOTES = 'CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null)';
const CARDS =
  'CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null)';
const COL =
  'CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null)';

/** A schema 11 collection (what collection.anki2 and collection.anki21 hold). */
export async function collection11(spec: CollectionSpec, opts: { skipTables?: string[]; version?: number } = {}): Promise<Uint8Array> {
  const db = await database();
  for (const [name, ddl] of [['col', COL], ['notes', NOTES], ['cards', CARDS]] as const) if (!opts.skipTables?.includes(name)) db.run(ddl);
  db.run('CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null)');
  const models = Object.fromEntries(
    (spec.notetypes ?? STOCK).map((t) => [
      String(t.id),
      {
        id: t.id,
        name: t.name,
        type: t.cloze ? 1 : 0,
        flds: t.fields.map((name, i) => ({ name, ord: t.fieldOrds?.[i] ?? i })),
        tmpls: t.templates.map(([qfmt, afmt], i) => ({ name: `Card ${i + 1}`, qfmt, afmt, ord: t.templateOrds?.[i] ?? i })),
      },
    ]),
  );
  const decks = Object.fromEntries(decksOf(spec).map((d) => [String(d.id), { id: d.id, name: d.name }]));
  if (!opts.skipTables?.includes('col')) db.run('INSERT INTO col VALUES (1, 0, 0, 0, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [opts.version ?? 11, '{}', JSON.stringify(models), JSON.stringify(decks), '{}', '{}']);
  if (!opts.skipTables?.some((t) => t === 'notes' || t === 'cards')) addNotes(db, spec);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Protobuf, just enough for the settings Anki keeps in blobs: varint and string fields. */
export function proto(fields: [number, number | string][]): Uint8Array {
  const out: number[] = [];
  const varint = (v: number) => {
    for (; v >= 0x80; v = Math.floor(v / 128)) out.push((v % 128) | 0x80);
    out.push(v);
  };
  for (const [n, v] of fields) {
    if (typeof v === 'number') {
      varint(n * 8);
      varint(v);
    } else {
      const bytes = Buffer.from(v);
      varint(n * 8 + 2);
      varint(bytes.length);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** A schema 18 collection (what collection.anki21b holds, before zstd). */
export async function collection18(spec: CollectionSpec): Promise<Uint8Array> {
  const db = await database();
  db.run(COL);
  db.run(NOTES);
  db.run(CARDS);
  db.run('CREATE TABLE notetypes (id integer not null primary key, name text not null, mtime_secs integer not null, usn integer not null, config blob not null)');
  db.run('CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null, config blob not null, primary key (ntid, ord)) without rowid');
  db.run('CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null, mtime_secs integer not null, usn integer not null, config blob not null, primary key (ntid, ord)) without rowid');
  db.run('CREATE TABLE decks (id integer primary key not null, name text not null, mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null)');
  db.run("INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')");
  for (const t of spec.notetypes ?? STOCK) {
    db.run('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)', [t.id, t.name, proto([[1, t.cloze ? 1 : 0], [3, '.card {}']])]);
    t.fields.forEach((name, i) => db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [t.id, t.fieldOrds?.[i] ?? i, name, proto([[3, 'Arial']])]));
    t.templates.forEach(([q, a], i) => {
      const config = Buffer.concat([proto([[1, q], [2, a]]), t.templateExtra ?? new Uint8Array()]);
      db.run('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)', [t.id, t.templateOrds?.[i] ?? i, `Card ${i + 1}`, config]);
    });
  }
  for (const d of decksOf(spec)) db.run('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)', [d.id, d.name.split('::').join('\x1f'), new Uint8Array(), new Uint8Array()]);
  addNotes(db, spec);
  // Anki declares its name columns COLLATE unicase, a collation no other SQLite has (sql.js cannot create them so).
  db.run('PRAGMA writable_schema = ON');
  db.run("UPDATE sqlite_master SET sql = replace(sql, 'name text not null', 'name text not null collate unicase') WHERE name IN ('notetypes', 'fields', 'templates', 'decks')");
  db.run('PRAGMA writable_schema = OFF');
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A zstd frame of raw (uncompressed) blocks, its content size stated (RFC 8878). */
export function zstdRaw(data: Uint8Array, opts: { statedSize?: number } = {}): Buffer {
  const header = Buffer.alloc(9);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = 0xa0; // 4-byte content size, single segment
  header.writeUInt32LE(opts.statedSize ?? data.length, 5);
  const parts: Buffer[] = [header];
  const max = 128 * 1024;
  for (let at = 0; at < data.length || at === 0; at += max) {
    const block = data.subarray(at, at + max);
    const last = at + max >= data.length ? 1 : 0;
    const h = Buffer.alloc(3);
    h.writeUIntLE((block.length << 3) | last, 0, 3);
    parts.push(h, Buffer.from(block));
    if (!data.length) break;
  }
  return Buffer.concat(parts);
}

/** The meta entry of a package (PackageMetadata.version: 2 legacy, 3 latest). */
export const metaOf = (version: number): Buffer => Buffer.from(proto([[1, version]]));

/** A package: its entries, deflated as Anki writes them. */
export function packageOf(entries: Record<string, Uint8Array | string>): Buffer {
  return zipOf(Object.entries(entries).map(([name, data]) => ({ name, data: Buffer.from(data), deflated: true })));
}

/** A new (2.1.50+) package: collection.anki21b in zstd, beside the legacy stub whose one note asks to update Anki. */
export async function newPackage(spec: CollectionSpec): Promise<Buffer> {
  const stub = await collection11({ notetypes: [BASIC], notes: [{ mid: BASIC.id, fields: [UPDATE_NOTE, ''] }] });
  return packageOf({ 'collection.anki2': stub, 'collection.anki21b': zstdRaw(await collection18(spec)), media: zstdRaw(new Uint8Array()), meta: metaOf(3) });
}
