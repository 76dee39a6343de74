// Calendar events PBS accepts whose meaning is likely not what the admin intended, for the
// linter's hints.

import { listContains, type CalendarEvent, type CalendarEventSource, type CalendarField } from '../core/format/calendar-event.ts';

export interface CalendarQuirk {
  message: string;
  offset: number;
  length: number;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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

function locate(text: string, src: CalendarEventSource, f: CalendarField, _v: string): { offset: number; length: number } {
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
