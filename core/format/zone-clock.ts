// The C library under proxmox-time's next-event search (see next-runs.ts): a `struct tm` kept
// normalized by glibc's mktime() after every step, in a time zone.
//
// PBS walks a broken-down local time (`struct tm`) field by field: a field that does not match
// is bumped (year, month, day, weekday, hour, minute, second), the smaller fields are reset, and
// glibc's mktime() normalizes the result after every step, with tm_isdst = -1. So PBS's answer
// around daylight-saving changes is whatever glibc's mktime makes of a wall-clock time that does
// not exist or exists twice. We re-enact that algorithm (checked against glibc 2.36 and a build
// of proxmox-time, see test/unit/core/format/next-runs.test.ts):
//
// - mktime guesses the UTC offset from its previous call (a process-wide cache), converts, and
//   corrects by the difference between the requested and the obtained wall clock, up to six
//   probes. For a time inside a spring-forward gap the probes oscillate between the offsets
//   before and after the change; glibc then settles on one of them (preferring the DST one
//   when the previous probe was standard time), which lands the wall clock one hour later than
//   requested (02:30 becomes 03:30 in Europe/Berlin). The next-event walk then sees the wrong
//   hour and moves on, so on the day clocks spring forward an event inside the gap is
//   skipped, and `*:30` jumps from 01:30 to 03:30.
// - For a time that exists twice (autumn), the result depends on the cached offset: the
//   offset in force before the change wins when the search comes from before it. Hourly events
//   therefore fire once in the repeated hour, not twice.
// - The cache's starting value is process history in PBS. We start it, for every call, at the
//   offset in force at `from`: the state of a PBS proxy whose last mktime() call concerned the
//   present, which is what its once-a-minute scheduler loop amounts to.
//
// Time zones come from the JavaScript runtime's time-zone data (Intl), which honours TZ. glibc
// reads tm_isdst from the zoneinfo file; Intl has no such flag, so "DST" here means "the larger
// of the offsets in force in January and July of that year", except in the zones whose
// zoneinfo marks winter (or Ramadan) time as DST, listed in NEGATIVE_DST. That flag decides the
// spring-forward gap; in Europe/Dublin it makes PBS's search return the same run again and
// again on that day (glibc lands before the gap), which we reproduce.

import { civilFromDays, daysFromCivil } from './civil.ts';

/** The fields of a C `struct tm` that the search touches (mon is 0-based, year is the full year). */
export interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  /** 0 = Sunday, as in C. */
  wday: number;
}

const DAY = 86400;
/** The last second ECMAScript dates reach, either way (100 million days from 1970). */
const MAX_DATE_SECONDS = 8_640_000_000_000;

/** Seconds since the epoch of the wall-clock fields read as if they were UTC. */
function fieldsAsUtc(t: Pick<Tm, 'year' | 'mon' | 'mday' | 'hour' | 'min' | 'sec'>): number {
  return daysFromCivil(t.year, t.mon, t.mday) * DAY + t.hour * 3600 + t.min * 60 + t.sec;
}

/** C's struct tm as localtime_r fills it: the fields, the offset and the DST flag. */
type LocalTm = Tm & { isdst: boolean; gmtoff: number };

/** The fields of `s` read as UTC (gmtoff 0, no DST); one object of one shape, made once per call. */
function tmFromUtcSeconds(s: number): LocalTm {
  const days = Math.floor(s / DAY);
  let rem = s - days * DAY;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  const sec = rem - min * 60;
  const { year, mon, mday } = civilFromDays(days);
  const wday = (((days + 4) % 7) + 7) % 7;
  return { year, mon, mday, hour, min, sec, wday, isdst: false, gmtoff: 0 };
}

/** A clock that turns epochs into wall-clock fields and back, the way the C library does. */
export interface ZoneClock {
  /** localtime_r / gmtime_r. */
  toTm(t: number): LocalTm;
  /** mktime / timegm with tm_isdst = -1: the epoch, or null where the C library gives up. */
  fromTm(tm: Tm): number | null;
  /** The UTC offset in force at epoch `t`, in seconds. */
  offsetAt(t: number): number;
  /** The offset in force all the time from `from` to `to` (epochs), or undefined if it changes. */
  steadyOffset(from: number, to: number): number | undefined;
  /** What mktime leaves behind after an answer found at `offset` (its guess for the next call). */
  settle(offset: number): void;
}

