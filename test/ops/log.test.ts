import { SocketModeClient } from '@slack/socket-mode';
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../adapters/slack/bolt-logger.js';
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

describe('bearer URLs and request bodies (Discord interaction tokens, Slack response_urls)', () => {
  const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXRUb2tlblBhcnQ';
  const USER_TEXT = 'my private answer about stage variables';

  function discordError(url: string) {
    // What @discordjs/rest throws when an interaction reply fails (404 Unknown Webhook: the token expired).
    return new DiscordAPIError(
      { code: 10015, message: 'Unknown Webhook' },
      10015,
      404,
      'PATCH',
      url,
      { body: { content: USER_TEXT, embeds: [{ description: USER_TEXT }] }, files: undefined },
    );
  }

  it('a DiscordAPIError keeps code, status and method but loses the token and the request body, under any key', () => {
    const { log, output } = capture();
    const webhook = discordError(`https://discord.com/api/v10/webhooks/111111111111111111/${INTERACTION_TOKEN}/messages/@original`);
    const callback = discordError(`https://discord.com/api/v10/interactions/222222222222222222/${INTERACTION_TOKEN}/callback`);
    log.error({ err: webhook, interaction: '1' }, 'discord: interaction failed');
    log.error(callback, 'discord: a gateway event could not be handled; skipped');
    log.warn({ error: webhook, nested: { detail: 'x' } }, 'under another key');
    log.error({ err: new AggregateError([callback], 'both failed') }, 'aggregate');
    log.error({ err: new Error(`wrapped: ${callback.url}`, { cause: webhook }) }, 'wrapped');
    const text = output();
    expect(text).not.toContain(INTERACTION_TOKEN);
    expect(text).not.toContain(USER_TEXT);
    expect(text).not.toContain('requestBody');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines).toHaveLength(5);
    expect(lines[0]!.err).toMatchObject({
      type: 'DiscordAPIError',
      code: 10015,
      status: 404,
      method: 'PATCH',
      url: `https://discord.com/api/v10/webhooks/111111111111111111/${REDACTED}/messages/@original`,
    });
    expect(lines[1]!.err.url).toBe(`https://discord.com/api/v10/interactions/222222222222222222/${REDACTED}/callback`);
    expect(lines[2]!.error).toMatchObject({ type: 'DiscordAPIError', status: 404 });
    expect(lines[2]!.nested).toEqual({ detail: 'x' });
    expect(lines[3]!.err.aggregateErrors[0]).toMatchObject({ type: 'DiscordAPIError', code: 10015 });
    // The logged error objects themselves are not changed.
    expect(webhook.requestBody.json).toMatchObject({ content: USER_TEXT });
  });

  it("Socket Mode's debug lines keep the envelope's kind and id, never its payload or response_url", async () => {
    const { log, output } = capture();
    const client = new SocketModeClient({ appToken: SECRETS.SLACK_APP_TOKEN, logger: boltLogger(log) });
    let acked = false;
    client.on('slash_commands', ({ ack }: { ack: (r: unknown) => Promise<void> }) => {
      acked = true;
      ack({ text: `You said: ${USER_TEXT}` }).catch(() => {}); // not connected: the send fails, logged as an error
    });
    // Slack writes its JSON with escaped slashes.
    const payload = JSON.stringify({
      envelope_id: 'e1',
      type: 'slash_commands',
      payload: {
        command: '/apigw',
        text: `report 1 ${USER_TEXT}`,
        response_url: 'https://hooks.slack.com/commands/T1/123456/SECRETRESPONSEPATH',
        trigger_id: '1.2.abc',
        user_id: 'U1',
      },
    }).replaceAll('/', '\\/');
    const onMessage = (client as unknown as { onWebSocketMessage(d: string, b: boolean): Promise<void> }).onWebSocketMessage.bind(client);
    await onMessage(payload, false);
    await onMessage(`{"not json ${USER_TEXT}`, false);
    expect(acked).toBe(true);
    const text = output();
    expect(text).not.toContain(USER_TEXT);
    expect(text).not.toContain('SECRETRESPONSEPATH');
    expect(text).not.toContain('1.2.abc');
    const msgs = text.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toContain('Received a message on the WebSocket (type: slash_commands, envelope_id: e1; payload not logged)');
    expect(msgs).toContain('Calling ack() - type: slash_commands, envelope_id: e1 (payload not logged)');
    expect(msgs).toContain('Unable to parse an incoming WebSocket message (will ignore; payload not logged)');
  });

  it("Bolt's ack lines lose their body, and any response_url that reaches a line keeps only its host", () => {
    const { log, output } = capture();
    const slack = boltLogger(log);
    slack.debug(`ack() call begins (body: ${JSON.stringify({ text: USER_TEXT })})`);
    slack.debug(`Sending a WebSocket message: ${JSON.stringify({ envelope_id: 'e2', payload: { text: USER_TEXT } })}`);
    slack.warn('could not post to https://hooks.slack.com/actions/T1/99/SECRETRESPONSEPATH: 404');
    log.info({ payload: { response_url: 'http://stand-in.local:3000/actions/T1/SECRETRESPONSEPATH', responseUrl: 'https://stand-in.local/x/SECRETRESPONSEPATH', user: 'U1' } }, 'a field');
    log.info(`a nested payload: ${JSON.stringify({ response_urls: [{ response_url: 'https://hooks.slack.com/app/T1/SECRETRESPONSEPATH' }] })}`);
    const text = output();
    expect(text).not.toContain(USER_TEXT);
    expect(text).not.toContain('SECRETRESPONSEPATH');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines[0]!.msg).toBe('ack() call begins (body not logged)');
    expect(lines[1]!.msg).toBe('Sending a WebSocket message (envelope_id: e2; payload not logged)');
    expect(lines[2]!.msg).toBe(`could not post to https://hooks.slack.com/${REDACTED}: 404`);
    expect(lines[3]!.payload).toEqual({ response_url: `http://stand-in.local:3000/${REDACTED}`, responseUrl: `https://stand-in.local/${REDACTED}`, user: 'U1' });
    expect(JSON.parse(lines[4]!.msg.replace('a nested payload: ', ''))).toEqual({
      response_urls: [{ response_url: `https://hooks.slack.com/${REDACTED}` }],
    });
  });
});
