// A failed interaction reply is logged with its DiscordAPIError: through the real adapter, the real
// logger and the fake Discord API answering 404 (an expired interaction), the line keeps the status
// and the route but neither the interaction token (a bearer credential for 15 minutes) nor the
// request body (the reply: users' text).
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { APP_ID, CHANNEL, GUILD, ScriptedBot, TOKEN } from './support.js';

const USER_TEXT = 'what alice typed about her exam';

describe('Discord failures in the logs', () => {
  let h: DiscordHarness | undefined;
  afterEach(async () => h?.close());

  it('a 404 on the interaction callback is logged without the token or the reply body', async () => {
    let out = '';
    const log = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void (out += s) } });
    const bot = new ScriptedBot();
    bot.onCommand = () => [{ visibility: 'private', view: { text: USER_TEXT, blocks: [{ type: 'text', text: USER_TEXT }] } }];
    h = await startDiscordHarness({ bot, token: TOKEN, applicationId: APP_ID, config: { deferAfterMs: 60_000 }, log });
    h.fake.failNext({ method: 'POST', path: /^\/interactions\//, status: 404 });
    const id = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help', user: { id: '200000000000000001', username: 'alice' }, guildId: GUILD, channelId: CHANNEL }),
    );
    await h.fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`) && c.status === 404);
    await h.discord.idle();
    const token = h.fake.interactions.get(id)!.token;
    const failed = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .find((l) => l.msg === 'discord: interaction failed');
    expect(failed, out).toBeDefined();
    expect(failed!.err).toMatchObject({ type: 'DiscordAPIError', status: 404, method: 'POST' });
    expect(failed!.err.url).toMatch(new RegExp(`/interactions/${id}/\\[Redacted\\]/callback`));
    expect(failed!.err).not.toHaveProperty('requestBody');
    expect(token.length).toBeGreaterThan(8);
    expect(out).not.toContain(token);
    expect(out).not.toContain(USER_TEXT);
  });
});
