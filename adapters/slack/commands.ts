// Slash commands: `/apigw <text>` → the core's command(), replies through the response_url.

import type { SlashCommand } from '@slack/bolt';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import { parseCommand } from '../../src/quiz/index.js';
import { cleanText } from '../sanitize.js';
import { deliverReplies, reportFailure, type Respond, type SlackHandlerDeps } from './replies.js';
import { commandTenant, displayName } from './tenant.js';

/** Matches exactly these slash commands (`/name`), as Bolt's string patterns do: one listener for all of them. */
export function exactCommands(names: readonly string[]): RegExp {
  return new RegExp(`^/(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

export async function handleCommand(deps: SlackHandlerDeps, body: SlashCommand, respond: Respond, retryNum: number | undefined): Promise<void> {
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
      text: commandText(cleanText(body.text ?? '')),
    });
    await deliverReplies(deps, replies, respond, false, { responseUrl: body.response_url });
    if (user.isAdmin && setsSchedule(body.text ?? '')) await askForInvite(deps, channel, respond);
  } catch (err) {
    await reportFailure(deps, err, respond, context);
  }
}

const INVITE_NOTE =
  'Note: I am not a member of this channel. I can post the question of the day here, but if a post is interrupted I cannot look it up to finish that day. Invite me with `/invite @studybot`.';

/** `schedule HH:MM …` or `schedule on` (not `schedule`, which only shows it, nor `schedule off`). */
function setsSchedule(text: string): boolean {
  const parsed = parseCommand(commandText(text));
  return parsed.type === 'schedule' && parsed.args.trim() !== '' && !/^off$/i.test(parsed.args.trim());
}

/**
 * After a schedule is set for a channel the bot is not in (it posts there with chat:write.public),
 * ask to be invited: without membership, conversations.history cannot find a post whose response
 * was lost, and that day stays `unknown`. Adapter-side until the core asks ChatPort for it.
 */
async function askForInvite(deps: SlackHandlerDeps, channel: ChannelRef, respond: Respond): Promise<void> {
  const port = deps.chat; // (a ChatPort method, not the Web API's chat.* family)
  if ((await port.channelAccess(channel)) !== 'not-member') return;
  await respond({ response_type: 'ephemeral', replace_original: false, text: INVITE_NOTE });
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
