// CommandSpec (one per deck, from the core) → Discord slash commands with subcommands,
// and the way back: a chat-input interaction's subcommand and options → the core's command text.

import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { cutGraphemes } from '../../src/content/platform-limits.js';
import type { CommandSpec } from '../../src/quiz/api.js';

type OptionSpec = CommandSpec['subcommands'][number]['options'][number];

/** Options with this name take a Discord user picker; the text gets the `<@id>` mention form. */
export const USER_OPTION_NAMES = new Set(['user', 'member']);

/** Discord names: lowercase, 1–32 of letters, digits, `-` and `_`. */
export function discordName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return cleaned || 'cmd';
}

/** Discord's 1–100 characters, cut at a grapheme (never half an emoji). */
const description = (text: string) => cutGraphemes(text.trim() || '—', 100);
const choice = (text: string) => cutGraphemes(text, 100, '');

function addOption(sub: SlashCommandSubcommandBuilder, opt: OptionSpec) {
  const name = discordName(opt.name);
  if (USER_OPTION_NAMES.has(name)) {
    sub.addUserOption((o) => o.setName(name).setDescription(description(opt.description)).setRequired(opt.required));
    return;
  }
  sub.addStringOption((o) => {
    o.setName(name).setDescription(description(opt.description)).setRequired(opt.required);
    const choices = (opt.choices ?? []).slice(0, 25);
    if (choices.length && !opt.autocomplete) {
      o.addChoices(...choices.map((c) => ({ name: choice(c), value: choice(c) })));
    } else if (opt.autocomplete) {
      o.setAutocomplete(true);
    }
    return o;
  });
}

/** One slash command per deck; required options first (Discord's rule), at most 25 of each. */
export function buildSlashCommand(spec: CommandSpec): SlashCommandBuilder {
  const cmd = new SlashCommandBuilder()
    .setName(discordName(spec.name))
    .setDescription(description(spec.description))
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const subSpec of spec.subcommands.slice(0, 25)) {
    const sub = new SlashCommandSubcommandBuilder()
      .setName(discordName(subSpec.name))
      .setDescription(description(subSpec.description));
    const ordered = [...subSpec.options.filter((o) => o.required), ...subSpec.options.filter((o) => !o.required)];
    for (const opt of ordered.slice(0, 25)) addOption(sub, opt);
    cmd.addSubcommand(sub);
  }
  return cmd;
}

export function buildSlashCommands(specs: CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const seen = new Set<string>();
  const out: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  for (const spec of specs) {
    const json = buildSlashCommand(spec).toJSON();
    if (seen.has(json.name)) throw new Error(`two decks map to the Discord command /${json.name}`);
    seen.add(json.name);
    out.push(json);
  }
  return out;
}

/** The option of the single command that names the deck (`/study quiz deck:apigw`). */
export const DECK_OPTION = 'deck';

/**
 * One command for every deck (`/study <subcommand> deck:<deck> …`), for more decks than Discord's
 * 100 commands per scope. Each subcommand takes the deck first (required; choices up to 25
 * decks, autocomplete beyond), then the deck command's own options. The adapter routes it by
 * the deck option (see `resolveDeckCommand`).
 */
export function buildSingleCommand(name: string, specs: CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const deckChoices = specs.length <= 25 ? specs.map((s) => ({ name: choice(s.description.trim() || s.name), value: discordName(s.name) })) : null;
  const cmd = new SlashCommandBuilder()
    .setName(discordName(name))
    .setDescription(description(`Study ${specs.length} decks: ${specs.map((s) => s.name).join(', ')}`))
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const subSpec of (specs[0]?.subcommands ?? []).slice(0, 25)) {
    const sub = new SlashCommandSubcommandBuilder().setName(discordName(subSpec.name)).setDescription(description(subSpec.description));
    sub.addStringOption((o) => {
      o.setName(DECK_OPTION).setDescription('Which deck').setRequired(true);
      return deckChoices ? o.addChoices(...deckChoices) : o.setAutocomplete(true);
    });
    const own = subSpec.options.filter((o) => discordName(o.name) !== DECK_OPTION);
    const ordered = [...own.filter((o) => o.required), ...own.filter((o) => !o.required)];
    for (const opt of ordered.slice(0, 24)) addOption(sub, opt);
    cmd.addSubcommand(sub);
  }
  return cmd.toJSON();
}

/**
 * The deck a chat-input or autocomplete interaction is for: its command, or, for the single
 * command, the value of its `deck` option. `viaDeckOption` tells the caller to leave that option
 * out of the command text.
 */
export function resolveDeckCommand(
  specs: CommandSpec[],
  commandName: string,
  deckOption: string | null,
): { spec: CommandSpec | undefined; viaDeckOption: boolean } {
  const direct = findSpec(specs, commandName);
  if (direct || !deckOption) return { spec: direct, viaDeckOption: false };
  const wanted = deckOption.trim().replace(/^\//, '').toLowerCase();
  const spec = specs.find((s) => discordName(s.name) === wanted || s.name.toLowerCase() === wanted || s.deckId.toLowerCase() === wanted);
  return { spec, viaDeckOption: true };
}

/** A chosen option value as the core reads it in the command text. */
export interface ChosenOption {
  name: string;
  value: string | number | boolean;
  /** Set for user options: the picked user's id. */
  userId?: string;
}

/**
 * Rebuilds the text the core parses, `explain stage-variables`, from the subcommand and its
 * options, in the order the spec declares them (Discord sends them in the order typed).
 */
export function commandText(spec: CommandSpec | undefined, subcommand: string | null, chosen: ChosenOption[]): string {
  const parts: string[] = [];
  const subSpec = spec?.subcommands.find((s) => discordName(s.name) === subcommand);
  if (subcommand) parts.push(subSpec?.name ?? subcommand);
  const order = subSpec ? subSpec.options.map((o) => discordName(o.name)) : [];
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const sorted = [...chosen].sort((a, b) => rank(a.name) - rank(b.name));
  for (const opt of sorted) {
    const value = opt.userId ? `<@${opt.userId}>` : String(opt.value).trim();
    const keyword = subSpec?.options.find((o) => discordName(o.name) === opt.name)?.keyword;
    if (value) parts.push(keyword ? `${keyword} ${value}` : value);
  }
  return parts.join(' ');
}

/** The spec whose Discord name is `name`. */
export function findSpec(specs: CommandSpec[], name: string): CommandSpec | undefined {
  return specs.find((s) => discordName(s.name) === name);
}
