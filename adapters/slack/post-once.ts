// chat.postMessage has no idempotency key: a 5xx or a dropped connection after Slack posted looks
// exactly like one before it did. So the post is never retried blindly. Each post carries a nonce in
// its message metadata; after an ambiguous failure the channel's recent history is searched for the
// nonce (conversations.history, channels:history / groups:history) and the message found is used.
// Only when it is not there is the post sent again. 429s and refusals (ok: false) are unambiguous:
// Slack did not post.

import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

type WebClient = webApi.WebClient;

export const POST_EVENT_TYPE = 'studybot_post';

export interface PostRetryPolicy {
  /** Further attempts after the first (default 5). */
  retries: number;
  /** Backoff between attempts: doubles from minMs up to maxMs (default 1 s … 30 s). */
  minMs: number;
  maxMs: number;
}

export const DEFAULT_POST_RETRY: PostRetryPolicy = { retries: 5, minMs: 1000, maxMs: 30_000 };

export interface PostOnceDeps {
  /** A client that makes one HTTP request per call (no retries) and rejects 429s with their Retry-After. */
  poster: WebClient;
  /** Reads history (retries are harmless there). */
  reader: WebClient;
  policy: PostRetryPolicy;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export interface PostArgs {
  channel: string;
  text: string;
  blocks: unknown[];
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 5xx or a network failure: Slack may or may not have posted. */
function isAmbiguous(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === webApi.ErrorCode.HTTPError || code === webApi.ErrorCode.RequestError;
}

function retryAfterMs(err: unknown): number | null {
  const e = err as { code?: string; retryAfter?: number };
  return e?.code === webApi.ErrorCode.RateLimitedError ? Math.max(0, e.retryAfter ?? 1) * 1000 : null;
}

/** Posts once: returns the message's channel and ts, whether this call or an earlier lost one posted it. */
export async function postOnce(deps: PostOnceDeps, args: PostArgs): Promise<{ channel: string; ts: string }> {
  const { poster, policy, log } = deps;
  const sleep = deps.sleep ?? sleepFor;
  const nonce = randomUUID();
  const metadata = { event_type: POST_EVENT_TYPE, event_payload: { nonce } };
  const since = Math.floor(Date.now() / 1000) - 60;
  let delay = policy.minMs;
  let lastError: unknown;
  let backoff = false;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (backoff) {
      await sleep(delay);
      delay = Math.min(policy.maxMs, delay * 2);
    }
    backoff = true;
    try {
      const res = await poster.chat.postMessage({ channel: args.channel, text: args.text, blocks: args.blocks as never, metadata });
      return { channel: res.channel ?? args.channel, ts: res.ts! };
    } catch (err) {
      lastError = err;
      const wait = retryAfterMs(err);
      if (wait !== null) {
        log?.warn({ retryAfterMs: wait, channel: args.channel }, 'chat.postMessage rate limited; waiting');
        await sleep(wait);
        backoff = false; // Retry-After was the wait
        continue;
      }
      if (!isAmbiguous(err)) throw err;
      const found = await findPosted(deps, args.channel, nonce, since);
      if (found === 'unknown') {
        // Without history access a retry could post twice: give up and let the caller decide.
        log?.warn({ channel: args.channel }, 'chat.postMessage failed ambiguously and history cannot be read; not retried');
        throw err;
      }
      if (found) {
        log?.info({ channel: args.channel }, 'chat.postMessage response was lost, but Slack had posted: not posting again');
        return { channel: args.channel, ts: found };
      }
      log?.warn({ err, channel: args.channel, attempt }, 'chat.postMessage failed before Slack posted; retrying');
    }
  }
  throw lastError;
}

type HistoryMessage = NonNullable<webApi.ConversationsHistoryResponse['messages']>[number];

/** Pages of 200 messages read at most: the posts looked for are minutes old. */
const HISTORY_PAGES = 5;

/**
 * The ts of the newest message in the channel since `oldestSec` that `match` accepts, or null.
 * Reads message metadata too. Throws what conversations.history throws (e.g. missing_scope).
 */
export async function findInHistory(
  client: WebClient,
  channel: string,
  oldestSec: number,
  match: (m: HistoryMessage) => boolean,
): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const res = await client.conversations.history({
      channel,
      oldest: String(oldestSec),
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    const hit = (res.messages ?? []).find(match);
    if (hit?.ts) return hit.ts;
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  return null;
}

/** The ts of the bot's message carrying `nonce`, null when it is not there, 'unknown' when history cannot be read. */
async function findPosted(deps: PostOnceDeps, channel: string, nonce: string, since: number): Promise<string | null | 'unknown'> {
  try {
    return await findInHistory(
      deps.reader,
      channel,
      since,
      (m) => m.metadata?.event_type === POST_EVENT_TYPE && (m.metadata.event_payload as { nonce?: string } | undefined)?.nonce === nonce,
    );
  } catch (err) {
    deps.log?.warn({ err, channel }, 'conversations.history failed; cannot tell whether the post landed');
    return 'unknown';
  }
}
