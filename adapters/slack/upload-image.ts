// Pictures in Slack replies: chart pictures (MessageView.image) uploaded, and linked pictures
// (a question's image_url blocks, see picture-fallback.ts) sent with a text-only fallback.
//
// Chart pictures (MessageView.image) in private Slack replies: through the response_url
// (deliver), or chat.postEphemeral / a DM outside an interaction (upload, then sendReferencing).
// A response_url reply cannot carry a file, so the PNG is uploaded first with files.uploadV2 (files.getUploadURLExternal, a POST of
// the bytes to the returned upload_url, files.completeUploadExternal) and the reply shows it as an
// image block referencing the file: `{ type: 'image', slack_file: { id }, alt_text }`.
//
// No channel_id is passed: with one, completeUploadExternal shares the file into the channel,
// where everyone sees a private chart. Without it the file stays private to the bot, which may
// reference it in blocks it posts itself.
//
// Slack finishes an upload asynchronously: a message referencing a file right after
// completeUploadExternal can be refused with `invalid_blocks` (reported in slackapi/java-slack-sdk
// #1349 and python-slack-sdk #1521: a pause of about a second helps; files.info would tell, but
// needs files:read). So a refused reply is sent again after short waits, and in the end without the
// picture. An upload that fails never costs the reply: it then goes out as text only.

import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ViewImage } from '../../src/quiz/views.js';
import { graphemePrefix } from '../../src/graphemes.js';
import { within } from '../within.js';
import { boltLogger } from './bolt-logger.js';

/** Where Slack's files.getUploadURLExternal points uploads. */
export const SLACK_UPLOAD_HOST = 'files.slack.com';

export interface ImageDeliveryOptions {
  /** Client for files.uploadV2 (see uploadClient). */
  uploader: webApi.WebClient;
  /** The fetch replies go through (responseUrlFetch: allowed hosts, 429 handling). */
  responseFetch: typeof fetch;
  log: Logger;
  /** Waits before sending a reply Slack refused as `invalid_blocks` again (default 1 s, then 2 s). */
  retryDelaysMs?: readonly number[];
  /** How long the reply waits for the upload before it goes without the picture (default 8 s). */
  uploadBudgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ImageDelivery {
  /**
   * Uploads `image` and posts `message(fileId)` to the response_url. False when the picture could
   * not be shown (upload failed, or the reply kept being refused): the caller sends the text alone.
   */
  deliver(image: ViewImage, responseUrl: string, message: (fileId: string) => Record<string, unknown>): Promise<boolean>;
  /**
   * Posts `message`, whose blocks show linked pictures (image_url), to the response_url. When Slack
   * refuses it (it could not download a picture), logs one line and posts `textOnly` instead.
   * Throws when a post fails for another reason, as Bolt's respond() does.
   */
  sendLinked(responseUrl: string, message: Record<string, unknown>, textOnly: Record<string, unknown>): Promise<void>;
  /** Uploads `image` within the upload budget: its file id, or null when it could not be uploaded (logged). */
  upload(image: ViewImage): Promise<string | null>;
  /**
   * Sends a Web API message that shows the uploaded file (chat.postEphemeral, chat.postMessage):
   * when Slack refuses its blocks (`invalid_blocks`, the file still processing), again after the
   * same waits as deliver(). False when it was still refused (the caller sends the text alone);
   * any other error is thrown.
   */
  sendReferencing(send: () => Promise<unknown>, fileId: string): Promise<boolean>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A WebClient for uploads: the bot token, Web API calls under `apiUrl`, upload URLs only on Slack's
 * upload host or the API's host (the token goes along as a bearer header). Plain fetch: the bytes
 * go as multipart, which the pooled response_url fetch does not carry. Fails fast: a chart is not
 * worth holding the reply for the shared client's half-hour retry policy.
 */
export function uploadClient(token: string, apiUrl: string, log: Logger, uploadHosts: readonly string[] = [SLACK_UPLOAD_HOST, new URL(apiUrl).host]): webApi.WebClient {
  const allowed = new Set(uploadHosts);
  const guarded = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(apiUrl) && !allowed.has(new URL(url).host)) {
      throw new Error(`upload URL on host ${new URL(url).host} is not allowed`);
    }
    return fetch(input, init);
  }) as typeof fetch;
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    fetch: guarded,
    retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger: boltLogger(log),
  });
}

