// An Anki Deck Package (.apkg) or Collection Package (.colpkg) -> one deck of flashcards. The zip is checked and
// only the collection is unpacked (limits/zip.ts), zstd-decompressed when it is a new package's collection.anki21b
// (zstd.ts), opened with sql.js (SQLite in wasm, loaded only here) and read in either schema (apkg-collection.ts);
// each note becomes cards exactly as in a "Notes in Plain Text" export (anki-note.ts), so ids match.
// Layout and limits: docs/content-intake.md ("Anki packages").
import type { Finding, ParseResult } from '../types.js';
import { DEFAULT_LIMITS, maxCollectionBytes, megabytes as mb, type IntakeLimits } from '../limits/index.js';
import { unpackEntry, zipEntries, type ZipEntry } from '../limits/zip.js';
import { addQuestion, failedResult, importedDeck, questionId } from './deck.js';
import { fieldText, noteCards } from './anki-note.js';
import { MAX_ORD, readCollection, type Collection } from './apkg-collection.js';
import { packageNote } from './apkg-note.js';
import { deckNaming } from './anki-decks.js';
import { protoFields, protoNumber } from './protobuf.js';
import { unzstd } from './zstd.js';
import { openDatabase } from './sqlite.js';

export const APKG_DIALECT = 'anki package';

const HINT = 'export the deck again from Anki with "Support older Anki versions" ticked, or as Notes in Plain Text (.txt)';

class Refused {
  constructor(
    readonly message: string,
    readonly code = 'unreadable-package',
  ) {}
}

/** Newest first: a new package also holds a collection.anki2 whose only note asks to update Anki. */
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'];

/** PackageMetadata.version: 1 and 2 legacy, 3 the newest this reader knows. */
const NEWEST_VERSION = 3;

function entryBytes(bytes: Uint8Array, e: ZipEntry, cap: number): Uint8Array {
  if (e.encrypted) throw new Refused(`its entry ${e.name} is encrypted; ${HINT}`);
  if (e.size > cap) throw new Refused(`its ${e.name} unpacks to ${mb(e.size)}; the limit is ${mb(cap)}; this file is not read (export fewer notes per package)`, 'too-large');
  const out = unpackEntry(bytes, e);
  if (typeof out === 'string') throw new Refused(`its ${e.name} ${out}; ${HINT}`, out.startsWith('unpacks to more') ? 'too-large' : 'unreadable-package');
  return out;
}

/** The collection's SQLite bytes: the newest collection in the package, unpacked within the cap. */
async function collectionBytes(bytes: Uint8Array, limits: IntakeLimits): Promise<Uint8Array> {
  const entries = zipEntries(bytes);
  if (typeof entries === 'string') throw new Refused(`not an Anki package: ${entries === 'old-excel' ? 'it is an OLE file (an old Office document)' : entries}; ${HINT}`);
  const named = new Map(entries.map((e) => [e.name, e]));
  const meta = named.get('meta');
  if (meta) {
    let version: number;
    try {
      version = protoNumber(protoFields(entryBytes(bytes, meta, 64 * 1024)), 1);
    } catch (err) {
      throw err instanceof Refused ? err : new Refused(`its meta entry is damaged; ${HINT}`);
    }
    // Version 0 is what Anki calls unknown, and refuses as too new.
    if (version > NEWEST_VERSION || version === 0) throw new Refused(`this package was made by a newer Anki (package version ${version}); ${HINT}`);
  }
  const name = COLLECTIONS.find((n) => named.has(n));
  if (!name) throw new Refused(`no Anki collection inside (collection.anki21b, .anki21 or .anki2); ${HINT}`);
  const cap = maxCollectionBytes(limits);
  const raw = entryBytes(bytes, named.get(name)!, cap);
  if (name !== 'collection.anki21b') return raw;
  const out = await unzstd(raw, cap);
  if ('problem' in out) throw new Refused(`its ${name} ${out.problem}; ${out.tooLarge ? 'this file is not read (export fewer notes per package)' : HINT}`, out.tooLarge ? 'too-large' : 'unreadable-package');
  return out.data;
}

