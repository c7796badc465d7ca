// The Discord adapter: a discord.js gateway client (Guilds intent only) that turns slash commands,
// button clicks, selects and autocomplete into core invocations, and a ChatPort that posts and edits
// channel messages through Discord's REST API. No quiz rules live here.

import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatPort, Studybot } from '../../src/quiz/api.js';
import { StudybotError } from '../../src/errors.js';
import { createDiscordChat } from './chat.js';
import { isolateDispatches } from './dispatch-guard.js';
import { handleInteraction, type InteractionContext } from './interactions.js';
import { NO_MENTIONS } from './render.js';

export interface DiscordConfig {
  /** Bot token (DISCORD_TOKEN). */
  token: string;
  /** Application id (DISCORD_APPLICATION_ID), used to register commands. */
  applicationId: string;
  /** REST base URL without the version (DISCORD_API_URL), e.g. a local stand-in `http://127.0.0.1:8080/api`. */
  apiUrl?: string;
  /** Development guild (DISCORD_GUILD_ID): where `discord:register` puts commands for instant updates. */
  guildId?: string;
  /** Discord user ids with admin rights besides members with Manage Server (STUDYBOT_ADMINS). */
  admins?: string[];
  /**
   * Answer an interaction directly when the core replies within this many ms, else defer first.
   * Default 1,500: Discord allows 3 s from its side, and network time plus a busy event loop
   * (timers fire late under load) eat into the rest.
   */
  deferAfterMs?: number;
}

export interface DiscordAdapter {
  /** The Discord ChatPort, already attached to the bot (`bot.attachChat`). */
  chat: ChatPort;
  /** The logged-in discord.js client (for sharding, metrics, tests). */
  client: Client<true>;
  /** Resolves when every interaction received so far has been fully answered (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDiscord(opts: { config: DiscordConfig; bot: Studybot; log: Logger }): Promise<DiscordAdapter> {
  const { config, bot } = opts;
  const log = opts.log.child({ adapter: 'discord' });
  if (!config.token) throw new StudybotError('config:invalid', 'DISCORD_TOKEN is empty');
  if (!config.applicationId) throw new StudybotError('config:invalid', 'DISCORD_APPLICATION_ID is empty');

  // Every clicking member and user would otherwise stay cached for the life of the process (a large
  // server's whole study group); the adapter reads them from each interaction, so only the bot's own is kept.
  const onlySelf = { maxSize: 0, keepOverLimit: (x: { id: string; client: Client }) => x.id === x.client.user?.id };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, GuildMemberManager: onlySelf, UserManager: onlySelf }),
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl.replace(/\/+$/, '') } } : {}),
  });

  // Before login: a malformed dispatch must not take the process (and a Slack adapter in it) down.
  isolateDispatches(client, log);

  const inFlight = new Set<Promise<void>>();
  const ctx: InteractionContext = {
    bot,
    log,
    admins: new Set(config.admins ?? []),
    deferAfterMs: config.deferAfterMs ?? 1500,
    // Deck commands can change on a content reload: read them for every command and autocomplete.
    specs: () => bot.commands(),
  };
  client.on(Events.InteractionCreate, (interaction) => {
    const handling = handleInteraction(ctx, interaction).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord: client error'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'discord: gateway disconnected'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global }, 'discord: rate limited, waiting'),
  );

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw new StudybotError('platform:failed', 'could not log in to Discord (check DISCORD_TOKEN)', { cause: err });
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: connected');

  const chat = createDiscordChat(client.rest, log);
  // The core needs the port to post questions and reveals; attaching is idempotent (one port per platform).
  bot.attachChat(chat);
  return {
    chat,
    client: client as Client<true>,
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      log.info('discord: stopped');
    },
  };
}

export { createDiscordChat, formatMessageRef, parseMessageRef } from './chat.js';
export { buildSlashCommands, commandText } from './commands.js';
export { renderView, escapeDiscord, neutraliseMentions, DISCORD_LIMITS } from './render.js';
