// The ChatPort for Discord: channel messages created and edited through discord.js' REST client,
// which waits out 429s (Retry-After) and retries 5xx itself. Every create carries a nonce with
// `enforce_nonce`, so a retried create that Discord had already processed returns the same message
// instead of posting it twice.
// Private messages outside an interaction (the daily review reminder) are direct messages: Discord
// has no "ephemeral at any time". They say which server channel they are about.

import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, makeURLSearchParams, RateLimitError, RESTJSONErrorCodes, Routes, SnowflakeUtil, type APIChannel, type APIMessage, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatPort } from '../../src/quiz/api.js';
import type { ChannelRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { StudybotError } from '../../src/errors.js';
import { DISCORD_LIMITS, renderViewChecked, toRestBody, truncate, type DiscordMessage } from './render.js';

export interface DiscordMessageRef {
  guildId: string;
  channelId: string;
  messageId: string;
}

const SNOWFLAKE = /^\d{1,20}$/;

/** `discord:<guild>:<channel>:<message>` — storable, opaque to the core. */
export function formatMessageRef(ref: DiscordMessageRef): string {
  return `discord:${ref.guildId}:${ref.channelId}:${ref.messageId}`;
}

export function parseMessageRef(ref: string): DiscordMessageRef | null {
  const parts = ref.split(':');
  if (parts.length !== 4 || parts[0] !== 'discord') return null;
  const [, guildId, channelId, messageId] = parts as [string, string, string, string];
  if (!SNOWFLAKE.test(guildId) || !SNOWFLAKE.test(channelId) || !SNOWFLAKE.test(messageId)) return null;
  return { guildId, channelId, messageId };
}

/** Discord nonces are at most 25 characters. */
export const newNonce = () => randomBytes(12).toString('hex');

function platformError(action: string, err: unknown): StudybotError {
  if (err instanceof RateLimitError) {
    return new StudybotError('platform:rate-limited', `Discord rate limit on ${action}`, { cause: err });
  }
  if (err instanceof DiscordAPIError || err instanceof HTTPError) {
    return new StudybotError('platform:failed', `Discord ${action} failed: ${err.status} ${err.message}`, { cause: err });
  }
  return new StudybotError('platform:failed', `Discord ${action} failed`, { cause: err });
}

function isDiscordChannel(channel: ChannelRef): boolean {
  return channel.platform === 'discord' && SNOWFLAKE.test(channel.channel) && SNOWFLAKE.test(channel.workspace);
}

/**
 * A direct message names the server channel it is about, as a channel mention (a link, never a
 * ping), above the rendered view.
 */
export function withChannelNote(message: DiscordMessage, channel: ChannelRef): DiscordMessage {
  const note = `-# From the server channel <#${channel.channel}>`;
  return { ...message, content: truncate(message.content ? `${note}\n${message.content}` : note, DISCORD_LIMITS.content) };
}

/** True when any component in the rows has this custom_id. */
function carriesCustomId(components: unknown, customId: string): boolean {
  if (Array.isArray(components)) return components.some((c) => carriesCustomId(c, customId));
  if (!components || typeof components !== 'object') return false;
  const o = components as { custom_id?: unknown; components?: unknown; component?: unknown };
  return o.custom_id === customId || carriesCustomId(o.components, customId) || carriesCustomId(o.component, customId);
}

export function createDiscordChat(rest: REST, log: Logger): ChatPort {
  const render = (view: MessageView) => {
    const { message, warnings } = renderViewChecked(view);
    if (warnings.length) log.warn({ warnings }, 'discord: parts of a view were not rendered');
    return message;
  };
  return {
    platform: 'discord',
    async post(channel: ChannelRef, view: MessageView): Promise<string> {
      if (!isDiscordChannel(channel)) {
        throw new StudybotError('quiz:invalid-input', `not a Discord channel: ${channel.platform}:${channel.workspace}:${channel.channel}`);
      }
      const body = { ...toRestBody(render(view), 'create'), nonce: newNonce(), enforce_nonce: true };
      try {
        const msg = (await rest.post(Routes.channelMessages(channel.channel), { body })) as APIMessage;
        return formatMessageRef({ guildId: channel.workspace, channelId: channel.channel, messageId: msg.id });
      } catch (err) {
        throw platformError('message create', err);
      }
    },
    async findPosted(channel: ChannelRef, actionId: string, since: Date): Promise<string | null> {
      if (!isDiscordChannel(channel)) return null;
      const query = makeURLSearchParams({ after: SnowflakeUtil.generate({ timestamp: since.getTime() }).toString(), limit: 100 });
      try {
        const list = (await rest.get(Routes.channelMessages(channel.channel), { query })) as APIMessage[];
        const hit = list.find((m) => carriesCustomId(m.components, actionId));
        return hit ? formatMessageRef({ guildId: channel.workspace, channelId: channel.channel, messageId: hit.id }) : null;
      } catch (err) {
        throw platformError('message history read', err);
      }
    },
    async update(messageRef: string, view: MessageView): Promise<void> {
      const ref = parseMessageRef(messageRef);
      if (!ref) throw new StudybotError('quiz:invalid-input', `not a Discord message reference: ${messageRef}`);
      try {
        await rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: toRestBody(render(view), 'edit') });
      } catch (err) {
        throw platformError('message edit', err);
      }
    },
    /**
     * A direct message to the user (POST /users/@me/channels, then a message there). A user who
     * takes no DMs from the bot (Discord 50007) is a StudybotError like any failure: the core logs
     * it and goes on with the next user.
     */
    async postPrivate(channel: ChannelRef, userId: string, view: MessageView): Promise<void> {
      if (!isDiscordChannel(channel) || !SNOWFLAKE.test(userId)) {
        throw new StudybotError('quiz:invalid-input', `not a Discord channel and user: ${channel.platform}:${channel.workspace}:${channel.channel} ${userId}`);
      }
      const body = { ...toRestBody(withChannelNote(render(view), channel), 'create'), nonce: newNonce(), enforce_nonce: true };
      let dm: APIChannel;
      try {
        dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      } catch (err) {
        throw platformError('DM channel open', err);
      }
      try {
        await rest.post(Routes.channelMessages(dm.id), { body });
      } catch (err) {
        if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
          throw new StudybotError('platform:failed', `Discord user ${userId} takes no direct messages from the bot (50007)`, { cause: err });
        }
        throw platformError('direct message', err);
      }
    },
  };
}
