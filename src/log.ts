// Structured JSON logs (pino). Secrets are removed three ways: by field path (token, signingSecret,
// authorization headers…), by value (any configured secret, wherever it appears, even inside
// an error message or a URL), and by shape (URLs that are bearer credentials: Discord interaction
// and webhook tokens, Slack response_url paths). Logged errors lose the request bodies libraries
// hang on them (discord.js's `requestBody` holds users' text).

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
  const scrubSecrets = valueScrubber(opts.secrets ?? []);
  const scrub = (line: string) => redactBearerUrls(scrubSecrets(line));
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
      serializers: { err: serializeError },
      formatters: { level: (label) => ({ level: label }), log: serializeErrorFields },
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

/** Keys under which libraries put what they sent: users' text, never needed to read a failure. */
const REQUEST_BODY_KEYS = new Set(['requestBody']);

const SERIALIZED_ERROR = Object.getPrototypeOf(pino.stdSerializers.err(new Error())) as object;

const isErrorLike = (v: unknown): v is Error =>
  v instanceof Error ||
  (typeof v === 'object' && v !== null && typeof (v as Error).message === 'string' && typeof (v as Error).stack === 'string');

/** Copies `v` without request bodies, a few levels down (the originals are not touched). */
function withoutRequestBodies(v: unknown, depth: number): unknown {
  if (depth > 4 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => withoutRequestBodies(x, depth + 1));
  // Plain objects and pino's serialized errors only: a Date, Buffer or class instance stays as it is.
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null && proto !== SERIALIZED_ERROR) return v;
  const out: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) if (!REQUEST_BODY_KEYS.has(k)) out[k] = withoutRequestBodies(x, depth + 1);
  return out;
}

/**
 * pino's error serializer (type, message and stack with causes, enumerable fields), minus request
 * bodies. The URLs an error carries (DiscordAPIError's `url`) lose their tokens in the line itself
 * ({@link redactBearerUrls}), wherever they appear.
 */
export function serializeError(err: unknown): unknown {
  if (!isErrorLike(err)) return err;
  return withoutRequestBodies(pino.stdSerializers.err(err), 0);
}

/** Errors logged under another key than `err` (`{ error }`, `{ cause }`) get the same treatment. */
function serializeErrorFields(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'err' || !isErrorLike(v)) continue;
    if (out === obj) out = { ...obj };
    out[k] = serializeError(v);
  }
  return out;
}

// A `/` in a line may be written `\/` (Slack escapes slashes in its JSON) and that JSON may itself
// sit inside a logged string (`\\/`): every pattern accepts backslashes before a slash.
const SLASH = String.raw`\\*/`;
// The rest of a URL, less trailing punctuation (`…/abc: 404`, `(…/abc)`).
// One way only to match each character (a slash only through SLASH), so a failing lookbehind
// backtracks in linear time.
const URL_TAIL = String.raw`(?:\\*/|[^\s"'\\<>|/])*(?<![.,:;!?)\]])`;
/** Not a URL already rewritten (a line is rewritten once, but may quote an earlier line). */
const NOT_DONE = String.raw`(?!${SLASH}\[Redacted\])`;
/** Discord: `/interactions/<id>/<token>/callback`, `/webhooks/<application>/<token>/messages/…`. */
const DISCORD_TOKEN_PATH = new RegExp(String.raw`(?<=/)((?:interactions|webhooks)${SLASH}\d+${SLASH})[\w.~%-]+`, 'g');
/** Slack: a response_url (`https://hooks.slack.com/commands/T…/…/<secret>`) is the bearer of that reply. */
const SLACK_HOOK_URL = new RegExp(String.raw`(https?:(?:${SLASH}){2}hooks\.slack(?:-gov)?\.com)${NOT_DONE}${SLASH}${URL_TAIL}`, 'g');
/** Any `"response_url": "…"` (or `responseUrl`) value, whatever its host (SLACK_API_URL points it at a stand-in). */
const RESPONSE_URL_VALUE = new RegExp(String.raw`((?:response_url|responseUrl)s?\\*"\s*:\s*\\*"https?:(?:${SLASH}){2}[^\s"'\\<>|/]+)${NOT_DONE}${SLASH}${URL_TAIL}`, 'g');

/**
 * Rewrites bearer URLs in a log line: Discord interaction/webhook tokens become `[Redacted]` (the
 * ids stay), Slack `hooks.slack.com/…` URLs and `response_url` values keep only their host.
 */
export function redactBearerUrls(line: string): string {
  let out = line;
  if (out.includes('interactions') || out.includes('webhooks')) out = out.replace(DISCORD_TOKEN_PATH, `$1${REDACTED}`);
  if (out.includes('hooks.slack')) out = out.replace(SLACK_HOOK_URL, `$1/${REDACTED}`);
  if (out.includes('response_url') || out.includes('responseUrl')) out = out.replace(RESPONSE_URL_VALUE, `$1/${REDACTED}`);
  return out;
}
