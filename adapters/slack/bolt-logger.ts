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
  const line = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  // Bolt logs at debug on every request: skip formatting what pino would drop anyway.
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', msg: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](line(msg));
  };
  return {
    debug: (...msg) => emit('debug', msg),
    info: (...msg) => emit('info', msg),
    warn: (...msg) => emit('warn', msg),
    error: (...msg) => emit('error', msg),
    setLevel: () => {
      // The app's logger decides the level; Bolt calling setLevel must not change it.
    },
    getLevel: () => toSlackLevel(child.level),
    setName: (name) => {
      child = log.child({ component: 'slack', name });
    },
  };
}
