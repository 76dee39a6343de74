// Epoch seconds (PBS stores times as Unix epochs: last-run-endtime, backup times, expiry) shown
// as ISO 8601 in a local zone and in UTC, and the reverse for `--from` style arguments.

import { civilFromDays } from './civil.ts';
import { IntlZoneClock, localTimeZone } from './zone-clock.ts';

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** `+01:00` style offset for seconds east of UTC. */
export function formatUtcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return `${sign}${pad(h)}:${pad(m)}`;
}

export interface ZonedTime {
  /** `YYYY-MM-DD HH:MM:SS` wall clock. */
  wallClock: string;
  /** Offset from UTC in seconds. */
  offset: number;
  /** The zone used. */
  timeZone: string;
}

/**
 * One clock per zone for reading wall clocks: its offsets are cached, which matters when a prune
 * simulation or a calendar prints tens of thousands of times. Only toTm is used on it, so glibc's
 * mktime state (`guess`) never leaks between callers.
 */
const readingClocks = new Map<string, IntlZoneClock>();

function readingClock(zone: string): IntlZoneClock {
  let clock = readingClocks.get(zone);
  if (!clock) {
    if (readingClocks.size > 64) readingClocks.clear();
    readingClocks.set(zone, (clock = new IntlZoneClock(zone)));
  }
  return clock;
}

/** The wall clock of `epoch` (seconds) in `timeZone` (default: the process's local zone). */
export function zonedTime(epoch: number, timeZone?: string): ZonedTime {
  const zone = timeZone ?? localTimeZone();
  const clock = readingClock(zone);
  const tm = clock.toTm(Math.floor(epoch));
  const year = tm.year < 0 ? `-${pad(-tm.year, 4)}` : pad(tm.year, 4);
  return {
    wallClock: `${year}-${pad(tm.mon + 1)}-${pad(tm.mday)} ${pad(tm.hour)}:${pad(tm.min)}:${pad(tm.sec)}`,
    offset: tm.gmtoff,
    timeZone: zone,
  };
}

/**
 * The latest epoch (seconds, either sign) a calendar date can be given for: ECMAScript dates end
 * 100 million days from 1970 (year 275760). PBS stores epochs as i64, so a config can hold more.
 */
export const MAX_CALENDAR_EPOCH = 8_640_000_000_000;

/**
 * Epoch seconds as ISO 8601 in a local zone (`2025-01-01T03:30:00+01:00`) and in UTC (`…Z`), or
 * undefined for an epoch beyond any calendar date (see MAX_CALENDAR_EPOCH).
 */
export function formatEpoch(epoch: number, timeZone?: string): { local: string; utc: string } | undefined {
  if (!Number.isFinite(epoch) || Math.abs(epoch) > MAX_CALENDAR_EPOCH - 86_400) return undefined;
  const u = zonedTime(epoch, 'UTC');
  return { local: isoInZone(epoch, timeZone), utc: `${u.wallClock.replace(' ', 'T')}Z` };
}

/** `00` … `59`: a calendar or a prune simulation writes a hundred thousand times. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** The last date written (`2025-01-01T`), by zone and local day: the times of a day come together. */
let lastDate = { zone: '', day: NaN, text: '' };
const offsetTexts = new Map<number, string>();

/** Epoch seconds (within the calendar) as ISO 8601 with the zone's offset: `2025-01-01T03:30:00+01:00`. */
export function isoInZone(epoch: number, timeZone?: string): string {
  const zone = timeZone ?? localTimeZone();
  const t = Math.floor(epoch);
  // what the clock's toTm reads: the fields of t + offset as UTC's
  const offset = readingClock(zone).offsetAt(t);
  const local = t + offset;
  const day = Math.floor(local / 86_400);
  if (lastDate.zone !== zone || lastDate.day !== day) {
    const { year, mon, mday } = civilFromDays(day);
    const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
    lastDate = { zone, day, text: `${y}-${TWO_DIGITS[mon + 1]}-${TWO_DIGITS[mday]}T` };
  }
  let offsetText = offsetTexts.get(offset);
  if (offsetText === undefined) {
    if (offsetTexts.size > 1000) offsetTexts.clear();
    offsetTexts.set(offset, (offsetText = formatUtcOffset(offset)));
  }
  const second = local - day * 86_400;
  const hour = Math.floor(second / 3600);
  const minute = Math.floor((second % 3600) / 60);
  return `${lastDate.text}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second % 60]}${offsetText}`;
}

