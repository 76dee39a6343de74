// PBS calendar events (the `schedule` properties): the grammar of proxmox-time's CalendarEvent.
//
// Why no Chevrotain here: PBS parses this with nom combinators that backtrack silently. An
// optional part that fails is dropped and the text is re-read by the next rule (`24:00` fails as
// hour:minute, so it becomes minute 24, second 0), a list stops *before* a separator whose next
// item fails (`mon,xyz` keeps `mon` and leaves `,xyz`), and `*/0` succeeds while leaving `/0`
// unread. An LL(k) grammar cannot express "try, and on failure pretend nothing happened" for
// every optional part without BACKTRACK on nearly every rule, which would only obscure the
// mirror. So this is a small recursive-descent parser whose every function corresponds to one
// nom rule, with nom's exact acceptance. On top of that it remembers the specific failures it
// met on the way (a number too large for its field, an unknown weekday, a reversed range), so an
// error can name the real problem instead of PBS's "unable to parse ... at '<rest>'".
//
// Positions are UTF-16 offsets into the value text. Every scan is a single forward pass.

import type { ValueParse } from './ast.ts';

/** One item of a field list: `5`, `5..9`, `5/2`, `5..20/3`, or `*\/R` (Repeated from the minimum). */
export type DateTimeValue =
  | { kind: 'single'; value: number }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'repeated'; start: number; step: number; end?: number };

export type CalendarKeyword =
  | 'minutely'
  | 'hourly'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'yearly'
  | 'annually'
  | 'quarterly'
  | 'semiannually'
  | 'semi-annually';

/** Weekday bits as PBS numbers them: Monday = 1, Tuesday = 2, ... Sunday = 64. */
export const WEEKDAY_BITS = { mon: 1, tue: 2, wed: 4, thu: 8, fri: 16, sat: 32, sun: 64 } as const;
export const ALL_WEEKDAYS = 127;
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Where the written parts of an event stand in the text (absent when not written). */
export interface CalendarEventSource {
  keyword?: { start: number; end: number };
  weekdays?: { start: number; end: number };
  date?: { start: number; end: number };
  time?: { start: number; end: number };
  /** How the time part was read: `m` (minute only), `h:m`, `m:s` (hour failed), `h:m:s`. */
  timeForm?: 'm' | 'h:m' | 'm:s' | 'h:m:s';
  /** The `UTC` suffix including the blanks before it. */
  utc?: { start: number; end: number };
}

/**
 * A parsed calendar event, field lists as PBS keeps them: an empty list means "any value".
 * Without a written time part PBS fills in 00:00:00; without seconds, second 0.
 */
