import { describe, expect, it } from 'vitest';
import { canonicalZone, dueSlots, localDateOf, nextSlot, wallClockInstant } from '../../src/schedule/time.js';
import { ALL_DAYS, WEEKEND, WORKDAYS, formatWeekdays, parseWeekdays } from '../../src/schedule/weekdays.js';
import { rateLimitDelayMs } from '../../src/schedule/rate-limit.js';
import { StudybotError } from '../../src/errors.js';

const at = (iso: string) => new Date(iso);

describe('weekdays', () => {
  it.each([
    ['mon-fri', WORKDAYS],
    ['weekdays', WORKDAYS],
    ['Weekends', WEEKEND],
    ['daily', ALL_DAYS],
    ['mon,wed,fri', 0b0010101],
    ['Monday,Wednesday', 0b0000101],
    ['fri-mon', 0b1110001],
    ['mon-wed,sat', 0b0100111],
    ['tues,thurs', 0b0001010],
  ])('%s', (input, mask) => {
    expect(parseWeekdays(input)).toBe(mask);
  });

  it.each(['', 'funday', 'mon-', 'mon--fri', 'mon,,fri', 'mo', '09:00'])('rejects %j', (input) => {
    expect(parseWeekdays(input)).toBeNull();
  });

  it('formats ranges and lists', () => {
    expect(formatWeekdays(WORKDAYS)).toBe('Mon–Fri');
    expect(formatWeekdays(ALL_DAYS)).toBe('Every day');
    expect(formatWeekdays(WEEKEND)).toBe('Weekends (Sat, Sun)');
    expect(formatWeekdays(0b0010101)).toBe('Mon, Wed, Fri');
    expect(formatWeekdays(0b0100111)).toBe('Mon–Wed, Sat');
    expect(formatWeekdays(0b0000011)).toBe('Mon, Tue');
  });
});

describe('timezones', () => {
  it('canonicalises valid IANA names and refuses the rest', () => {
    expect(canonicalZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalZone('America/New_York')).toBe('America/New_York');
    expect(canonicalZone('UTC')).toBe('UTC');
    expect(canonicalZone('Europe/Berln')).toBeNull();
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('+02:00')).toBeNull();
  });
});