const notADatabase = (err: unknown) => new Refused(`its collection is not a database the loader can read (${err instanceof Error ? err.message : String(err)}); ${HINT}`);

async function openCollection(bytes: Uint8Array): Promise<Collection> {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(bytes);
  } catch (err) {
    throw notADatabase(err);
  }
  try {
    const collection = readCollection(db);
    if (typeof collection === 'string') throw new Refused(`${collection}; ${HINT}`);
    return collection;
  } catch (err) {
    throw err instanceof Refused ? err : notADatabase(err);
  } finally {
    db.close();
  }
}

/** The package's notes as one deck. Never rejects. */
export async function parsePackage(bytes: Uint8Array, path: string, limits: IntakeLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  try {
    return deckOfCollection(await openCollection(await collectionBytes(bytes, limits)), path);
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    return failedResult(path, { path, line: 1, severity: 'error', message: err.message, code: err.code });
  }
}

/** A note's first field as findings name it. */
function shortText(field: string): string {
  const text = fieldText(field, true, [], false).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const UPDATE_NOTE = /please update to the latest anki version/i;

export function deckOfCollection(collection: Collection, path: string): ParseResult {
  const findings: Finding[] = [];
  const { notes } = collection;
  if (notes.length === 1 && UPDATE_NOTE.test(notes[0]!.fields.join(' '))) {
    return failedResult(path, { path, line: 1, severity: 'error', message: `this package was made by Anki 2.1.50 or newer and holds only a note asking to update Anki; ${HINT}`, code: 'unreadable-package' });
  }
  const deckOf = (nid: number) => {
    const first = collection.cards.get(nid)?.[0];
    return first ? collection.decks.get(first.deck) : undefined;
  };
  const used = [...new Set(notes.map((n) => deckOf(n.id)).filter((d): d is string => d !== undefined))].sort();
  const naming = deckNaming(used);
  const deck = importedDeck(path, { title: naming.title }, findings);
  const result: ParseResult = { deck, findings, dialect: APKG_DIALECT };
  const images = new Set<string>();
  let cards = 0;
  notes.forEach((n, i) => {
    const line = i + 1;
    const label = `note ${line} "${shortText(n.fields[0] ?? '')}"`;
    const ords = (collection.cards.get(n.id) ?? []).map((c) => c.ord);
    const made = noteCards(packageNote(n, collection.notetypes.get(n.notetype), ords, { path, line, label }), findings);
    for (const image of made.images) images.add(image);
    const name = deckOf(n.id);
    const domain = used.length > 1 && name ? naming.domainOf(name) : undefined;
    for (const { hashed, ...c } of made.cards) {
      cards++;
      addQuestion(deck, { ...c, id: questionId(deck.id, hashed, []), deckId: deck.id, number: String(cards), ...(domain ? { domain } : {}) }, findings);
    }
  });
  if (collection.ignored.length) {
    const [first, ...rest] = collection.ignored;
    const more = rest.length ? ` and ${rest.length} more` : '';
    findings.push({ path, line: 1, severity: 'warning', message: `ignored as damaged, its position (ord) not a whole number from 0 to ${MAX_ORD}: ${first}${more}`, code: 'unreadable-package' });
  }
  if (images.size) {
    const list = [...images];
    const named = list.slice(0, 5).join(', ') + (list.length > 5 ? `, and ${list.length - 5} more` : '');
    findings.push({ path, line: 1, severity: 'warning', message: `pictures stored in Anki packages are not shown yet; shown by name (${named})`, code: 'image' });
  }
  if (!deck.questions.length) {
    const message = notes.length ? 'no notes with a front and a back (or a cloze) in this package' : 'this package holds no notes';
    findings.push({ path, line: 1, severity: 'error', message, code: 'no-questions' });
  }
  findings.sort((a, b) => a.line - b.line);
  return result;
}