export interface CalendarEvent {
  /** Evaluated in UTC instead of the local time zone. */
  utc: boolean;
  /** Set when the event was written as one of the keywords. */
  keyword?: CalendarKeyword;
  /** Weekday bit set (see WEEKDAY_BITS); 0 = every day. */
  weekdays: number;
  year: DateTimeValue[];
  month: DateTimeValue[];
  day: DateTimeValue[];
  hour: DateTimeValue[];
  minute: DateTimeValue[];
  second: DateTimeValue[];
  source: CalendarEventSource;
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** Upper bounds (exclusive) and the minimum a `*\/R` starts from, per field. */
const FIELD_LIMIT: Record<Field, { max: number; start: number }> = {
  year: { max: 2200, start: 0 },
  month: { max: 13, start: 1 },
  day: { max: 32, start: 1 },
  hour: { max: 24, start: 0 },
  minute: { max: 60, start: 0 },
  second: { max: 60, start: 0 },
};

const KEYWORDS: Record<CalendarKeyword, (utc: boolean) => CalendarEvent> = (() => {
  const s = (v: number): DateTimeValue => ({ kind: 'single', value: v });
  const base = (utc: boolean, keyword: CalendarKeyword): CalendarEvent => ({
    utc,
    keyword,
    weekdays: 0,
    year: [],
    month: [],
    day: [],
    hour: [s(0)],
    minute: [s(0)],
    second: [s(0)],
    source: {},
  });
  const yearly = (k: CalendarKeyword) => (utc: boolean) => ({ ...base(utc, k), day: [s(1)], month: [s(1)] });
  const semi = (k: CalendarKeyword) => (utc: boolean) => ({ ...base(utc, k), day: [s(1)], month: [s(1), s(7)] });
  return {
    minutely: (utc) => ({ ...base(utc, 'minutely'), hour: [], minute: [] }),
    hourly: (utc) => ({ ...base(utc, 'hourly'), hour: [] }),
    daily: (utc) => base(utc, 'daily'),
    weekly: (utc) => ({ ...base(utc, 'weekly'), weekdays: WEEKDAY_BITS.mon }),
    monthly: (utc) => ({ ...base(utc, 'monthly'), day: [s(1)] }),
    yearly: yearly('yearly'),
    annually: yearly('annually'),
    quarterly: (utc) => ({ ...base(utc, 'quarterly'), day: [s(1)], month: [s(1), s(4), s(7), s(10)] }),
    semiannually: semi('semiannually'),
    'semi-annually': semi('semi-annually'),
  };
})();

export const CALENDAR_KEYWORDS = Object.keys(KEYWORDS) as CalendarKeyword[];

function isKeyword(word: string): word is CalendarKeyword {
  return Object.hasOwn(KEYWORDS, word);
}

// ---------------------------------------------------------------------------------------------
// The nom mirror. Each rule returns the position after what it read, or a failure whose `pos` is
// where nom would report it (PBS prints the rest of the text from there).

type Ok<T> = { ok: true; pos: number; value: T };
type Fail = { ok: false; pos: number };
type Res<T> = Ok<T> | Fail;

const ok = <T>(pos: number, value: T): Ok<T> => ({ ok: true, pos, value });
const fail = (pos: number): Fail => ({ ok: false, pos });

/** A failure worth telling the admin about, remembered even when nom drops it. */
interface Finding {
  start: number;
  length: number;
  /** 'value' = a number/word out of place; these beat leftovers when choosing the message. */
  message: string;
  field?: Field;
  value?: number;
}

const WEEKDAY_LOOKUP: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tuesday: 2, wed: 4, wednesday: 4, thu: 8, thursday: 8,
  fri: 16, friday: 16, sat: 32, saturday: 32, sun: 64, sunday: 64,
};

function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The shared machinery: a text (already cut before a `UTC` suffix) and the findings met so far.
 * Exported for the daily-duration grammar, which reuses PBS's weekday list and number rules.
 */
export class NomMirror {
  readonly findings: Finding[] = [];
  constructor(readonly s: string) {}

  /** nom `space0` as PBS uses it: blanks and tabs only. */
  skipBlanks(pos: number): number {
    while (pos < this.s.length && (this.s.charCodeAt(pos) === 32 || this.s.charCodeAt(pos) === 9)) pos++;
    return pos;
  }

  /** `parse_time_comp(max)`: decimal digits as u32, below `max`. */
  number(pos: number, max: number, field?: Field | 'repetition' | 'hour-of-day' | 'minute-of-hour'): Res<number> {
    let end = pos;
    while (end < this.s.length && isDigit(this.s.charCodeAt(end))) end++;
    if (end === pos) return fail(pos);
    const digits = this.s.slice(pos, end);
    const v = Number(digits);
    if (v > 0xffffffff) {
      this.findings.push({ start: pos, length: end - pos, message: `number ${digits} is too large` });
      return fail(pos);
    }
    if (v >= max) {
      this.findings.push({ start: pos, length: end - pos, message: tooLarge(field, v, max), field: asField(field), value: v });
      return fail(end);
    }
    return ok(end, v);
  }

  /** `parse_weekday`: a run of ASCII letters naming a weekday, any case. */
  weekday(pos: number): Res<number> {
    let end = pos;
    while (end < this.s.length && isAsciiAlpha(this.s.charCodeAt(end))) end++;
    if (end === pos) return fail(pos);
    const word = this.s.slice(pos, end);
    const bit = WEEKDAY_LOOKUP[word.toLowerCase()];
    if (bit === undefined) {
      this.findings.push({ start: pos, length: end - pos, message: unknownWord(word, this.s, pos) });
      return fail(pos);
    }
    return ok(end, bit);
  }