describe('wall-clock instants across DST', () => {
  it('an ordinary day', () => {
    expect(wallClockInstant('2026-06-15', { hour: 9, minute: 0 }, 'Europe/Berlin')).toEqual(at('2026-06-15T07:00:00Z'));
    expect(wallClockInstant('2026-01-15', { hour: 9, minute: 0 }, 'Europe/Berlin')).toEqual(at('2026-01-15T08:00:00Z'));
    expect(wallClockInstant('2026-01-15', { hour: 9, minute: 0 }, 'America/New_York')).toEqual(at('2026-01-15T14:00:00Z'));
  });

  it('a time in the spring-forward gap happens at the first valid minute after it', () => {
    // Berlin jumps 02:00 CET → 03:00 CEST on 2026-03-29 (01:00Z).
    expect(wallClockInstant('2026-03-29', { hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(wallClockInstant('2026-03-29', { hour: 2, minute: 0 }, 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(wallClockInstant('2026-03-29', { hour: 3, minute: 0 }, 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z'));
    // New York jumps 02:00 EST → 03:00 EDT on 2026-03-08 (07:00Z).
    expect(wallClockInstant('2026-03-08', { hour: 2, minute: 15 }, 'America/New_York')).toEqual(at('2026-03-08T07:00:00Z'));
  });

  it('a time that happens twice in autumn is taken at its first occurrence', () => {
    // Berlin: 02:00–03:00 happens at CEST (00:00–01:00Z) and again at CET (01:00–02:00Z) on 2026-10-25.
    expect(wallClockInstant('2026-10-25', { hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual(at('2026-10-25T00:30:00Z'));
    // New York: 01:00–02:00 happens at EDT and again at EST on 2026-11-01.
    expect(wallClockInstant('2026-11-01', { hour: 1, minute: 30 }, 'America/New_York')).toEqual(at('2026-11-01T05:30:00Z'));
  });
});

describe('due slots', () => {
  const rule = {
    time: { hour: 9, minute: 0 },
    zone: 'Europe/Berlin',
    weekdays: WORKDAYS,
    effectiveFrom: at('2026-01-01T00:00:00Z'),
  };
  const hour = 3_600_000;

  it('is due from its minute until the catch-up window ends', () => {
    // Thu 2026-11-26, 09:00 CET = 08:00Z.
    expect(dueSlots(rule, at('2026-11-26T07:59:59Z'), 2 * hour)).toEqual([]);
    expect(dueSlots(rule, at('2026-11-26T08:00:00Z'), 2 * hour)).toEqual([
      { localDate: '2026-11-26', dueAt: at('2026-11-26T08:00:00Z') },
    ]);
    expect(dueSlots(rule, at('2026-11-26T09:59:00Z'), 2 * hour)).toHaveLength(1);
    expect(dueSlots(rule, at('2026-11-26T10:00:00Z'), 2 * hour)).toEqual([]);
  });

  it('skips days outside the weekday set', () => {
    // Sat 2026-11-28.
    expect(dueSlots(rule, at('2026-11-28T08:00:00Z'), 2 * hour)).toEqual([]);
  });

  it('never makes a post that was due before the setting existed', () => {
    const fresh = { ...rule, effectiveFrom: at('2026-11-26T08:30:00Z') };
    expect(dueSlots(fresh, at('2026-11-26T08:31:00Z'), 2 * hour)).toEqual([]);
    expect(nextSlot(fresh, at('2026-11-26T08:31:00Z'))).toEqual({ localDate: '2026-11-27', dueAt: at('2026-11-27T08:00:00Z') });
  });

  it('catch-up crosses local midnight', () => {
    const late = { ...rule, time: { hour: 23, minute: 30 }, weekdays: ALL_DAYS };
    // 23:30 CET on the 26th = 22:30Z; at 00:10 CET on the 27th it is still due for the 26th.
    expect(dueSlots(late, at('2026-11-26T23:10:00Z'), 2 * hour)).toEqual([
      { localDate: '2026-11-26', dueAt: at('2026-11-26T22:30:00Z') },
    ]);
    expect(localDateOf(at('2026-11-26T23:10:00Z'), 'Europe/Berlin')).toBe('2026-11-27');
  });

  it('next slot jumps the weekend', () => {
    // Fri 2026-11-27 10:00 CET → Mon 2026-11-30 09:00 CET.
    expect(nextSlot(rule, at('2026-11-27T09:00:00Z'))).toEqual({ localDate: '2026-11-30', dueAt: at('2026-11-30T08:00:00Z') });
    expect(nextSlot({ ...rule, weekdays: 0 }, at('2026-11-27T09:00:00Z'))).toBeNull();
  });
});

describe('rate limits', () => {
  it('reads Retry-After from the error or its causes', () => {
    expect(rateLimitDelayMs(new Error('boom'))).toBeNull();
    expect(rateLimitDelayMs(Object.assign(new StudybotError('platform:rate-limited', 'slow down'), { retryAfterMs: 1500 }))).toBe(1500);
    const slack = Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 3 });
    expect(rateLimitDelayMs(new StudybotError('platform:failed', 'could not post', { cause: slack }))).toBe(3000);
    const discord = Object.assign(new Error('rate limited'), { name: 'RateLimitError', retryAfter: 750 });
    expect(rateLimitDelayMs(discord)).toBe(750);
    const http = Object.assign(new Error('429'), { status: 429, headers: { 'retry-after': '2' } });
    expect(rateLimitDelayMs(new Error('wrapped', { cause: http }))).toBe(2000);
    expect(rateLimitDelayMs(Object.assign(new Error('429'), { status: 429 }))).toBe(5000);
  });
});
