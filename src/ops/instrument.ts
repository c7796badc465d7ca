// Wraps the core as adapters see it: every interaction is counted, timed and logged (platform,
// workspace, channel, latency, outcome), tracked as in-flight work for graceful shutdown, and
// refused once shutdown has begun. Channel messages with controls posted through a chat port
// are counted as rounds posted.

import type { Logger } from 'pino';
import { StudybotError, isStudybotError } from '../errors.js';
import type { ChatPort, Studybot } from '../quiz/api.js';
import type { ChannelRef } from '../quiz/ids.js';
import { coreLatency, recordInteraction, roundsPosted, type InteractionKind } from './metrics.js';
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
    attachChat: (port) => bot.attachChat(countingChat(port)),
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

/** A chat port that counts posted messages carrying answer controls (rounds) per platform. */
export function countingChat(port: ChatPort): ChatPort {
  const counted: ChatPort = {
    platform: port.platform,
    post: async (channel, view) => {
      const ref = await port.post(channel, view);
      if (view.actions?.length) roundsPosted.inc({ platform: port.platform });
      return ref;
    },
    update: (ref, view) => port.update(ref, view),
  };
  if (port.postPrivate) counted.postPrivate = port.postPrivate.bind(port);
  return counted;
}
