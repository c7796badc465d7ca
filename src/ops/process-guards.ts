// The process-level policy for errors that escaped every handler (see docs/reliability.md,
// "Discord and platform limits"):
// - An unhandled rejection is logged and counted, and the process keeps serving. The promise
//   chain that failed has already ended; what it leaves behind is one unanswered event, not a
//   half-done change to shared state. Libraries drop promises of per-event work (discord.js'
//   gateway handler does), so exiting would let one bad event end service for every user on
//   every platform in the process.
// - An uncaught exception is logged as fatal and the process shuts down gracefully (exit 1): a
//   throw that unwound to the top of the stack interrupted synchronous code half-way (Node's
//   documentation: not safe to resume), so a supervisor's restart is the safe way back.

import type { Logger } from 'pino';
import { failedEvents } from './metrics.js';

export interface ProcessGuardOptions {
  log: Logger;
  /** Called once per uncaught exception, after it is logged: shut down (gracefully) and exit. */
  fatal: (kind: string) => void;
  /** Defaults to `process` (tests may pass an emitter). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuards(opts: ProcessGuardOptions): () => void {
  const target = opts.target ?? process;
  const onRejection = (reason: unknown) => {
    failedEvents.inc({ source: 'unhandled-rejection' });
    opts.log.error({ err: reason }, 'unhandled rejection: logged, still serving');
  };
  const onException = (err: unknown) => {
    opts.log.fatal({ err }, 'uncaught exception');
    opts.fatal('uncaught exception');
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