/**
 * Reads an ISO 8601 date or date-time (`2025-03-30`, `2025-03-30T01:30`, `2025-03-30 01:30:15`,
 * optionally with `Z` or `±HH:MM`). Without an offset the wall clock is taken in `timeZone`
 * (a time that does not exist there is moved forward by the gap, like mktime does).
 * Returns epoch seconds, or undefined for text that is not such a date.
 */
export function parseIsoDateTime(text: string, timeZone?: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const [year, mon, day, hour, min, sec] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59) return undefined;
  const fields = Date.UTC(year, mon - 1, day, hour, min, sec) / 1000;
  // Reject 2025-02-30 and friends instead of rolling them over.
  if (new Date(fields * 1000).getUTCDate() !== day) return undefined;
  const zone = m[7];
  if (zone) {
    if (zone.toUpperCase() === 'Z') return fields;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const off = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60;
    return fields - sign * off;
  }
  const clock = new IntlZoneClock(timeZone ?? localTimeZone());
  clock.guess = -clock.offsetAt(fields);
  const t = clock.fromTm({ year, mon: mon - 1, mday: day, hour, min, sec, wday: 0 });
  return t ?? undefined;
}

/** proxmox-time's parse_rfc3339: exactly 20 (…Z) or 25 (…±HH:MM) characters, no fractions. */
export function parseRfc3339(s: string): number | string {
  if (s.length < 20 || s.length > 25) return `'${s.slice(0, 40)}' has ${s.length} characters, not 20 or 25`;
  const tz = s[19];
  if (tz === 'Z') {
    if (s.length !== 20) return `'${s}': unexpected length in UTC timestamp`;
  } else if (tz === '+' || tz === '-') {
    if (s.length !== 25) return `'${s}': unexpected length in timestamp`;
  } else return `'${s}': unexpected timezone indicator at position 19`;
  let pos = -1;
  const digits = (at: number, count: number, max?: number): number => {
    let v = 0;
    for (let i = at; i < at + count; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) {
        pos = i;
        throw new Error();
      }
      v = v * 10 + c - 48;
    }
    if (max !== undefined && v > max) {
      pos = at;
      throw new RangeError(`value too large (${v} > ${max})`);
    }
    return v;
  };
  const expect = (at: number, ch: string) => {
    if (s[at] !== ch) {
      pos = at;
      throw new Error();
    }
  };
  try {
    const year = digits(0, 4);
    expect(4, '-');
    const mon = digits(5, 2, 12);
    expect(7, '-');
    const day = digits(8, 2, 31);
    expect(10, 'T');
    const hour = digits(11, 2, 23);
    expect(13, ':');
    const min = digits(14, 2, 59);
    expect(16, ':');
    const sec = digits(17, 2, 60);
    // timegm normalizes out-of-range fields (day 31 of a 30-day month, second 60) like Date does.
    const d = new Date(0);
    d.setUTCFullYear(year, mon - 1, day);
    d.setUTCHours(hour, min, sec, 0);
    let epoch = Math.floor(d.getTime() / 1000);
    if (tz !== 'Z') {
      const oh = digits(20, 2, 23);
      expect(22, ':');
      const om = digits(23, 2, 59);
      const offset = oh * 3600 + om * 60;
      epoch = tz === '+' ? epoch - offset : epoch + offset;
    }
    return epoch;
  } catch (e) {
    if (e instanceof RangeError) return `'${s}': ${e.message}`;
    return `'${s}': unexpected character at position ${pos}`;
  }
}