  /** `parse_weekdays_range`: a weekday, optionally `..weekday` (wrapping past Sunday). */
  weekdayRange(pos: number): Res<number> {
    const a = this.weekday(pos);
    if (!a.ok) return a;
    if (this.s.startsWith('..', a.pos)) {
      const b = this.weekday(a.pos + 2);
      if (b.ok) return ok(b.pos, weekdaySpan(a.value, b.value));
    }
    return a;
  }

  /** `separated_list1(tag(sep), item)`: stops before a separator whose item fails. */
  list<T>(pos: number, item: (p: number) => Res<T>): Res<T[]> {
    const first = item(pos);
    if (!first.ok) return first;
    const out = [first.value];
    let p = first.pos;
    while (this.s.charCodeAt(p) === 44 /* , */) {
      const next = item(p + 1);
      if (!next.ok) break;
      out.push(next.value);
      p = next.pos;
    }
    return ok(p, out);
  }

  /** `parse_date_time_comp(max)`: `N`, `N..M`, `N/R`, `N..M/R`. */
  component(pos: number, field: Field): Res<DateTimeValue> {
    const { max } = FIELD_LIMIT[field];
    const first = this.number(pos, max, field);
    if (!first.ok) return first;
    const value = first.value;
    if (this.s.startsWith('..', first.pos)) {
      const end = this.number(first.pos + 2, max, field);
      if (end.ok) {
        if (value > end.value) {
          this.findings.push({
            start: pos,
            length: end.pos - pos,
            message: `range ${this.s.slice(pos, end.pos)} runs backwards: the ${field} range must start at or before its end`,
          });
          return fail(end.pos);
        }
        if (this.s.charCodeAt(end.pos) === 47 /* / */) {
          const rep = this.number(end.pos + 1, max, 'repetition');
          if (!rep.ok) return rep;
          return ok(rep.pos, { kind: 'repeated', start: value, step: rep.value, end: end.value });
        }
        return ok(end.pos, { kind: 'range', start: value, end: end.value });
      }
    }
    if (this.s.charCodeAt(first.pos) === 47 /* / */) {
      const rep = this.number(first.pos + 1, max, 'repetition');
      if (!rep.ok) return rep;
      return ok(rep.pos, { kind: 'repeated', start: value, step: rep.value });
    }
    return ok(first.pos, { kind: 'single', value });
  }

  /** `parse_date_time_comp_list(start, max)`: `*`, `*\/R` or a comma list of components. */
  componentList(pos: number, field: Field): Res<DateTimeValue[]> {
    if (this.s.charCodeAt(pos) === 42 /* * */) {
      const rest = pos + 1;
      if (this.s.charCodeAt(rest) === 47 /* / */) {
        const rep = this.number(rest + 1, FIELD_LIMIT[field].max, 'repetition');
        if (!rep.ok) return rep;
        if (rep.value > 0) return ok(rep.pos, [{ kind: 'repeated', start: FIELD_LIMIT[field].start, step: rep.value }]);
        // `*/0`: PBS takes the `*` and leaves `/0` unread, which then fails as leftover text.
        this.findings.push({
          start: pos,
          length: rep.pos - pos,
          message: `'*/0' repeats every 0 ${field}s, which PBS rejects: use '*' or '*/N' with N of 1 or more`,
        });
      }
      return ok(rest, []);
    }
    return this.list(pos, (p) => this.component(p, field));
  }
}

function asField(f: string | undefined): Field | undefined {
  return f === 'year' || f === 'month' || f === 'day' || f === 'hour' || f === 'minute' || f === 'second' ? f : undefined;
}

