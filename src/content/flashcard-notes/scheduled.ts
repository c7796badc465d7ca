// The Obsidian Spaced Repetition plugin writes a card's schedule after it: `<!--SR:!2024-01-01,3,250-->` (several
// cards' `!…!…`, older `<!--SR:2021-08-20,13,290-->`). Such a comment proves the plugin made a card there, with the
// vault's own settings. Comments are gone from the text the readers see, so they are found in the raw note: a
// scheduled card no reader took is reported, never dropped silently (a separator or tag set in the plugin's
// settings, which the bot cannot read).
import { Found } from './found.js';
import { closesFence, fenceOpening, type Fence } from './line-scan.js';

const SCHEDULE = /<!--SR:!?\d{4}-\d{2}-\d{2},/g;

/** 0-based indexes of the lines (from `from` on) holding a card schedule; `raw` is the note as written. */
export function scheduledLines(raw: string, from: number): number[] {
  if (!raw.includes('<!--SR:')) return [];
  const text = raw.replace(/\r\n?/g, '\n');
  const out: number[] = [];
  let line = 0;
  let at = 0;
  SCHEDULE.lastIndex = 0;
  for (let m = SCHEDULE.exec(text); m; m = SCHEDULE.exec(text)) {
    for (let nl = text.indexOf('\n', at); nl >= 0 && nl < m.index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      at = nl + 1;
    }
    if (line >= from && out.at(-1) !== line) out.push(line);
  }
  return out;
}

/** For each line, the first line of its paragraph: a blank line outside fenced code ends one. */
function paragraphStarts(lines: string[]): Int32Array {
  const starts = new Int32Array(lines.length);
  let start = 0;
  let fence: Fence | undefined;
  lines.forEach((line, i) => {
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
    } else if (!line.trim()) {
      start = i + 1;
    } else fence = fenceOpening(line);
    starts[i] = Math.min(start, i);
  });
  return starts;
}

/** The first line of the paragraph a schedule comment at `i` ends (the comment's own line is blank once it is gone). */
const paragraphStart = (lines: string[], starts: Int32Array, i: number): number =>
  !(lines[i] as string).trim() && i > 0 ? (starts[i - 1] as number) : (starts[i] as number);

/**
 * Findings for scheduled cards that `taken` (lines cards or their findings claimed) does not cover: one each in
 * a note read as a flashcard note, one for the whole note in a note that is not (it lacks the deck tag).
 */
export function unreadScheduled(lines: string[], scheduled: number[], taken: (i: number) => boolean, tagged: boolean): Found {
  const found = new Found();
  const unread = scheduled.filter((i) => !taken(i) && !(i > 0 && taken(i - 1)));
  if (!unread.length) return found;
  if (!tagged) {
    const first = paragraphStart(lines, paragraphStarts(lines), unread[0] as number);
    const n = unread.length;
    found.problem(
      first + 1,
      `cards the Spaced Repetition plugin scheduled at ${n} place${n === 1 ? '' : 's'} (<!--SR:…--> comments) in a note not tagged #flashcards: not read; tag the note #flashcards (the plugin's default deck tag) to serve them`,
      'unread-cards',
    );
    return found;
  }
  const starts = paragraphStarts(lines);
  for (const i of unread) {
    found.problem(
      paragraphStart(lines, starts, i) + 1,
      'flashcard: the Spaced Repetition plugin scheduled a card here (<!--SR:…-->), but no `::`, `;;`, `?` / `??` or `==cloze==` makes one: a separator set in the plugin\'s settings? Not read',
      'unread-card',
    );
  }
  return found;
}
