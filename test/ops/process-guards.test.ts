// The process-level policy, in a real process: an unhandled rejection is logged and the process
// keeps running; an uncaught exception is logged as fatal and ends it with exit 1.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('process guards', () => {
  it('logs an unhandled rejection and keeps serving; exits 1 after logging an uncaught exception', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'guarded-process.ts')], { cwd: join(HERE, '../..'), stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const lines = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
    expect(lines.map((l) => [l.level, l.msg, l.err?.message])).toEqual([
      [50, 'unhandled rejection: logged, still serving', 'a dropped promise failed'],
      [30, 'still serving', undefined],
      [60, 'uncaught exception', 'a synchronous throw reached the top'],
      [30, 'shutting down', undefined],
    ]);
    expect(code).toBe(1);
  }, 60_000);
});
