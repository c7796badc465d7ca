// The ChatPort for Discord: channel messages created and edited through discord.js' REST client,
// which waits out 429s (Retry-After) and retries 5xx itself. Every create carries a nonce with
// `enforce_nonce`, so a retried create that Discord had already processed returns the same message
// instead of posting it twice.
// Private messages outside an interaction (the daily review reminder, a timed-out mock exam's
// result) are direct messages: Discord has no "ephemeral at any time". They say which server
// channel they are about, and carry the view's chart as an attachment.
// A user who takes no DMs from the bot is `platform:unreachable-user`; the core may then address
// them in the channel (postAddressed): a ping of that one user, nobody else.

import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, makeURLSearchParams, RateLimitError, RESTJSONErrorCodes, Routes, SnowflakeUtil, type APIChannel, type APIMessage, type RawFile, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatPort } from '../../src/quiz/api.js';
import type { ChannelRef } from '../../src/quiz/ids.js';
import type { MessageView, ViewImage } from '../../src/quiz/views.js';
import { StudybotError } from '../../src/errors.js';
import { graphemePrefix } from '../../src/graphemes.js';
import { attachmentName } from './attachments.js';
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

/** Discord's answers that mean "this user cannot get a DM from the bot", not "Discord failed". */
const UNREACHABLE_USER: readonly (number | string)[] = [
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
  RESTJSONErrorCodes.UnknownUser,
];

function dmError(action: string, userId: string, err: unknown): StudybotError {
  if (err instanceof DiscordAPIError && UNREACHABLE_USER.includes(err.code)) {
    return new StudybotError('platform:unreachable-user', `Discord user ${userId} takes no direct messages from the bot (${err.code})`, { cause: err });
  }
  return platformError(action, err);
}

/**
 * A message create with the view's chart (MessageView.image) as its file, shown in the embed
 * (`attachment://<name>`), as the interaction replies do it (attachments.ts).
 */
export function withRestImage(body: ReturnType<typeof toRestBody>, image: ViewImage | undefined): { body: Record<string, unknown>; files?: RawFile[] } {
  if (!image) return { body };
  const name = attachmentName(image.filename);
  const [first, ...rest] = body.embeds;
  const embeds = first ? [{ ...first, image: { url: `attachment://${name}` } }, ...rest] : body.embeds;
  return {
    body: { ...body, embeds, attachments: [{ id: 0, filename: name, description: graphemePrefix(image.alt, 1024) }] },
    files: [{ name, data: Buffer.from(image.png), contentType: 'image/png' }],
  };
}

/** `<@id>` in front of the message: the one mention that pings, allowed for that user only. */
export function addressedTo(message: DiscordMessage, userId: string) {
  const content = truncate(message.content ? `<@${userId}> ${message.content}` : `<@${userId}>`, DISCORD_LIMITS.content);
  return { ...toRestBody({ ...message, content }, 'create'), allowed_mentions: { parse: [], users: [userId] } };
}

function isDiscordChannel(channel: ChannelRef): boolean {
  return channel.platform === 'discord' && SNOWFLAKE.test(channel.channel) && SNOWFLAKE.test(channel.workspace);
}

/** A message to one user about a channel needs both to be Discord's. */
function assertDiscordUser(channel: ChannelRef, userId: string): void {
  if (!isDiscordChannel(channel) || !SNOWFLAKE.test(userId)) {
    throw new StudybotError('quiz:invalid-input', `not a Discord channel and user: ${channel.platform}:${channel.workspace}:${channel.channel} ${userId}`);
  }
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
     * A direct message to the user (POST /users/@me/channels, then a message there, with the view's
     * chart attached). A user who takes no DMs from the bot (Discord 50007, 50278, an unknown user)
     * is `platform:unreachable-user`; any other failure `platform:failed` / `platform:rate-limited`.
     */
    async postPrivate(channel: ChannelRef, userId: string, view: MessageView): Promise<void> {
      assertDiscordUser(channel, userId);
      const { body, files } = withRestImage(toRestBody(withChannelNote(render(view), channel), 'create'), view.image);
      let dm: APIChannel;
      try {
        dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      } catch (err) {
        throw dmError('DM channel open', userId, err);
      }
      try {
        await rest.post(Routes.channelMessages(dm.id), { body: { ...body, nonce: newNonce(), enforce_nonce: true }, ...(files ? { files } : {}) });
      } catch (err) {
        throw dmError('direct message', userId, err);
      }
    },
    /** A channel message that pings `userId` only (allowed_mentions.users); the view's own text stays mention-free. */
    async postAddressed(channel: ChannelRef, userId: string, view: MessageView): Promise<void> {
      assertDiscordUser(channel, userId);
      const body = { ...addressedTo(render(view), userId), nonce: newNonce(), enforce_nonce: true };
      try {
        await rest.post(Routes.channelMessages(channel.channel), { body });
      } catch (err) {
        throw platformError('message create', err);
      }
    },
  };
}
