// The replies of `schedule` (final wording; adapters render and escape). Each shows the channel's
// own setting as a ready command, the next post as it will really happen (a used day or a deck that
// is not loaded is said, not hidden), and times in the same style as the core's other replies.

import { DateTime } from 'luxon';
import type { ScheduleChannelRow } from '../db/schedule-schema.js';
import { formatTime } from '../quiz/time.js';
import type { MessageView, ViewBlock } from '../quiz/views.js';
import type { NextPost, UsedDay } from './next-post.js';
import { skipReason, type RotationDeck, type RotationStatus } from './rotation.js';
import { formatWeekdays, weekdaysArg } from './weekdays.js';
import { zoneArg, zoneLabel } from './zones.js';

export type RotationView = RotationStatus & { rotation: string[] };
type DeckOf = (id: string) => RotationDeck | null;

/** "Mon 30 Nov, 09:00 GMT+1" (the zone named as the core names it in posts) and "in 3 days". */
export function describeInstant(instant: Date, zone: string, now: Date): { local: string; relative: string } {
  const dt = DateTime.fromJSDate(instant, { zone }).setLocale('en-GB');
  return {
    local: `${dt.toFormat('ccc d LLL')}, ${formatTime(instant, zone, instant)}`,
    relative: dt.toRelative({ base: DateTime.fromJSDate(now, { zone }), locale: 'en' }) ?? '',
  };
}

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h ? `${h} hour${h === 1 ? '' : 's'}` : '';
  const mins = m ? `${m} minute${m === 1 ? '' : 's'}` : '';
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

/** `8h`, `90m` → `1h30m`: as `close` reads it back. */
const durationArg = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
};

/** The channel's setting as the command that makes it, e.g. `/apigw schedule 18:00 Asia/Tokyo mon,wed,fri close 2h`. */
export const settingCommand = (row: ScheduleChannelRow, cmd: string): string =>
  `${cmd} schedule ${row.timeOfDay} ${zoneArg(row.timezone)} ${weekdaysArg(row.weekdays)} close ${durationArg(row.closeAfterMinutes)}`;

export interface SettingViewInput {
  row: ScheduleChannelRow;
  now: Date;
  cmd: string;
  heading: string;
  /** Null when no deck catalog is attached (decks cannot be checked). */
  deckOf: DeckOf | null;
  rotation: RotationView | null;
  next: NextPost;
  /** The deck of the command used: what to suggest when the schedule's deck is gone. */
  invokingDeckId: string;
  /** Today's question that this change drops (set only when the change made it so). */
  dropped?: { dueAt: Date; zone: string } | null;
}

/** Why no question will be posted from the schedule's deck(s), or null when one will. */
function unusableReason(input: SettingViewInput): string | null {
  const { row, deckOf, rotation } = input;
  if (!deckOf) return null;
  if (rotation) return rotation.next ? null : 'no deck of the rotation can be used';
  const reason = skipReason(deckOf(row.deckId));
  return reason ? `the deck “${row.deckId}” is ${reason === 'not loaded' ? 'not loaded' : `unusable (${reason})`}` : null;
}

function usedText(used: UsedDay, zone: string, now: Date): string {
  const which = used.localDate === DateTime.fromJSDate(now, { zone }).toISODate() ? 'today’s' : `the one for ${used.localDate}`;
  if (used.state === 'posted' && used.postedAt) return `${which} was already posted at ${formatTime(used.postedAt, zone, now)}`;
  if (used.state === 'claimed' || used.state === 'posting') return `${which} is being posted now`;
  return `${which} was already due and handled (${used.state}); one question a day`;
}

