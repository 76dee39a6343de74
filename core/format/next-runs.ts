// When does a PBS schedule fire next? A re-enactment of proxmox-time's next-event search
// (CalendarEvent::compute_next_event over its TmEditor), including the C library underneath it.
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

import { listContains, type CalendarEvent, type DateTimeValue } from '../../grammar/calendar-event.ts';

/** The fields of a C `struct tm` that the search touches (mon is 0-based, year is the full year). */
interface Tm {
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

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 0-based, any integers). */
function daysFromCivil(year: number, mon: number, mday: number): number {
  const y = year + Math.floor(mon / 12);
  const m = ((mon % 12) + 12) % 12; // 0..11
  // Shift the year to start in March so the leap day comes last.
  const yy = m < 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 10) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + mday - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Seconds since the epoch of the wall-clock fields read as if they were UTC. */
function fieldsAsUtc(t: Pick<Tm, 'year' | 'mon' | 'mday' | 'hour' | 'min' | 'sec'>): number {
  return daysFromCivil(t.year, t.mon, t.mday) * DAY + t.hour * 3600 + t.min * 60 + t.sec;
}

function tmFromUtcSeconds(s: number): Tm {
  const days = Math.floor(s / DAY);
  let rem = s - days * DAY;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  const sec = rem - min * 60;
  // civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (mon < 2 ? 1 : 0);
  const wday = (((days + 4) % 7) + 7) % 7;
  return { year, mon, mday, hour, min, sec, wday };
}

/** A clock that turns epochs into wall-clock fields and back, the way the C library does. */
export interface ZoneClock {
  /** localtime_r / gmtime_r. */
  toTm(t: number): Tm & { isdst: boolean; gmtoff: number };
  /** mktime / timegm with tm_isdst = -1: the epoch, or null where the C library gives up. */
  fromTm(tm: Tm): number | null;
}

/** UTC: timegm needs no probing. */
export const UTC_CLOCK: ZoneClock = {
  toTm: (t) => ({ ...tmFromUtcSeconds(t), isdst: false, gmtoff: 0 }),
  fromTm: (tm) => fieldsAsUtc(tm),
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
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

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

/** A local-time clock for an IANA zone, re-enacting glibc's mktime (see the file comment). */
export class IntlZoneClock implements ZoneClock {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly memo = new Map<number, number>();
  private readonly stdMemo = new Map<number, number>();
  /** glibc's process-wide guess: (result epoch) - (requested fields read as UTC) of the last call. */
  guess = 0;

  private readonly negativeDst: [number, number] | undefined;

  constructor(readonly timeZone: string) {
    this.fmt = formatterFor(timeZone);
    this.negativeDst = NEGATIVE_DST[timeZone] ?? NEGATIVE_DST[this.fmt.resolvedOptions().timeZone];
  }

  /** UTC offset in seconds at epoch `t`. */
  offsetAt(t: number): number {
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

  toTm(t: number): Tm & { isdst: boolean; gmtoff: number } {
    const gmtoff = this.offsetAt(t);
    const tm = tmFromUtcSeconds(t + gmtoff);
    const neg = this.negativeDst !== undefined && t >= this.negativeDst[0] && t < this.negativeDst[1];
    const isdst = neg ? gmtoff < this.standardOffset(tm.year, true) : gmtoff > this.standardOffset(tm.year, false);
    return { ...tm, gmtoff, isdst };
  }

  fromTm(req: Tm): number | null {
    // Seconds outside 0..59 are clamped for the probing and added back at the end.
    const secRequested = req.sec;
    const sec = Math.min(59, Math.max(0, req.sec));
    const wanted = fieldsAsUtc({ ...req, sec });
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

/** proxmox-time's TmEditor: a `struct tm` kept normalized by the C library after each change. */
class TmEditor {
  private tm: Tm;
  constructor(
    private readonly clock: ZoneClock,
    epoch: number,
  ) {
    this.tm = clock.toTm(epoch);
  }
  private normalize(next: Tm): boolean {
    const t = this.clock.fromTm(next);
    if (t === null) return false;
    this.tm = this.clock.toTm(t);
    return true;
  }
  get year() {
    return this.tm.year;
  }
  get month() {
    return this.tm.mon + 1;
  }
  get day() {
    return this.tm.mday;
  }
  get hour() {
    return this.tm.hour;
  }
  get min() {
    return this.tm.min;
  }
  get sec() {
    return this.tm.sec;
  }
  /** Monday = 0 ... Sunday = 6. */
  get dayNum() {
    return (this.tm.wday + 6) % 7;
  }
  addYears(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, year: this.tm.year + n, mon: 0, mday: 1, hour: 0, min: 0, sec: 0 });
  }
  addMonths(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, mon: this.tm.mon + n, mday: 1, hour: 0, min: 0, sec: 0 });
  }
  addDays(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, mday: this.tm.mday + n, hour: 0, min: 0, sec: 0 });
  }
  setTime(hour: number, min: number, sec: number): boolean {
    return this.normalize({ ...this.tm, hour, min, sec });
  }
  setMinSec(min: number, sec: number): boolean {
    return this.normalize({ ...this.tm, min, sec });
  }
  setSec(sec: number): boolean {
    return this.normalize({ ...this.tm, sec });
  }
  intoEpoch(): number | null {
    return this.clock.fromTm(this.tm);
  }
}

