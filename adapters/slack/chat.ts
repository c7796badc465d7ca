// The ChatPort for Slack: the core posts and edits channel messages through the Web API
// (chat.postMessage / chat.update / chat.postEphemeral). Edits and ephemerals are retried by
// @slack/web-api itself: with `rejectRateLimitedCalls: false` (its default) a 429 pauses the client's
// request queue for Retry-After seconds and the call is retried under `retryConfig`, so a
// throttled call is delayed, never lost. Posts are not safe to retry blindly: see post-once.ts.

import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { StudybotError } from '../../src/errors.js';
import type { ChatPort } from '../../src/quiz/api.js';
import type { ChannelRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { decodeMessageRef, encodeMessageRef } from './refs.js';
import { sendWithPictures, TextOnlyMessages } from './picture-fallback.js';
import { renderView, type SlackMessage } from './render.js';
import type { ImageDelivery } from './upload-image.js';
import { boltLogger } from './bolt-logger.js';
import { DEFAULT_POST_RETRY, findInHistory, postOnce, type PostRetryPolicy } from './post-once.js';

type WebClient = webApi.WebClient;

/** Slack errors a user can act on, with the wording they get. */
const CHANNEL_ERRORS: Record<string, string> = {
  not_in_channel: 'I am not in this channel yet: invite me with `/invite @studybot`, then try again.',
  channel_not_found: 'I cannot see this channel: invite me with `/invite @studybot` (private channels need an invite).',
  is_archived: 'This channel is archived.',
  restricted_action: 'This workspace does not allow me to post in this channel.',
  msg_too_long: 'That message was too long for Slack.',
};

/** The error Slack answered with (`not_in_channel`), when the call reached Slack and was refused. */
const slackError = (err: unknown): string | undefined => {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
};

export function toStudybotError(err: unknown, what: string): StudybotError {
  if (err instanceof StudybotError) return err;
  const e = err as { code?: string; retryAfter?: number; message?: string };
  const refused = slackError(err);
  if (refused) {
    const known = CHANNEL_ERRORS[refused];
    return new StudybotError('platform:failed', known ?? `Slack refused ${what}: ${refused}`, { cause: err });
  }
  if (e?.code === webApi.ErrorCode.RateLimitedError || /rate limit/i.test(e?.message ?? '')) {
    return new StudybotError('platform:rate-limited', `Slack is rate limiting ${what}; try again shortly.`, { cause: err });
  }
  return new StudybotError('platform:failed', `Could not reach Slack for ${what}.`, { cause: err });
}

function slackChannel(channel: ChannelRef): string {
  if (channel.platform !== 'slack') {
    throw new StudybotError('platform:failed', `the Slack adapter cannot post to a ${channel.platform} channel`);
  }
  return channel.channel;
}

/** `U123` or a scoped user key `slack:T1:U123` → `U123`. */
function slackUserId(userId: string): string {
  const parts = userId.split(':');
  return parts.length === 3 && parts[0] === 'slack' ? parts[2]! : userId;
}

/** True when any interactive element in the blocks has this action_id. */
function carriesAction(blocks: unknown, actionId: string): boolean {
  if (Array.isArray(blocks)) return blocks.some((b) => carriesAction(b, actionId));
  if (!blocks || typeof blocks !== 'object') return false;
  const o = blocks as Record<string, unknown>;
  return o.action_id === actionId || carriesAction(o.elements, actionId) || carriesAction(o.accessory, actionId);
}

/** chat.postEphemeral refusals that a direct message may get round (the user or the bot is not in the channel). */
const EPHEMERAL_OUT_OF_CHANNEL = new Set(['user_not_in_channel', 'not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
/** chat.postMessage refusals of a direct message that concern this user only. */
const DM_REFUSED = new Set(['channel_not_found', 'user_not_found', 'user_not_visible', 'user_disabled', 'cannot_dm_bot', 'messages_tab_disabled', 'restricted_action']);

/** A direct message names the channel it is about (a channel link, no ping) above the view. */
export function withChannelNote(msg: SlackMessage, channelId: string): SlackMessage {
  return { text: msg.text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `From <#${channelId}>` }] }, ...msg.blocks] as SlackMessage['blocks'] };
}

export interface SlackChatOptions {
  /** Backoff for chat.postMessage, which is retried by postOnce (not by @slack/web-api). */
  postRetry?: PostRetryPolicy;
  /** The fail-fast client posts go through (default: singleShotClient(client)). */
  singleShot?: WebClient;
  /** Chart pictures of private messages (upload, then an image block); absent: text only. */
  images?: Pick<ImageDelivery, 'upload' | 'sendReferencing'>;
}

/**
 * The same token and API URL as `client`, one request per call, 429s rejected with their
 * Retry-After: for calls the adapter retries itself (posts) or must not wait on (views.open).
 */
export function singleShotClient(client: WebClient, log?: Logger): WebClient {
  return new webApi.WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(log ? { logger: boltLogger(log) } : { logLevel: webApi.LogLevel.ERROR }),
  });
}

/** Whether the bot can read a channel (and so find its own posts there): see channelAccess(). */
export type ChannelAccess = 'member' | 'not-member' | 'unknown';

/**
 * The Slack ChatPort plus what only Slack needs. `channelAccess` is meant as an optional ChatPort
 * member: the core (or the scheduler) would call it when a schedule is set, to ask for an invite.
 */
