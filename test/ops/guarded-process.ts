// A tiny process for process-guards.test.ts: the real guards on the real `process`, then an
// unhandled rejection, a sign of life, and an uncaught exception. Logs JSON lines to stdout.
import { pino } from 'pino';
import { installProcessGuards } from '../../src/ops/process-guards.js';

const log = pino({ level: 'info' });
installProcessGuards({
  log,
  fatal: (kind) => {
    log.info({ kind }, 'shutting down');
    setTimeout(() => process.exit(1), 10);
  },
});

void Promise.reject(new Error('a dropped promise failed'));
setTimeout(() => {
  log.info('still serving');
  setTimeout(() => {
    throw new Error('a synchronous throw reached the top');
  }, 20);
}, 50);