/** The id of the uploaded file, from files.uploadV2's answer (one completeUploadExternal per job). */
function uploadedFileId(result: unknown): string | undefined {
  const jobs = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return jobs[0]?.files?.[0]?.id;
}

export function createImageDelivery(opts: ImageDeliveryOptions): ImageDelivery {
  const delays = opts.retryDelaysMs ?? [1000, 2000];
  const budget = opts.uploadBudgetMs ?? 8000;
  const sleep = opts.sleep ?? defaultSleep;
  const log = opts.log;

  async function upload(image: ViewImage): Promise<string | null> {
    try {
      const result = await opts.uploader.files.uploadV2({
        file: Buffer.from(image.png),
        filename: image.filename,
        title: image.filename,
        alt_text: graphemePrefix(image.alt, 1000),
      });
      const id = uploadedFileId(result);
      if (!id) log.warn({ filename: image.filename }, 'chart upload answered without a file id; replying without the picture');
      return id ?? null;
    } catch (err) {
      const e = err as { data?: { error?: string }; message?: string };
      log.warn({ error: e.data?.error ?? e.message, filename: image.filename }, 'chart upload failed; replying without the picture');
      return null;
    }
  }

  async function uploadWithinBudget(image: ViewImage): Promise<string | null> {
    const timed = await within(upload(image), budget);
    if (!timed.done) log.warn({ budgetMs: budget, filename: image.filename }, 'chart upload too slow; replying without the picture');
    return timed.done ? timed.value : null;
  }

  /** One post; `refused` is Slack's error when it rejected the blocks; `detail`: its first words on why. */
  async function post(responseUrl: string, body: Record<string, unknown>): Promise<{ ok: true } | { ok: false; refused: boolean; status: number; detail: string }> {
    const res = await opts.responseFetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.ok) {
      await res.body?.cancel();
      return { ok: true };
    }
    const text = await res.text().catch(() => '');
    return { ok: false, refused: /invalid_blocks|slack_file|invalid slack file/i.test(text), status: res.status, detail: text.slice(0, 300) };
  }

  const failed = (status: number) => new Error(`Failed to respond to the response_url: ${status}`);

  return {
    async sendLinked(responseUrl, message, textOnly) {
      const first = await post(responseUrl, message);
      if (first.ok) return;
      if (!first.refused) throw failed(first.status);
      log.warn({ status: first.status, slack: first.detail }, 'Slack refused the reply with its pictures (could not download one); sending it again with their links only');
      const second = await post(responseUrl, textOnly);
      if (!second.ok) throw failed(second.status);
    },

    upload: uploadWithinBudget,

    async sendReferencing(send, fileId) {
      for (let attempt = 0; ; attempt++) {
        try {
          await send();
          return true;
        } catch (err) {
          if ((err as { data?: { error?: string } })?.data?.error !== 'invalid_blocks') throw err;
          if (attempt >= delays.length) {
            log.warn({ attempts: attempt + 1, fileId }, 'Slack did not take the message with the chart; sending it without the picture');
            return false;
          }
        }
        await sleep(delays[attempt]!);
      }
    },

    async deliver(image, responseUrl, message) {
      const fileId = await uploadWithinBudget(image);
      if (!fileId) return false;
      const body = message(fileId);
      for (let attempt = 0; ; attempt++) {
        let outcome: Awaited<ReturnType<typeof post>>;
        try {
          outcome = await post(responseUrl, body);
        } catch (err) {
          log.warn({ err, fileId }, 'reply with the chart failed; replying without the picture');
          return false;
        }
        if (outcome.ok) return true;
        if (!outcome.refused || attempt >= delays.length) {
          log.warn({ status: outcome.status, refused: outcome.refused, attempts: attempt + 1, fileId }, 'Slack did not take the reply with the chart; replying without the picture');
          return false;
        }
        await sleep(delays[attempt]!);
      }
    },
  };
}
