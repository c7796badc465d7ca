// The time zone an admin types after `schedule`, read the way people write it: an IANA name
// (`Europe/Berlin`), a city (`berlin`, `new york`), `UTC`, or a fixed offset (`UTC+5`, `GMT-3`).
// Abbreviations are refused with a suggestion: ICU reads `EST` as America/Panama (no daylight saving),
// `BST` as Asia/Dhaka and `IST` as India, so accepting them would follow the wrong clock half the year.

import { canonicalZone } from './time.js';

export type ZoneRead = { zone: string; used: number } | { error: string } | null;

export const TZ_EXAMPLES = 'an IANA name such as Europe/Berlin, America/New_York or UTC, a city such as berlin or new york, or a fixed offset such as UTC+5';

interface Abbreviation {
  /** The zone(s) people usually mean, with daylight saving. */
  means: string[];
  /** What the zone is, for the suggestion. */
  about: string;
  /** The abbreviation's own offset, for "a fixed offset all year". */
  fixed?: string;
}

const US = (zone: string, name: string, std: string, dst: string, offset: string): Abbreviation => ({
  means: [zone],
  about: `US ${name} time: ${std} in winter, ${dst} in summer`,
  fixed: offset,
});

const ABBREVIATIONS: Record<string, Abbreviation> = {
  est: US('America/New_York', 'Eastern', 'EST', 'EDT', 'UTC-5'),
  edt: US('America/New_York', 'Eastern', 'EST', 'EDT', 'UTC-4'),
  et: US('America/New_York', 'Eastern', 'EST', 'EDT', 'UTC-5'),
  cst: { ...US('America/Chicago', 'Central', 'CST', 'CDT', 'UTC-6'), means: ['America/Chicago', 'Asia/Shanghai'], about: 'US Central time, or China Standard Time' },
  cdt: US('America/Chicago', 'Central', 'CST', 'CDT', 'UTC-5'),
  ct: US('America/Chicago', 'Central', 'CST', 'CDT', 'UTC-6'),
  mst: { ...US('America/Denver', 'Mountain', 'MST', 'MDT', 'UTC-7'), means: ['America/Denver', 'America/Phoenix'], about: 'US Mountain time; Arizona has no daylight saving' },
  mdt: US('America/Denver', 'Mountain', 'MST', 'MDT', 'UTC-6'),
  mt: US('America/Denver', 'Mountain', 'MST', 'MDT', 'UTC-7'),
  pst: US('America/Los_Angeles', 'Pacific', 'PST', 'PDT', 'UTC-8'),
  pdt: US('America/Los_Angeles', 'Pacific', 'PST', 'PDT', 'UTC-7'),
  pt: US('America/Los_Angeles', 'Pacific', 'PST', 'PDT', 'UTC-8'),
  akst: US('America/Anchorage', 'Alaska', 'AKST', 'AKDT', 'UTC-9'),
  akdt: US('America/Anchorage', 'Alaska', 'AKST', 'AKDT', 'UTC-8'),
  hst: { means: ['Pacific/Honolulu'], about: 'Hawaii time', fixed: 'UTC-10' },
  gmt: { means: ['Europe/London'], about: 'UK time: GMT in winter, BST in summer; for UTC all year, type UTC' },
  bst: { means: ['Europe/London'], about: 'UK time: GMT in winter, BST in summer', fixed: 'UTC+1' },
  wet: { means: ['Europe/Lisbon'], about: 'Western European time: WET in winter, WEST in summer', fixed: 'UTC+0' },
  west: { means: ['Europe/Lisbon'], about: 'Western European time: WET in winter, WEST in summer', fixed: 'UTC+1' },
  cet: { means: ['Europe/Berlin', 'Europe/Paris'], about: 'Central European time: CET in winter, CEST in summer', fixed: 'UTC+1' },
  cest: { means: ['Europe/Berlin', 'Europe/Paris'], about: 'Central European time: CET in winter, CEST in summer', fixed: 'UTC+2' },
  met: { means: ['Europe/Berlin', 'Europe/Paris'], about: 'Central European time: CET in winter, CEST in summer', fixed: 'UTC+1' },
  eet: { means: ['Europe/Athens', 'Europe/Helsinki'], about: 'Eastern European time: EET in winter, EEST in summer', fixed: 'UTC+2' },
  eest: { means: ['Europe/Athens', 'Europe/Helsinki'], about: 'Eastern European time: EET in winter, EEST in summer', fixed: 'UTC+3' },
  msk: { means: ['Europe/Moscow'], about: 'Moscow time', fixed: 'UTC+3' },
  ist: { means: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'], about: 'India, Irish or Israel Standard Time' },
  jst: { means: ['Asia/Tokyo'], about: 'Japan time', fixed: 'UTC+9' },
  kst: { means: ['Asia/Seoul'], about: 'Korea time', fixed: 'UTC+9' },
  sgt: { means: ['Asia/Singapore'], about: 'Singapore time', fixed: 'UTC+8' },
  hkt: { means: ['Asia/Hong_Kong'], about: 'Hong Kong time', fixed: 'UTC+8' },
  aest: { means: ['Australia/Sydney', 'Australia/Brisbane'], about: 'Australian Eastern time; Queensland has no daylight saving', fixed: 'UTC+10' },
  aedt: { means: ['Australia/Sydney'], about: 'Australian Eastern time: AEST in winter, AEDT in summer', fixed: 'UTC+11' },
  acst: { means: ['Australia/Adelaide', 'Australia/Darwin'], about: 'Australian Central time' },
  acdt: { means: ['Australia/Adelaide'], about: 'Australian Central time: ACST in winter, ACDT in summer' },
  awst: { means: ['Australia/Perth'], about: 'Australian Western time', fixed: 'UTC+8' },
  nzst: { means: ['Pacific/Auckland'], about: 'New Zealand time: NZST in winter, NZDT in summer', fixed: 'UTC+12' },
  nzdt: { means: ['Pacific/Auckland'], about: 'New Zealand time: NZST in winter, NZDT in summer', fixed: 'UTC+13' },
};

/** Cities people type that are not the last part of an IANA name. */
const CITY_ALIASES: Record<string, string> = {
  san_francisco: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  boston: 'America/New_York',
  washington: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
  munich: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  barcelona: 'Europe/Madrid',
  milan: 'Europe/Rome',
  geneva: 'Europe/Zurich',
  kyiv: 'Europe/Kiev',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  new_delhi: 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  osaka: 'Asia/Tokyo',
  ho_chi_minh: 'Asia/Saigon',
  canberra: 'Australia/Sydney',
};

let cities: Map<string, string> | null = null;

/** `new_york` → America/New_York: the last part of every IANA name (none repeats), plus the aliases. */
function cityMap(): Map<string, string> {
  if (cities) return cities;
  const map = new Map<string, string>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
    if (!map.has(city)) map.set(city, zone);
  }
  for (const [city, zone] of Object.entries(CITY_ALIASES)) {
    const canonical = canonicalZone(zone);
    if (canonical) map.set(city, canonical);
  }
  cities = map;
  return map;
}

