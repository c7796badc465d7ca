// Wraps the core as adapters see it: every interaction is counted, timed and logged (platform,
// workspace, channel, latency, outcome), tracked as in-flight work for graceful shutdown, and
// refused once shutdown has begun. Wraps the core's store to count rounds started and answers
// by result, so the core itself needs no metrics code.

import type { Logger } from 'pino';
import { StudybotError, isStudybotError } from '../errors.js';
import type { ChatPort, Studybot } from '../quiz/api.js';
import type { ChannelRef } from '../quiz/ids.js';
import type { QuizStore, RecordAnswerResult } from '../quiz/store.js';
import { answers, coreLatency, recordInteraction, roundsPosted, type AnswerResult, type InteractionKind } from './metrics.js';
import type { InFlight } from './shutdown.js';

export interface InstrumentOptions {
  log: Logger;
  inflight: InFlight;
  /** True once shutdown has begun: new interactions are refused with a clear message. */
  closing: () => boolean;
}

export const RESTARTING = 'studybot is restarting; please try again in a minute.';

export function instrumentBot(bot: Studybot, opts: InstrumentOptions): Studybot {
  const around = <T>(kind: InteractionKind, channel: ChannelRef, name: string, work: () => Promise<T>): Promise<T> => {
    if (opts.closing()) return Promise.reject(new StudybotError('platform:failed', RESTARTING));
    return opts.inflight.track(async () => {
      const started = performance.now();
      const base = { platform: channel.platform, kind, workspace: channel.workspace, channel: channel.channel, name };
      try {
        const result = await work();
        const latencyMs = performance.now() - started;
        coreLatency.observe({ platform: channel.platform, kind }, latencyMs / 1000);
        recordInteraction(opts.log, { ...base, latencyMs, outcome: 'ok' });
        return result;
      } catch (error) {
        const latencyMs = performance.now() - started;
        coreLatency.observe({ platform: channel.platform, kind }, latencyMs / 1000);
        // Refusals (bad input, not found, not allowed) are answers, not failures.
        const refused = isStudybotError(error) && error.code.startsWith('quiz:');
        recordInteraction(opts.log, { ...base, latencyMs, outcome: refused ? 'rejected' : 'error', error });
        throw error;
      }
    });
  };

  const overrides: Partial<Studybot> = {
    command: (inv) => around('command', inv.channel, `/${inv.command} ${inv.text.split(/\s+/)[0] ?? ''}`.trim(), () => bot.command(inv)),
    action: (inv) => around('action', inv.channel, inv.actionId.slice(0, 40), () => bot.action(inv)),
    autocomplete: (inv) => around('autocomplete', inv.channel, `/${inv.command} ${inv.subcommand}`, () => bot.autocomplete(inv)),
    startRound: (req) => opts.inflight.track(() => bot.startRound(req)),
    closeDueRounds: () => opts.inflight.track(() => bot.closeDueRounds()),
  };
  // Everything else (including members the core adds later) passes through unchanged.
  return new Proxy(bot, {
    get(target, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof Studybot];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const platformOf = (channelKey: string) => channelKey.split(':')[0] ?? 'unknown';

export function answerResult(result: RecordAnswerResult): AnswerResult {
  switch (result.status) {
    case 'recorded':
      return result.answer.correct ? 'correct' : result.answer.points > 0 ? 'partial' : 'wrong';
    case 'duplicate':
      return 'duplicate';
    case 'closed':
      return 'late';
    case 'not-found':
      return 'invalid';
  }
}

/** The store with rounds started (by platform and kind) and answers (by platform and result) counted. */
export function instrumentStore(store: QuizStore): QuizStore {
  const overrides: Partial<QuizStore> = {
    async createRound(round) {
      const result = await store.createRound(round);
      if (result.ok) roundsPosted.inc({ platform: platformOf(round.channelKey), kind: round.kind });
      return result;
    },
    async recordAnswer(answer, now, opts) {
      const result = await store.recordAnswer(answer, now, opts);
      answers.inc({ platform: platformOf(answer.channelKey), result: answerResult(result) });
      return result;
    },
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof QuizStore];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
