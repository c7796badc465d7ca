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
import type { SlackMessage } from './render.js';
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

export function toStudybotError(err: unknown, what: string): StudybotError {
  if (err instanceof StudybotError) return err;
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  if (e?.code === webApi.ErrorCode.PlatformError && e.data?.error) {
    const known = CHANNEL_ERRORS[e.data.error];
    return new StudybotError('platform:failed', known ?? `Slack refused ${what}: ${e.data.error}`, { cause: err });
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

export interface SlackChatOptions {
  /** Backoff for chat.postMessage, which is retried by postOnce (not by @slack/web-api). */
  postRetry?: PostRetryPolicy;
  /** The fail-fast client posts go through (default: singleShotClient(client)). */
  singleShot?: WebClient;
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

    async postPrivate(channel: ChannelRef, userId: string, view: MessageView) {
      try {
        const post = (msg: SlackMessage) => client.chat.postEphemeral({ channel: slackChannel(channel), user: slackUserId(userId), text: msg.text, blocks: msg.blocks });
        await sendWithPictures(view, post, { log, context: { channel: `${channel.workspace}:${channel.channel}` } });
      } catch (err) {
        log?.warn({ err, channel: `${channel.workspace}:${channel.channel}` }, 'chat.postEphemeral failed');
        throw toStudybotError(err, 'sending the private message');
      }
    },
  };
}
