// Weekday sets as a 7-bit mask over ISO weekdays (Monday = 1 → bit 0 … Sunday = 7 → bit 6).

export const ALL_DAYS = 0b1111111;
export const WORKDAYS = 0b0011111;
export const WEEKEND = 0b1100000;

const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const DISPLAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const WORDS: Record<string, number> = {
  daily: ALL_DAYS,
  everyday: ALL_DAYS,
  'every-day': ALL_DAYS,
  all: ALL_DAYS,
  weekdays: WORKDAYS,
  workdays: WORKDAYS,
  weekends: WEEKEND,
  weekend: WEEKEND,
};

/** ISO weekday (1 = Monday … 7 = Sunday) → bit. */
export const dayBit = (isoWeekday: number): number => 1 << (isoWeekday - 1);
export const includesDay = (mask: number, isoWeekday: number): boolean => (mask & dayBit(isoWeekday)) !== 0;

function dayIndex(token: string): number | null {
  const t = token.toLowerCase().replace(/\.$/, '');
  for (let i = 0; i < 7; i++) {
    const long = LONG[i]!;
    // "mon", "monday", and anything in between ("tues", "thur", "thurs").
    if (t.length >= 3 && long.startsWith(t)) return i;
    if (t === NAMES[i]) return i;
  }
  if (t === 'tues') return 1;
  if (t === 'thur' || t === 'thurs') return 3;
  return null;
}

/**
 * `mon-fri`, `mon,wed,fri`, `fri-mon` (wraps), `daily`, `weekdays`, `weekends`, or a mix (`mon-wed,sat`).
 * Returns null when the token is not a weekday spec at all.
 */
export function parseWeekdays(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (!t) return null;
  if (t in WORDS) return WORDS[t]!;
  let mask = 0;
  for (const part of t.split(',')) {
    if (!part) return null;
    if (part in WORDS) {
      mask |= WORDS[part]!;
      continue;
    }
    const range = part.split('-');
    if (range.length === 1) {
      const d = dayIndex(part);
      if (d === null) return null;
      mask |= 1 << d;
    } else if (range.length === 2) {
      const from = dayIndex(range[0]!);
      const to = dayIndex(range[1]!);
      if (from === null || to === null) return null;
      for (let i = from; ; i = (i + 1) % 7) {
        mask |= 1 << i;
        if (i === to) break;
      }
    } else {
      return null;
    }
  }
  return mask || null;
}

/** "Every day", "Mon–Fri", "Weekends", "Mon, Wed, Fri", "Mon–Wed, Sat". */
export function formatWeekdays(mask: number): string {
  if (mask === ALL_DAYS) return 'Every day';
  if (mask === WEEKEND) return 'Weekends (Sat, Sun)';
  const runs: string[] = [];
  let i = 0;
  while (i < 7) {
    if (!(mask & (1 << i))) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < 7 && mask & (1 << (j + 1))) j++;
    runs.push(j - i >= 2 ? `${DISPLAY[i]}–${DISPLAY[j]}` : i === j ? DISPLAY[i]! : `${DISPLAY[i]}, ${DISPLAY[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** The days as typed back into `schedule`: `daily`, `weekends`, `mon-fri`, `mon,wed,fri`, `mon-wed,sat`. */
export function weekdaysArg(mask: number): string {
  if (mask === ALL_DAYS) return 'daily';
  if (mask === WEEKEND) return 'weekends';
  const runs: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!(mask & (1 << i))) continue;
    let j = i;
    while (j + 1 < 7 && mask & (1 << (j + 1))) j++;
    runs.push(j - i >= 2 ? `${NAMES[i]}-${NAMES[j]}` : i === j ? NAMES[i]! : `${NAMES[i]},${NAMES[j]}`);
    i = j;
  }
  return runs.join(',');
}
