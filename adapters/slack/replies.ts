// What every Slack handler shares after the ack: the dependencies (core, logger, queues, clients)
// and the delivery of the core's replies through the request's response_url, a form as a modal.

import type { RespondArguments, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { isStudybotError } from '../../src/errors.js';
import type { Reply, Studybot } from '../../src/quiz/api.js';
import type { AdminResolver } from './admins.js';
import type { SlackChatPort } from './chat.js';
import { formModal, type FormRoute } from './forms.js';
import type { DeliveryClaims, SharedOutcome } from './once.js';
import { hasLinkedPictures } from './picture-fallback.js';
import { renderView } from './render.js';
import type { ImageDelivery } from './upload-image.js';

export interface SlackHandlerDeps {
  bot: Studybot;
  log: Logger;
  admins: AdminResolver;
  /** Which deliveries (commands, clicks, forms) already ran: a redelivery is acked and dropped. */
  deliveries: DeliveryClaims;
  /** In-process outcome of each submitted modal, so a concurrent redelivery answers with it. */
  submissions: SharedOutcome<Reply[]>;
  /** The fail-fast client (views.open). */
  singleShot: webApi.WebClient;
  chat: SlackChatPort;
  formReplyBudgetMs: number;
  /** Queue post-ack work (bounded), remembered until done. */
  track(work: () => Promise<void>): Promise<void>;
  /** Remember running work until done so idle()/stop() can wait for it. */
  remember(running: Promise<void>): Promise<void>;
  /** Chart pictures of private replies (upload, then an image block); absent: text only. */
  images?: ImageDelivery;
}

/** Sends a message to the request's response_url (Bolt's respond() fits); rejects when Slack does not take it. */
export type Respond = (message: RespondArguments) => Promise<unknown>;

const GENERIC_FAILURE = 'Sorry, something went wrong on my side. Please try again in a moment.';

export const privateNote = (text: string): Reply => ({ visibility: 'private', view: { text, blocks: [{ type: 'text', text }] } });

/** The Slack error code of a failed Web API call (`expired_trigger_id`), or the error's message. */
export function slackErrorCode(err: unknown): string {
  const e = err as { data?: { error?: string }; code?: string; message?: string };
  return e?.data?.error ?? e?.code ?? e?.message ?? String(err);
}

/** Errors whose message is written for the user; anything else gets a generic line. */
export function userMessage(err: unknown): string {
  if (isStudybotError(err) && (err.code.startsWith('quiz:') || err.code.startsWith('platform:'))) return err.message;
  return GENERIC_FAILURE;
}

/**
 * Open the core's form as a modal with the click's trigger_id. False when it could not be opened
 * (expired trigger, API error, an id Slack cannot carry): the caller then shows the reply's view.
 */
async function openForm(deps: SlackHandlerDeps, reply: Reply, triggerId: string, route: FormRoute): Promise<boolean> {
  const form = reply.form!;
  const view = formModal(form, route);
  if (!view) {
    deps.log.warn({ formId: form.id }, 'form id cannot be a Slack callback_id; showing its fallback view');
    return false;
  }
  try {
    await deps.singleShot.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (err) {
    deps.log.warn({ error: slackErrorCode(err), formId: form.id, channel: `${route.team}:${route.channel}` }, 'views.open failed; showing the form as a private message instead');
    return false;
  }
}

/**
 * Deliver the core's replies in order through the response_url. A reply with a form (only on a
 * click, which brings a trigger_id) opens as a modal instead, and its view is sent only when the
 * modal could not be opened. A private reply with a picture is uploaded and shown as an image
 * block under its text (needs `responseUrl`); when that fails the text goes alone. A reply with
 * linked pictures (a question's) goes with them, and again without them when Slack refuses it.
 */
export async function deliverReplies(
  deps: SlackHandlerDeps,
  replies: Reply[],
  respond: Respond,
  fromClick: boolean,
  opts: { trigger?: { triggerId: string; route: FormRoute }; responseUrl?: string } = {},
): Promise<void> {
  const { trigger, responseUrl } = opts;
  for (const reply of replies) {
    if (reply.form && trigger?.triggerId && (await openForm(deps, reply, trigger.triggerId, trigger.route))) continue;
    const target: { replace_original: boolean; response_type?: 'in_channel' | 'ephemeral' } =
      reply.replaceSource && fromClick
        ? { replace_original: true }
        : { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false };
    const image = reply.visibility === 'private' ? reply.view.image : undefined;
    const textOnly = { ...target, ...renderView(reply.view, undefined, { pictures: false }) };
    if (image && responseUrl && deps.images) {
      const shown = await deps.images.deliver(image, responseUrl, (fileId) => ({ ...target, ...renderView(reply.view, { fileId, alt: image.alt }, { pictures: false }) }));
      if (shown) continue;
    } else if (responseUrl && deps.images) {
      const full = renderView(reply.view);
      if (hasLinkedPictures(full)) {
        await deps.images.sendLinked(responseUrl, { ...target, ...full }, textOnly);
        continue;
      }
    }
    await respond(textOnly);
  }
}

export async function reportFailure(deps: SlackHandlerDeps, err: unknown, respond: Respond, context: Record<string, unknown>): Promise<void> {
  if (isStudybotError(err) && err.code.startsWith('quiz:')) deps.log.info({ err, ...context }, 'request refused');
  else deps.log.error({ err, ...context }, 'request failed');
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: renderView({ text: userMessage(err), blocks: [] }).text });
  } catch (respondErr) {
    deps.log.warn({ err: respondErr, ...context }, 'could not tell the user about the failure');
  }
}
