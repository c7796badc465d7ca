// The chat platforms' limits on what the bot generates from content (slash commands, the Slack
// app manifest, Discord's application commands), encoded once and checked in three places:
// `content:check`, `slack:manifest` and `discord:register`. Sources: Slack's app manifest
// reference and its published JSON schema (slash_commands, display_information), Discord's
// application command documentation (naming, limits per scope and per command).

import type { Finding } from './types.js';
import { graphemePrefix } from '../graphemes.js';

export const SLACK_MANIFEST_LIMITS = {
  /** Slash commands per app (manifest `features.slash_commands`, maxItems). */
  commands: 50,
  /** A command's length, the leading slash included. */
  commandLength: 32,
  commandDescription: 2000,
  usageHint: 1000,
  /** `display_information.name`, the app's name. */
  appName: 35,
  /** `display_information.description`. */
  appDescription: 140,
  /** `features.bot_user.display_name`. */
  botDisplayName: 80,
} as const;

export const DISCORD_COMMAND_LIMITS = {
  /** Chat-input commands per scope (global, and per guild). */
  commandsPerScope: 100,
  name: 32,
  description: 100,
  subcommands: 25,
  options: 25,
  choices: 25,
  /** Name, description and every option's name, description and choices of one command together. */
  commandCharacters: 4000,
} as const;

/** Discord's command and option name rule (lowercase where a lowercase form exists). */
export const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Commands Slack itself answers in every workspace; an app command with one of these names is
 * shadowed or refused. (Slack's help centre list of built-in shortcuts, plus common aliases.)
 */
export const SLACK_BUILTIN_COMMANDS: ReadonlySet<string> = new Set([
  'active', 'apps', 'archive', 'away', 'call', 'canvas', 'clear', 'close', 'collapse', 'dm', 'dnd', 'expand', 'feed',
  'feedback', 'giphy', 'help', 'huddle', 'invite', 'join', 'kick', 'leave', 'me', 'msg', 'mute', 'open', 'part',
  'prefs', 'remind', 'remove', 'rename', 'search', 'shortcuts', 'shrug', 'star', 'status', 'topic', 'who',
]);

/** The part of a deck the checks need. */
export interface CommandSource {
  path: string;
  command: string;
  title?: string;
}

export type Platform = 'slack' | 'discord';

export interface PlatformCheckOptions {
  /** The platforms to check for (default both: content:check does not know where decks are served). */
  platforms?: Platform[];
  /**
   * Serve every deck through this one command (`/study <deck> …`) instead of one command per
   * deck: the count limits then do not apply to the decks, and this name is checked instead.
   */
  singleCommand?: string;
}

const finding = (path: string, message: string, code: string): Finding => ({ path, line: 1, severity: 'error', message, code });

const SINGLE_COMMAND_HINT = 'serve the decks through one command instead (`--single-command study` for slack:manifest and discord:register: `/study <deck> quiz`)';

/** Problems with one command name on the given platforms (empty when it is fine). */
export function commandNameProblems(command: string, platforms: Platform[] = ['slack', 'discord']): string[] {
  const problems: string[] = [];
  const slash = `/${command}`;
  if (platforms.includes('slack')) {
    if (slash.length > SLACK_MANIFEST_LIMITS.commandLength) {
      problems.push(`Slack: ${slash} is ${slash.length} characters; Slack allows ${SLACK_MANIFEST_LIMITS.commandLength} including the slash`);
    }
    if (SLACK_BUILTIN_COMMANDS.has(command.toLowerCase())) {
      problems.push(`Slack: /${command} is one of Slack's built-in commands and cannot be the app's`);
    }
  }
  if (platforms.includes('discord') && (!DISCORD_NAME.test(command) || command !== command.toLowerCase())) {
    problems.push(`Discord: "${command}" is not a valid command name (1–${DISCORD_COMMAND_LIMITS.name} lowercase letters, digits, - and _)`);
  }
  return problems;
}

/**
 * Findings for decks whose commands the platforms would refuse: a name too long or taken by
 * Slack, more decks than Slack (50) or Discord (100) allow as commands.
 */
export function checkPlatformLimits(decks: CommandSource[], opts: PlatformCheckOptions = {}): Finding[] {
  const platforms = opts.platforms ?? ['slack', 'discord'];
  const findings: Finding[] = [];
  if (opts.singleCommand !== undefined) {
    for (const p of commandNameProblems(opts.singleCommand, platforms)) {
      findings.push(finding(decks[0]?.path ?? '.', `single command: ${p}`, 'platform-command'));
    }
    return findings;
  }
  for (const deck of decks) {
    for (const p of commandNameProblems(deck.command, platforms)) {
      findings.push(finding(deck.path, `${p}; set another \`command:\` in the front matter`, 'platform-command'));
    }
  }
  const overSlack = decks[SLACK_MANIFEST_LIMITS.commands];
  if (overSlack && platforms.includes('slack')) {
    findings.push(
      finding(
        overSlack.path,
        `Slack: ${decks.length} decks make ${decks.length} slash commands; an app may have ${SLACK_MANIFEST_LIMITS.commands} (this deck is number ${SLACK_MANIFEST_LIMITS.commands + 1}); ${SINGLE_COMMAND_HINT}`,
        'platform-count',
      ),
    );
  }
  const overDiscord = decks[DISCORD_COMMAND_LIMITS.commandsPerScope];
  if (overDiscord && platforms.includes('discord')) {
    findings.push(
      finding(
        overDiscord.path,
        `Discord: ${decks.length} decks make ${decks.length} slash commands; a bot may register ${DISCORD_COMMAND_LIMITS.commandsPerScope} per scope (this deck is number ${DISCORD_COMMAND_LIMITS.commandsPerScope + 1}); ${SINGLE_COMMAND_HINT}`,
        'platform-count',
      ),
    );
  }
  return findings;
}

/**
 * `text` cut to at most `max` UTF-16 code units (so also at most `max` code points, whichever
 * way a platform counts) at a grapheme boundary, with `ellipsis` when something was cut: an
 * emoji, a flag or a letter with its accents is kept whole or left out, never split.
 */
export function cutGraphemes(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, Math.max(0, max));
  return `${graphemePrefix(text, room).trimEnd()}${ellipsis}`;
}

