// `/<deck> schedule [HH:MM] [timezone] [weekdays] [deck] [close 8h] | off | on`: parsing, the
// stored setting, and the SchedulePort the core calls (after it checked admin rights).

import type { Clock, SchedulePort } from '../quiz/api.js';
import { systemClock } from '../quiz/api.js';
import { channelKey, userKey, type ChannelRef } from '../quiz/ids.js';
import type { ScheduleChannelRow } from '../db/schedule-schema.js';
import { matchDeck } from '../quiz/deck-match.js';
import { rotationOf, rotationStatus, resolveRotation, splitDeckList, type RotationDeck } from './rotation.js';
import { droppedToday, nextPost } from './next-post.js';
import { errorView, noScheduleView, settingView, simpleView, START_EXAMPLE, type RotationView, type SettingViewInput } from './settings-view.js';
import { getSchedule, lastDailyDeck, saveSchedule, type ScheduleDb } from './store.js';
import { formatTimeOfDay, parseTimeOfDay, type TimeOfDay } from './time.js';
import { WORKDAYS, formatWeekdays, parseWeekdays } from './weekdays.js';
import { readZone, TZ_EXAMPLES, zoneArg } from './zones.js';

export const DEFAULT_TIME = '09:00';
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_WEEKDAYS = WORKDAYS;
export const DEFAULT_CLOSE_AFTER_MINUTES = 8 * 60;
export const MIN_CLOSE_AFTER_MINUTES = 5;
export const MAX_CLOSE_AFTER_MINUTES = 23 * 60;

export type ScheduleCommand =
  | { kind: 'show' }
  | { kind: 'off' }
  | { kind: 'on' }
  | {
      kind: 'set';
      time?: TimeOfDay;
      zone?: string;
      weekdays?: number;
      /** One deck, as typed alone (a token `isDeck` knows). */
      deckId?: string;
      /** `deck a,b` / `decks a,b` / `a,b`: the rotation as typed (resolved by the port). */
      deckIds?: string[];
      closeAfterMinutes?: number;
    }
  | { kind: 'error'; message: string };


/** `9:30`, `09:30`, `21:00`, `9am`, `9:30pm` → time; null when the token is not time-like at all. */
function parseTimeToken(token: string): TimeOfDay | 'invalid' | null {
  const ampm = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$/i.exec(token);
  if (ampm) {
    const h = Number(ampm[1]);
    const m = Number(ampm[2] ?? 0);
    if (h < 1 || h > 12 || m > 59) return 'invalid';
    return { hour: (h % 12) + (ampm[3]!.toLowerCase() === 'pm' ? 12 : 0), minute: m };
  }
  if (/^\d{1,2}[:.h]\d{1,2}$/.test(token)) return parseTimeOfDay(token.replace(/[.h]/, ':')) ?? 'invalid';
  if (/^\d{3,4}$/.test(token)) return parseTimeOfDay(`${token.slice(0, -2)}:${token.slice(-2)}`) ?? 'invalid';
  return null;
}

/** `8h`, `90m`, `1h30m`, `8` (hours) → minutes; null when not a duration. */
export function parseDuration(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 60);
  const m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?))?\s*(?:(\d+)\s*(?:m|min|mins|minutes?))?$/.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Math.round(Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0));
}

/**
 * Parses the words after `schedule`, in any order. `isDeck` tells deck ids apart from typos.
 * Every error names the value it could not use.
 */
