// sql.js (SQLite compiled to wasm, no native build), loaded the first time a package is read, once per thread.
import type { Database, SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

const UNICASE = /\s+collate\s+unicase\b/gi;

/**
 * The database in these bytes; a file that is not SQLite opens, and throws at its first query.
 * Anki (schema 15 and later) declares its name columns `COLLATE unicase`, a collation only Anki registers and
 * sql.js cannot: SQLite then cannot even scan a WITHOUT ROWID table holding such a column ("no query solution").
 * So the declarations lose the clause (in this copy of the database, which is all the loader ever opens) and
 * the database is opened again: names then compare as SQLite's BINARY, which reading them does not mind.
 */
export async function openDatabase(bytes: Uint8Array): Promise<Database> {
  loading ??= import('sql.js').then((m) => m.default());
  const SQL = await loading.catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  const db = new SQL.Database(bytes);
  let declared: unknown[][];
  try {
    declared = db.exec("SELECT type, name, sql FROM sqlite_master WHERE sql LIKE '%unicase%'")[0]?.values ?? [];
  } catch (err) {
    db.close();
    throw err;
  }
  if (!declared.length) return db;
  try {
    db.run('PRAGMA writable_schema = ON');
    for (const [type, name, sql] of declared) db.run('UPDATE sqlite_master SET sql = ? WHERE type = ? AND name = ?', [String(sql).replace(UNICASE, ''), String(type), String(name)]);
    db.run('PRAGMA writable_schema = OFF');
    return new SQL.Database(db.export());
  } finally {
    db.close();
  }
}