function tooLarge(field: string | undefined, v: number, max: number): string {
  switch (field) {
    case 'year':
      return `year ${v} is too large (PBS accepts years below 2200)`;
    case 'month':
      return `month ${v} is above 12`;
    case 'day':
      return `day ${v} is above 31`;
    case 'hour':
    case 'hour-of-day':
      return `hour ${v} is above 23`;
    case 'minute':
    case 'minute-of-hour':
      return `minute ${v} is above 59`;
    case 'second':
      return `second ${v} is above 59`;
    case 'repetition':
      return `repetition /${v} is too large (must be below ${max})`;
    default:
      return `${v} is too large (must be below ${max})`;
  }
}

function unknownWord(word: string, s: string, pos: number): string {
  if (isKeyword(word)) {
    return pos === 0
      ? `'${word}' cannot be combined with anything else (only a 'UTC' suffix may follow): write e.g. '${keywordEquivalent(word as CalendarKeyword)}' plus your changes instead`
      : `'${word}' is a keyword and must stand alone`;
  }
  if (isKeyword(word.toLowerCase())) return `keywords are case-sensitive: write '${word.toLowerCase()}'`;
  if (word.toLowerCase() === 'utc') return `the UTC suffix must be written in capitals: 'UTC'`;
  void s;
  return `unknown weekday '${word}' (use mon, tue, wed, thu, fri, sat, sun or the full names)`;
}

function keywordEquivalent(k: CalendarKeyword): string {
  switch (k) {
    case 'minutely':
      return '*:*';
    case 'hourly':
      return '*:00';
    case 'daily':
      return '00:00';
    case 'weekly':
      return 'mon 00:00';
    case 'monthly':
      return '*-*-01 00:00';
    case 'yearly':
    case 'annually':
      return '*-01-01 00:00';
    case 'quarterly':
      return '*-01,04,07,10-01 00:00';
    default:
      return '*-01,07-01 00:00';
  }
}

/** The bits from `a` to `b` inclusive; wraps past Sunday when `a` comes after `b`. */
function weekdaySpan(a: number, b: number): number {
  const upTo = (from: number, to: number): number => {
    let res = 0;
    for (let p = from; ; p <<= 1) {
      res |= p;
      if (p >= to) break;
    }
    return res;
  };
  return a > b ? upTo(a, WEEKDAY_BITS.sun) | upTo(WEEKDAY_BITS.mon, b) : upTo(a, b);
}

interface TimeSpecResult {
  hour: DateTimeValue[];
  minute: DateTimeValue[];
  second: DateTimeValue[];
  form: 'm' | 'h:m' | 'm:s' | 'h:m:s';
}

function timeSpec(m: NomMirror, pos: number): Res<TimeSpecResult> {
  let p = pos;
  let hour: DateTimeValue[] = [];
  let hasHour = false;
  const h = m.componentList(pos, 'hour');
  if (h.ok && m.s.charCodeAt(h.pos) === 58 /* : */) {
    hour = h.value;
    hasHour = true;
    p = h.pos + 1;
  }
  const min = m.componentList(p, 'minute');
  if (!min.ok) return min;
  p = min.pos;
  let second: DateTimeValue[] = [{ kind: 'single', value: 0 }];
  let hasSecond = false;
  if (m.s.charCodeAt(p) === 58 /* : */) {
    const sec = m.componentList(p + 1, 'second');
    if (sec.ok) {
      second = sec.value;
      hasSecond = true;
      p = sec.pos;
    }
  }
  const form = hasHour ? (hasSecond ? 'h:m:s' : 'h:m') : hasSecond ? 'm:s' : 'm';
  return ok(p, { hour, minute: min.value, second, form });
}

function dateSpec(m: NomMirror, pos: number): Res<{ year: DateTimeValue[]; month: DateTimeValue[]; day: DateTimeValue[] }> {
  const y = m.componentList(pos, 'year');
  if (y.ok && m.s.charCodeAt(y.pos) === 45 /* - */) {
    const mo = m.componentList(y.pos + 1, 'month');
    if (mo.ok && m.s.charCodeAt(mo.pos) === 45) {
      const d = m.componentList(mo.pos + 1, 'day');
      if (d.ok) return ok(d.pos, { year: y.value, month: mo.value, day: d.value });
    }
  }
  const mo = m.componentList(pos, 'month');
  if (mo.ok && m.s.charCodeAt(mo.pos) === 45) {
    const d = m.componentList(mo.pos + 1, 'day');
    if (d.ok) return ok(d.pos, { year: [], month: mo.value, day: d.value });
  }
  return fail(pos);
}

