// Structured JSON logs (pino). Secrets are removed twice: by field path (token, signingSecret,
// authorization headers…) and by value (any configured secret, wherever it appears, even inside
// an error message or a URL).

import pino, { type DestinationStream, type Logger } from 'pino';
import type { Platform } from './quiz/ids.js';
import type { LogLevel } from './config.js';

export type { Logger };

export const REDACTED = '[Redacted]';

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'password',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'x-slack-signature',
  'databaseUrl',
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
];

/** The key at the top level, one level down and inside headers two levels down. */
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [
  key(k).replace(/^\./, ''),
  `*${key(k)}`,
  `*.headers${key(k)}`,
  `*.*${key(k)}`,
]);

export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Values to scrub from every line (tokens, signing secrets, the database password). */
  secrets?: string[];
  /** Where lines go: a pino destination, or 1 (stdout) / 2 (stderr). Default stdout. */
  destination?: DestinationStream | 1 | 2;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const scrub = valueScrubber(opts.secrets ?? []);
  const destination =
    opts.destination === undefined || typeof opts.destination === 'number'
      ? pino.destination({ fd: opts.destination ?? 1, sync: true })
      : opts.destination;
  return pino(
    {
      level: opts.level ?? 'info',
      base: { name: 'studybot', ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

/** A child logger whose lines carry the platform (`{"platform":"slack",…}`). */
export const platformLogger = (log: Logger, platform: Platform | 'ops' | 'db' | 'scheduler' | 'content'): Logger =>
  log.child({ platform });

/** Replaces every occurrence of a secret (raw and JSON-escaped) with the censor. */
export function valueScrubber(secrets: string[]): (line: string) => string {
  const needles = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    // Longest first so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}
