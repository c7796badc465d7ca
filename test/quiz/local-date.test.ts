import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { localDate } from '../../src/quiz/time.js';

const luxonDate = (at: Date, tz: string) => DateTime.fromJSDate(at, { zone: tz }).toISODate();

describe('localDate (the last second per zone is reused)', () => {
  it('turns over at local midnight, not a second late, in zones on both sides of UTC and half-hour offsets', () => {
    for (const [tz, midnightUtc] of [
      ['Europe/Berlin', '2026-12-06T23:00:00Z'],
      ['America/Los_Angeles', '2026-12-07T08:00:00Z'],
      ['Asia/Kolkata', '2026-12-06T18:30:00Z'],
      ['Pacific/Chatham', '2026-12-06T10:15:00Z'],
    ] as const) {
      const midnight = new Date(midnightUtc).getTime();
      // the same second asked twice, then the last millisecond before midnight, then midnight itself
      expect(localDate(new Date(midnight - 1500), tz)).toBe(luxonDate(new Date(midnight - 1500), tz));
      expect(localDate(new Date(midnight - 1001), tz)).toBe(luxonDate(new Date(midnight - 1001), tz));
      expect(localDate(new Date(midnight - 1), tz)).toBe('2026-12-06');
      expect(localDate(new Date(midnight), tz)).toBe('2026-12-07');
      expect(localDate(new Date(midnight + 999), tz)).toBe('2026-12-07');
    }
  });

  it('keeps zones apart within one second', () => {
    const at = new Date('2026-12-06T23:30:00.250Z');
    expect(localDate(at, 'UTC')).toBe('2026-12-06');
    expect(localDate(at, 'Asia/Tokyo')).toBe('2026-12-07');
    expect(localDate(new Date(at.getTime() + 10), 'UTC')).toBe('2026-12-06');
    expect(localDate(new Date(at.getTime() + 10), 'Asia/Tokyo')).toBe('2026-12-07');
  });

  it('matches luxon on every second around a DST change and across random instants', () => {
    const start = new Date('2026-03-29T00:59:50Z').getTime(); // Berlin springs forward at 01:00 UTC
    for (let s = 0; s < 20; s++) {
      const at = new Date(start + s * 1000);
      expect(localDate(at, 'Europe/Berlin')).toBe(luxonDate(at, 'Europe/Berlin'));
    }
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 8 * 365 * 86_400_000));
      for (const tz of ['UTC', 'Australia/Lord_Howe', 'America/St_Johns']) expect(localDate(at, tz)).toBe(luxonDate(at, tz));
    }
  });

  it('falls back to UTC for an unknown zone, as before', () => {
    expect(localDate(new Date('2026-12-06T23:30:00Z'), 'Not/AZone')).toBe('2026-12-06');
  });
});
