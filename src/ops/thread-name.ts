// Names the calling thread for the operating system (`top -H`, `ps -L`, /proc/<pid>/task/*/comm), so a
// worker's CPU shows apart from the main thread's and from Node's own helper threads (all "node").
// Linux only; elsewhere, or without /proc, nothing happens.
import { writeFileSync } from 'node:fs';

/** At most 15 characters are kept (the kernel's limit). */
export function nameThisThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // not Linux, or /proc is not mounted
  }
}
