import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REDACTED, createLogger, platformLogger, valueScrubber } from '../../src/log.js';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefSECRET',
  SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
  SLACK_APP_TOKEN: 'xapp-1-A1-3333-ffffSECRET',
  DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEy.GhIjKl.discordSECRETpart',
  DISCORD_APPLICATION_ID: '123456789012',
  DATABASE_URL: 'postgres://bot:pa55w0rd-SECRET@db:5432/studybot',
};

function capture(level: 'trace' | 'info' = 'trace') {
  const config = loadConfig(SECRETS);
  let out = '';
  const log = createLogger({ level, secrets: config.secrets, destination: { write: (s: string) => void (out += s) } });
  return { log, config, output: () => out };
}

describe('logger', () => {
  it('never writes a configured secret, whether in a field, a message, an error or a nested object', () => {
    const { log, config, output } = capture();
    log.info({ config }, 'config loaded');
    log.info({ token: SECRETS.DISCORD_TOKEN, headers: { authorization: `Bot ${SECRETS.DISCORD_TOKEN}` } }, 'login');
    log.warn(`calling with ${SECRETS.SLACK_BOT_TOKEN} and ${SECRETS.SLACK_APP_TOKEN}`);
    log.error({ err: new Error(`auth failed for ${SECRETS.SLACK_SIGNING_SECRET}`) }, 'boom');
    log.debug({ req: { headers: { 'x-slack-signature': 'v0=abc123', cookie: 'session=1' }, url: SECRETS.DATABASE_URL } }, 'request');
    platformLogger(log, 'discord').info({ env: { DISCORD_TOKEN: SECRETS.DISCORD_TOKEN } }, 'child');
    const text = output();
    for (const secret of [...Object.entries(SECRETS).filter(([k]) => k !== 'DISCORD_APPLICATION_ID').map(([, v]) => v), 'pa55w0rd-SECRET', 'v0=abc123', 'session=1']) {
      expect(text, `leaked ${secret}`).not.toContain(secret);
    }
    expect(text.match(new RegExp(REDACTED.replace(/[[\]]/g, '\\$&'), 'g'))!.length).toBeGreaterThanOrEqual(10);
    expect(text).toContain('"applicationId":"123456789012"');
  });

  it('writes one JSON object per line with level names, and child loggers carry the platform', () => {
    const { log, output } = capture();
    platformLogger(log, 'slack').info({ workspace: 'T1' }, 'hello');
    const line = JSON.parse(output().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', platform: 'slack', workspace: 'T1', msg: 'hello', name: 'studybot' });
  });

  it('respects the level', () => {
    const { log, output } = capture('info');
    log.debug('hidden');
    log.info('shown');
    expect(output()).not.toContain('hidden');
    expect(output()).toContain('shown');
  });

  it('the value scrubber removes the longest secret first and JSON-escaped forms too', () => {
    const scrub = valueScrubber(['abcd', 'abcdef"gh', 'xy']);
    expect(scrub('abcdef\\"gh and abcd and xy')).toBe(`${REDACTED} and ${REDACTED} and xy`);
  });
});