export function parseScheduleArgs(args: string, isDeck: (token: string) => boolean = () => false): ScheduleCommand {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { kind: 'show' };
  const lone = tokens.length === 1 ? tokens[0]!.toLowerCase() : null;
  if (lone === 'off' || lone === 'stop' || lone === 'disable') return { kind: 'off' };
  if (lone === 'on' || lone === 'resume' || lone === 'enable') return { kind: 'on' };
  if (lone === 'show' || lone === 'status') return { kind: 'show' };

  const out: Extract<ScheduleCommand, { kind: 'set' }> = { kind: 'set' };
  const err = (message: string): ScheduleCommand => ({ kind: 'error', message });
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();

    const closeInline = /^(?:close|closes|close-after|reveal)[=:](.*)$/i.exec(token);
    if (closeInline || lower === 'close' || lower === 'closes' || lower === 'close-after' || lower === 'reveal') {
      const value = closeInline ? closeInline[1]! : tokens[++i];
      // "close after 8h" and "reveal after 8h" read naturally too.
      const v = value?.toLowerCase() === 'after' ? tokens[++i] : value;
      if (v === undefined || v === '') return err('Say how long the question stays open, e.g. `close 8h` or `close 90m`.');
      const minutes = parseDuration(v);
      if (minutes === null) return err(`“${v}” is not a duration. Use hours or minutes, e.g. \`close 8h\` or \`close 90m\`.`);
      if (minutes < MIN_CLOSE_AFTER_MINUTES || minutes > MAX_CLOSE_AFTER_MINUTES) {
        return err(`The question can stay open from ${MIN_CLOSE_AFTER_MINUTES} minutes to ${MAX_CLOSE_AFTER_MINUTES / 60} hours, not “${v}”.`);
      }
      out.closeAfterMinutes = minutes;
      continue;
    }

    const deckInline = /^decks?[=:](.*)$/i.exec(token);
    if (deckInline || lower === 'deck' || lower === 'decks') {
      let value = deckInline ? deckInline[1]! : (tokens[++i] ?? '');
      // "decks a, b" reads naturally too.
      while (value.endsWith(',') && i + 1 < tokens.length) value += tokens[++i]!;
      const refs = splitDeckList(value);
      if (!refs.length) return err('Name the deck, or several to rotate, e.g. `decks api-gateway,lambda`.');
      if (out.deckIds || out.deckId) return err('Give the decks once, e.g. `decks api-gateway,lambda`.');
      out.deckIds = refs;
      continue;
    }

    const time = parseTimeToken(token);
    if (time === 'invalid') return err(`“${token}” is not a time of day. Use 24-hour HH:MM, e.g. 09:00 or 17:30.`);
    if (time) {
      if (out.time) return err(`Give one time, not both ${formatTimeOfDay(out.time)} and “${token}”.`);
      out.time = time;
      continue;
    }

    const days = parseWeekdays(token);
    if (days !== null) {
      if (out.weekdays !== undefined) return err(`Give the days once (e.g. \`mon-fri\` or \`mon,wed,fri\`); “${token}” repeats them.`);
      out.weekdays = days;
      continue;
    }

    if (isDeck(token)) {
      if (out.deckIds) return err('Give the decks once, e.g. `decks api-gateway,lambda`.');
      if (out.deckId) return err(`Give one deck, not both ${out.deckId} and “${token}”.`);
      out.deckId = token;
      continue;
    }
    if (token.includes(',') && splitDeckList(token).every(isDeck)) {
      if (out.deckIds || out.deckId) return err('Give the decks once, e.g. `decks api-gateway,lambda`.');
      out.deckIds = splitDeckList(token);
      continue;
    }

    const zone = readZone(tokens, i);
    if (zone && 'error' in zone) return err(zone.error);
    if (zone) {
      if (out.zone) return err(`Give one timezone, not both ${zoneArg(out.zone)} and “${tokens.slice(i, i + zone.used).join(' ')}”.`);
      out.zone = zone.zone;
      i += zone.used - 1;
      continue;
    }
    if (/[-,]/.test(token) && /^[a-z,-]+$/i.test(token)) {
      return err(`“${token}” is not a set of weekdays. Use e.g. \`mon-fri\`, \`mon,wed,fri\`, \`daily\`, \`weekdays\` or \`weekends\`.`);
    }
    return err(
      `“${token}” is not a time (HH:MM), a timezone (${TZ_EXAMPLES}), weekdays (mon-fri, daily, weekends), ` +
        'a deck (`decks a,b` to rotate), or `close 8h`.',
    );
  }
  return out;
}

// ---- the port ----

export type DeckInfo = RotationDeck;

/** What the settings need of the deck library (DeckLibrary fits). */
export interface DeckCatalog {
  byId(id: string): DeckInfo | undefined | null;
  decks(): DeckInfo[];
}

export interface SchedulePortOptions {
  database: { db: ScheduleDb };
  decks?: DeckCatalog;
  clock?: Clock;
  /**
   * Told the channel's timezone whenever a schedule sets it, so leaderboard weeks and streak days
   * follow the same clock (the core's QuizStore.setChannelTimezone fits).
   */
  channelTimezones?: { setChannelTimezone(channel: ChannelRef, timezone: string): Promise<void> };
}

export interface ScheduleSettingsPort extends SchedulePort {
  /** The stored setting of a channel, or null. */
  get(channel: ChannelRef): Promise<ScheduleChannelRow | null>;
}

