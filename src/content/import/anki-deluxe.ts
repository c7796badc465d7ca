// Flashcards Deluxe's tab-separated files, which arrive as headerless tab exports: `*<TAB>name<TAB>…` settings
// lines at the top, then a row naming the columns (`Text 1`, `Text 2`, `Picture 1`, `Sound 1`, `Notes`,
// `Category 1`). The settings are not a card (`*` → `name` had been one), the label row neither; a picture or sound
// column (an address, shown on a side in the app) is left out with one warning, so `Picture 1, Text 2, Text 3`
// asks Text 2 and answers Text 3.

export interface DeluxeFile {
  /** The source with the settings lines and the label row blanked, line numbers kept. */
  source: string;
  title?: string;
  description?: string;
  /** Column indexes to leave out (pictures, sounds, statistics). */
  dropped: Set<number>;
  droppedNames: string[];
  /** Line (1-based) of the label row. */
  labelLine?: number;
}

const SETTING = /^\*\t([^\t]*)\t?(.*)$/;
const LABEL = /^(?:text|picture|sound|notes|category|statistics)(?: ?\d{1,2})?$/i;
const MEDIA = /^(?:picture|sound|statistics)/i;

export function flashcardsDeluxe(source: string): DeluxeFile | undefined {
  const lines = source.split('\n');
  let i = 0;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  if (!(lines[i] ?? '').startsWith('*\t')) return undefined;
  const settings = new Map<string, string>();
  for (; i < lines.length && (lines[i] as string).startsWith('*\t'); i++) {
    const m = SETTING.exec(lines[i] as string);
    if (m) settings.set((m[1] as string).trim().toLowerCase(), (m[2] as string).trim());
    lines[i] = '';
  }
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  const labels = (lines[i] ?? '').split('\t').map((c) => c.trim());
  const file: DeluxeFile = { source: '', dropped: new Set(), droppedNames: [] };
  if (labels.length > 1 && labels.every((l) => LABEL.test(l))) {
    labels.forEach((l, k) => {
      if (MEDIA.test(l)) {
        file.dropped.add(k);
        file.droppedNames.push(l);
      }
    });
    file.labelLine = i + 1;
    lines[i] = '';
  }
  const title = settings.get('name');
  const description = settings.get('description');
  if (title) file.title = title;
  if (description) file.description = description;
  file.source = lines.join('\n');
  return file;
}
