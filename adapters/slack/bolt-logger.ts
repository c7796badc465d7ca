// Bolt, @slack/socket-mode and @slack/web-api log through this adapter into the app's pino logger.
// @slack/web-api redacts tokens from what it logs. Socket Mode and Bolt's acks log whole payloads
// at debug (users' text, response_url, trigger ids): those lines keep their kind and envelope id
// and lose the payload. src/log.ts rewrites any response_url that still reaches a line.

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

const NOT_LOGGED = 'payload not logged';

/** `type: …, envelope_id: …` of a Socket Mode envelope, from its JSON (nothing when it does not parse). */
function envelopeSummary(json: string): string {
  try {
    const e = JSON.parse(json) as { type?: unknown; envelope_id?: unknown; payload?: { type?: unknown } };
    const parts = [
      typeof e.type === 'string' ? `type: ${e.type}` : '',
      typeof e.payload?.type === 'string' ? `payload type: ${e.payload.type}` : '',
      typeof e.envelope_id === 'string' ? `envelope_id: ${e.envelope_id}` : '',
    ].filter(Boolean);
    return parts.length ? `${parts.join(', ')}; ` : '';
  } catch {
    return '';
  }
}

/** Lines that carry a payload, and what is logged instead. */
const PAYLOAD_LINES: [RegExp, (m: RegExpMatchArray) => string][] = [
  // SocketModeClient, every incoming envelope.
  [/^Received a message on the WebSocket: ([\s\S]*)$/, (m) => `Received a message on the WebSocket (${envelopeSummary(m[1]!)}${NOT_LOGGED})`],
  // SocketModeClient, an envelope that is not JSON (the parse error quotes the text).
  [/^Unable to parse an incoming WebSocket message \(will ignore\)/, () => `Unable to parse an incoming WebSocket message (will ignore; ${NOT_LOGGED})`],
  // SocketModeClient, every ack (our replies: users' names and text).
  [/^Sending a WebSocket message: ([\s\S]*)$/, (m) => `Sending a WebSocket message (${envelopeSummary(m[1]!)}${NOT_LOGGED})`],
  [/^(Calling ack\(\) - type: [^,]*, envelope_id: [^,]*), data: [\s\S]*$/, (m) => `${m[1]} (${NOT_LOGGED})`],
  // Bolt's SocketModeResponseAck / HTTPResponseAck.
  [/^(ack\(\) (?:call begins|response sent|response stored)) \(body: [\s\S]*\)$/, (m) => `${m[1]} (body not logged)`],
];

/** The line Bolt or Socket Mode wrote, without the payloads it carries. */
export function withoutPayloads(text: string): string {
  for (const [pattern, replace] of PAYLOAD_LINES) {
    const m = text.match(pattern);
    if (m) return replace(m);
  }
  return text;
}

export function boltLogger(log: Logger): SlackLogger {
  let child = log.child({ component: 'slack' });
  const line = (msg: unknown[]) =>
    withoutPayloads(msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' '));
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
