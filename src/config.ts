// All settings come from the environment (plus an optional .env file that never overrides
// real variables), validated once at start. A bad value stops the bot with one line that
// names the variable and what it expects.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { StudybotError } from './errors.js';

export type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SlackConfig {
  botToken: string;
  /** HTTP mode (Events API on PORT) when set. */
  signingSecret?: string;
  /** Socket Mode when set (no public URL needed). */
  appToken?: string;
  /** Web API base URL (tests point it at a local fake). */
  apiUrl?: string;
  port: number;
  /** STUDYBOT_SINGLE_COMMAND: one slash command for every deck (`study`), without the slash. */
  singleCommand?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register slash commands to this guild only (instant updates while developing). */
  guildId?: string;
  /** REST base URL (tests point it at a local fake). */
  apiUrl?: string;
}

export interface Config {
  /** Unset: embedded Postgres (PGlite) under dataDir. */
  databaseUrl?: string;
  /** Apply migrations at start-up (default true; operators who migrate with `npm run db:migrate` turn it off). */
  migrateOnStart: boolean;
  dataDir: string;
  contentDir: string;
  /** Unset: `info` with chat adapters, `warn` in console mode (see createLogger). */
  logLevel?: LogLevel;
  port: number;
  /** Health/metrics server port; null: disabled. Unset in console mode: disabled. */
  opsPort: number | null;
  /** True when OPS_PORT was given explicitly (console mode only starts the ops server then). */
  opsPortExplicit: boolean;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  /** User ids (`U123`) or tenant-scoped keys (`slack:T1:U123`) that may run admin commands. */
  admins: string[];
  /** How long shutdown waits for in-flight work before forcing exit. */
  shutdownTimeoutMs: number;
  /** How long a `/cmd quiz` round stays open (the daily round's close time is set per channel by `schedule`). */
  quizMinutes: number;
  /** How long a private practice question stays answerable. */
  practiceMinutes: number;
  /** Every configured secret value, for log redaction. */
  secrets: string[];
}

export const DEFAULT_OPS_PORT = 9090;

/** Never echoed in error messages (DATABASE_URL may carry a password). */
const SECRET_VARS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'DATABASE_URL']);

// Messages say what the variable expects; they never echo secret values.
const text = () => z.string().trim().min(1);
const portNumber = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a port number from 0 to 65535`)
    .transform(Number)
    .refine((n) => n <= 65535, `${name} must be a port number from 0 to 65535`);
const minutes = (name: string, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number of minutes from 1 to 1440`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1440, `${name} must be a whole number of minutes from 1 to 1440`)
    .default(fallback);
const url = (name: string, protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
const secretWithPrefix = (name: string, prefix: string) =>
  text().refine((v) => v.startsWith(prefix), `${name} must start with "${prefix}"`);

const schema = z
  .object({
    DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
    MIGRATE_ON_START: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'MIGRATE_ON_START must be true or false' }))
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(true),
    STUDYBOT_DATA_DIR: text().default('./data'),
    CONTENT_DIR: text().default('./content'),
    LOG_LEVEL: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }))
      .optional(),
    PORT: portNumber('PORT').default(3000),
    OPS_PORT: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(
        z.union([z.literal('off'), portNumber('OPS_PORT')], {
          error: 'OPS_PORT must be a port number from 0 to 65535 or "off"',
        }),
      )
      .optional(),
    SLACK_BOT_TOKEN: secretWithPrefix('SLACK_BOT_TOKEN', 'xoxb-').optional(),
    SLACK_SIGNING_SECRET: text().optional(),
    SLACK_APP_TOKEN: secretWithPrefix('SLACK_APP_TOKEN', 'xapp-').optional(),
    SLACK_API_URL: url('SLACK_API_URL', ['http:', 'https:']).optional(),
    STUDYBOT_SINGLE_COMMAND: z
      .string()
      .trim()
      .transform((v) => v.replace(/^\//, '').toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9_-]{1,32}$/, 'STUDYBOT_SINGLE_COMMAND must be a slash command name: 1 to 32 letters, digits, - or _ (e.g. "study")'))
      .optional(),
    DISCORD_TOKEN: text().optional(),
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{5,25}$/, 'DISCORD_APPLICATION_ID must be a numeric Discord id (snowflake)')
      .optional(),
    DISCORD_GUILD_ID: z
      .string()
      .regex(/^\d{5,25}$/, 'DISCORD_GUILD_ID must be a numeric Discord id (snowflake)')
      .optional(),
    DISCORD_API_URL: url('DISCORD_API_URL', ['http:', 'https:']).optional(),
    STUDYBOT_ADMINS: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .refine(
        (ids) => ids.every((id) => /^[A-Za-z0-9_.:-]+$/.test(id)),
        'STUDYBOT_ADMINS must be a comma-separated list of user ids (e.g. "U123,slack:T1:U456,discord:G1:42")',
      )
      .default([]),
    QUIZ_MINUTES: minutes('QUIZ_MINUTES', 10),
    PRACTICE_MINUTES: minutes('PRACTICE_MINUTES', 60),
    SHUTDOWN_TIMEOUT_MS: z
      .string()
      .regex(/^\d+$/, 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds')
      .transform(Number)
      .default(10_000),
  })
  .superRefine((env, ctx) => {
    const requires = (when: string, needed: string, ok: boolean, why = '') => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [needed], message: `${needed} is required when ${when} is set${why}` });
    };
    if (env.SLACK_BOT_TOKEN) {
      if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message:
            'SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is required when SLACK_BOT_TOKEN is set',
        });
      }
    } else {
      if (env.SLACK_SIGNING_SECRET) requires('SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', false);
      else if (env.SLACK_APP_TOKEN) requires('SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', false);
    }
    if (env.DISCORD_TOKEN) requires('DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', !!env.DISCORD_APPLICATION_ID);
    if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN && typeof env.OPS_PORT === 'number') {
      if (env.OPS_PORT === env.PORT && env.PORT !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['OPS_PORT'],
          message: `OPS_PORT must differ from PORT (${env.PORT}), which the Slack HTTP receiver uses`,
        });
      }
    }
  });

