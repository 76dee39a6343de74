// When does a PBS schedule fire next? A re-enactment of proxmox-time's next-event search
// (CalendarEvent::compute_next_event over its TmEditor), including the C library underneath it.
//
// The search is here; the C library's mktime() it walks over, and the time zones, are
// re-enacted in zone-clock.ts (the daylight-saving behaviour is explained there).

import { listContains, type CalendarEvent, type DateTimeValue } from './calendar-event.ts';
import { TmEditor } from './tm-editor.ts';
import { IntlZoneClock, localTimeZone, UTC_CLOCK, type ZoneClock } from './zone-clock.ts';

/** The clock computeNextEvent walks over in UTC (tests, PBS's own vectors). */
export { UTC_CLOCK, type ZoneClock } from './zone-clock.ts';

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
  /** Stop before this epoch (seconds): runs at or after it are not returned (end 'until'). */
  until?: number;
  /**
   * Return what PBS's search answers even when it does not advance (a time repeated, see `stuck`),
   * as the re-enactment's test vectors do; every front stops there instead.
   */
  repeats?: boolean;
  /** Always take PBS's steps on the zone's clock (the tests hold searchRunEpochs' shortcut to them). */
  perRun?: boolean;
}

/**
 * Where the search for runs ends: 9999-12-31T00:00:00Z, so that no run shown has a five-digit
 * year in any time zone (offsets reach +14:00). proxmox-time itself has no such horizon (each
 * search gives up after 1000 steps, and glibc's mktime only at the end of its `int` year, some
 * two billion years on), but JavaScript dates end in the year 275760, a schedule's year is below
 * 2200 (proxmox-time parse_date_spec), `--from` takes four-digit years, and a `fri *-02-29` asked
 * for 10000 runs would otherwise walk 280000 years of calendar.
 */
export const RUNS_HORIZON = 253_402_214_400;

/** The horizon in words, for messages. */
export const RUNS_HORIZON_TEXT = '9999-12-31 00:00 UTC';

/**
 * Why a search returned fewer runs than asked for: `never` (PBS finds no next run: the event's
 * dates are past or never exist, or 1000 search steps found none), `horizon` (the next run, if
 * any, lies past RUNS_HORIZON), `until` (the next run is at or after options.until), or `stuck`
 * (PBS's search answers a time that is not later than the last one — a DST change glibc resolves
 * backwards — and PBS would keep answering it).
 */
export type RunsEnd = 'count' | 'never' | 'horizon' | 'until' | 'stuck';

/** nextRuns with the reason it stopped. */
export function searchRuns(event: CalendarEvent, from: Date, count: number, timeZone?: string, options: NextRunsOptions = {}): { runs: Date[]; end: RunsEnd } {
  const found = searchRunEpochs(event, Math.floor(from.getTime() / 1000), count, timeZone, options);
  return { runs: found.runs.map((t) => new Date(t * 1000)), end: found.end };
}

/**
 * searchRuns in epoch seconds, from epoch seconds: what the calendar and the prune history use
 * (a busy calendar has a hundred thousand runs; a Date each would be made and read back).
 */
export function searchRunEpochs(event: CalendarEvent, from: number, count: number, timeZone?: string, options: NextRunsOptions = {}): { runs: number[]; end: RunsEnd } {
  let clock: ZoneClock;
  let last = from;
  const runs: number[] = [];
  // Past the horizon (or an invalid date) nothing is searched: the clock's dates would end.
  if (!(last < RUNS_HORIZON)) return { runs, end: 'horizon' };
  if (event.utc) clock = UTC_CLOCK;
  else {
    const zone = new IntlZoneClock(timeZone ?? localTimeZone());
    zone.guess = options.initialGuess ?? -zone.offsetAt(last);
    clock = zone;
  }
  while (runs.length < count) {
    // A search walks at most 1000 steps of at most a year: from before the horizon it stays
    // within JavaScript's dates.
    const next = options.perRun ? computeNextEvent(event, last, clock) : nextInSteadyTime(event, last, clock);
    if (next === null) return { runs, end: 'never' };
    if (options.until !== undefined && next >= options.until) return { runs, end: 'until' };
    if (next >= RUNS_HORIZON) return { runs, end: 'horizon' };
    // In zones whose winter time counts as DST (Europe/Dublin) PBS's search can answer the same
    // time again on the day clocks spring forward; PBS does not get past it, so neither do we.
    if (next <= last && runs.length > 0 && !options.repeats) return { runs, end: 'stuck' };
    runs.push(next);
    last = next;
  }
  return { runs, end: 'count' };
}

/** The longest span (seconds) the shortcut of nextInSteadyTime checks for an offset change. */
const STEADY_SPAN = 8 * 86_400;

/**
 * computeNextEvent, taking PBS's steps on UTC's clock where the zone's offset stays the same: from
 * `last` to the answer every step moves forward, so while the offset does not change, the C
 * library's localtime and mktime are the UTC ones shifted by it. That costs no zone lookups per
 * step (a busy calendar has 100k runs). When the offset changes in between (a DST day), or the
 * answer is far off, the zone's clock takes the steps, as always.
 */
function nextInSteadyTime(event: CalendarEvent, last: number, clock: ZoneClock): number | null {
  const offset = clock.offsetAt(last + 1);
  const shifted = nextOnUtcClock(event, last + offset);
  if (shifted !== null) {
    const next = shifted - offset;
    if (clock === UTC_CLOCK) return next;
    if (next - last <= STEADY_SPAN && clock.steadyOffset(last + 1, next) === offset) {
      clock.settle(offset);
      return next;
    }
  }
  return computeNextEvent(event, last, clock);
}

/**
 * Answers of computeNextEvent on UTC's clock, per event without year, month or day lists: for
 * those the steps depend only on the time of day (and the weekday, when the event names
 * weekdays), so an answer holds for every day (every week) — a calendar asks the same few times
 * of day over and over. Key: weekday × 86400 + second of the day; value: the answer less that
 * day's midnight.
 */
const dayAnswers = new WeakMap<CalendarEvent, Map<number, number | null>>();
const MAX_DAY_ANSWERS = 20_000;

function nextOnUtcClock(event: CalendarEvent, last: number): number | null {
  if (event.year.length > 0 || event.month.length > 0 || event.day.length > 0) return computeNextEvent(event, last, UTC_CLOCK);
  const day = Math.floor(last / 86_400);
  const midnight = day * 86_400;
  const weekday = event.weekdays === 0 || event.weekdays === 127 ? 0 : (((day + 4) % 7) + 7) % 7;
  const key = weekday * 86_400 + (last - midnight);
  let answers = dayAnswers.get(event);
  if (!answers) dayAnswers.set(event, (answers = new Map()));
  let delta = answers.get(key);
  if (delta === undefined) {
    const next = computeNextEvent(event, last, UTC_CLOCK);
    delta = next === null ? null : next - midnight;
    if (answers.size >= MAX_DAY_ANSWERS) answers.clear();
    answers.set(key, delta);
  }
  return delta === null ? null : midnight + delta;
}

/**
 * The next `count` times the event fires after `from`, as PBS computes them: in the given IANA
 * zone (default: the process's local zone, TZ honoured), or in UTC when the event says `UTC`.
 * Fewer than `count` when the event stops firing, or at RUNS_HORIZON (see searchRuns for which).
 */
export function nextRuns(event: CalendarEvent, from: Date, count: number, timeZone?: string, options: NextRunsOptions = {}): Date[] {
  return searchRuns(event, from, count, timeZone, options).runs;
}