/** Parses a calendar event exactly as PBS accepts it; on failure says what and where. */
export function parseCalendarEvent(text: string): ValueParse<CalendarEvent> {
  let s = text;
  let utc = false;
  const source: CalendarEventSource = {};
  if (s.endsWith('UTC')) {
    utc = true;
    let cut = s.length - 3;
    while (cut > 0 && s.charCodeAt(cut - 1) === 32) cut--;
    source.utc = { start: cut, end: text.length };
    s = s.slice(0, cut);
  }
  const m = new NomMirror(s);

  if (s.length > 0 && isAsciiAlpha(s.charCodeAt(0)) && isKeyword(s)) {
    const ev = KEYWORDS[s](utc);
    ev.source = { ...source, keyword: { start: 0, end: s.length } };
    return { ok: true, value: ev };
  }

  const ev: CalendarEvent = { utc, weekdays: 0, year: [], month: [], day: [], hour: [], minute: [], second: [], source };
  let pos = 0;
  let hasDays = false;
  if (s.length > 0 && isAsciiAlpha(s.charCodeAt(0))) {
    const days = m.list(0, (p) => m.weekdayRange(p));
    if (!days.ok) return failure(m, text, s, days.pos, 'weekday');
    for (const d of days.value) ev.weekdays |= d;
    source.weekdays = { start: 0, end: days.pos };
    hasDays = true;
    pos = m.skipBlanks(days.pos);
  }
  let hasDate = false;
  const date = dateSpec(m, pos);
  if (date.ok) {
    ev.year = date.value.year;
    ev.month = date.value.month;
    ev.day = date.value.day;
    source.date = { start: pos, end: date.pos };
    hasDate = true;
    pos = m.skipBlanks(date.pos);
  }
  let hasTime = false;
  const time = timeSpec(m, pos);
  if (time.ok) {
    ev.hour = time.value.hour;
    ev.minute = time.value.minute;
    ev.second = time.value.second;
    source.time = { start: pos, end: time.pos };
    source.timeForm = time.value.form;
    hasTime = true;
    pos = time.pos;
  } else {
    ev.hour = [{ kind: 'single', value: 0 }];
    ev.minute = [{ kind: 'single', value: 0 }];
    ev.second = [{ kind: 'single', value: 0 }];
  }
  if (!(hasDays || hasDate || hasTime)) return failure(m, text, s, pos, 'spec');
  if (pos !== s.length) return failure(m, text, s, pos, 'leftover');
  return { ok: true, value: ev };
}

/**
 * Builds the error: PBS's own position decides where the text stopped making sense; a specific
 * finding at or after it (a number too large, an unknown weekday) names the reason.
 */
function failure(
  m: NomMirror,
  text: string,
  s: string,
  pos: number,
  kind: 'weekday' | 'spec' | 'leftover',
): ValueParse<CalendarEvent> {
  const best = bestFinding(m.findings, s, pos);
  if (best) return { ok: false, message: best.message, offset: best.start, length: best.length };
  const rest = s.slice(pos);
  if (kind === 'leftover' && rest.startsWith(':')) {
    // `25:00:61`: the hour failed, so PBS read minute:second and stumbled over the third part.
    const hour = m.findings.filter((f) => f.field === 'hour' && f.start < pos).pop();
    if (hour) return { ok: false, message: hour.message, offset: hour.start, length: hour.length };
  }
  if (text.length === 0) return { ok: false, message: 'empty schedule: expected a keyword, weekday, date or time', offset: 0, length: 0 };
  if (s.length === 0) return { ok: false, message: "'UTC' alone is no schedule: put a keyword, weekday, date or time before it", offset: 0, length: text.length };
  if (kind === 'spec' || kind === 'weekday') {
    return { ok: false, message: `expected a keyword, weekday, date or time at '${clip(rest)}'`, offset: pos, length: tokenLength(s, pos) };
  }
  return { ok: false, message: leftoverMessage(s, pos), offset: pos, length: s.length - pos };
}

