// CommandSpec (one per deck, from the core) → Discord slash commands with subcommands,
// and the way back: a chat-input interaction's subcommand and options → the core's command text.

import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
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

const description = (text: string) => {
  const t = text.trim() || '—';
  return t.length > 100 ? `${t.slice(0, 99)}…` : t;
};

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
      o.addChoices(...choices.map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) })));
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
