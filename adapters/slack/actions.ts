// Block Kit clicks (block_actions): a button → the core's action(), replies through the
// response_url; a reply carrying a form opens as a modal with the click's trigger_id.

import type { BlockAction } from '@slack/bolt';
import type { ClickTurn } from './click-path.js';
import { encodeMessageRef } from './refs.js';
import { selectedValues, type SlackStateValues } from './render.js';
import { deliverReplies, reportFailure, type Respond, type SlackHandlerDeps } from './replies.js';
import { actionTenant, displayName } from './tenant.js';

export async function handleBlockAction(
  deps: SlackHandlerDeps,
  body: BlockAction,
  respond: Respond,
  retryNum: number | undefined,
  turn: ClickTurn,
): Promise<void> {
  const action = body.actions[0];
  // Checkbox toggles arrive one by one; only the Submit button carries a choice.
  if (!action || action.type !== 'button') return;
  const team = actionTenant(body);
  const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
  if (!team || !channelId) {
    deps.log.warn({ actionId: action.action_id }, 'click without team or channel ignored');
    return;
  }
  if (!(await deps.deliveries.first(`action:${team}:${body.user.id}:${action.action_ts}:${body.trigger_id}`))) {
    deps.log.info({ retryNum, actionId: action.action_id }, 'duplicate click delivery ignored');
    return;
  }
  const container = body.container ?? {};
  const messageRef =
    container.type === 'message' && !container.is_ephemeral && container.message_ts
      ? encodeMessageRef({ team, channel: channelId, ts: String(container.message_ts) })
      : null;
  const values = selectedValues(body.state?.values as SlackStateValues | undefined, action.block_id);
  const context = { actionId: action.action_id, channel: `${team}:${channelId}`, user: body.user.id };
  try {
    const replies = await deps.bot.action({
      channel: { platform: 'slack', workspace: team, channel: channelId },
      user: {
        platform: 'slack',
        workspace: team,
        id: body.user.id,
        name: displayName(body.user.id, body.user.name, body.user.username),
        isAdmin: deps.admins.known(team, body.user.id),
      },
      actionId: action.action_id,
      ...(values ? { values } : {}),
      messageRef,
    });
    await turn.replyTurn();
    await deliverReplies(deps, replies, respond, true, { trigger: { triggerId: body.trigger_id, route: { team, channel: channelId } }, responseUrl: body.response_url });
  } catch (err) {
    await turn.replyTurn();
    await reportFailure(deps, err, respond, context);
  }
}