function bestFinding(findings: Finding[], s: string, pos: number): Finding | undefined {
  // Findings that start before PBS's stopping point were abandoned by a rule that then
  // succeeded differently, except ones whose text reaches past it (the number PBS stopped on).
  // A number that ends right where PBS stopped (`13-01`: month 13) counts too.
  const relevant = findings.filter((f) => f.start + Math.max(f.length, 1) >= pos);
  if (relevant.length === 0) return undefined;
  const maxStart = Math.max(...relevant.map((f) => f.start));
  const at = relevant.filter((f) => f.start === maxStart);
  const fields = [...new Set(at.map((f) => f.field).filter((f): f is Field => f !== undefined))];
  if (fields.length > 1) {
    // The same number was tried as several fields (date, hour, minute): keep the ones the next
    // character makes plausible and say it once.
    const next = s.charCodeAt(at[0].start + at[0].length);
    const isDate = (f: Field) => f === 'year' || f === 'month' || f === 'day';
    let keep = fields;
    if (next === 45 /* - */) {
      keep = fields.filter(isDate);
      // A number too large for both a year and a month is meant as a year.
      if (keep.includes('year')) keep = ['year'];
    }
    else keep = fields.filter((f) => !isDate(f));
    if (keep.length === 0) keep = fields;
    if (keep.length === 1) return at.find((f) => f.field === keep[0]);
    const value = at[0].value;
    const names = keep.map((f) => `${article(f)} ${f} (${rangeOf(f)})`);
    return {
      start: at[0].start,
      length: at[0].length,
      message: `${value} is out of range for ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`,
    };
  }
  return at[at.length - 1];
}

function article(f: Field): string {
  return f === 'hour' ? 'an' : 'a';
}
function rangeOf(f: Field): string {
  const { max, start } = FIELD_LIMIT[f];
  return `${f === 'month' || f === 'day' ? start : 0}-${max - 1}`;
}

function clip(t: string): string {
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
}

function tokenLength(s: string, pos: number): number {
  let e = pos;
  while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 9) e++;
  return Math.max(e - pos, pos < s.length ? 1 : 0);
}

function leftoverMessage(s: string, pos: number): string {
  const rest = s.slice(pos);
  const c = rest.charCodeAt(0);
  if (c === 44 /* , */ && (rest.charCodeAt(1) === 32 || rest.charCodeAt(1) === 9)) {
    return "no blank is allowed after ',' in a list (write 'mon,wed', not 'mon, wed')";
  }
  if (c === 45 /* - */ && /^-[A-Za-z]/.test(rest)) return "weekday ranges use '..' (write 'mon..fri', not 'mon-fri')";
  if (c === 44 /* , */) return `unexpected '${clip(rest)}': a ',' must be followed directly by another item`;
  if (/^[ \t]+utc$/i.test(rest)) return `the UTC suffix must be written in capitals: 'UTC'`;
  if (c === 58 /* : */) return `unexpected '${clip(rest)}': a time has at most hour:minute:second`;
  if (c === 32 || c === 9) {
    const word = rest.trimStart();
    return `unexpected '${clip(word)}' after the schedule (the order is: weekdays, date, time, then optionally 'UTC')`;
  }
  return `unexpected '${clip(rest)}' in the schedule`;
}

// ---------------------------------------------------------------------------------------------
// Accepted-but-surprising spellings, for the linter's hints.

