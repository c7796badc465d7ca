// Health checks behind /healthz: the database answers a ping, every started adapter is connected.

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable' | 'shutting-down';
  checks: Record<string, CheckResult>;
}

export type HealthCheck = () => Promise<void> | void;

export class Health {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  constructor(private readonly timeoutMs = 2_000) {}

  /** A check passes when it returns and fails when it throws (or exceeds the timeout). */
  add(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  remove(name: string): void {
    this.checks.delete(name);
  }

  /** From now on /healthz answers 503 so load balancers stop sending work. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, r]) => r.ok);
    return { status: this.shuttingDown ? 'shutting-down' : ok ? 'ok' : 'unavailable', checks };
  }

  private async run(check: HealthCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(check),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { ok: true, latencyMs: elapsed(started) };
    } catch (e) {
      return { ok: false, latencyMs: elapsed(started), error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
