// CPU accounting for bench:load (Linux /proc; zeros elsewhere): what each process of the run used
// over a phase, so a closed loop's cost per click can be split between the bot, the stand-ins and
// generators, and Postgres.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms a process has used so far, its waited-for children included (0 when it cannot be read). */
export function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime (backends that ended count in the postmaster's).
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10; // USER_HZ = 100
  } catch {
    return 0;
  }
}

/** CPU ms used so far by the local Postgres server's processes (0 when not found). */
export function postgresCpuMs(): number {
  let ms = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') ms += processCpuMs(pid);
      } catch {
        // the process ended
      }
    }
  } catch {
    return 0;
  }
  return ms;
}

/** Per thread of this process: name → [ms on a CPU, ms runnable but waiting for one] (schedstat). */
export function threadSched(): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        const name = threadName(tid);
        const prev = out.get(name) ?? [0, 0];
        out.set(name, [prev[0] + run! / 1e6, prev[1] + wait! / 1e6]);
      } catch {
        // the thread ended
      }
    }
  } catch {
    // not Linux
  }
  return out;
}

/** Node names its GC and compiler helpers and libuv's pool all "node"; worker threads carry their own name when set. */
function threadName(tid: string): string {
  if (tid === String(process.pid)) return 'main';
  const comm = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
  return comm === 'node' ? 'other threads' : comm;
}

export interface ThreadCpu {
  name: string;
  runMs: number;
  waitMs: number;
}

/** Starts counting; the returned function gives each part's CPU since then. */
export function cpuMeter(others: Record<string, number | undefined> = {}): () => { bot: number; postgres: number; others: Record<string, number>; threads: ThreadCpu[] } {
  const bot0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const s0 = threadSched();
  const o0 = Object.fromEntries(Object.entries(others).map(([k, pid]) => [k, pid ? processCpuMs(pid) : 0]));
  return () => {
    const bot = process.cpuUsage(bot0);
    const threads = [...threadSched()]
      .map(([name, [run, wait]]) => {
        const [run0, wait0] = s0.get(name) ?? [0, 0];
        return { name, runMs: run - run0, waitMs: wait - wait0 };
      })
      .filter((t) => t.runMs > 1);
    const used = Object.fromEntries(Object.entries(others).map(([k, pid]) => [k, pid ? processCpuMs(pid) - o0[k]! : 0]));
    return { bot: (bot.user + bot.system) / 1000, postgres: postgresCpuMs() - pg0, others: used, threads };
  };
}

/** "CPU per click, label: bot 812 µs (main 600 / waiting 90, …), Postgres …, total …". */
export function cpuLine(label: string, clicks: number, parts: Record<string, number>, threads: ThreadCpu[]): string {
  const per = (ms: number) => `${Math.round((ms / Math.max(1, clicks)) * 1000)} µs`;
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const shown = Object.entries(parts).map(([k, ms]) => (k === 'bot' && threads.length ? `${k} ${per(ms)} (${threads.map((t) => `${t.name} ${per(t.runMs)} on a CPU / ${per(t.waitMs)} waiting`).join(', ')})` : `${k} ${per(ms)}`));
  return `CPU per click, ${label}: ${shown.join(', ')}; all ${per(total)}`;
}

/** The host's CPU time so far (all CPUs, ms) and the part of it the hypervisor gave to other machines (steal). */
export function hostCpuMs(): { total: number; steal: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0) * 10;
    return { total, steal: (fields[7] ?? 0) * 10 };
  } catch {
    return { total: 0, steal: 0 };
  }
}

/** "steal 0.4 % of the host's CPU time": how much of the run the virtual machine waited for its host's CPUs. */
export function stealSince(start: { total: number; steal: number }): string {
  const now = hostCpuMs();
  const total = now.total - start.total;
  return total > 0 ? `steal ${(((now.steal - start.steal) / total) * 100).toFixed(1)} % of the host's CPU time` : 'steal unknown';
}
