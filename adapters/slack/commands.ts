// Slash commands: `/apigw <text>` → the core's command(), replies through the response_url.

import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import { cleanText } from '../sanitize.js';
import { deliverReplies, reportFailure, type SlackHandlerDeps } from './replies.js';
import { commandTenant, displayName } from './tenant.js';

export async function handleCommand(deps: SlackHandlerDeps, body: SlashCommand, respond: RespondFn, retryNum: number | undefined): Promise<void> {
  const team = commandTenant(body);
  if (!team) {
    deps.log.warn({ command: body.command }, 'command without a workspace ignored');
    return;
  }
  if (!(await deps.deliveries.first(`command:${team}:${body.trigger_id}`))) {
    deps.log.info({ retryNum, command: body.command }, 'duplicate command delivery ignored');
    return;
  }
  const channel: ChannelRef = { platform: 'slack', workspace: team, channel: body.channel_id };
  const context = { command: body.command, channel: `${team}:${body.channel_id}`, user: body.user_id };
  try {
    const user: UserRef = {
      platform: 'slack',
      workspace: team,
      id: body.user_id,
      name: displayName(body.user_id, body.user_name),
      isAdmin: await deps.admins.isAdmin(team, body.user_id),
    };
    const replies = await deps.bot.command({
      channel,
      user,
      command: body.command.replace(/^\//, ''),
      text: cleanText(commandText(body.text ?? '')),
    });
    await deliverReplies(deps, replies, respond, false);
  } catch (err) {
    await reportFailure(deps, err, respond, context);
  }
}

/**
 * Slack escapes `&`, `<`, `>` in command text and (with should_escape) sends mentions as
 * `<@U123|alice>`. The core gets what the user typed, mentions as `<@U123>`.
 */
export function commandText(raw: string): string {
  return raw
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '\u0000$1\u0000')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u0000([UW][A-Z0-9]+)\u0000/g, '<@$1>')
    .trim();
}
