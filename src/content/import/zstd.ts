// Zstandard-compressed entries of new Anki packages (collection.anki21b), unpacked with fzstd (pure JS, loaded
// only when a package needs it) and never past a cap. A frame's header states its window size and often its
// content size; fzstd allocates a buffer of that size up front, so both are checked here before it sees the frame.
// Anki writes one frame. fzstd reads any frames that follow, each allocating the window its own header asks for
// (up to 2 GB), so the first frame's blocks are walked to its end and anything after it is refused.

import { megabytes as mb } from '../limits/index.js';

const MAGIC = 0xfd2fb528;

export type Unpacked = { data: Uint8Array } | { problem: string; tooLarge?: true };

interface FrameHeader {
  windowBytes: number;
  contentBytes: number | undefined;
  dictionary: boolean;
  /** Where the frame's first block starts. */
  headerBytes: number;
  checksum: boolean;
}

/** The first frame's header (RFC 8878, 3.1.1.1), or undefined when the bytes do not start with a zstd frame. */
export function frameHeader(bytes: Uint8Array): FrameHeader | undefined {
  if (bytes.length < 6) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const descriptor = bytes[4]!;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const sizeFlag = descriptor >> 6;
  const sizeBytes = sizeFlag ? 1 << sizeFlag : singleSegment;
  let at = 5 + (singleSegment ? 0 : 1) + dictionaryBytes;
  if (at + sizeBytes > bytes.length) return undefined;
  let contentBytes: number | undefined;
  if (sizeBytes === 1) contentBytes = bytes[at]!;
  else if (sizeBytes === 2) contentBytes = view.getUint16(at, true) + 256;
  else if (sizeBytes === 4) contentBytes = view.getUint32(at, true);
  else if (sizeBytes === 8) contentBytes = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  at += sizeBytes;
  let windowBytes = contentBytes ?? 0;
  if (!singleSegment) {
    const w = bytes[5]!;
    const base = 2 ** (10 + (w >> 3));
    windowBytes = base + (base / 8) * (w & 7);
  }
  return {
    windowBytes,
    contentBytes,
    dictionary: dictionaryBytes > 0 && bytes.subarray(5 + (singleSegment ? 0 : 1), 5 + (singleSegment ? 0 : 1) + dictionaryBytes).some((b) => b !== 0),
    headerBytes: at,
    checksum: ((descriptor >> 2) & 1) === 1,
  };
}

/**
 * Where the frame starting at 0 ends, walking its block headers (RFC 8878, 3.1.1.2); undefined when the bytes end
 * first or a block is of the reserved type (fzstd then reports the damage).
 */
export function frameEnd(bytes: Uint8Array, header: FrameHeader): number | undefined {
  let at = header.headerBytes;
  for (;;) {
    if (at + 3 > bytes.length) return undefined;
    const block = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    const [last, type, size] = [block & 1, (block >> 1) & 3, block >>> 3];
    if (type === 3) return undefined;
    // A raw or compressed block holds `size` bytes; an RLE block one byte, repeated `size` times.
    at += 3 + (type === 1 ? 1 : size);
    if (last) break;
  }
  at += header.checksum ? 4 : 0;
  return at <= bytes.length ? at : undefined;
}

class OverCap extends Error {}

/** Unpacks zstd frames to at most `cap` bytes; why not, when it cannot. Never throws. */
export async function unzstd(bytes: Uint8Array, cap: number): Promise<Unpacked> {
  const header = frameHeader(bytes);
  if (!header) return { problem: 'is not zstd-compressed as Anki writes it' };
  if (header.dictionary) return { problem: 'is compressed with a zstd dictionary, which the loader cannot read' };
  if (header.contentBytes !== undefined && header.contentBytes > cap) {
    return { problem: `unpacks to ${mb(header.contentBytes)}; the limit is ${mb(cap)}`, tooLarge: true };
  }
  if (header.windowBytes > cap) return { problem: `asks for a ${mb(header.windowBytes)} zstd window; the limit is ${mb(cap)}`, tooLarge: true };
  const end = frameEnd(bytes, header);
  if (end !== undefined && end < bytes.length) return { problem: `holds ${bytes.length - end} bytes after its zstd frame (Anki writes one frame)` };
  const { Decompress } = await import('fzstd');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > cap) throw new OverCap();
    // fzstd may reuse its buffer between calls.
    chunks.push(chunk.slice());
  });
  try {
    const step = 1 << 16;
    for (let at = 0; at < bytes.length; at += step) stream.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  } catch (err) {
    if (err instanceof OverCap) return { problem: `unpacks to more than ${mb(cap)}, the limit`, tooLarge: true };
    return { problem: `does not unpack (${err instanceof Error ? err.message : String(err)})` };
  }
  if (header.contentBytes !== undefined && total < header.contentBytes) return { problem: 'is damaged (cut short)' };
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { data };
}