const cityKey = (words: string[]): string =>
  words
    .join('_')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const orList = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

function abbreviationError(token: string, a: Abbreviation): string {
  const fixed = a.fixed ? ` For a fixed offset all year, type ${a.fixed}.` : '';
  return (
    `“${token}” is an abbreviation, not a time zone: it can mean several zones, or a fixed offset that ignores daylight saving. ` +
    `Did you mean ${orList(a.means)} (${a.about})?${fixed}`
  );
}

/** `UTC+5`, `GMT-3`, `UTC+05:00`, `+05:30` → a fixed-offset zone (Etc/GMT±N), an error, or null when not an offset. */
function readOffset(token: string): ZoneRead {
  const m = /^(?:(?:utc|gmt)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(token);
  if (!m || (!/^(utc|gmt)/i.test(token) && m[3] === undefined)) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (minutes !== 0) {
    return { error: `“${token}” is not a whole-hour offset, which I cannot keep as a fixed zone. Use your city’s time zone instead, e.g. Asia/Kolkata for UTC+5:30.` };
  }
  if (hours === 0) return { zone: 'UTC', used: 1 };
  // Etc/GMT signs are inverted (POSIX): Etc/GMT-5 is five hours ahead of UTC. It exists from -14 to +12.
  const zone = canonicalZone(`Etc/GMT${sign > 0 ? '-' : '+'}${hours}`);
  if (!zone || hours > 14) return { error: `“${token}” is not an offset that exists (UTC-12 to UTC+14).` };
  return { zone, used: 1 };
}

/**
 * Reads a time zone starting at `tokens[i]` (a city may take up to three words: `ho chi minh`).
 * Null when the words are not a time zone at all, so the caller can try other readings.
 */
export function readZone(tokens: readonly string[], i: number): ZoneRead {
  const token = tokens[i]!;
  const lower = token.toLowerCase();
  if (lower === 'utc' || lower === 'z' || lower === 'etc/utc') return { zone: 'UTC', used: 1 };
  const offset = readOffset(token);
  if (offset) return offset;
  if (token.includes('/')) {
    const zone = canonicalZone(token);
    return zone ? { zone, used: 1 } : { error: `Unknown timezone “${token}”. Use ${TZ_EXAMPLES}.` };
  }
  const abbreviation = ABBREVIATIONS[lower];
  if (abbreviation) return { error: abbreviationError(token, abbreviation) };
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    const zone = cityMap().get(cityKey(tokens.slice(i, i + n)));
    if (zone) return { zone, used: n };
  }
  const legacy = canonicalZone(token);
  // ICU also knows short legacy ids (`PRC`, `ROK`, `NZ`, and Java's `AST` for Anchorage, `ECT` for Paris): abbreviations
  // again, refused, naming the zone ICU would have taken where there is one.
  if (/^[A-Za-z]{2,5}$/.test(token) && (/^[A-Z]+$/.test(token) || token.length <= 3) && (legacy || /^[A-Z]+$/.test(token))) {
    const meant = legacy && legacy !== token ? ` If you mean ${legacy}, type that.` : '';
    return { error: `“${token}” looks like a time-zone abbreviation, which can mean several zones or ignore daylight saving.${meant} Use ${TZ_EXAMPLES}.` };
  }
  // Country-style legacy names that follow their country's clock (`Japan`, `Egypt`, `Cuba`).
  if (legacy && /^[A-Z]/.test(token)) return { zone: legacy, used: 1 };
  return null;
}

/** How a stored zone is typed back (`Etc/GMT-5` → `UTC+5`), for replies that show a ready command. */
export function zoneArg(zone: string): string {
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  return m ? `UTC${m[1] === '-' ? '+' : '-'}${m[2]}` : zone;
}

/** A stored zone for people: `Europe/Berlin`, or `UTC+5 (fixed offset, no daylight saving)`. */
export function zoneLabel(zone: string): string {
  const arg = zoneArg(zone);
  return arg === zone ? zone : `${arg} (fixed offset, no daylight saving)`;
}
