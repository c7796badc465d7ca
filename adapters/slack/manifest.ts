// The Slack app manifest a workspace admin pastes at api.slack.com/apps → "From a manifest":
// one slash command per deck, interactivity for the answer buttons, and only the scopes the
// adapter's code uses.

import { cutGraphemes } from '../../src/content/platform-limits.js';
import type { CommandSpec } from '../../src/quiz/api.js';

/**
 * Bot scopes, each tied to the calls that need it:
 * - commands: receive the deck slash commands.
 * - chat:write: chat.postMessage (questions, question of the day), chat.update (answer counts, reveal),
 *   chat.postEphemeral (private notices outside an interaction), and chat.postMessage to a user id
 *   (a direct message in the app's Messages tab, when an ephemeral note cannot reach the user: chat.ts).
 * - chat:write.public: chat.postMessage in public channels the bot has not been invited to.
 * - users:read: users.info, to recognise workspace admins/owners for `schedule`.
 * - channels:history, groups:history: conversations.history, read only after a chat.postMessage
 *   failed ambiguously (5xx, dropped connection), to find the bot's own post by its nonce instead of
 *   posting twice (post-once.ts). Without them such a post is not retried.
 * - files:write: files.uploadV2 (files.getUploadURLExternal, files.completeUploadExternal) for the
 *   chart pictures of readiness, mock exam results and stats, uploaded unshared and shown in the
 *   private reply as an image block (upload-image.ts). Without it replies come without the picture.
 * Replies to commands and clicks go through response_url, and views.open (modals) needs no scope.
 */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history', 'files:write'] as const;

export const URL_PLACEHOLDER = 'https://YOUR-PUBLIC-HOST/slack/events';

export interface ManifestOptions {
  commands: Pick<CommandSpec, 'name' | 'description' | 'subcommands'>[];
  /** Public URL of `/slack/events` (HTTP mode). Default: a placeholder to replace. */
  requestUrl?: string;
  /** Socket Mode app (no request URLs; needs an app-level token with `connections:write`). */
  socketMode?: boolean;
  appName?: string;
  /**
   * One slash command for every deck (`/study <deck> quiz`) instead of one per deck: for more
   * decks than Slack's 50 commands per app. The adapter routes it with `routeDeckCommand`.
   */
  singleCommand?: string;
}

/** Cut at a grapheme (never half an emoji), with "…". */
const clip = (s: string, max: number) => cutGraphemes(s, max);

/** "explain [concept] | quiz | …" from a command's subcommands (Slack caps the hint at 1,000 chars). */
export function usageHint(spec: Pick<CommandSpec, 'subcommands'>): string {
  const parts = spec.subcommands.map((sub) => {
    const opts = sub.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
    return opts ? `${sub.name} ${opts}` : sub.name;
  });
  return clip(parts.join(' | '), 1000);
}

/** The single command's slash command: `<deck>` first, then what every deck command takes. */
function singleSlashCommand(name: string, commands: ManifestOptions['commands']) {
  const decks = commands.map((c) => c.name).join(', ');
  return {
    command: `/${name}`,
    description: clip(`Study a deck (${decks})`, 2000),
    usage_hint: clip(`<deck> ${commands[0] ? usageHint(commands[0]) : 'help'}`, 1000),
  };
}

export function buildManifest(opts: ManifestOptions): Record<string, unknown> {
  const url = opts.requestUrl ?? URL_PLACEHOLDER;
  const name = opts.appName ?? 'studybot';
  const commands =
    opts.singleCommand !== undefined
      ? [singleSlashCommand(opts.singleCommand, opts.commands)]
      : opts.commands.map((spec) => ({
          command: `/${spec.name}`,
          description: clip(spec.description || `Study ${spec.name}`, 2000),
          usage_hint: usageHint(spec),
        }));
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'A daily quiz from your team’s study notes',
      long_description:
        'studybot turns your team’s markdown study notes into a daily quiz habit: a question of the day in the channel, private practice, concept look-ups and a leaderboard. Answer with one click; the reveal shows the right answer, the explanation and who got it first.',
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: name, always_online: false },
      // The Messages tab shows the bot's direct messages (a mock exam result that no ephemeral note
      // could reach); read-only: studybot reads no DMs.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      slash_commands: commands.map((c) => ({
        command: c.command,
        ...(opts.socketMode ? {} : { url }),
        description: c.description,
        usage_hint: c.usage_hint,
        // Slack turns "@alice" into "<@U123|alice>", so `stats @user` carries a user id.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, ...(opts.socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: !!opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/**
 * Routing for the single command (`--single-command study`): `/study apigw quiz 3` →
 * `{ command: 'apigw', text: 'quiz 3' }`. A deck command passes through unchanged, and so does
 * anything whose first word names no deck (the core then answers "not one of my decks").
 * The Slack adapter calls this before `bot.command(...)`.
 */
export function routeDeckCommand(
  specs: Pick<CommandSpec, 'name' | 'deckId'>[],
  command: string,
  text: string,
): { command: string; text: string } {
  const name = command.replace(/^\//, '').toLowerCase();
  if (specs.some((s) => s.name === name)) return { command: name, text };
  const trimmed = text.trim();
  const first = trimmed.split(/\s+/, 1)[0] ?? '';
  const wanted = first.replace(/^\//, '').toLowerCase();
  const deck = specs.find((s) => s.name === wanted || s.deckId.toLowerCase() === wanted);
  return deck ? { command: deck.name, text: trimmed.slice(first.length).trim() } : { command: name, text };
}
