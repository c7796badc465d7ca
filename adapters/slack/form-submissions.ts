// A submitted form (view_submission), routed like the click that opened it: the channel comes from
// the modal's private_metadata. The core's answer replaces the modal when it comes within the
// budget; otherwise the modal is closed and the answer follows as an ephemeral message in that
// channel. A redelivery of the same view shares the first delivery's outcome, so the core runs once
// per submitted modal. Every answer to a form is shown to the submitter only.

import type { ViewSubmitAction } from '@slack/bolt';
import { isStudybotError } from '../../src/errors.js';
import type { Reply } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { parseActionId } from '../../src/quiz/index.js';
import { cleanText } from '../sanitize.js';
import { within } from '../within.js';
import { decodeFormRoute, resultModal, submittedText, type FormStateValues } from './forms.js';
import { privateNote, userMessage, type SlackHandlerDeps } from './replies.js';
import { displayName, viewTenant } from './tenant.js';

const FOREIGN_FORM = 'This form belongs to another workspace. Nothing was sent.';
const ALREADY_SENT = 'This form was already sent.';
const NOT_A_FORM = 'This form cannot be sent. Nothing was sent.';

export type ViewAck = (response?: { response_action: 'update'; view: ReturnType<typeof resultModal> }) => Promise<void>;

export async function handleViewSubmission(deps: SlackHandlerDeps, body: ViewSubmitAction, ack: ViewAck, retryNum: number | undefined): Promise<void> {
  const { log } = deps;
  const started = performance.now();
  const acked = async (response?: Parameters<ViewAck>[0]) => {
    await ack(response);
    ackLatency.observe({ platform: 'slack', kind: 'form' }, (performance.now() - started) / 1000);
  };
  const route = decodeFormRoute(body.view.private_metadata);
  if (!route) {
    log.info({ callbackId: body.view.callback_id }, 'submission of a view that is not a studybot form ignored');
    await acked();
    return;
  }
  // The installed workspace, not the submitter's: a Slack Connect user or an org-wide install's
  // submission carries another (or no) `team`, and is still this workspace's form.
  const team = viewTenant(body);
  const title = body.view.title?.text ?? '';
  if (!team || team !== route.team) {
    log.warn({ team, formTeam: route.team, user: body.user.id }, 'form names another workspace than the one it was submitted to; refused');
    await acked({ response_action: 'update', view: resultModal(title, [privateNote(FOREIGN_FORM).view]) });
    return;
  }
  // Only form actions run from a form: any other action id (an answer `a:…`) needs its click.
  if (parseActionId(body.view.callback_id)?.type !== 'report-submit') {
    log.warn({ callbackId: body.view.callback_id, user: body.user.id }, 'form submitted with an action id that is not a form action; refused');
    await acked({ response_action: 'update', view: resultModal(title, [privateNote(NOT_A_FORM).view]) });
    return;
  }
  const channel: ChannelRef = { platform: 'slack', workspace: team, channel: route.channel };
  const user: UserRef = {
    platform: 'slack',
    workspace: team,
    id: body.user.id,
    name: displayName(body.user.id, body.user.name, (body.user as { username?: string }).username),
    isAdmin: deps.admins.known(team, body.user.id),
  };
  const context = { formId: body.view.callback_id, channel: `${team}:${route.channel}`, user: body.user.id };
  const deliveryKey = `view:${team}:${body.view.id}`;
  const { first, result } = deps.submissions.run(deliveryKey, () => {
    let replies: Reply[] = [];
    return deps
      .track(async () => {
        // Sent before (a restart since, or another process): the first delivery did the work.
        if (!(await deps.deliveries.first(deliveryKey))) {
          log.info({ retryNum, ...context }, 'form already handled by an earlier delivery');
          replies = [privateNote(ALREADY_SENT)];
          return;
        }
        try {
          replies = await deps.bot.action({
            channel,
            user,
            actionId: body.view.callback_id,
            values: [cleanText(submittedText(body.view.state?.values as FormStateValues | undefined))],
            messageRef: null,
          });
        } catch (err) {
          if (isStudybotError(err) && err.code.startsWith('quiz:')) log.info({ err, ...context }, 'form refused');
          else log.error({ err, ...context }, 'form submission failed');
          replies = [privateNote(userMessage(err))];
        }
      })
      .then(() => replies);
  });
  if (!first) log.info({ retryNum, ...context }, 'repeated form submission: answering with the first outcome');

  const inTime = await within(result, deps.formReplyBudgetMs);
  if (inTime.done) {
    const views = inTime.value.map((r) => r.view);
    await acked(views.length ? { response_action: 'update', view: resultModal(title, views) } : undefined);
    return;
  }
  // Too slow for the modal: close it now and deliver the answer where the form was opened.
  await acked();
  if (!first) return; // the first delivery posts it
  log.info(context, 'core slower than the modal budget; answering with chat.postEphemeral');
  await deps.remember(
    result.then(async (replies) => {
      for (const reply of replies) await postPrivately(deps, channel, body.user.id, reply.view, context);
    }),
  );
}

async function postPrivately(deps: SlackHandlerDeps, channel: ChannelRef, userId: string, view: MessageView, context: Record<string, unknown>): Promise<void> {
  try {
    await deps.chat.postPrivate!(channel, userId, view);
  } catch (err) {
    deps.log.warn({ err, ...context }, 'could not deliver the form answer with chat.postEphemeral');
  }
}
