// The core's one-field forms (FormView) as Slack modals, and the way back: a view_submission's
// routing (private_metadata) and typed text. Wording comes from the core; this module lays it out
// within Slack's modal limits and escapes it like every other view string (render.ts).

import type { types } from '@slack/bolt';
import type { FormView } from '../../src/quiz/api.js';
import type { MessageView } from '../../src/quiz/views.js';
import { escapeSlack, renderView, truncate } from './render.js';

type ModalView = types.ModalView;
type KnownBlock = types.KnownBlock;

export const MODAL_LIMITS = {
  /** Title, submit and close texts. */
  title: 24,
  submit: 24,
  close: 24,
  inputLabel: 2000,
  placeholder: 150,
  /** plain_text_input min_length 0…3000, max_length 1…3000. */
  inputLength: 3000,
  callbackId: 255,
  privateMetadata: 3000,
  blocks: 100,
} as const;

/** block_id / action_id of the modal's one input: read back from view.state.values on submit. */
export const FORM_BLOCK_ID = 'sb-form';
export const FORM_ACTION_ID = 'text';
/** Marks private_metadata written by this adapter, so a submission of any other view is not ours. */
const METADATA_MARKER = 'studybot-form';

/** Where a form was opened: what the submission needs to be routed as the click was. Nothing secret. */
export interface FormRoute {
  team: string;
  channel: string;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(escapeSlack(text), max), emoji: true });
const clampLength = (n: number, min: number) => Math.min(MODAL_LIMITS.inputLength, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

export function encodeFormRoute(route: FormRoute): string {
  return JSON.stringify({ k: METADATA_MARKER, team: route.team, channel: route.channel });
}

/** The route in a view's private_metadata, or null when the view is not one of this adapter's forms. */
export function decodeFormRoute(metadata: string | null | undefined): FormRoute | null {
  if (!metadata || metadata.length > MODAL_LIMITS.privateMetadata) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return null;
  }
  const o = parsed as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.k !== METADATA_MARKER) return null;
  const id = /^[A-Z0-9]{1,40}$/i;
  if (typeof o.team !== 'string' || typeof o.channel !== 'string' || !id.test(o.team) || !id.test(o.channel)) return null;
  return { team: o.team, channel: o.channel };
}

/**
 * The core's form as a modal for views.open: callback_id = the core's submit id, one multiline
 * plain_text_input with the core's length bounds (Slack enforces them in the client too),
 * private_metadata = where the click happened. Null when the id cannot be a callback_id.
 */
export function formModal(form: FormView, route: FormRoute): ModalView | null {
  if (!form.id || form.id.length > MODAL_LIMITS.callbackId) return null;
  const minLength = clampLength(form.field.minLength, 0);
  const maxLength = Math.max(clampLength(form.field.maxLength, 1), minLength || 1);
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(form.submitLabel, MODAL_LIMITS.submit),
    close: plain('Cancel', MODAL_LIMITS.close),
    private_metadata: encodeFormRoute(route),
    blocks: [
      {
        type: 'input',
        block_id: FORM_BLOCK_ID,
        label: plain(form.field.label, MODAL_LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: FORM_ACTION_ID,
          multiline: form.field.multiline,
          min_length: minLength,
          max_length: maxLength,
          placeholder: plain(form.field.placeholder, MODAL_LIMITS.placeholder),
        },
      },
    ],
  };
}

const unescapeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Shape of a view_submission's `view.state.values` (only what we read). */
export type FormStateValues = Record<string, Record<string, { type?: string; value?: string | null }>>;

/** The text typed into the form's input ('' when it was left empty). */
export function submittedText(values: FormStateValues | undefined): string {
  return values?.[FORM_BLOCK_ID]?.[FORM_ACTION_ID]?.value ?? '';
}

/**
 * The modal that replaces a submitted form (response_action: 'update'): the core's replies,
 * rendered and escaped by the message renderer, without controls (a click inside a modal has no
 * channel to route it to), and only a Close button. `title` is the submitted view's title as Slack
 * echoes it (our own escaped text): decoded, then escaped once more like any other string.
 */
export function resultModal(title: string, views: MessageView[]): ModalView {
  const blocks: KnownBlock[] = views.flatMap((v) => renderView({ ...v, actions: [] }).blocks);
  const kept =
    blocks.length > MODAL_LIMITS.blocks
      ? [...blocks.slice(0, MODAL_LIMITS.blocks - 1), { type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] } as KnownBlock]
      : blocks;
  return {
    type: 'modal',
    title: plain(unescapeSlack(title).trim() || 'studybot', MODAL_LIMITS.title),
    close: plain('Close', MODAL_LIMITS.close),
    blocks: kept,
  };
}