export function createSchedulePort(opts: SchedulePortOptions): ScheduleSettingsPort {
  const db = opts.database.db;
  const clock = opts.clock ?? systemClock;
  const deckOf = (id: string) => opts.decks?.byId(id) ?? null;
  const isDeck = (token: string) => !!opts.decks && !!matchDeck(opts.decks.decks(), token).deck;
  /** The rotation's next deck and skipped decks; null for a one-deck schedule. */
  const rotationNow = async (row: ScheduleChannelRow): Promise<RotationView | null> => {
    const rotation = rotationOf(row);
    if (rotation.length < 2) return null;
    const status = rotationStatus(rotation, await lastDailyDeck(db, row.channelKey), (id) => (opts.decks ? deckOf(id) : { id, title: id, command: id }));
    return { rotation, ...status };
  };

  return {
    get: (channel) => getSchedule(db, channelKey(channel)),
    async dailyDecks(channel) {
      const row = await getSchedule(db, channelKey(channel));
      if (!row) return null;
      const rotation = await rotationNow(row);
      return { enabled: row.enabled, deckIds: rotation?.rotation ?? [row.deckId], next: rotation ? rotation.next : row.deckId };
    },
    async command({ channel, user, deckId, args }) {
      const now = clock.now();
      const cmd = `/${deckOf(deckId)?.command ?? deckId}`;
      const key = channelKey(channel);
      const current = await getSchedule(db, key);
      const parsed = parseScheduleArgs(args, isDeck);
      const view = async (row: ScheduleChannelRow, heading: string, dropped?: SettingViewInput['dropped']) =>
        settingView({
          row,
          now,
          cmd,
          heading,
          deckOf: opts.decks ? deckOf : null,
          rotation: await rotationNow(row),
          next: await nextPost(db, row, now),
          invokingDeckId: deckId,
          dropped,
        });

      switch (parsed.kind) {
        case 'error':
          return errorView(parsed.message, cmd);
        case 'show':
          return current ? view(current, 'Question of the day') : noScheduleView(cmd);
        case 'off': {
          if (!current?.enabled) {
            return simpleView('There is no question of the day to stop in this channel.', `Start one with your time, time zone and days, e.g. \`${cmd} ${START_EXAMPLE}\`.`);
          }
          await saveSchedule(db, { ...current, enabled: false, updatedBy: userKey(user), updatedAt: now });
          return simpleView('Question of the day is off for this channel.', `Rounds already posted still close and reveal. \`${cmd} schedule on\` turns it back on.`);
        }
        case 'on': {
          if (!current) return noScheduleView(cmd);
          const row = { ...current, enabled: true, effectiveFrom: now, updatedBy: userKey(user), updatedAt: now };
          await saveSchedule(db, row);
          return view(row, 'Question of the day is back on');
        }
        case 'set': {
          const refs = parsed.deckIds ?? (parsed.deckId ? [parsed.deckId] : null);
          let deckIds = refs ? null : (current?.deckIds ?? null);
          let targetDeck = current?.deckId ?? deckId;
          if (refs) {
            const resolved = opts.decks ? resolveRotation(refs, opts.decks.decks()) : { ids: [...new Set(refs)] };
            if ('error' in resolved) return errorView(resolved.error, cmd);
            targetDeck = resolved.ids[0]!;
            deckIds = resolved.ids.length > 1 ? resolved.ids : null;
          }
          if (opts.decks && (deckIds ?? [targetDeck]).every((id) => !deckOf(id))) {
            return errorView(`The deck “${targetDeck}” is not loaded. Choose one of: ${opts.decks.decks().map((d) => d.id).join(', ')}.`, cmd);
          }
          const row: ScheduleChannelRow = {
            channelKey: key,
            enabled: true,
            timeOfDay: parsed.time ? formatTimeOfDay(parsed.time) : (current?.timeOfDay ?? DEFAULT_TIME),
            timezone: parsed.zone ?? current?.timezone ?? DEFAULT_TIMEZONE,
            weekdays: parsed.weekdays ?? current?.weekdays ?? DEFAULT_WEEKDAYS,
            deckId: targetDeck,
            deckIds,
            closeAfterMinutes: parsed.closeAfterMinutes ?? current?.closeAfterMinutes ?? DEFAULT_CLOSE_AFTER_MINUTES,
            effectiveFrom: now,
            updatedBy: userKey(user),
            updatedAt: now,
          };
          await saveSchedule(db, row);
          if (opts.channelTimezones && row.timezone !== current?.timezone) {
            await opts.channelTimezones.setChannelTimezone(channel, row.timezone);
          }
          const heading = current?.enabled ? 'Question of the day updated' : 'Question of the day scheduled';
          return view(row, heading, await droppedToday(db, current, row, now));
        }
      }
    },
  };
}

/** Up to 25 IANA zones matching what the user typed (Discord autocomplete, Slack hints). */
export function timezoneChoices(partial: string, max = 25): { name: string; value: string }[] {
  const all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  const q = partial.trim().toLowerCase().replace(/\s+/g, '_');
  const hits = q ? all.filter((z) => z.toLowerCase().includes(q)) : ['UTC', ...all];
  hits.sort((a, b) => Number(!a.toLowerCase().startsWith(q)) - Number(!b.toLowerCase().startsWith(q)));
  return hits.slice(0, max).map((z) => ({ name: z, value: z }));
}
