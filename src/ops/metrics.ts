// Prometheus metrics (prom-client), on one registry served at /metrics. Adapters, the core and
// the scheduler record into these objects. Labels are low-cardinality on purpose: platform,
// kind, result — never workspace, channel or user ids (those go to the logs).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import { isStudybotError } from '../errors.js';

export const registry = new Registry();

export const roundsPosted = new Counter({
  name: 'studybot_rounds_posted_total',
  help: 'Rounds started: quiz and daily questions posted to a channel, private practice questions',
  labelNames: ['platform', 'kind'] as const,
  registers: [registry],
});

export type AnswerResult = 'correct' | 'partial' | 'wrong' | 'duplicate' | 'late' | 'invalid';

export const answers = new Counter({
  name: 'studybot_answers_total',
  help: 'Answers received, by result',
  labelNames: ['platform', 'result'] as const,
  registers: [registry],
});

/** `form`: a modal's submission (Slack view_submission, Discord modal submit). */
export type InteractionKind = 'command' | 'action' | 'autocomplete' | 'form';

export const interactions = new Counter({
  name: 'studybot_interactions_total',
  help: 'Interactions handled (slash commands, clicks, autocomplete), by outcome',
  labelNames: ['platform', 'kind', 'outcome'] as const,
  registers: [registry],
});

/** Time from receiving an interaction to acknowledging it (platforms allow 3 s). */
export const ackLatency = new Histogram({
  name: 'studybot_interaction_ack_seconds',
  help: 'Time from receiving an interaction to acknowledging it',
  labelNames: ['platform', 'kind'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  registers: [registry],
});

/** Time the core took to handle an interaction (after the adapter acknowledged it). */
export const coreLatency = new Histogram({
  name: 'studybot_core_seconds',
  help: 'Time the core took to answer an interaction',
  labelNames: ['platform', 'kind'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const errors = new Counter({
  name: 'studybot_errors_total',
  help: 'Errors by kind (StudybotError code, "internal" otherwise)',
  labelNames: ['kind', 'platform'] as const,
  registers: [registry],
});

/**
 * Events that failed outside any interaction's own error handling and were skipped while the
 * process kept serving: `discord-dispatch` (a gateway event discord.js could not handle),
 * `unhandled-rejection` (a promise nobody awaited).
 */
export const failedEvents = new Counter({
  name: 'studybot_failed_events_total',
  help: 'Events that failed and were skipped (the process kept serving), by source',
  labelNames: ['source'] as const,
  registers: [registry],
});

/** How late a scheduled post ran compared with its due time. */
export const schedulerLag = new Histogram({
  name: 'studybot_scheduler_lag_seconds',
  help: 'Delay between a daily question being due and being posted',
  buckets: [0.1, 0.5, 1, 2, 5, 15, 30, 60, 120, 300, 900],
  registers: [registry],
});

export const adapterConnected = new Gauge({
  name: 'studybot_adapter_connected',
  help: '1 when the chat adapter is connected, 0 otherwise',
  labelNames: ['platform'] as const,
  registers: [registry],
});

let defaultsOn = false;
/** Process metrics (CPU, memory, event loop lag), once per process. */
export function enableDefaultMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, prefix: 'studybot_' });
}

export function recordError(error: unknown, platform = 'none'): string {
  const kind = isStudybotError(error) ? error.code : 'internal';
  errors.inc({ kind, platform });
  return kind;
}

export interface InteractionRecord {
  platform: string;
  kind: InteractionKind;
  workspace: string;
  channel: string;
  /** Command name or action id. */
  name?: string;
  /** Milliseconds until the platform got its acknowledgement. */
  ackMs?: number;
  /** Milliseconds until the work was done. */
  latencyMs: number;
  outcome: 'ok' | 'rejected' | 'error';
  error?: unknown;
}

/**
 * One log line and the metrics for one interaction: platform, workspace, channel, latency, outcome.
 * Adapters call this once per request/interaction.
 */
export function recordInteraction(log: Logger, r: InteractionRecord): void {
  interactions.inc({ platform: r.platform, kind: r.kind, outcome: r.outcome });
  if (r.ackMs !== undefined) ackLatency.observe({ platform: r.platform, kind: r.kind }, r.ackMs / 1000);
  const fields = {
    platform: r.platform,
    workspace: r.workspace,
    channel: r.channel,
    interaction: r.kind,
    name: r.name,
    ackMs: r.ackMs,
    latencyMs: Math.round(r.latencyMs * 10) / 10,
    outcome: r.outcome,
  };
  if (r.outcome === 'error') {
    const kind = recordError(r.error, r.platform);
    log.error({ ...fields, errorKind: kind, err: r.error }, 'interaction failed');
  } else {
    log.info(fields, 'interaction');
  }
}