/** The smallest value of `list` above `value`, as PBS's DateTimeValue::find_next. */
export function findNext(list: DateTimeValue[], value: number): number | undefined {
  let next: number | undefined;
  const consider = (v: number) => {
    if (next === undefined || v < next) next = v;
  };
  for (const d of list) {
    switch (d.kind) {
      case 'single':
        if (d.value > value) consider(d.value);
        break;
      case 'range':
        if (value < d.start) consider(d.start);
        else if (value + 1 >= d.start && value + 1 <= d.end) consider(value + 1);
        break;
      case 'repeated':
        if (value < d.start) consider(d.start);
        else if (d.step > 0) {
          const n = d.start + Math.floor((value - d.start + d.step) / d.step) * d.step;
          if (d.end === undefined || n <= d.end) consider(n);
        }
        break;
    }
  }
  return next;
}

/**
 * The first epoch (seconds) strictly after `last` at which the event fires, or null when PBS
 * finds none (a past year, a date that never exists, or 1000 search steps without a match).
 */
export function computeNextEvent(event: CalendarEvent, last: number, clock: ZoneClock): number | null {
  const t = new TmEditor(clock, last + 1);
  const allDays = event.weekdays === 0 || event.weekdays === 127;
  for (let count = 0; count <= 1000; count++) {
    if (event.year.length > 0) {
      const year = t.year;
      if (year < 0) return null;
      if (!listContains(event.year, year)) {
        const n = findNext(event.year, year);
        if (n === undefined) return null;
        if (!t.addYears(n - year)) return null;
        continue;
      }
    }
    if (event.month.length > 0) {
      const month = t.month;
      if (!listContains(event.month, month)) {
        const n = findNext(event.month, month);
        if (!(n !== undefined ? t.addMonths(n - month) : t.addYears(1))) return null;
        continue;
      }
    }
    if (event.day.length > 0) {
      const day = t.day;
      if (!listContains(event.day, day)) {
        const n = findNext(event.day, day);
        if (!(n !== undefined ? t.addDays(n - day) : t.addMonths(1))) return null;
        continue;
      }
    }
    if (!allDays) {
      const dn = t.dayNum;
      if ((event.weekdays & (1 << dn)) === 0) {
        let n: number | undefined;
        for (let d = dn + 1; d < 7; d++) {
          if (event.weekdays & (1 << d)) {
            n = d;
            break;
          }
        }
        if (!t.addDays(n !== undefined ? n - dn : 7 - dn)) return null;
        continue;
      }
    }
    if (event.hour.length > 0) {
      const hour = t.hour;
      if (!listContains(event.hour, hour)) {
        const n = findNext(event.hour, hour);
        if (!(n !== undefined ? t.setTime(n, 0, 0) : t.addDays(1))) return null;
        continue;
      }
    }
    if (event.minute.length > 0) {
      const minute = t.min;
      if (!listContains(event.minute, minute)) {
        const n = findNext(event.minute, minute);
        if (!(n !== undefined ? t.setMinSec(n, 0) : t.setTime(t.hour + 1, 0, 0))) return null;
        continue;
      }
    }
    if (event.second.length > 0) {
      const second = t.sec;
      if (!listContains(event.second, second)) {
        const n = findNext(event.second, second);
        if (!(n !== undefined ? t.setSec(n) : t.setMinSec(t.min + 1, 0))) return null;
        continue;
      }
    }
    return t.intoEpoch();
  }
  return null;
}

/** Options for nextRuns beyond the zone. */
export interface NextRunsOptions {
  /** Starting value of glibc's offset guess; default: the offset in force at `from`. */
  initialGuess?: number;
}

/**
 * The next `count` times the event fires after `from`, as PBS computes them: in the given IANA
 * zone (default: the process's local zone, TZ honoured), or in UTC when the event says `UTC`.
 * Fewer than `count` when the event stops firing.
 */
export function nextRuns(event: CalendarEvent, from: Date, count: number, timeZone?: string, options: NextRunsOptions = {}): Date[] {
  let clock: ZoneClock;
  let last = Math.floor(from.getTime() / 1000);
  if (event.utc) clock = UTC_CLOCK;
  else {
    const zone = new IntlZoneClock(timeZone ?? localTimeZone());
    zone.guess = options.initialGuess ?? -zone.offsetAt(last);
    clock = zone;
  }
  const out: Date[] = [];
  while (out.length < count) {
    const next = computeNextEvent(event, last, clock);
    if (next === null) break;
    out.push(new Date(next * 1000));
    last = next;
  }
  return out;
}