/** Problems of a generated Slack app manifest against the manifest schema's limits. */
export function slackManifestProblems(manifest: any): string[] {
  const problems: string[] = [];
  const len = (v: unknown) => (typeof v === 'string' ? [...v].length : -1);
  const name = len(manifest?.display_information?.name);
  if (name < 1 || name > SLACK_MANIFEST_LIMITS.appName) problems.push(`app name: ${name} characters, Slack allows 1–${SLACK_MANIFEST_LIMITS.appName}`);
  const description = len(manifest?.display_information?.description ?? '');
  if (description > SLACK_MANIFEST_LIMITS.appDescription) problems.push(`app description: ${description} characters > ${SLACK_MANIFEST_LIMITS.appDescription}`);
  const botName = len(manifest?.features?.bot_user?.display_name);
  if (botName < 1 || botName > SLACK_MANIFEST_LIMITS.botDisplayName) problems.push(`bot display name: ${botName} characters, Slack allows 1–${SLACK_MANIFEST_LIMITS.botDisplayName}`);
  const commands: any[] = manifest?.features?.slash_commands ?? [];
  if (commands.length > SLACK_MANIFEST_LIMITS.commands) problems.push(`${commands.length} slash commands; Slack allows ${SLACK_MANIFEST_LIMITS.commands}`);
  const seen = new Set<string>();
  for (const c of commands) {
    const command = String(c?.command ?? '');
    if (!/^\/[a-z0-9_-]+$/.test(command)) problems.push(`${command}: a command is a slash and lowercase letters, digits, - or _`);
    if (command.length > SLACK_MANIFEST_LIMITS.commandLength) problems.push(`${command}: ${command.length} characters > ${SLACK_MANIFEST_LIMITS.commandLength} (slash included)`);
    if (SLACK_BUILTIN_COMMANDS.has(command.slice(1))) problems.push(`${command}: one of Slack's built-in commands`);
    if (seen.has(command)) problems.push(`${command}: twice`);
    seen.add(command);
    const d = len(c?.description);
    if (d < 1 || d > SLACK_MANIFEST_LIMITS.commandDescription) problems.push(`${command}: description ${d} characters, Slack allows 1–${SLACK_MANIFEST_LIMITS.commandDescription}`);
    if (len(c?.usage_hint ?? '') > SLACK_MANIFEST_LIMITS.usageHint) problems.push(`${command}: usage hint over ${SLACK_MANIFEST_LIMITS.usageHint} characters`);
    if (hasLoneSurrogate(c?.description) || hasLoneSurrogate(c?.usage_hint)) problems.push(`${command}: half a surrogate pair in its text`);
  }
  return problems;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string with a lone UTF-16 surrogate (what `.slice` on an emoji leaves behind). */
export function hasLoneSurrogate(text: unknown): boolean {
  return typeof text === 'string' && LONE_SURROGATE.test(text);
}

interface DiscordOptionJson {
  type?: number;
  name?: string;
  description?: string;
  options?: DiscordOptionJson[];
  choices?: { name: string; value: string | number }[];
}

/** Problems of a list of Discord chat-input command bodies (one registration scope). */
export function discordCommandProblems(commands: DiscordOptionJson[]): string[] {
  const problems: string[] = [];
  if (commands.length > DISCORD_COMMAND_LIMITS.commandsPerScope) problems.push(`${commands.length} chat-input commands; Discord allows ${DISCORD_COMMAND_LIMITS.commandsPerScope} per scope`);
  const names = new Set<string>();
  for (const cmd of commands) {
    const where = `/${cmd.name}`;
    if (names.has(String(cmd.name))) problems.push(`${where}: twice`);
    names.add(String(cmd.name));
    let characters = 0;
    const visit = (o: DiscordOptionJson, path: string, depth: number) => {
      const name = String(o.name ?? '');
      const description = String(o.description ?? '');
      characters += name.length + description.length;
      if (!DISCORD_NAME.test(name) || name !== name.toLowerCase()) problems.push(`${path}: name "${name}" breaks Discord's naming rule`);
      if (description.length < 1 || description.length > DISCORD_COMMAND_LIMITS.description) problems.push(`${path}: description ${description.length} characters, Discord allows 1–${DISCORD_COMMAND_LIMITS.description}`);
      if (hasLoneSurrogate(description)) problems.push(`${path}: half a surrogate pair in the description`);
      const children = o.options ?? [];
      const limit = depth === 0 && children.every((c) => c.type === 1 || c.type === 2) ? DISCORD_COMMAND_LIMITS.subcommands : DISCORD_COMMAND_LIMITS.options;
      if (children.length > limit) problems.push(`${path}: ${children.length} options, Discord allows ${limit}`);
      const choices = o.choices ?? [];
      if (choices.length > DISCORD_COMMAND_LIMITS.choices) problems.push(`${path}: ${choices.length} choices, Discord allows ${DISCORD_COMMAND_LIMITS.choices}`);
      for (const c of choices) characters += String(c.name).length + String(c.value).length;
      for (const child of children) visit(child, `${path} ${child.name}`, depth + 1);
    };
    visit(cmd, where, 0);
    if (characters > DISCORD_COMMAND_LIMITS.commandCharacters) problems.push(`${where}: ${characters} characters in all, Discord allows ${DISCORD_COMMAND_LIMITS.commandCharacters}`);
  }
  return problems;
}

/** Pictures the platforms fetch themselves: Slack's image block `image_url`, our cap for Discord's embed image URL. */
export const PICTURE_URL_LIMITS = {
  slack: 3000,
  discord: 2048,
} as const;

/** The part of a question the picture check needs. */
interface PicturedQuestion {
  number: string;
  images?: { url: string }[];
  options: { id: string; image?: { url: string } }[];
  explanationImages?: { url: string }[];
  source: { path: string; line: number };
}

/** The part of a concept the picture check needs. */
interface PicturedConcept {
  name: string;
  images?: { url: string }[];
  source: { path: string; line: number };
}

/** Why the platforms cannot show `url` as a picture ('' when they can). */
function pictureProblem(url: string): string {
  if (!/^https?:\/\/\S+$/i.test(url)) return 'is not an http(s) URL';
  if (url.length > PICTURE_URL_LIMITS.slack) return `is ${url.length} characters long (Slack takes ${PICTURE_URL_LIMITS.slack}, Discord ${PICTURE_URL_LIMITS.discord})`;
  if (url.length > PICTURE_URL_LIMITS.discord) return `is ${url.length} characters long (Discord takes ${PICTURE_URL_LIMITS.discord})`;
  return '';
}

/**
 * Warnings for question and concept images the chat platforms cannot show as pictures (not an
 * http(s) URL, or a URL longer than they take): such an image stays a link in the text (`image-link`).
 */
export function checkPictureLimits(decks: { questions: PicturedQuestion[]; concepts?: PicturedConcept[] }[]): Finding[] {
  const findings: Finding[] = [];
  const check = (source: { path: string; line: number }, owner: string, where: string, url: string) => {
    const why = pictureProblem(url);
    const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url;
    if (why) findings.push({ path: source.path, line: source.line, severity: 'warning', message: `${owner}: ${where} ${shown} ${why}: shown as a link, not as a picture`, code: 'image-link' });
  };
  for (const q of decks.flatMap((d) => d.questions)) {
    for (const i of q.images ?? []) check(q.source, `question ${q.number}`, 'image', i.url);
    for (const o of q.options) if (o.image) check(q.source, `question ${q.number}`, `option ${o.id}'s image`, o.image.url);
    for (const i of q.explanationImages ?? []) check(q.source, `question ${q.number}`, 'explanation image', i.url);
  }
  for (const c of decks.flatMap((d) => d.concepts ?? [])) {
    for (const i of c.images ?? []) check(c.source, `concept "${c.name}"`, 'image', i.url);
  }
  return findings;
}
