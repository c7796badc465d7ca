// `#key: value` lines at the top of an imported file: Anki's export header (`#separator:tab`) and,
// for CSV (which has no front matter), the deck's settings (`# title: AWS practice exam`).
import { trailingRunStart } from '../spans.js';
import type { DeckSettings } from './deck.js';

export interface LeadingLines {
  /** Lower-cased key -> value and line, first occurrence wins. */
  values: Map<string, { value: string; line: number }>;
  /** Line (1-based) of the first line that is not a `#` line or blank. */
  firstLine: number;
  /** The source with the leading lines blanked, so line numbers stay those of the file. */
  body: string;
}

/** An imported file's text as the importers read it: without a byte-order mark, every line ending `\n`. */
export const importSource = (raw: string): string => raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/**
 * `# name: value`, the name letters and spaces. Read by hand: the pattern it replaces backtracked at every
 * space of a long line with no colon, and its padding strip at every comma of a long run of them.
 */
function headerLine(line: string): { key: string; value: string } | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const name = line.slice(1, colon).trim();
  if (!/^[A-Za-z][A-Za-z ]*$/.test(name)) return undefined;
  const value = line.slice(colon + 1);
  // Spreadsheets pad every row to the same width: `# title: x,,,,`.
  return { key: name.toLowerCase().replace(/\s+/g, ' '), value: value.slice(0, trailingRunStart(value, (c) => /[,;\s]/.test(c))).trim() };
}

export function leadingLines(source: string): LeadingLines {
  const lines = source.split('\n');
  const values = new Map<string, { value: string; line: number }>();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    if (!line.startsWith('#')) break;
    const header = headerLine(line);
    if (header && !values.has(header.key)) values.set(header.key, { value: header.value, line: i + 1 });
  }
  return { values, firstLine: Math.min(i + 1, lines.length), body: '\n'.repeat(i) + lines.slice(i).join('\n') };
}

const DECK_KEYS = ['title', 'command', 'description'] as const;

/** CSV: the leading lines plus the deck settings they carry (title, command, description; others kept in meta). */
export function leadingSettings(source: string): LeadingLines & { settings: DeckSettings; settingsLine: number } {
  const lead = leadingLines(source);
  const settings: DeckSettings = {};
  const extra: Record<string, string> = {};
  for (const [k, { value }] of lead.values) {
    if ((DECK_KEYS as readonly string[]).includes(k)) settings[k as (typeof DECK_KEYS)[number]] = value;
    else extra[k] = value;
  }
  if (Object.keys(extra).length) settings.extra = extra;
  return { ...lead, settings, settingsLine: lead.values.get('command')?.line ?? 1 };
}
