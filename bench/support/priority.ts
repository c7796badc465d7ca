// The load generators and the stand-ins for Slack and Discord share this machine with the bot, but
// in production they are other machines: when one of them waits for a CPU, the wait would be
// counted as the bot's latency. They run at a higher priority (nice -10) where the OS allows it
// (root, or CAP_SYS_NICE); the bot, Postgres and HOG=1's busy loop stay at the default.
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';

const NICE = Number(process.env.BENCH_NICE ?? -10);
let refused = false;

/** Raises a helper process's priority; says once when the OS refuses. */
export function raisePriority(child: ChildProcess): void {
  if (!child.pid || NICE === 0) return;
  try {
    os.setPriority(child.pid, NICE);
  } catch {
    if (!refused) console.log(`(the load generators run at the default priority: nice ${NICE} needs root or CAP_SYS_NICE)`);
    refused = true;
  }
}

/** What the header line says about it. */
export const priorityNote = NICE === 0 ? 'generators and fakes at the default priority' : `generators and fakes at nice ${NICE} where allowed`;
