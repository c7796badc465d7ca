import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS_PORT, chatAdapters, loadConfig, readEnv } from '../../src/config.js';
import { StudybotError } from '../../src/errors.js';

function failure(env: Record<string, string>): StudybotError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(StudybotError);
    expect((e as StudybotError).code).toBe('config:invalid');
    expect((e as StudybotError).message).not.toContain('\n');
    return e as StudybotError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  it('has working defaults: console mode on embedded Postgres', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: './data',
      contentDir: './content',
      port: 3000,
      opsPort: DEFAULT_OPS_PORT,
      opsPortExplicit: false,
      admins: [],
      shutdownTimeoutMs: 10_000,
      migrateOnStart: true,
      quizMinutes: 10,
      practiceMinutes: 60,
      secrets: [],
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBeUndefined();
    expect(chatAdapters(config)).toEqual([]);
  });

  it('starts the adapters whose tokens are set', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sig', PORT: '8080' });
    expect(chatAdapters(slack)).toEqual(['slack']);
    expect(slack.slack).toEqual({ botToken: 'xoxb-1', signingSecret: 'sig', appToken: undefined, apiUrl: undefined, port: 8080 });
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.slack?.appToken).toBe('xapp-1');
    const both = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'sig',
      DISCORD_TOKEN: 'tok',
      DISCORD_APPLICATION_ID: '1234567890',
      DISCORD_GUILD_ID: '99999999',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(chatAdapters(both)).toEqual(['slack', 'discord']);
    expect(both.discord).toEqual({ token: 'tok', applicationId: '1234567890', guildId: '99999999', apiUrl: 'http://127.0.0.1:9/api' });
    expect(both.secrets.sort()).toEqual(['sig', 'tok', 'xoxb-1'].sort());
  });

  it('parses lists, levels, ports and treats blank values as unset', () => {
    const config = loadConfig({
      STUDYBOT_ADMINS: ' U1, slack:T1:U2 ,,discord:G1:42',
      LOG_LEVEL: 'DEBUG',
      OPS_PORT: 'off',
      SLACK_BOT_TOKEN: '  ',
      DATABASE_URL: 'postgresql://u:longpassword@h:5432/db',
    });
    expect(config.admins).toEqual(['U1', 'slack:T1:U2', 'discord:G1:42']);
    expect(config.logLevel).toBe('debug');
    expect(config.opsPort).toBeNull();
    expect(config.slack).toBeUndefined();
    expect(config.secrets).toEqual(['longpassword']);
    expect(loadConfig({ OPS_PORT: '0' })).toMatchObject({ opsPort: 0, opsPortExplicit: true });
    expect(loadConfig({ MIGRATE_ON_START: 'False' }).migrateOnStart).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ OPS_PORT: 'yes' }, 'OPS_PORT must be a port number from 0 to 65535 or "off" (got "yes")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is required when SLACK_BOT_TOKEN is set'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN must start with "xoxb-"'],
    [{ SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL must be a URL starting with http:// or https:// (got "slack.com/api")'],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set'],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID must be a numeric Discord id (snowflake) (got "my-app")'],
    [{ STUDYBOT_ADMINS: 'U1, bob smith' }, 'STUDYBOT_ADMINS must be a comma-separated list of user ids'],
    [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START must be true or false (got "maybe")'],
    [{ QUIZ_MINUTES: '0' }, 'QUIZ_MINUTES must be a whole number of minutes from 1 to 1440 (got "0")'],
    [{ PRACTICE_MINUTES: '1h' }, 'PRACTICE_MINUTES must be a whole number of minutes from 1 to 1440 (got "1h")'],
    [{ SHUTDOWN_TIMEOUT_MS: '5s' }, 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (got "5s")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', OPS_PORT: '3000' }, 'OPS_PORT must differ from PORT (3000)'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(failure(env).message).toContain(message);
  });

  it('never echoes a secret in the error', () => {
    const message = failure({ SLACK_BOT_TOKEN: 'wrong-prefix-supersecret', SLACK_SIGNING_SECRET: 'x' }).message;
    expect(message).not.toContain('supersecret');
    expect(failure({ DATABASE_URL: 'mysql://u:hunter2hunter2@h/db' }).message).not.toContain('hunter2');
  });

  it('reports every bad variable on the same line', () => {
    expect(failure({ PORT: 'x', LOG_LEVEL: 'y' }).message).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "y"); PORT must be a port number from 0 to 65535 (got "x")',
    );
  });
});

describe('readEnv', () => {
  it('adds the .env file under the real environment, which always wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studybot-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n# comment\nCONTENT_DIR="./decks"\n');
    const env = readEnv({ LOG_LEVEL: 'warn' }, dir);
    expect(env).toMatchObject({ PORT: '4000', LOG_LEVEL: 'warn', CONTENT_DIR: './decks' });
  });

  it('reads STUDYBOT_ENV_FILE instead of .env, and works without any file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studybot-env-'));
    writeFileSync(join(dir, 'prod.env'), 'PORT=5000\n');
    expect(readEnv({ STUDYBOT_ENV_FILE: 'prod.env' }, dir).PORT).toBe('5000');
    expect(readEnv({ A: '1' }, dir)).toEqual({ A: '1' });
  });
});