export interface SlackChatPort extends ChatPort {
  /**
   * 'not-member' when the bot is not in the channel: it can still post to a public one
   * (chat:write.public) but cannot read it, so a post whose response was lost cannot be found
   * (findPosted) and such a day stays `unknown`. Probed with conversations.history (scopes the app
   * already has), answered `not_in_channel` or `channel_not_found`; 'unknown' on any other failure.
   */
  channelAccess(channel: ChannelRef): Promise<ChannelAccess>;
}

export function createSlackChat(client: WebClient, log?: Logger, opts: SlackChatOptions = {}): SlackChatPort {
  const textOnly = new TextOnlyMessages();
  const posting = { poster: opts.singleShot ?? singleShotClient(client, log), reader: client, policy: opts.postRetry ?? DEFAULT_POST_RETRY, ...(log ? { log } : {}) };
  return {
    platform: 'slack',

    async post(channel, view) {
      const context = { channel: `${channel.workspace}:${channel.channel}` };
      try {
        const sent = await sendWithPictures(view, (msg) => postOnce(posting, { channel: slackChannel(channel), text: msg.text, blocks: msg.blocks }), { log, context });
        const res = sent.result;
        if (!res.ts) throw new StudybotError('platform:failed', 'Slack did not return a message ts');
        const ref = encodeMessageRef({ team: channel.workspace, channel: res.channel, ts: res.ts });
        // Only a refusal makes a message text-only: one posted without pictures may get some in an edit (a reveal's explanation).
        if (sent.refused) textOnly.add(ref);
        return ref;
      } catch (err) {
        log?.warn({ err, channel: `${channel.workspace}:${channel.channel}` }, 'chat.postMessage failed');
        throw toStudybotError(err, 'posting the message');
      }
    },

    async update(messageRef, view) {
      const { channel, ts } = decodeMessageRef(messageRef);
      try {
        const sent = await sendWithPictures(view, (msg) => client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks }), {
          log,
          context: { messageRef },
          withPictures: !textOnly.has(messageRef),
        });
        if (sent.refused) textOnly.add(messageRef);
      } catch (err) {
        log?.warn({ err, messageRef }, 'chat.update failed');
        throw toStudybotError(err, 'updating the message');
      }
    },

    async findPosted(channel: ChannelRef, actionId: string, since: Date) {
      const id = slackChannel(channel);
      try {
        const ts = await findInHistory(client, id, Math.floor(since.getTime() / 1000), (m) => carriesAction(m.blocks, actionId));
        return ts ? encodeMessageRef({ team: channel.workspace, channel: id, ts }) : null;
      } catch (err) {
        log?.warn({ err, channel: `${channel.workspace}:${id}` }, 'conversations.history failed');
        throw toStudybotError(err, 'reading the channel history');
      }
    },

    async channelAccess(channel: ChannelRef): Promise<ChannelAccess> {
      try {
        // The fail-fast client: a probe inside a command must not wait out a half-hour retry policy.
        await posting.poster.conversations.history({ channel: slackChannel(channel), limit: 1 });
        return 'member';
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === 'not_in_channel' || code === 'channel_not_found') return 'not-member';
        log?.warn({ err, channel: `${channel.workspace}:${channel.channel}` }, 'could not tell whether the bot is in the channel');
        return 'unknown';
      }
    },

    /**
     * An ephemeral note in the channel; when Slack refuses it because the user or the bot is not in
     * the channel, a direct message (chat.postMessage to the user id, which opens the app's DM with
     * them; only `chat:write`) naming the channel. The view's chart is uploaded once and shown in
     * either. A DM refused for this user is `platform:unreachable-user`; any other failure throws as
     * `platform:failed` / `platform:rate-limited`. The DM goes through the fail-fast client: a post
     * is not retried blindly (post-once.ts), and the bot cannot read its DMs to look for a lost one.
     */
    async postPrivate(channel: ChannelRef, userId: string, view: MessageView) {
      const where = { channel: `${channel.workspace}:${channel.channel}` };
      const channelId = slackChannel(channel);
      const user = slackUserId(userId);
      const fileId = view.image && opts.images ? await opts.images.upload(view.image) : null;
      const send = async (post: (msg: SlackMessage) => Promise<unknown>) => {
        const image = view.image;
        if (fileId && image && opts.images) {
          const shown = await opts.images.sendReferencing(() => post(renderView(view, { fileId, alt: image.alt }, { pictures: false })), fileId);
          if (shown) return;
        }
        await sendWithPictures(view, post, { log, context: where });
      };
      try {
        await send((msg) => client.chat.postEphemeral({ channel: channelId, user, text: msg.text, blocks: msg.blocks }));
        return;
      } catch (err) {
        if (!EPHEMERAL_OUT_OF_CHANNEL.has(slackError(err) ?? '')) {
          log?.warn({ err, ...where }, 'chat.postEphemeral failed');
          throw toStudybotError(err, 'sending the private message');
        }
        log?.info({ error: slackError(err), ...where }, 'chat.postEphemeral refused (not in the channel); sending a direct message');
      }
      try {
        await send((msg) => posting.poster.chat.postMessage({ channel: user, ...withChannelNote(msg, channelId) }));
      } catch (err) {
        const code = slackError(err);
        log?.warn({ err, ...where }, 'direct message failed');
        if (code && DM_REFUSED.has(code)) throw new StudybotError('platform:unreachable-user', `Slack user ${user} cannot be sent a private message: ${code}`, { cause: err });
        throw toStudybotError(err, 'sending the private message');
      }
    },
  };
}
