// STAGES=1 in bench:load: where a click's time goes inside the bot during the open loop (closed / result: closed loop (b) / (c)) — queue
// wait for a work slot, the core (its database statements included), waiting for the user's
// busy note, sending the reply — and each group-commit statement's size and duration.

import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { ClickPath, type ClickTimings } from '../../adapters/slack/click-path.js';
import { GroupCommit, type BatchTiming } from '../../src/db/group-commit.js';
import type { Studybot } from '../../src/quiz/api.js';
import { pct } from './latency-table.js';

export class StageRecorder {
  private clicks: ClickTimings[] = [];
  private batches: BatchTiming[] = [];
  private core: number[] = [];
  private inCore = 0;
  private maxInCore = 0;
  private on = false;
  private cpu: NodeJS.CpuUsage | undefined;
  private actions = 0;
  private profiler: Session | undefined;

  private heapProfiler: Session | undefined;

  /**
   * CPU_PROFILE=<file>: a V8 CPU profile of the bot process over the measured phase only;
   * HEAP_PROFILE=<file>: a sampling heap profile (what it allocates, one sample per 32 kB) over the same.
   */
  constructor(
    private readonly profileFile = process.env.CPU_PROFILE,
    private readonly heapFile = process.env.HEAP_PROFILE,
  ) {}

  /** The bot with its action timed (the core alone, without the adapter). */
  wrap(bot: Studybot): Studybot {
    return {
      ...bot,
      action: async (inv) => {
        const t0 = performance.now();
        this.inCore++;
        this.maxInCore = Math.max(this.maxInCore, this.inCore);
        try {
          return await bot.action(inv);
        } finally {
          this.inCore--;
          if (this.on) {
            this.core.push(performance.now() - t0);
            this.actions++;
          }
        }
      },
    };
  }

  async start(): Promise<void> {
    if (this.profileFile) {
      this.profiler = new Session();
      this.profiler.connect();
      await this.profiler.post('Profiler.enable');
      await this.profiler.post('Profiler.start');
    }
    if (this.heapFile) {
      this.heapProfiler = new Session();
      this.heapProfiler.connect();
      // Objects collected before the end are kept in the profile: it shows what was allocated, not what survived.
      await this.heapProfiler.post('HeapProfiler.startSampling', { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    this.on = true;
    this.cpu = process.cpuUsage();
    ClickPath.observe = (t) => this.clicks.push(t);
    GroupCommit.observe = (t) => this.batches.push(t);
  }

  async stop(): Promise<void> {
    if (this.profiler) {
      const { profile } = await this.profiler.post('Profiler.stop');
      await writeFile(this.profileFile!, JSON.stringify(profile));
      this.profiler.disconnect();
      console.log(`CPU profile of the studybot ${loopName()} written to ${this.profileFile}`);
    }
    if (this.heapProfiler) {
      const { profile } = await this.heapProfiler.post('HeapProfiler.stopSampling');
      await writeFile(this.heapFile!, JSON.stringify(profile));
      this.heapProfiler.disconnect();
      console.log(`Allocation profile of the studybot ${loopName()} written to ${this.heapFile}`);
    }
    this.on = false;
    this.cpu = process.cpuUsage(this.cpu);
    ClickPath.observe = undefined;
    GroupCommit.observe = undefined;
  }

  print(): void {
    const line = (label: string, xs: number[]) =>
      console.log(`  ${label.padEnd(30)} p50 ${pct(xs, 50).toFixed(1)}  p95 ${pct(xs, 95).toFixed(1)}  p99 ${pct(xs, 99).toFixed(1)}  max ${Math.max(...xs).toFixed(1)} ms`);
    const loop = loopName();
    console.log(`\nStages of the Slack ${loop}, ${this.clicks.length} clicks; most in the core at once: ${this.maxInCore}`);
    line('queued for a work slot', this.clicks.map((c) => c.queued));
    line('core (bot.action)', this.core);
    line('slot → replies ready', this.clicks.map((c) => c.work));
    line('waiting for the busy note', this.clicks.map((c) => c.note));
    line('reply send (response_url)', this.clicks.map((c) => c.send));
    console.log(`  busy notes sent: ${this.clicks.filter((c) => c.busyNote).length}`);
    // CPU time is much less sensitive to a shared machine than wall time: compare variants by it.
    if (this.cpu) {
      const ms = (this.cpu.user + this.cpu.system) / 1000;
      console.log(`  bot process CPU: ${(ms / 1000).toFixed(2)} s = ${(ms / Math.max(1, this.actions)).toFixed(2)} ms per click (acks, core, replies; ${this.actions} clicks)`);
    }
    const byName = new Map<string, BatchTiming[]>();
    for (const b of this.batches) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
    for (const [name, bs] of byName) {
      const items = bs.reduce((n, b) => n + b.size, 0);
      console.log(
        `  group commit "${name}": ${bs.length} statements, ${items} items, batch p50 ${pct(bs.map((b) => b.size), 50)} max ${Math.max(...bs.map((b) => b.size))}; ` +
          `statement p50 ${pct(bs.map((b) => b.ms), 50).toFixed(1)} p99 ${pct(bs.map((b) => b.ms), 99).toFixed(1)} ms; wait p99 ${pct(bs.map((b) => b.waitMs), 99).toFixed(1)} ms`,
      );
    }
  }
}

/** The loop STAGES times: 1 the open loop, closed the closed loop (b), result the closed loop (c). */
function loopName(): string {
  if (process.env.STAGES === 'closed') return 'closed loop (b), clients clicking once acked';
  if (process.env.STAGES === 'result') return 'closed loop (c), users waiting for their result';
  return 'open loop (warm-up included)';
}
