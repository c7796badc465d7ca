// Runs the real entry point or a CLI script (through tsx) as a child process with a clean environment,
// optionally as another user (a read-only folder is only read-only for someone who is not root).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startMain, type Run } from '../console/spawn-main.js';

export { ROOT };

const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS'];

export interface Finished {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs `script` (relative to the repository) with `args`; kills it after `timeoutMs` so a hang fails the test. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  opts: { stdin?: string; uid?: number; timeoutMs?: number } = {},
): Promise<Finished> {
  const base = Object.fromEntries(INHERITED.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  const child = spawn(process.execPath, ['--import', 'tsx/esm', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...base, STUDYBOT_ENV_FILE: '/dev/null', CONTENT_DIR: join(ROOT, 'content'), ...env },
    stdio: 'pipe',
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 'killed (hung)' : signal) ?? -1, stdout, stderr });
    }),
  );
}

/** The bot (src/main.ts) with these console lines on stdin. */
export const runBot = (lines: string[], env: Record<string, string>, opts: { uid?: number; timeoutMs?: number } = {}) =>
  runScript('src/main.ts', [], env, { ...opts, stdin: lines.map((l) => `${l}\n`).join('') });

/** A bot that keeps running (stdin stays open) until killed. */
export const startBot = (env: Record<string, string>): Run => startMain(env);

/** Every entry of a folder with its type, mode and content hash: equal snapshots mean byte-for-byte unchanged. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = join(rel, name);
      const info = lstatSync(join(dir, path));
      if (info.isDirectory()) {
        out[path] = `dir ${info.mode.toString(8)}`;
        walk(path);
      } else {
        out[path] = `file ${info.mode.toString(8)} ${info.size} ${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')}`;
      }
    }
  };
  walk('');
  return out;
}
