// Graceful shutdown: on SIGTERM/SIGINT run the registered steps in order (stop intake, drain
// in-flight work, stop the scheduler, close adapters, close the database) and exit 0; if that
// takes longer than the bound, exit 1 anyway. A second signal exits at once.

import type { Logger } from 'pino';

/** Counts work in progress so shutdown can wait for it. */
export class InFlight {
  private active = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.active;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves once nothing is in flight. */
  drain(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface ShutdownOptions {
  log: Logger;
  timeoutMs: number;
  /** Injected for tests; default process.exit. */
  exit?: (code: number) => void;
}

/** Where a step runs: lower first, equal ones in the order added. */
export const ShutdownPhase = {
  intake: 0,
  scheduler: 10,
  inFlight: 20,
  flush: 30,
  adapters: 40,
  content: 50,
  database: 60,
  ops: 70,
} as const;

export interface Shutdown {
  /** Steps run by phase, then in the order added; a failing step is logged and the next one still runs. */
  add(name: string, step: () => Promise<void> | void, phase?: number): void;
  /** Runs every step once (later calls return the same promise), then exits with `exitCode` (default 0). */
  run(reason: string, exitCode?: number): Promise<void>;
  readonly started: boolean;
  /** SIGTERM and SIGINT start shutdown; a second signal forces exit. */
  installSignalHandlers(proc?: NodeJS.Process): void;
}

export function createShutdown(opts: ShutdownOptions): Shutdown {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const steps: { name: string; step: () => Promise<void> | void; phase: number }[] = [];
  let running: Promise<void> | undefined;

  const run = (reason: string, exitCode = 0): Promise<void> => {
    if (running) return running;
    const started = Date.now();
    opts.log.info({ reason, timeoutMs: opts.timeoutMs }, 'shutting down');
    const force = setTimeout(() => {
      opts.log.error({ timeoutMs: opts.timeoutMs }, 'shutdown took too long; forcing exit');
      exit(1);
    }, opts.timeoutMs);
    force.unref?.();
    running = (async () => {
      for (const { name, step } of [...steps].sort((a, b) => a.phase - b.phase)) {
        try {
          await step();
          opts.log.debug({ step: name }, 'shutdown step done');
        } catch (e) {
          opts.log.error({ step: name, err: e }, 'shutdown step failed');
        }
      }
      clearTimeout(force);
      opts.log.info({ ms: Date.now() - started }, 'stopped');
      exit(exitCode);
    })();
    return running;
  };

  return {
    add: (name, step, phase = ShutdownPhase.adapters) => void steps.push({ name, step, phase }),
    run,
    get started() {
      return running !== undefined;
    },
    installSignalHandlers(proc = process) {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        proc.on(signal, () => {
          if (running) {
            opts.log.warn({ signal }, 'second signal; exiting now');
            exit(1);
            return;
          }
          void run(signal);
        });
      }
    },
  };
}
