// A backup appears under its name only complete: a write that fails part-way (a full disk) leaves
// nothing, not a truncated archive that blocks the next try (review finding 8).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewFile, type NewFileIo } from '../../src/db/backup.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-backup-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = () => mkdtempSync(join(root, 'f-'));
const bytes = new Uint8Array(256 * 1024).map((_, i) => i % 251);
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/** The real file system, except that the write stops half-way with ENOSPC, as on a full disk. */
const diskFullAfterHalf: NewFileIo = {
  open: async (file, flags) => {
    const handle = await open(file, flags);
    return {
      writeFile: async (data: Uint8Array) => {
        await handle.write(data.subarray(0, data.length / 2));
        throw enospc();
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    } as Awaited<ReturnType<NewFileIo['open']>>;
  },
  link,
  unlink,
};

describe('writeNewFile (db:backup)', () => {
  it('a write that fails part-way leaves neither the archive nor the partial file, and says why', async () => {
    const dir = folder();
    const file = join(dir, 'b.tgz');
    await expect(writeNewFile(file, bytes, diskFullAfterHalf)).rejects.toThrow(`cannot write the backup ${file} (no space left on the device); nothing was left behind`);
    expect(readdirSync(dir)).toEqual([]);
    await writeNewFile(file, bytes); // the next try is not blocked
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
    expect(readdirSync(dir)).toEqual(['b.tgz']);
  });

  it('refuses an existing file and leaves it as it was', async () => {
    const dir = folder();
    const file = join(dir, 'b.tgz');
    writeFileSync(file, 'older backup');
    await expect(writeNewFile(file, bytes)).rejects.toThrow(`${file} already exists: name a new file`);
    expect(readFileSync(file, 'utf8')).toBe('older backup');
    expect(readdirSync(dir)).toEqual(['b.tgz']);
  });

  it('refuses while a partial file of the same name exists, without touching it', async () => {
    const dir = folder();
    const file = join(dir, 'b.tgz');
    writeFileSync(`${file}.partial`, 'half');
    await expect(writeNewFile(file, bytes)).rejects.toThrow(`${file}.partial exists (a backup that was interrupted, or one running now): remove it and try again`);
    expect(readdirSync(dir)).toEqual(['b.tgz.partial']);
  });

  it('on a file system without hard links, renames the complete file instead', async () => {
    const dir = folder();
    const file = join(dir, 'b.tgz');
    const noLinks: NewFileIo = { open: (f, flags) => open(f, flags), unlink, link: () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })) };
    await writeNewFile(file, bytes, noLinks);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
    expect(readdirSync(dir)).toEqual(['b.tgz']);
  });
});
