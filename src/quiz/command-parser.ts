// `/apigw <text>` → a parsed subcommand. Never throws: bad input becomes an 'invalid' result
// carrying the message to show. Each subcommand's own grammar lives with its feature
// (src/quiz/features/*); this file finds the subcommand (names, aliases, typo suggestions).
import type { CommandDef, InvalidCommand } from './feature.js';
import { features } from './features/index.js';
import { graphemePrefix } from '../graphemes.js';
import { editDistance } from '../edit-distance.js';

export { parseUserMention } from './mention.js';

type DefsOf<F> = F extends { commands: readonly (infer C)[] } ? C : never;
type ParsedOf<C> = C extends CommandDef<infer P> ? P : never;

export type ParsedCommand =
  | ParsedOf<DefsOf<(typeof features)[number]>>
  | InvalidCommand
  | { type: 'unknown'; word: string; suggestion?: string };

const DEFS: readonly CommandDef[] = features.flatMap((f) => ('commands' in f ? [...f.commands] : []));

/** Subcommand names in menu order. */
export const SUBCOMMANDS: readonly string[] = DEFS.map((d) => d.name);

const BY_NAME = new Map(DEFS.map((d) => [d.name, d]));
const ALIASES = new Map(DEFS.flatMap((d) => (d.aliases ?? []).map((a) => [a, d.name] as const)));

export const USAGE: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(DEFS.map((d) => [d.name, d.usage])));

/** The subcommand a parsed command belongs to. */
export const commandDef = (name: string): CommandDef | undefined => BY_NAME.get(name);

/** Aliases this short are suggested only when typed as a prefix: "stop" is one edit from "top", not a leaderboard request. */
const FUZZY_ALIAS_MIN = 4;

/** The closest subcommand (or alias) within a third of the word's length, at least one edit. */
export function suggestSubcommand(word: string): string | undefined {
  const w = word.toLowerCase().slice(0, 32);
  let best: { name: string; dist: number } | undefined;
  const candidates = [...SUBCOMMANDS, ...[...ALIASES.keys()].filter((a) => a.length >= FUZZY_ALIAS_MIN || (w.length >= 3 && a.startsWith(w)))];
  for (const name of candidates) {
    const dist = name.startsWith(w) && w.length >= 3 ? 0 : editDistance(w, name);
    if (!best || dist < best.dist) best = { name, dist };
  }
  if (!best || best.dist > Math.max(1, Math.floor(Math.max(w.length, best.name.length) / 3))) return undefined;
  return ALIASES.get(best.name) ?? best.name;
}

export function parseCommand(text: string): ParsedCommand {
  const trimmed = graphemePrefix((text ?? '').trim(), 1000);
  if (!trimmed) return BY_NAME.has('help') ? ({ type: 'help' } as ParsedCommand) : { type: 'unknown', word: '' };
  const [first = '', ...restTokens] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const def = BY_NAME.get(word) ?? BY_NAME.get(ALIASES.get(word) ?? '');
  if (!def) {
    const suggestion = suggestSubcommand(word);
    return { type: 'unknown', word: graphemePrefix(first, 40), ...(suggestion ? { suggestion } : {}) };
  }
  return def.parse(trimmed.slice(first.length).trim(), restTokens) as ParsedCommand;
}
