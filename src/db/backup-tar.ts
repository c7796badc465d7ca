// The tar archive of a PGlite data folder (dumpDataDir / loadDataDir): read its entries, drop the
// lock files that live in the folder beside the database, gzip and gunzip.
import { gunzipSync, gzipSync } from 'node:zlib';
import { LOCK_ENTRIES } from './data-dir-lock.js';

const BLOCK = 512;

export interface TarEntry {
  /** Path inside the data folder, without the leading slash: `PG_VERSION`, `base/1/112`. */
  name: string;
  type: string;
  /** The entry's bytes in the archive: header plus padded data. */
  start: number;
  end: number;
  dataStart: number;
  size: number;
}

const text = (buf: Uint8Array, from: number, to: number) => Buffer.from(buf.subarray(from, to)).toString('utf8').replace(/\0.*$/s, '');

/** The entries of a ustar archive; throws when it is not one. */
export function tarEntries(tar: Uint8Array): TarEntry[] {
  if (tar.length < BLOCK) throw new Error('not a tar archive');
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (text(header, 257, 262) !== 'ustar') throw new Error('not a tar archive');
    const prefix = text(header, 345, 500);
    const name = `${prefix ? `${prefix}/` : ''}${text(header, 0, 100)}`.replace(/^\.?\/+/, '');
    const size = parseInt(text(header, 124, 136).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) throw new Error('not a tar archive (bad entry size)');
    const end = offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (end > tar.length) throw new Error('the archive is truncated');
    entries.push({ name, type: String.fromCharCode(header[156] ?? 48), start: offset, end, dataStart: offset + BLOCK, size });
    offset = end;
  }
  return entries;
}

export const isLockEntry = (name: string) => LOCK_ENTRIES.some((lock) => name === lock || name.startsWith(`${lock}/`));

/** The archive without the data folder's lock entries. */
export function withoutLockEntries(tar: Uint8Array): Uint8Array {
  const kept = tarEntries(tar).filter((e) => !isLockEntry(e.name));
  return Buffer.concat([...kept.map((e) => tar.subarray(e.start, e.end)), Buffer.alloc(BLOCK * 2)]);
}

/** The content of one regular file in the archive, or null. */
export function entryText(tar: Uint8Array, entries: TarEntry[], name: string): string | null {
  const entry = entries.find((e) => e.name === name && (e.type === '0' || e.type === '\0'));
  return entry ? Buffer.from(tar.subarray(entry.dataStart, entry.dataStart + entry.size)).toString('utf8') : null;
}

export const isGzip = (buf: Uint8Array) => buf[0] === 0x1f && buf[1] === 0x8b;
export const gzip = (tar: Uint8Array) => gzipSync(tar, { level: 6 });
export const gunzip = (buf: Uint8Array) => gunzipSync(buf);
