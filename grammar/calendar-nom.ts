// The nom mirror under the calendar-event grammar (grammar/calendar-event.ts) and the
// daily-duration grammar: each rule returns the position after what it read, or a failure whose
// `pos` is where nom would report it (PBS prints the rest of the text from there), and remembers
// the specific failures met on the way so an error can name the real problem.

import {
  FIELD_LIMIT,
  isCalendarKeyword,
  keywordEquivalent,
  WEEKDAY_BITS,
  type CalendarField,
  type CalendarKeyword,
  type DateTimeValue,
} from '../core/format/calendar-event.ts';

export type Ok<T> = { ok: true; pos: number; value: T };
export type Fail = { ok: false; pos: number };
export type Res<T> = Ok<T> | Fail;

export const ok = <T>(pos: number, value: T): Ok<T> => ({ ok: true, pos, value });
export const fail = (pos: number): Fail => ({ ok: false, pos });

/** A failure worth telling the admin about, remembered even when nom drops it. */
export interface Finding {
  start: number;
  length: number;
  /** 'value' = a number/word out of place; these beat leftovers when choosing the message. */
  message: string;
  field?: CalendarField;
  value?: number;
}

const WEEKDAY_LOOKUP: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tuesday: 2, wed: 4, wednesday: 4, thu: 8, thursday: 8,
  fri: 16, friday: 16, sat: 32, saturday: 32, sun: 64, sunday: 64,
};

export function isAsciiAlpha(c: number): boolean {
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
  number(pos: number, max: number, field?: CalendarField | 'repetition' | 'hour-of-day' | 'minute-of-hour'): Res<number> {
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
  component(pos: number, field: CalendarField): Res<DateTimeValue> {
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
  componentList(pos: number, field: CalendarField): Res<DateTimeValue[]> {
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

function asField(f: string | undefined): CalendarField | undefined {
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
  if (isCalendarKeyword(word)) {
    return pos === 0
      ? `'${word}' cannot be combined with anything else (only a 'UTC' suffix may follow): write e.g. '${keywordEquivalent(word as CalendarKeyword)}' plus your changes instead`
      : `'${word}' is a keyword and must stand alone`;
  }
  if (isCalendarKeyword(word.toLowerCase())) return `keywords are case-sensitive: write '${word.toLowerCase()}'`;
  if (word.toLowerCase() === 'utc') return `the UTC suffix must be written in capitals: 'UTC'`;
  void s;
  return `unknown weekday '${word}' (use mon, tue, wed, thu, fri, sat, sun or the full names)`;
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