export function settingView(input: SettingViewInput): MessageView {
  const { row, now, cmd, heading, next } = input;
  const unusable = row.enabled ? unusableReason(input) : null;
  let nextText: string;
  if (!row.enabled) nextText = 'none: the schedule is off';
  else if (unusable) nextText = `none: ${unusable}`;
  else if (!next.slot) nextText = 'none (no weekday selected)';
  else {
    const d = describeInstant(next.slot.dueAt, row.timezone, now);
    nextText = `${d.local} (${d.relative})${next.used ? `; ${usedText(next.used, row.timezone, now)}` : ''}`;
  }
  const deck = input.deckOf ? input.deckOf(row.deckId) : null;
  const blocks: ViewBlock[] = [
    { type: 'heading', text: heading },
    {
      type: 'fields',
      items: [
        { name: 'Status', value: row.enabled ? 'On' : 'Off' },
        { name: 'Time', value: `${row.timeOfDay} ${zoneLabel(row.timezone)}` },
        { name: 'Days', value: formatWeekdays(row.weekdays) },
        ...deckFields(row, deck, input.rotation, input.deckOf),
        { name: 'Closes and reveals', value: `${formatDuration(row.closeAfterMinutes)} after posting` },
        { name: 'Next question', value: nextText },
      ],
    },
    ...droppedNote(input),
    ...unusableNote(input, unusable),
    ...skippedNote(input.rotation),
    {
      type: 'text',
      style: 'muted',
      text: row.enabled
        ? `This setting as a command, to change any part of it: \`${settingCommand(row, cmd)}\`. Stop it with \`${cmd} schedule off\`.`
        : `Turn it back on with \`${cmd} schedule on\`.`,
    },
  ];
  return { text: `${heading}: ${row.timeOfDay} ${zoneLabel(row.timezone)}, ${formatWeekdays(row.weekdays)}. Next: ${nextText}`, blocks };
}

function droppedNote(input: SettingViewInput): ViewBlock[] {
  const d = input.dropped;
  if (!d) return [];
  return [{ type: 'text', text: `Today’s question, due at ${formatTime(d.dueAt, d.zone, input.now)}, will not be posted: the new setting has no time left today.` }];
}

function unusableNote(input: SettingViewInput, unusable: string | null): ViewBlock[] {
  if (!unusable) return [];
  const { cmd, deckOf, invokingDeckId } = input;
  const loaded = deckOf && !skipReason(deckOf(invokingDeckId)) ? invokingDeckId : null;
  const fix = loaded
    ? `Ask from a deck that is loaded, e.g. \`${cmd} schedule deck ${loaded}\` (\`${cmd} decks\` lists them), or restore the deck’s file.`
    : `Choose a loaded deck with \`${cmd} schedule deck <deck>\` (\`${cmd} decks\` lists them), or restore the deck’s file.`;
  return [{ type: 'text', text: `No question of the day will be posted: ${unusable} (was its file renamed or removed?). ${fix}` }];
}

/** "API Gateway (api-gateway)"; without a catalog (decks unchecked) just the id. */
const deckName = (id: string, deckOf: DeckOf | null) => {
  const deck = deckOf?.(id);
  return deck ? `${deck.title} (${deck.id})` : deckOf ? `${id} (not loaded)` : id;
};

/** "Deck", or for a rotation "Decks" in order and the next post's deck. */
function deckFields(row: ScheduleChannelRow, deck: RotationDeck | null, rotation: RotationView | null, deckOf: DeckOf | null) {
  if (!rotation) return [{ name: 'Deck', value: deck ? `${deck.title} (${deck.id})` : deckName(row.deckId, deckOf) }];
  return [
    { name: 'Decks (one a day, in turn)', value: rotation.rotation.map((id) => deckName(id, deckOf)).join(' → ') },
    { name: 'Next deck', value: rotation.next ? deckName(rotation.next, deckOf) : 'none: no deck of the rotation can be used' },
  ];
}

function skippedNote(rotation: RotationView | null): ViewBlock[] {
  if (!rotation?.skipped.length) return [];
  const list = rotation.skipped.map((s) => `${s.id} (${s.reason})`).join(', ');
  return [{ type: 'text', text: `Skipped in the rotation until it can be asked from again: ${list}.` }];
}

export const START_EXAMPLE = 'schedule 09:00 Europe/Berlin mon-fri';

export function noScheduleView(cmd: string): MessageView {
  return simpleView(
    'No question of the day in this channel yet.',
    `An admin can start one with your time, time zone and days, e.g. \`${cmd} ${START_EXAMPLE}\` (a city such as \`new york\` works as the time zone; without one it is UTC). Optional: a deck, \`decks a,b\` to rotate, and \`close 8h\`.`,
  );
}

export function simpleView(text: string, hint: string): MessageView {
  return { text, blocks: [{ type: 'text', text }, { type: 'text', style: 'muted', text: hint }] };
}

export function errorView(messageText: string, cmd: string): MessageView {
  return {
    text: messageText,
    blocks: [
      { type: 'text', text: messageText },
      {
        type: 'text',
        style: 'muted',
        text: `Usage: \`${cmd} schedule [HH:MM] [timezone] [days] [deck | decks a,b] [close 8h]\`, \`${cmd} schedule off\`, or \`${cmd} schedule\` to see the current setting.`,
      },
    ],
  };
}
