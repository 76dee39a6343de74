// PBS calendar events as values (proxmox-time's CalendarEvent): the field lists PBS keeps after
// parsing, the weekday bits, the keywords' meanings and the matching rule. The text grammar is
// grammar/calendar-event.ts; next runs, descriptions and prune histories compute on these values.

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

export type CalendarField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** Upper bounds (exclusive) and the minimum a `*\/R` starts from, per field. */
export const FIELD_LIMIT: Record<CalendarField, { max: number; start: number }> = {
  year: { max: 2200, start: 0 },
  month: { max: 13, start: 1 },
  day: { max: 32, start: 1 },
  hour: { max: 24, start: 0 },
  minute: { max: 60, start: 0 },
  second: { max: 60, start: 0 },
};

/** The event each keyword stands for (proxmox-time's `parse_calendar_event` shortcuts). */
export const KEYWORD_EVENTS: Record<CalendarKeyword, (utc: boolean) => CalendarEvent> = (() => {
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

export const CALENDAR_KEYWORDS = Object.keys(KEYWORD_EVENTS) as CalendarKeyword[];

export function isCalendarKeyword(word: string): word is CalendarKeyword {
  return Object.hasOwn(KEYWORD_EVENTS, word);
}

/** A keyword spelled out as the event it stands for. */
export function keywordEquivalent(k: CalendarKeyword): string {
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
