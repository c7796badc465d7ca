// Bolt and @slack/web-api log through this adapter into the app's pino logger.
// @slack/web-api redacts tokens from what it logs; we add nothing that carries secrets.

import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const toSlackLevel = (level: string): LogLevel =>
  level === 'debug' || level === 'trace'
    ? LogLevel.DEBUG
    : level === 'info'
      ? LogLevel.INFO
      : level === 'warn'
        ? LogLevel.WARN
        : LogLevel.ERROR;

export function boltLogger(log: Logger): SlackLogger {
  let child = log.child({ component: 'slack' });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: () => {
      // The app's logger decides the level; Bolt calling setLevel must not change it.
    },
    getLevel: () => toSlackLevel(child.level),
    setName: (name) => {
      child = log.child({ component: 'slack', name });
    },
  };
}
