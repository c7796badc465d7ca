// Starts the real entry point (src/main.ts through tsx) as a child process, with a clean
// environment: no chat tokens or database URL leak in from the developer's shell or .env.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS'];

export interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
}

export function startMain(env: Record<string, string> = {}): Run {
  const base = Object.fromEntries(INHERITED.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  const child = spawn(process.execPath, ['--import', 'tsx/esm', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...base,
      STUDYBOT_ENV_FILE: '/dev/null',
      STUDYBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'studybot-main-')),
      CONTENT_DIR: join(ROOT, 'content'),
      ...env,
    },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs main with `lines` on stdin (then EOF) and waits for it to exit. */
export async function runMain(lines: string[], env: Record<string, string> = {}) {
  const run = startMain(env);
  run.child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Resolves when `predicate` holds for the output collected so far (checked on every chunk). */
export function waitForOutput(run: Run, predicate: (stdout: string, stderr: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate(run.stdout(), run.stderr())) {
        run.child.stdout.off('data', check);
        run.child.stderr.off('data', check);
        resolve();
      }
    };
    run.child.stdout.on('data', check);
    run.child.stderr.on('data', check);
    void run.exited.then((code) => reject(new Error(`main exited (${code}) first:\n${run.stdout()}\n${run.stderr()}`)));
    check();
  });
}