export interface CalendarQuirk {
  message: string;
  offset: number;
  length: number;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Does `list` (empty = any) contain `v`? Same rule as PBS's matching. */
export function listContains(list: DateTimeValue[], v: number): boolean {
  if (list.length === 0) return true;
  return list.some((d) => {
    switch (d.kind) {
      case 'single':
        return d.value === v;
      case 'range':
        return v >= d.start && v <= d.end;
      case 'repeated':
        if (v < d.start) return false;
        if (d.step === 0) return v === d.start;
        return (v - d.start) % d.step === 0 && (d.end === undefined || v <= d.end);
    }
  });
}

/** Lists spellings PBS accepts whose meaning is likely not what the admin intended. */
export function calendarEventQuirks(event: CalendarEvent, text: string): CalendarQuirk[] {
  const out: CalendarQuirk[] = [];
  const src = event.source;
  if (src.utc && src.utc.start === text.length - 3 && src.utc.start > 0) {
    out.push({ message: "'UTC' is read as the time-zone suffix even without a blank before it", offset: src.utc.start, length: 3 });
  }
  if (src.time && src.timeForm === 'm:s') {
    const t = text.slice(src.time.start, src.time.end);
    const [mm, ss] = t.split(':');
    out.push({
      message:
        `'${t}' is not ${mm} o'clock: hours only go up to 23, so PBS reads it as minute ${mm}, second ${ss} of every hour` +
        (mm === '24' ? " (for midnight write '00:00')" : ''),
      offset: src.time.start,
      length: src.time.end - src.time.start,
    });
  } else if (src.time && src.timeForm === 'm' && !src.weekdays && !src.date) {
    const t = text.slice(src.time.start, src.time.end);
    out.push({
      message: `a time without ':' is a minute: '${t}' runs every hour at minute ${t}, not at ${t} o'clock (write '${t}:00' for that)`,
      offset: src.time.start,
      length: src.time.end - src.time.start,
    });
  }
  if (src.weekdays && src.weekdays.end < text.length && /[0-9*]/.test(text[src.weekdays.end])) {
    out.push({ message: 'no blank between the weekdays and what follows; PBS accepts it, but a blank reads better', offset: src.weekdays.end, length: 0 });
  }
  for (const f of ['year', 'month', 'day', 'hour', 'minute', 'second'] as const) {
    for (const d of event[f]) {
      if (d.kind === 'repeated' && d.step === 0) {
        out.push({
          message: `a repetition of /0 in the ${f} means just ${f} ${d.start}, not "every"`,
          ...locate(text, src, f, `${d.start}`),
        });
      }
    }
  }
  // Dates that can never occur: month or day 0, or no listed day existing in any listed month.
  if (src.date) {
    const at = { offset: src.date.start, length: src.date.end - src.date.start };
    if (event.month.length > 0 && !range(1, 12).some((mo) => listContains(event.month, mo))) {
      out.push({ message: 'no month from 1 to 12 matches: this schedule never runs', ...at });
    } else if (event.day.length > 0 && !range(1, 31).some((d) => listContains(event.day, d))) {
      out.push({ message: 'no day from 1 to 31 matches: this schedule never runs', ...at });
    } else if (!range(1, 12).some((mo) => listContains(event.month, mo) && range(1, MONTH_DAYS[mo - 1]).some((d) => listContains(event.day, d)))) {
      out.push({ message: 'none of the listed days exists in the listed months: this schedule never runs', ...at });
    } else if (
      event.year.length > 0 &&
      event.month.length > 0 &&
      event.day.length > 0 &&
      !range(1, 12).some((mo) => listContains(event.month, mo) && range(1, 28).some((d) => listContains(event.day, d))) &&
      !range(1, 12).some((mo) => mo !== 2 && listContains(event.month, mo) && range(29, 31).some((d) => listContains(event.day, d)))
    ) {
      // Only February 29 is left: it needs a leap year among the listed years.
      if (!range(0, 2199).some((y) => listContains(event.year, y) && isLeap(y))) {
        out.push({ message: 'February 29 never falls in the listed years: this schedule never runs', ...at });
      }
    }
  }
  return out;
}

function locate(text: string, src: CalendarEventSource, f: Field, _v: string): { offset: number; length: number } {
  const part = f === 'year' || f === 'month' || f === 'day' ? src.date : src.time;
  return part ? { offset: part.start, length: part.end - part.start } : { offset: 0, length: text.length };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
