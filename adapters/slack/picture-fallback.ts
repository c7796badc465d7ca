// Linked pictures (image blocks with an image_url, e.g. a question's diagram) are downloaded by
// Slack itself while it takes the message. When it cannot (host down, a 404, not an image) it
// refuses the WHOLE message as `invalid_blocks` ("downloading image failed"). The message then goes
// again without them: its text names every picture as "alt (url)" anyway. chat.postMessage,
// chat.update and chat.postEphemeral go through sendWithPictures; response_url replies through
// ImageDelivery.sendLinked (upload-image.ts), which reads the refusal from the response body.

import type { Logger } from 'pino';
import type { MessageView } from '../../src/quiz/views.js';
import { isLinkedPicture, renderView, type SlackMessage } from './render.js';

export const hasLinkedPictures = (msg: SlackMessage): boolean => msg.blocks.some((b) => isLinkedPicture(b as { type?: string; image_url?: unknown }));

/** A Web API error saying Slack refused the blocks (what it answers when a picture cannot be downloaded). */
export function isBlocksRefusal(err: unknown): boolean {
  return (err as { data?: { error?: string } })?.data?.error === 'invalid_blocks';
}

/** Slack's own words on a refusal ("downloading image failed [json-pointer:/blocks/3/image_url]"), for the log. */
export function refusalDetail(err: unknown): string[] {
  const data = (err as { data?: { errors?: unknown; response_metadata?: { messages?: unknown } } })?.data;
  const found = data?.response_metadata?.messages ?? data?.errors;
  return Array.isArray(found) ? found.filter((m): m is string => typeof m === 'string').slice(0, 3) : [];
}

/**
 * Sends the view with its linked pictures; when Slack refuses the blocks, logs one line and sends
 * it again without them. `pictures` says whether the pictures went along (false also when
 * `withPictures` is false or the view has none); `refused`, whether Slack refused them this time.
 */
export async function sendWithPictures<T>(
  view: MessageView,
  send: (msg: SlackMessage) => Promise<T>,
  opts: { log?: Logger | undefined; context: Record<string, unknown>; withPictures?: boolean },
): Promise<{ result: T; pictures: boolean; refused: boolean }> {
  const full = renderView(view);
  if (opts.withPictures === false || !hasLinkedPictures(full)) {
    return { result: await send(renderView(view, undefined, { pictures: false })), pictures: false, refused: false };
  }
  try {
    return { result: await send(full), pictures: true, refused: false };
  } catch (err) {
    if (!isBlocksRefusal(err)) throw err;
    opts.log?.warn({ ...opts.context, slack: refusalDetail(err) }, 'Slack refused the message with its pictures (could not download one); sending it again with their links only');
    return { result: await send(renderView(view, undefined, { pictures: false })), pictures: false, refused: true };
  }
}

/** Message refs whose pictures Slack refused: their later edits go without pictures (bounded, oldest forgotten first). */
export class TextOnlyMessages {
  private readonly refs = new Set<string>();
  constructor(private readonly max = 1000) {}

  has(ref: string): boolean {
    return this.refs.has(ref);
  }

  add(ref: string): void {
    this.refs.delete(ref);
    this.refs.add(ref);
    if (this.refs.size > this.max) this.refs.delete(this.refs.values().next().value!);
  }
}
