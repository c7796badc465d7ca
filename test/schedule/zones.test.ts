// Time zones as admins type them (review F2): cities and fixed offsets are understood, abbreviations
// that ICU would read as the wrong zone (EST → America/Panama, BST → Asia/Dhaka) are refused with a suggestion.
import { describe, expect, it } from 'vitest';
import { parseScheduleArgs } from '../../src/schedule/index.js';
import { wallClockInstant } from '../../src/schedule/time.js';
import { zoneArg, zoneLabel } from '../../src/schedule/zones.js';

const isDeck = (t: string) => t === 'api-gateway';
const zoneOf = (args: string) => {
  const parsed = parseScheduleArgs(args, isDeck);
  if (parsed.kind !== 'set') throw new Error(`not a setting: ${JSON.stringify(parsed)}`);
  return parsed.zone;
};
const errorOf = (args: string) => {
  const parsed = parseScheduleArgs(args, isDeck);
  if (parsed.kind !== 'error') throw new Error(`not an error: ${JSON.stringify(parsed)}`);
  return parsed.message;
};

describe('schedule time zones', () => {
  it.each([
    ['EST', 'America/New_York', 'UTC-5'],
    ['est', 'America/New_York', 'UTC-5'],
    ['EDT', 'America/New_York', 'UTC-4'],
    ['BST', 'Europe/London', 'UTC+1'],
    ['MST', 'America/Denver', 'UTC-7'],
    ['PST', 'America/Los_Angeles', 'UTC-8'],
    ['CET', 'Europe/Berlin', 'UTC+1'],
    ['AEST', 'Australia/Sydney', 'UTC+10'],
  ])('refuses %s and names %s (and the fixed offset %s)', (abbr, zone, fixed) => {
    const message = errorOf(`09:00 ${abbr} mon-fri`);
    expect(message).toContain(`“${abbr}” is an abbreviation`);
    expect(message).toContain(`Did you mean ${zone}`);
    expect(message).toContain(`type ${fixed}`);
  });

  it('refuses GMT (UK time or UTC?) and IST (India, Ireland or Israel) with every reading', () => {
    expect(errorOf('12:00 GMT')).toMatch(/Did you mean Europe\/London .*for UTC all year, type UTC/);
    expect(errorOf('12:00 IST')).toContain('Did you mean Asia/Kolkata, Europe/Dublin or Asia/Jerusalem');
    expect(errorOf('12:00 PRC')).toContain('looks like a time-zone abbreviation');
    expect(errorOf('12:00 GB')).toContain('If you mean Europe/London, type that.');
    expect(errorOf('12:00 AST')).toContain('looks like a time-zone abbreviation');
  });

  it('accepts the country names tz knows (Japan, Egypt, Cuba, Iran), as before', () => {
    expect(zoneOf('09:00 Japan')).toBe('Asia/Tokyo');
    expect(zoneOf('09:00 Egypt')).toBe('Africa/Cairo');
    expect(zoneOf('09:00 Cuba')).toBe('America/Havana');
    expect(zoneOf('09:00 Iran')).toBe('Asia/Tehran');
  });

  it('accepts city names, several words too, in any case', () => {
    expect(zoneOf('09:00 berlin mon-fri')).toBe('Europe/Berlin');
    expect(zoneOf('09:00 new york mon-fri')).toBe('America/New_York');
    expect(zoneOf('09:00 New York')).toBe('America/New_York');
    expect(zoneOf('9am tokyo daily')).toBe('Asia/Tokyo');
    expect(zoneOf('09:00 são paulo')).toBe('America/Sao_Paulo');
    expect(zoneOf('09:00 san francisco')).toBe('America/Los_Angeles');
    expect(zoneOf('09:00 ho chi minh')).toBe(zoneOf('09:00 Asia/Saigon'));
    expect(parseScheduleArgs('09:00 new york mon-fri close 2h api-gateway', isDeck)).toMatchObject({
      zone: 'America/New_York',
      weekdays: 0b0011111,
      closeAfterMinutes: 120,
      deckId: 'api-gateway',
    });
  });

  it('accepts UTC±N as an honest fixed offset, shown as typed', () => {
    expect(zoneOf('09:00 UTC+5')).toBe('Etc/GMT-5');
    expect(zoneOf('09:00 GMT-3')).toBe('Etc/GMT+3');
    expect(zoneOf('09:00 utc+05:00')).toBe('Etc/GMT-5');
    expect(zoneOf('09:00 UTC+0')).toBe('UTC');
    expect(zoneArg('Etc/GMT-5')).toBe('UTC+5');
    expect(zoneLabel('Etc/GMT+3')).toBe('UTC-3 (fixed offset, no daylight saving)');
    expect(zoneLabel('Europe/Berlin')).toBe('Europe/Berlin');
    // 09:00 at UTC+5 is 04:00Z in January and in July alike.
    expect(wallClockInstant('2027-01-15', { hour: 9, minute: 0 }, 'Etc/GMT-5').toISOString()).toBe('2027-01-15T04:00:00.000Z');
    expect(wallClockInstant('2027-07-15', { hour: 9, minute: 0 }, 'Etc/GMT-5').toISOString()).toBe('2027-07-15T04:00:00.000Z');
    expect(errorOf('09:00 UTC+5:30')).toContain('Asia/Kolkata');
    expect(errorOf('09:00 UTC+15')).toContain('UTC-12 to UTC+14');
  });

  it('still reads IANA names, UTC and Z, and refuses unknown names', () => {
    expect(zoneOf('09:00 Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneOf('09:00 america/new_york')).toBe('America/New_York');
    expect(zoneOf('09:00 UTC')).toBe('UTC');
    expect(zoneOf('09:00 z')).toBe('UTC');
    expect(errorOf('09:00 Europe/Berln')).toContain('Unknown timezone “Europe/Berln”');
    expect(errorOf('09:00 berlin tokyo')).toContain('Give one timezone, not both Europe/Berlin and “tokyo”');
  });
});
