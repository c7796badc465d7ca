// An .xlsx workbook is a zip archive. Before exceljs unpacks it, its central directory (what each entry says it
// unpacks to) is checked against the limits, and every entry is unpacked once with its declared size as a hard
// cap, so an archive that lies about its sizes is refused here instead of filling the parser's memory.
// Why these numbers: docs/content-intake.md ("Excel workbooks").
import { inflateRawSync } from 'node:zlib';
import type { Finding } from '../types.js';
import { DEFAULT_LIMITS, megabytes as mb, type IntakeLimits } from './index.js';

/**
 * What one workbook may unpack to, in all: its XML takes two to three times the text it holds, and that text is
 * capped like any file's (maxFileBytes), so a few times maxFileBytes (10 MB by default) holds any workbook of
 * a size the loader reads as text. Pictures are already compressed: they unpack to about their size in the file.
 */
export const maxUnpackedBytes = (limits: IntakeLimits = DEFAULT_LIMITS): number => 5 * limits.maxFileBytes;

/** Entries in one archive (a workbook of 200 sheets has about 500). */
export const MAX_ZIP_ENTRIES = 5_000;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** What the central directory says the entry unpacks to. */
  size: number;
  localOffset: number;
  encrypted: boolean;
}

/** Old Excel (.xls) and password-protected workbooks are OLE compound files, not zips. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The central directory's entries, or why the bytes are not a zip archive that can be read. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) return 'old-excel';
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return 'it is not a zip archive';
  const count = u16(end + 10);
  const dirOffset = u32(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return 'it is a ZIP64 archive (larger than any file the loader reads)';
  if (count > MAX_ZIP_ENTRIES) return `it holds ${count} entries (at most ${MAX_ZIP_ENTRIES})`;
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return 'its zip directory is damaged';
    const nameLength = u16(at + 28);
    entries.push({
      name: Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, Math.min(nameLength, Math.max(0, bytes.length - at - 46))).toString('utf8'),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      localOffset: u32(at + 42),
      encrypted: (u16(at + 8) & 1) === 1,
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

const refused = (path: string, message: string, code: string): Finding => ({ path, line: 1, severity: 'error', message, code });

/**
 * The first reason this archive is not unpacked, as an error finding; undefined when it may be.
 * Declared sizes are checked first (nothing is unpacked), then each entry is unpacked with its declared size as
 * its cap: an entry that unpacks to more (or less) than it declares is refused.
 */
export function checkArchive(bytes: Uint8Array, path: string, limits: IntakeLimits = DEFAULT_LIMITS): Finding | undefined {
  const entries = zipEntries(bytes);
  if (entries === 'old-excel') {
    return refused(path, 'this is an old Excel (.xls) workbook or a password-protected one, not an .xlsx: save it as Excel Workbook (.xlsx) without a password, or as CSV; this file is not read', 'not-a-deck');
  }
  if (typeof entries === 'string') return refused(path, `not an .xlsx workbook: ${entries}; save it again as Excel Workbook (.xlsx), or as CSV; this file is not read`, 'unreadable-workbook');
  const limit = maxUnpackedBytes(limits);
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > limit) {
    return refused(path, `workbook unpacks to ${mb(total)}; the limit is ${mb(limit)}; this file is not read (split it, or remove pictures)`, 'too-large');
  }
  for (const e of entries) {
    if (e.encrypted) return refused(path, `workbook entry ${e.name} is encrypted; save the workbook without a password; this file is not read`, 'unreadable-workbook');
    const problem = unpackProblem(bytes, e);
    if (problem) return refused(path, `workbook entry ${e.name} ${problem}; this file is not read (save it again from Excel)`, problem.startsWith('unpacks to more') ? 'too-large' : 'unreadable-workbook');
  }
  return undefined;
}

/** Unpacks one entry, never past its declared size; why it does not unpack to exactly that size. */
function unpackProblem(bytes: Uint8Array, e: ZipEntry): string | undefined {
  const out = unpackEntry(bytes, e);
  return typeof out === 'string' ? out : undefined;
}

/**
 * One entry's bytes, unpacked never past its declared size, or why it does not unpack to exactly that size
 * (a problem starting "unpacks to more" is a lie about its size). Check the declared size against a limit first.
 */
export function unpackEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = e.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return 'is damaged (no local header)';
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + e.compressedSize > bytes.length) return 'is damaged (cut short)';
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) return e.compressedSize === e.size ? data : 'is damaged (stored size differs)';
  if (e.method !== 8) return `uses compression method ${e.method} (only stored and deflated entries are read)`;
  let out: Buffer;
  try {
    // One byte over the declared size is enough to know the declaration lies.
    out = inflateRawSync(data, { maxOutputLength: e.size + 1 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? `unpacks to more than the ${e.size} bytes it declares (a zip bomb?)` : 'is damaged (does not unpack)';
  }
  if (out.length > e.size) return `unpacks to more than the ${e.size} bytes it declares (a zip bomb?)`;
  return out.length === e.size ? out : `is damaged (unpacks to ${out.length} bytes, not the ${e.size} it declares)`;
}
