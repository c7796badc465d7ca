import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { StudybotError } from '../../src/errors.js';
import { Health } from '../../src/ops/health.js';
import { RESTARTING, instrumentBot, instrumentStore } from '../../src/ops/instrument.js';
import type { NewAnswer, NewRound, QuizStore, RecordAnswerResult, RoundRecord } from '../../src/quiz/store.js';
import * as metrics from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/server.js';
import { InFlight, createShutdown } from '../../src/ops/shutdown.js';
import { FakeBot } from '../console/fake-bot.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';

function captureLog(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  return { log, lines };
}

const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C9' };
const user: UserRef = { platform: 'slack', workspace: 'T1', id: 'U1', name: 'alice', isAdmin: false };

describe('ops HTTP server', () => {
  let ops: OpsServer | undefined;
  afterEach(async () => {
    await ops?.close();
    ops = undefined;
  });

  it('/healthz answers 200 with every check when all pass, 503 naming the failing one otherwise', async () => {
    const health = new Health();
    let dbUp = true;
    health.add('database', async () => {
      if (!dbUp) throw new Error('connection refused');
    });
    health.add('slack', () => undefined);
    ops = await startOpsServer({ health, registry: metrics.registry, port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${ops.port}/healthz`;

    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    const body = (await ok.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'slack']);

    dbUp = false;
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: { ok: false, error: 'connection refused' }, slack: { ok: true } },
    });

    dbUp = true;
    health.markShuttingDown();
    const closing = await fetch(url);
    expect(closing.status).toBe(503);
    expect(((await closing.json()) as { status: string }).status).toBe('shutting-down');
  });

  it('/metrics serves the Prometheus text format with the bot metrics', async () => {
    metrics.roundsPosted.inc({ platform: 'discord', kind: 'quiz' });
    metrics.answers.inc({ platform: 'discord', result: 'correct' });
    metrics.ackLatency.observe({ platform: 'slack', kind: 'action' }, 0.042);
    metrics.schedulerLag.observe(1.5);
    metrics.recordError(new StudybotError('db:unavailable', 'x'), 'slack');
    metrics.recordError(new Error('boom'));
    ops = await startOpsServer({ health: new Health(), registry: metrics.registry, port: 0, host: '127.0.0.1' });
    const res = await fetch(`http://127.0.0.1:${ops.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^studybot_rounds_posted_total\{platform="discord",kind="quiz"\} [1-9]/m);
    expect(text).toMatch(/^studybot_answers_total\{platform="discord",result="correct"\} [1-9]/m);
    expect(text).toMatch(/^studybot_interaction_ack_seconds_bucket\{le="0\.05",platform="slack",kind="action"\} [1-9]/m);
    expect(text).toMatch(/^studybot_scheduler_lag_seconds_count [1-9]/m);
    expect(text).toMatch(/^studybot_errors_total\{kind="db:unavailable",platform="slack"\} [1-9]/m);
    expect(text).toMatch(/^studybot_errors_total\{kind="internal",platform="none"\} [1-9]/m);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    ops = await startOpsServer({ health: new Health(), registry: metrics.registry, port: 0, host: '127.0.0.1' });
    expect((await fetch(`http://127.0.0.1:${ops.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ops.port}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('health checks', () => {
  afterEach(() => vi.useRealTimers());

  it('a check that hangs fails after the timeout instead of hanging /healthz', async () => {
    vi.useFakeTimers();
    const health = new Health(2_000);
    health.add('database', () => new Promise<void>(() => undefined));
    const pending = health.report();
    await vi.advanceTimersByTimeAsync(2_000);
    const report = await pending;
    expect(report.status).toBe('unavailable');
    expect(report.checks.database).toMatchObject({ ok: false, error: 'timed out after 2000 ms' });
  });
});

describe('instrumented core', () => {
  it('logs every interaction with platform, workspace, channel, latency and outcome, and counts it', async () => {
    const { log, lines } = captureLog();
    const inflight = new InFlight();
    const bot = instrumentBot(new FakeBot({ now: () => new Date() }), { log, inflight, closing: () => false });
    const before = (await metrics.interactions.get()).values.find((v) => v.labels.outcome === 'ok' && v.labels.platform === 'slack')?.value ?? 0;

    await bot.command({ channel, user, command: 'apigw', text: 'stats' });
    await expect(bot.command({ channel, user, command: 'apigw', text: 'dance' })).rejects.toThrow('Unknown subcommand');

    expect(lines[0]).toMatchObject({ platform: 'slack', workspace: 'T1', channel: 'C9', interaction: 'command', name: '/apigw stats', outcome: 'ok', msg: 'interaction' });
    expect(typeof lines[0]!.latencyMs).toBe('number');
    expect(lines[1]).toMatchObject({ outcome: 'rejected', name: '/apigw dance' });
    const after = (await metrics.interactions.get()).values.find((v) => v.labels.outcome === 'ok' && v.labels.platform === 'slack')?.value ?? 0;
    expect(after - before).toBe(1);
  });

  it('the instrumented store counts rounds started and answers by result', async () => {
    const answer = (correct: boolean, points: number) => ({ roundId: 'r', userKey: 'u', choice: ['A'], correct, points, bonus: 0, answeredAt: new Date() });
    const results: RecordAnswerResult[] = [
      { status: 'recorded', answer: answer(true, 10) },
      { status: 'recorded', answer: answer(false, 5) },
      { status: 'recorded', answer: answer(false, 0) },
      { status: 'duplicate', answer: answer(true, 10) },
      { status: 'closed', closedAt: new Date() },
      { status: 'not-found' },
    ];
    const base = {
      recordAnswer: async () => results.shift()!,
      createRound: async (round: NewRound) => (round.kind === 'daily' ? { ok: false as const, reason: 'daily-exists' as const, existing: null } : { ok: true as const, round: {} as RoundRecord }),
      leaderboard: () => 'passed through',
    };
    const store = instrumentStore(base as unknown as QuizStore);
    const count = async (metric: typeof metrics.answers | typeof metrics.roundsPosted, labels: Record<string, string>) =>
      (await metric.get()).values.find((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x))?.value ?? 0;
    const before = {
      correct: await count(metrics.answers, { platform: 'slack', result: 'correct' }),
      partial: await count(metrics.answers, { platform: 'slack', result: 'partial' }),
      wrong: await count(metrics.answers, { platform: 'slack', result: 'wrong' }),
      duplicate: await count(metrics.answers, { platform: 'slack', result: 'duplicate' }),
      late: await count(metrics.answers, { platform: 'slack', result: 'late' }),
      invalid: await count(metrics.answers, { platform: 'slack', result: 'invalid' }),
      quiz: await count(metrics.roundsPosted, { platform: 'slack', kind: 'quiz' }),
      daily: await count(metrics.roundsPosted, { platform: 'slack', kind: 'daily' }),
    };
    for (let i = 0; i < 6; i++) await store.recordAnswer({ channelKey: 'slack:T1:C9' } as NewAnswer, new Date());
    await store.createRound({ channelKey: 'slack:T1:C9', kind: 'quiz' } as NewRound);
    await store.createRound({ channelKey: 'slack:T1:C9', kind: 'daily' } as NewRound);
    for (const result of ['correct', 'partial', 'wrong', 'duplicate', 'late', 'invalid'] as const) {
      expect((await count(metrics.answers, { platform: 'slack', result })) - before[result], result).toBe(1);
    }
    expect((await count(metrics.roundsPosted, { platform: 'slack', kind: 'quiz' })) - before.quiz).toBe(1);
    expect((await count(metrics.roundsPosted, { platform: 'slack', kind: 'daily' })) - before.daily).toBe(0);
    expect((store as unknown as typeof base).leaderboard()).toBe('passed through');
  });

  it('refuses new interactions once shutdown began, and shutdown waits for those in flight', async () => {
    const { log } = captureLog();
    const inflight = new InFlight();
    let closing = false;
    const core = new FakeBot({ now: () => new Date() });
    let release!: () => void;
    core.command = async () => {
      await new Promise<void>((r) => (release = r));
      return [];
    };
    const bot = instrumentBot(core, { log, inflight, closing: () => closing });
    const slow = bot.command({ channel, user, command: 'apigw', text: 'stats' });
    expect(inflight.size).toBe(1);
    closing = true;
    await expect(bot.command({ channel, user, command: 'apigw', text: 'stats' })).rejects.toThrow(RESTARTING);
    let drained = false;
    const drain = inflight.drain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    release();
    await slow;
    await drain;
    expect(drained).toBe(true);
  });
});

describe('graceful shutdown', () => {
  afterEach(() => vi.useRealTimers());

  it('runs the steps in order once, keeps going past a failing step, then exits 0', async () => {
    const { log, lines } = captureLog();
    const exit = vi.fn();
    const shutdown = createShutdown({ log, timeoutMs: 10_000, exit });
    const order: string[] = [];
    shutdown.add('stop intake', () => void order.push('intake'));
    shutdown.add('scheduler', () => {
      order.push('scheduler');
      throw new Error('already stopped');
    });
    shutdown.add('database', async () => void order.push('database'));
    await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    expect(order).toEqual(['intake', 'scheduler', 'database']);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
    expect(lines.some((l) => l.msg === 'shutdown step failed' && l.step === 'scheduler')).toBe(true);
  });

  it('forces exit 1 when a step outlasts the bound', async () => {
    vi.useFakeTimers();
    const { log } = captureLog();
    const exit = vi.fn();
    const shutdown = createShutdown({ log, timeoutMs: 5_000, exit });
    shutdown.add('stuck adapter', () => new Promise<void>(() => undefined));
    void shutdown.run('SIGTERM');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('SIGTERM starts shutdown and a second signal exits at once', async () => {
    const { log } = captureLog();
    const exit = vi.fn();
    const shutdown = createShutdown({ log, timeoutMs: 10_000, exit });
    let finish!: () => void;
    shutdown.add('drain', () => new Promise<void>((r) => (finish = r)));
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    shutdown.installSignalHandlers(proc);
    proc.emit('SIGTERM');
    expect(shutdown.started).toBe(true);
    proc.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
    finish();
    await shutdown.run('again');
    expect(exit).toHaveBeenLastCalledWith(0);
  });
});