/** UTC: timegm needs no probing. */
export const UTC_CLOCK: ZoneClock = {
  toTm: (t) => tmFromUtcSeconds(t),
  fromTm: (tm) => fieldsAsUtc(tm),
  offsetAt: () => 0,
  steadyOffset: () => 0,
  settle: () => {},
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is `timeZone` a zone name the runtime knows? */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The process's local zone (TZ honoured by the runtime). */
export function localTimeZone(): string {
  // Asking Intl costs milliseconds (it builds a formatter); the answer changes only with TZ.
  // (a Web Worker has no process: its zone is the browser's, fixed for the worker's life)
  const tz = globalThis.process?.env.TZ;
  if (localZone === undefined || localZone.tz !== tz) localZone = { tz, zone: new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' };
  return localZone.zone;
}
let localZone: { tz: string | undefined; zone: string } | undefined;

/**
 * Zones whose zoneinfo (tzdata's main format, as Debian ships it) flags the *lower* offset as
 * DST, with the epochs (seconds) between which that holds.
 */
const NEGATIVE_DST: Record<string, [number, number]> = {
  'Europe/Dublin': [57_722_400, Infinity], // 1971-10-31
  Eire: [57_722_400, Infinity],
  'Africa/Casablanca': [1_540_692_000, Infinity], // 2018-10-28
  'Africa/El_Aaiun': [1_540_692_000, Infinity],
  'Africa/Windhoek': [764_200_800, 1_509_145_200], // 1994-03-20 .. 2017-10-24
};

/**
 * What a zone's offsets are, remembered per zone for the whole process: they are facts of the zone
 * database, shared by every clock of the zone (a calendar of 500 jobs makes 500 clocks).
 */
interface ZoneMemo {
  /** epoch → offset */
  exact: Map<number, number>;
  /** UTC day → the offset in force all that day, or null on a day the offset changes. */
  days: Map<number, number | null>;
  /** UTC day the offset changes on → the first second of its new offset, and by how much it changes. */
  changes: Map<number, { at: number; shift: number }>;
  /** year (or -year-1 for the negative-DST flavour) → standard offset */
  standard: Map<number, number>;
  /** The zone's negative-DST period (NEGATIVE_DST, by its name or the canonical one). */
  negativeDst: [number, number] | undefined;
}
const zoneMemos = new Map<string, ZoneMemo>();

function zoneMemo(timeZone: string): ZoneMemo {
  let m = zoneMemos.get(timeZone);
  if (!m) {
    if (zoneMemos.size > 64) zoneMemos.clear();
    // (resolvedOptions costs tens of microseconds: asked once per zone, not per clock)
    const negativeDst = NEGATIVE_DST[timeZone] ?? NEGATIVE_DST[formatterFor(timeZone).resolvedOptions().timeZone];
    zoneMemos.set(timeZone, (m = { exact: new Map(), days: new Map(), changes: new Map(), standard: new Map(), negativeDst }));
  }
  return m;
}

/** A local-time clock for an IANA zone, re-enacting glibc's mktime (see the file comment). */
export class IntlZoneClock implements ZoneClock {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly memo: Map<number, number>;
  private readonly dayMemo: Map<number, number | null>;
  private readonly changeMemo: Map<number, { at: number; shift: number }>;
  private readonly stdMemo: Map<number, number>;
  /** glibc's process-wide guess: (result epoch) - (requested fields read as UTC) of the last call. */
  guess = 0;

  private readonly negativeDst: [number, number] | undefined;

  constructor(readonly timeZone: string) {
    this.fmt = formatterFor(timeZone);
    const m = zoneMemo(timeZone);
    this.negativeDst = m.negativeDst;
    this.memo = m.exact;
    this.dayMemo = m.days;
    this.changeMemo = m.changes;
    this.stdMemo = m.standard;
  }

  /**
   * UTC offset in seconds at epoch `t`. Asking the zone database costs a few microseconds, and a
   * next-run search or a prune simulation asks for many times; the offset changes a few times a
   * year at most, so it is asked for both ends of the (UTC) day once, and for `t` itself only on
   * a day whose offset changes.
   */
  offsetAt(t: number): number {
    const day = Math.floor(t / DAY);
    // Days at the ends of ECMAScript's date range (±8.64e12 s) are asked exactly: their bounds may
    // lie outside it.
    if (Math.abs(t) > MAX_DATE_SECONDS - 2 * DAY) return this.exactOffsetAt(t);
    let whole = this.dayMemo.get(day);
    if (whole === undefined) {
      const start = this.exactOffsetAt(day * DAY);
      whole = start === this.exactOffsetAt(day * DAY + DAY - 1) ? start : null;
      if (this.dayMemo.size > 50_000) this.dayMemo.clear();
      this.dayMemo.set(day, whole);
    }
    return whole ?? this.exactOffsetAt(t);
  }

  steadyOffset(from: number, to: number): number | undefined {
    const offset = this.offsetAt(from);
    for (let day = Math.floor(from / DAY); day <= Math.floor(to / DAY); day++) {
      const t = Math.max(from, day * DAY);
      if (this.offsetAt(t) !== offset) return undefined;
      // a day of one offset throughout (offsetAt asks the zone database once per day)
      const whole = this.dayMemo.get(day);
      if (whole === offset) continue;
      if (whole !== null) return undefined;
      // The day the offset changes on: steady where the part of it asked for lies on one side of
      // the change, and further from it than the change's size: closer, the wall clock's times
      // exist twice or not at all, and mktime's guess decides (a busy calendar has thousands of
      // runs on that day, nearly all of them far from the change).
      const end = Math.min(to, day * DAY + DAY - 1);
      const change = this.changeOn(day);
      if (this.offsetAt(end) !== offset || !(end < change.at - change.shift || t >= change.at + change.shift)) return undefined;
    }
    return offset;
  }

  /**
   * The first second of `day` (a UTC day whose offset changes, see offsetAt) at which its last
   * offset holds, and the size of the change in seconds. One change a day, as offsetAt assumes:
   * found by halving, once per day.
   */
  private changeOn(day: number): { at: number; shift: number } {
    let change = this.changeMemo.get(day);
    if (change === undefined) {
      const after = this.exactOffsetAt(day * DAY + DAY - 1);
      let before = day * DAY; // a second of the earlier offset (the day's offset changes)
      let at = day * DAY + DAY - 1;
      while (at - before > 1) {
        const mid = Math.floor((before + at) / 2);
        if (this.exactOffsetAt(mid) === after) at = mid;
        else before = mid;
      }
      change = { at, shift: Math.abs(after - this.exactOffsetAt(day * DAY)) };
      if (this.changeMemo.size > 50_000) this.changeMemo.clear();
      this.changeMemo.set(day, change);
    }
    return change;
  }

  settle(offset: number): void {
    // fromTm sets guess = found - wanted, which is -offset where the offset is steady
    this.guess = -offset;
  }

  private exactOffsetAt(t: number): number {
    const hit = this.memo.get(t);
    if (hit !== undefined) return hit;
    const parts = this.fmt.formatToParts(new Date(t * 1000));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    let year = get('year');
    if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
    const local = fieldsAsUtc({ year, mon: get('month') - 1, mday: get('day'), hour: get('hour'), min: get('minute'), sec: get('second') });
    const off = local - t;
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(t, off);
    return off;
  }

  /** The lower (or, with negative DST, the higher) of the offsets of January 1 and July 1. */
  private standardOffset(year: number, negative: boolean): number {
    const key = negative ? -year - 1 : year;
    let v = this.stdMemo.get(key);
    if (v === undefined) {
      const jan = this.offsetAt(daysFromCivil(year, 0, 1) * DAY);
      const jul = this.offsetAt(daysFromCivil(year, 6, 1) * DAY);
      v = negative ? Math.max(jan, jul) : Math.min(jan, jul);
      this.stdMemo.set(key, v);
    }
    return v;
  }

  /** The last answer of toTm: a search reads the epoch mktime just found again at once. */
  private lastT = NaN;
  private lastTm: LocalTm | undefined;

  /** localtime_r. The answer is shared with the next call for the same epoch: read it, never change it. */
  toTm(t: number): LocalTm {
    if (t === this.lastT) return this.lastTm!;
    const tm = this.computeTm(t);
    this.lastT = t;
    this.lastTm = tm;
    return tm;
  }

  private computeTm(t: number): LocalTm {
    const gmtoff = this.offsetAt(t);
    const tm = tmFromUtcSeconds(t + gmtoff);
    const neg = this.negativeDst !== undefined && t >= this.negativeDst[0] && t < this.negativeDst[1];
    tm.isdst = neg ? gmtoff < this.standardOffset(tm.year, true) : gmtoff > this.standardOffset(tm.year, false);
    tm.gmtoff = gmtoff;
    return tm;
  }

  fromTm(req: Tm): number | null {
    // Seconds outside 0..59 are clamped for the probing and added back at the end.
    const secRequested = req.sec;
    const sec = Math.min(59, Math.max(0, req.sec));
    const wanted = daysFromCivil(req.year, req.mon, req.mday) * DAY + req.hour * 3600 + req.min * 60 + sec;
    const t0 = wanted + this.guess;
    let t = t0;
    let t1 = t0;
    let t2 = t0;
    let prevDst = false;
    let probes = 6;
    let found: number | null = null;
    for (;;) {
      const got = this.toTm(t);
      const dt = wanted - fieldsAsUtc(got);
      if (dt === 0) {
        found = t;
        break;
      }
      // Back at the candidate of two probes ago: the wanted wall clock falls into a gap and the
      // probes oscillate. glibc settles on the current candidate unless it would trade a DST
      // previous probe for a standard-time one; so the DST side (the later wall clock) wins.
      if (t === t1 && t !== t2 && (!prevDst || got.isdst)) {
        found = t;
        break;
      }
      if (--probes === 0) return null;
      t1 = t2;
      t2 = t;
      t += dt;
      prevDst = got.isdst;
    }
    this.guess = found - wanted;
    return found + (secRequested - sec);
  }
}
