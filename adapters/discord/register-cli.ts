// `npm run discord:register` — registers one slash command per deck with Discord:
// to DISCORD_GUILD_ID when set (instant, for development), else globally (may take up to an hour).
// `npm run discord:register -- --dry-run` prints the command JSON without calling Discord.
// `npm run discord:register -- --single-command study` registers one `/study` command with a deck
// option instead of one command per deck (for more decks than Discord's 100 commands per scope).
// Commands Discord would refuse (platform-limits.ts) are reported and nothing is registered (exit 1).
//
// Needs no database: the decks come from CONTENT_DIR and the command specs from the core's
// commands(), built over a store that refuses any use.

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PermissionFlagsBits, REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { loadConfig, readEnv } from '../../src/config.js';
import { DeckLibrary, formatFinding } from '../../src/content/index.js';
import { checkPlatformLimits, discordCommandProblems } from '../../src/content/platform-limits.js';
import { StudybotError } from '../../src/errors.js';
import type { CommandSpec } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { QuizStore } from '../../src/quiz/store.js';
import { buildSingleCommand, buildSlashCommands } from './commands.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base without version (DISCORD_API_URL). */
  apiUrl?: string;
  specs: CommandSpec[];
  /** Register this one command (with a deck option) instead of one per deck. */
  singleCommand?: string;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** Names Discord confirmed. */
  registered: string[];
}

/** Replaces the application's commands (bulk overwrite) in the guild, or globally. */
export async function registerCommands(opts: RegisterOptions): Promise<RegisterResult> {
  const commands = commandsFor(opts.specs, opts.singleCommand);
  const problems = discordCommandProblems(commands);
  if (problems.length) throw new StudybotError('content:load', `Discord would refuse these commands:\n  ${problems.join('\n  ')}`);
  const rest = new REST(opts.apiUrl ? { api: opts.apiUrl.replace(/\/+$/, '') } : {}).setToken(opts.token);
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const answer = (await rest.put(route, { body: commands })) as { name: string }[];
  return { scope: opts.guildId ? 'guild' : 'global', commands, registered: answer.map((c) => c.name) };
}

/**
 * What the bot needs in a channel: View Channel, Send Messages, Embed Links, Send Messages in
 * Threads, and Read Message History (only to find its own question of the day when a process died
 * before the post's answer came back). Editing its own messages and answering interactions need no
 * permission.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory;

/** The OAuth2 URL a server admin opens to add the bot (scopes bot + applications.commands). */
export function inviteUrl(applicationId: string, guildId?: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.toString(),
    ...(guildId ? { guild_id: guildId } : {}),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** A store for building command specs only: any use is a bug. */
const noStore = new Proxy({} as QuizStore, {
  get(_target, prop) {
    throw new StudybotError('internal', `discord:register needs no database (store.${String(prop)} was used)`);
  },
});

/** The command bodies to register: one per deck, or the single command over all decks. */
export function commandsFor(specs: CommandSpec[], singleCommand?: string): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return singleCommand !== undefined ? [buildSingleCommand(singleCommand, specs)] : buildSlashCommands(specs);
}

/**
 * The command specs of the decks in `contentDir`, exactly as the running bot builds them;
 * `problems`: the content's errors; `limits`: what Discord would refuse (too many decks, names).
 */
export async function specsFromContent(
  contentDir: string,
  singleCommand?: string,
): Promise<{ specs: CommandSpec[]; problems: string[]; limits: string[] }> {
  const library = await DeckLibrary.load(contentDir);
  const problems = library.findings().filter((f) => f.severity === 'error').map(formatFinding);
  const bot = createStudybot({ store: noStore, decks: library });
  const limits = checkPlatformLimits(library.decks(), { platforms: ['discord'], ...(singleCommand !== undefined ? { singleCommand } : {}) }).map(formatFinding);
  return { specs: bot.commands(), problems, limits };
}

async function main(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean', default: false }, 'single-command': { type: 'string' } } });
  const singleCommand = values['single-command'];
  const env = readEnv();
  const contentDir = env.CONTENT_DIR || './content';
  const { specs, problems, limits } = await specsFromContent(contentDir, singleCommand);
  for (const p of problems) console.error(p);
  if (specs.length === 0) throw new StudybotError('content:load', `no decks found in ${contentDir} (CONTENT_DIR)`);
  if (limits.length) {
    for (const l of limits) console.error(l);
    throw new StudybotError('content:load', 'Discord would refuse these commands; nothing registered');
  }
  if (values['dry-run']) {
    console.log(JSON.stringify(commandsFor(specs, singleCommand), null, 2));
    return;
  }
  const config = loadConfig(env);
  if (!config.discord) {
    throw new StudybotError('config:invalid', 'DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register commands');
  }
  const result = await registerCommands({ ...config.discord, specs, ...(singleCommand !== undefined ? { singleCommand } : {}) });
  const where = result.scope === 'guild' ? `guild ${config.discord.guildId}` : 'all guilds (global; may take up to an hour to appear)';
  console.log(`Registered ${result.registered.map((n) => `/${n}`).join(', ')} in ${where}.`);
  console.log(`Invite the bot to a server: ${inviteUrl(config.discord.applicationId, config.discord.guildId)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