/** Unset and blank values are the same thing (`SLACK_BOT_TOKEN=` in a .env file means "not set"). */
function known(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

export function loadConfig(env: Env): Config {
  const parsed = schema.safeParse(known(env));
  if (!parsed.success) {
    const given = known(env);
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      const line = issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
      const value = given[name];
      const echo = value !== undefined && !SECRET_VARS.has(name) && !line.includes(' is required when ');
      return echo ? `${line} (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})` : line;
    });
    throw new StudybotError('config:invalid', [...new Set(lines)].join('; '), { cause: parsed.error });
  }
  const e = parsed.data;
  const slack: SlackConfig | undefined = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        port: e.PORT,
        ...(e.STUDYBOT_SINGLE_COMMAND ? { singleCommand: e.STUDYBOT_SINGLE_COMMAND } : {}),
      }
    : undefined;
  const discord: DiscordConfig | undefined =
    e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL }
      : undefined;
  const secrets = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, e.DISCORD_TOKEN, passwordOf(e.DATABASE_URL)]
    .filter((s): s is string => !!s);
  return {
    databaseUrl: e.DATABASE_URL,
    migrateOnStart: e.MIGRATE_ON_START,
    dataDir: e.STUDYBOT_DATA_DIR,
    contentDir: e.CONTENT_DIR,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    opsPort: e.OPS_PORT === 'off' ? null : (e.OPS_PORT ?? DEFAULT_OPS_PORT),
    opsPortExplicit: e.OPS_PORT !== undefined,
    slack,
    discord,
    admins: e.STUDYBOT_ADMINS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    quizMinutes: e.QUIZ_MINUTES,
    practiceMinutes: e.PRACTICE_MINUTES,
    secrets,
  };
}

function passwordOf(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return undefined;
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password.length >= 4 ? password : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The environment plus the optional env file (`STUDYBOT_ENV_FILE`, default `.env` in the working
 * directory). Real environment variables always win over the file.
 */
export function readEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const file = resolve(cwd, env.STUDYBOT_ENV_FILE || '.env');
  if (!existsSync(file)) return { ...env };
  const fromFile: Env = {};
  const result = dotenv.config({ path: file, processEnv: fromFile as Record<string, string>, quiet: true });
  if (result.error) {
    throw new StudybotError('config:invalid', `STUDYBOT_ENV_FILE: cannot read ${file} (${result.error.message})`, {
      cause: result.error,
    });
  }
  return { ...fromFile, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) };
}

/** Which chat adapters this configuration starts; console mode when none. */
export const chatAdapters = (config: Config): ('slack' | 'discord')[] => [
  ...(config.slack ? (['slack'] as const) : []),
  ...(config.discord ? (['discord'] as const) : []),
];
