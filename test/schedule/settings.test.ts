import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { channelKey } from '../../src/quiz/ids.js';
import { getChannelTimezone, parseScheduleArgs, timezoneChoices } from '../../src/schedule/index.js';
import { WORKDAYS } from '../../src/schedule/weekdays.js';
import { createSchedulePort } from '../../src/schedule/settings.js';
import { textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { admin, channel, decks, resetScheduleTables } from './support.js';

describe('parseScheduleArgs', () => {
  const isDeck = (t: string) => t === 'api-gateway';

  it('reads the parts in any order', () => {
    expect(parseScheduleArgs('09:00 Europe/Berlin mon-fri', isDeck)).toEqual({
      kind: 'set',
      time: { hour: 9, minute: 0 },
      zone: 'Europe/Berlin',
      weekdays: WORKDAYS,
    });
    expect(parseScheduleArgs('weekends api-gateway america/new_york 7:30 close 2h', isDeck)).toEqual({
      kind: 'set',
      time: { hour: 7, minute: 30 },
      zone: 'America/New_York',
      weekdays: 0b1100000,
      deckId: 'api-gateway',
      closeAfterMinutes: 120,
    });
    expect(parseScheduleArgs('9am UTC close=90m', isDeck)).toMatchObject({ time: { hour: 9, minute: 0 }, zone: 'UTC', closeAfterMinutes: 90 });
    expect(parseScheduleArgs('5:15pm close after 1h30m', isDeck)).toMatchObject({ time: { hour: 17, minute: 15 }, closeAfterMinutes: 90 });
    expect(parseScheduleArgs('0930', isDeck)).toMatchObject({ time: { hour: 9, minute: 30 } });
  });

  it('show, off and on', () => {
    expect(parseScheduleArgs('')).toEqual({ kind: 'show' });
    expect(parseScheduleArgs('  ')).toEqual({ kind: 'show' });
    expect(parseScheduleArgs('off')).toEqual({ kind: 'off' });
    expect(parseScheduleArgs('OFF')).toEqual({ kind: 'off' });
    expect(parseScheduleArgs('on')).toEqual({ kind: 'on' });
  });

  it.each([
    ['09:00 Europe/Berln', 'Unknown timezone “Europe/Berln”'],
    ['09:00 Mars/Olympus_Mons', 'Unknown timezone “Mars/Olympus_Mons”'],
    ['25:00', '“25:00” is not a time of day'],
    ['9:75', '“9:75” is not a time of day'],
    ['13pm', '“13pm” is not a time of day'],
    ['09:00 funday', '“funday” is not a time (HH:MM)'],
    ['09:00 mon-funday', '“mon-funday” is not a set of weekdays'],
    ['09:00 10:00', 'Give one time'],
    ['09:00 close 30h', 'not “30h”'],
    ['09:00 close 2m', 'not “2m”'],
    ['09:00 close soon', '“soon” is not a duration'],
    ['09:00 close', 'Say how long'],
    ['09:00 UTC Europe/Berlin', 'Give one timezone'],
  ])('%j → %s', (args, message) => {
    const parsed = parseScheduleArgs(args, isDeck);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });

  it('suggests timezones for autocomplete', () => {
    expect(timezoneChoices('berl')).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
    expect(timezoneChoices('new york').map((c) => c.value)).toContain('America/New_York');
    expect(timezoneChoices('').length).toBe(25);
  });
});

describe.each(dbTargets)('schedule command on $name', (target) => {
  let t: TestDatabase;
  const now = new Date('2026-11-26T10:00:00Z'); // Thu 11:00 in Berlin
  let clockNow = now;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'schedule_settings');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetScheduleTables(t.database);
    clockNow = now;
  });

  const port = () =>
    createSchedulePort({
      database: t.database,
      decks,
      clock: { now: () => clockNow },
      channelTimezones: createQuizStore(t.database, { channelCacheMs: 0 }),
    });
  const run = (args: string, c = channel(1)) =>
    port()
      .command({ channel: c, user: admin(c), deckId: 'api-gateway', args })
      .then(textOf);

  it('without a schedule, shows how to start one', async () => {
    const text = await run('');
    expect(text).toContain('No question of the day in this channel yet');
    expect(text).toContain('/apigw schedule 09:00 Europe/Berlin mon-fri');
  });

  it('sets a schedule and shows the next post in the channel timezone and relative', async () => {
    const text = await run('09:00 Europe/Berlin mon-fri');
    expect(text).toContain('Question of the day scheduled');
    expect(text).toContain('Time: 09:00 Europe/Berlin');
    expect(text).toContain('Days: Mon–Fri');
    expect(text).toContain('Deck: API Gateway (api-gateway)');
    expect(text).toContain('Closes and reveals: 8 hours after posting');
    // Today's 09:00 has passed: tomorrow (Friday) is next.
    expect(text).toMatch(/Next question: Fri 27 Nov, 09:00 (CET|GMT\+1) \(in 22 hours\)/);

    clockNow = new Date('2026-11-27T09:00:00Z'); // Fri 10:00 Berlin → Monday next
    const shown = await run('');
    expect(shown).toContain('Status: On');
    expect(shown).toMatch(/Next question: Mon 30 Nov, 09:00 (CET|GMT\+1) \(in 2 days\)/);
  });

  it('records the timezone for the channel (schedule table and the core’s channel settings)', async () => {
    await run('08:00 America/New_York daily');
    expect(await getChannelTimezone(t.database.db, 'slack:T1:C1')).toBe('America/New_York');
    const info = await createQuizStore(t.database, { channelCacheMs: 0 }).ensureChannel(channel(1));
    expect(info.timezone).toBe('America/New_York');
  });

  it('changes only what is given', async () => {
    await run('09:00 Europe/Berlin mon,wed,fri');
    const text = await run('close 2h');
    expect(text).toContain('Question of the day updated');
    expect(text).toContain('Time: 09:00 Europe/Berlin');
    expect(text).toContain('Days: Mon, Wed, Fri');
    expect(text).toContain('Closes and reveals: 2 hours after posting');
  });

  it('fills in documented defaults', async () => {
    const text = await run('Europe/Berlin');
    expect(text).toContain('Time: 09:00 Europe/Berlin');
    expect(text).toContain('Days: Mon–Fri');
    expect(text).toContain('8 hours after posting');
  });

  it('off stops it, on brings it back, and settings survive', async () => {
    expect(await run('off')).toContain('There is no question of the day to stop');
    await run('07:45 UTC daily');
    expect(await run('off')).toContain('Question of the day is off for this channel');
    const shown = await run('');
    expect(shown).toContain('Status: Off');
    expect(shown).toContain('Next question: none: the schedule is off');
    expect(shown).toContain('/apigw schedule on');
    const back = await run('on');
    expect(back).toContain('Question of the day is back on');
    expect(back).toContain('Time: 07:45 UTC');
    expect(back).toContain('Next question: Fri 27 Nov, 07:45 UTC');
  });

  it('a bad value changes nothing and names the value', async () => {
    await run('09:00 Europe/Berlin');
    const text = await run('10:00 Europe/Berln');
    expect(text).toContain('Unknown timezone “Europe/Berln”');
    expect(text).toContain('Usage: `/apigw schedule [HH:MM] [timezone] [days] [deck | decks a,b] [close 8h]`');
    expect(await run('')).toContain('Time: 09:00 Europe/Berlin');
  });

  it('keeps channels apart', async () => {
    await run('09:00 Europe/Berlin', channel(1));
    await run('18:00 Asia/Tokyo', channel(2));
    const rows = await Promise.all([channel(1), channel(2)].map((c) => port().get(c)));
    expect(rows.map((r) => [r!.channelKey, r!.timeOfDay, r!.timezone])).toEqual([
      [channelKey(channel(1)), '09:00', 'Europe/Berlin'],
      [channelKey(channel(2)), '18:00', 'Asia/Tokyo'],
    ]);
  });
});
