// Plain English for a parsed calendar event, for hovers and `pbs-tools schedule`:
// `mon..fri 02:30` → "Monday to Friday at 02:30", `*:0/15` → "every 15 minutes".
// It says what the fields mean, not when they next fire (nextRuns does that).

import { WEEKDAY_NAMES, type CalendarEvent, type DateTimeValue } from './calendar-event.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad2 = (n: number) => String(n).padStart(2, '0');

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const isSingle = (d: DateTimeValue): d is { kind: 'single'; value: number } => d.kind === 'single' || (d.kind === 'repeated' && d.step === 0);
const singleValue = (d: DateTimeValue): number => (d.kind === 'single' ? d.value : d.start);
const allSingles = (l: DateTimeValue[]) => l.length > 0 && l.every(isSingle);

/** Words for one field list, e.g. "8 to 18", "every 2 from 4 to 10", "1, 15 and 28". */
function listWords(list: DateTimeValue[], name: (v: number) => string, unit: string): string {
  const items = list.map((d) => {
    switch (d.kind) {
      case 'single':
        return name(d.value);
      case 'range':
        return `${name(d.start)} to ${name(d.end)}`;
      case 'repeated':
        if (d.step === 0) return name(d.start);
        return `every ${d.step === 1 ? '' : `${d.step}${unit === 'day' ? '' : ''} `}${unit}${d.step === 1 ? '' : 's'} from ${name(d.start)}${d.end === undefined ? '' : ` to ${name(d.end)}`}`;
    }
  });
  return joinAnd(items);
}

function weekdayWords(bits: number): string {
  if (bits === 0 || bits === 127) return '';
  if (bits === 31) return 'Monday to Friday';
  if (bits === 96) return 'Saturday and Sunday';
  const runs: string[] = [];
  let d = 0;
  while (d < 7) {
    if (!(bits & (1 << d))) {
      d++;
      continue;
    }
    let e = d;
    while (e + 1 < 7 && bits & (1 << (e + 1))) e++;
    if (e - d >= 2) runs.push(`${WEEKDAY_NAMES[d]} to ${WEEKDAY_NAMES[e]}`);
    else for (let k = d; k <= e; k++) runs.push(WEEKDAY_NAMES[k]);
    d = e + 1;
  }
  return joinAnd(runs);
}

/** "on January 1", "on day 1 of every month", "in 2025", or '' when every day qualifies. */
function dateWords(ev: CalendarEvent): string {
  const parts: string[] = [];
  const month = (v: number) => MONTHS[v - 1] ?? `month ${v}`;
  if (ev.day.length > 0 && ev.month.length > 0 && allSingles(ev.day) && allSingles(ev.month) && ev.day.length === 1) {
    const day = singleValue(ev.day[0]);
    parts.push(ev.month.length === 1 ? `on ${month(singleValue(ev.month[0]))} ${day}` : `on the ${ordinal(day)} of ${joinAnd(ev.month.map((m) => month(singleValue(m))))}`);
  } else {
    if (ev.day.length > 0) {
      const days = allSingles(ev.day) ? `the ${joinAnd(ev.day.map((d) => ordinal(singleValue(d))))}` : `day ${listWords(ev.day, String, 'day')}`;
      parts.push(ev.month.length > 0 ? `on ${days} of ${listWords(ev.month, month, 'month')}` : `on ${days} of every month`);
    } else if (ev.month.length > 0) {
      parts.push(`every day in ${listWords(ev.month, month, 'month')}`);
    }
  }
  if (ev.year.length === 1 && isSingle(ev.year[0]) && parts.length === 1 && /^on [A-Z][a-z]+ \d+$/.test(parts[0])) {
    parts[0] += `, ${singleValue(ev.year[0])}`;
  } else if (ev.year.length > 0) parts.push(`in ${listWords(ev.year, String, 'year')}`);
  return parts.join(' ');
}

/** Fixed clock times ("02:30", "08:00 and 20:00") when hour, minute and second are all single values. */
function clockTimes(ev: CalendarEvent): string[] | undefined {
  if (!allSingles(ev.hour) || !allSingles(ev.minute) || !allSingles(ev.second)) return undefined;
  const hs = [...new Set(ev.hour.map(singleValue))].sort((a, b) => a - b);
  const ms = [...new Set(ev.minute.map(singleValue))].sort((a, b) => a - b);
  const ss = [...new Set(ev.second.map(singleValue))].sort((a, b) => a - b);
  if (hs.length * ms.length * ss.length > 8) return undefined;
  const out: string[] = [];
  for (const h of hs) for (const m of ms) for (const s of ss) out.push(`${pad2(h)}:${pad2(m)}${s === 0 ? '' : `:${pad2(s)}`}`);
  return out;
}

/** The sub-day rhythm: "every 15 minutes", "every hour at minute 30", "every second". */
function rhythmWords(ev: CalendarEvent): string {
  const secondsZero = ev.second.length === 1 && isSingle(ev.second[0]) && singleValue(ev.second[0]) === 0;
  let core: string;
  if (ev.second.length === 0) core = 'every second';
  else if (!secondsZero) {
    const sec = everyN(ev.second) ?? `at second ${listWords(ev.second, String, 'second')}`;
    core = ev.minute.length === 0 ? (sec.startsWith('every') ? sec : `every minute ${sec}`) : `${sec} of minute ${listWords(ev.minute, pad2, 'minute')}`;
    return withHours(ev, core);
  } else if (ev.minute.length === 0) core = 'every minute';
  else {
    const every = everyN(ev.minute, 'minute');
    core = every ?? `every hour at minute ${listWords(ev.minute, pad2, 'minute')}`;
    const h = ev.hour.length === 1 ? ev.hour[0] : undefined;
    if (!every && h?.kind === 'repeated' && h.step > 0 && ev.minute.length === 1 && isSingle(ev.minute[0])) {
      const mm = pad2(singleValue(ev.minute[0]));
      return `every ${h.step === 1 ? 'hour' : `${h.step} hours`} from ${pad2(h.start)}:${mm}${h.end === undefined ? '' : ` to ${pad2(h.end)}:${mm}`}`;
    }
    if (!every && ev.hour.length > 0) return `at minute ${listWords(ev.minute, pad2, 'minute')} of ${hourWords(ev.hour)}`;
  }
  return withHours(ev, core);
}

function hourWords(hours: DateTimeValue[]): string {
  if (hours.length === 1 && hours[0].kind === 'range') return `hours ${hours[0].start} to ${hours[0].end}`;
  return `hour ${listWords(hours, String, 'hour')}`;
}

function withHours(ev: CalendarEvent, core: string): string {
  if (ev.hour.length === 0) return core;
  return `${core} during ${hourWords(ev.hour)}`;
}

/** "every N minutes" for a single `*\/N` (or `0/N`) list. */
function everyN(list: DateTimeValue[], unit = 'second'): string | undefined {
  if (list.length !== 1) return undefined;
  const d = list[0];
  if (d.kind !== 'repeated' || d.step === 0 || d.start !== 0 || d.end !== undefined) return undefined;
  return d.step === 1 ? `every ${unit}` : `every ${d.step} ${unit}s`;
}

/** Plain English for what the event means, e.g. "every day at 02:30". */
export function describeCalendarEvent(event: CalendarEvent): string {
  const days = weekdayWords(event.weekdays);
  const date = dateWords(event);
  const times = clockTimes(event);
  const utc = event.utc ? ' (UTC)' : '';
  if (times) {
    const at = `at ${joinAnd(times)}`;
    if (!days && !date) return `every day ${at}${utc}`;
    if (days && !date) return `${event.weekdays & (event.weekdays - 1) ? days : `every ${days}`} ${at}${utc}`;
    if (!days) return `${date} ${at}${utc}`;
    return `${date}, if it is a ${days.replace(/ and /g, ' or ')}, ${at}${utc}`;
  }
  const rhythm = rhythmWords(event);
  const when = [days ? `on ${days}` : '', date].filter(Boolean).join(', ');
  return `${rhythm}${when ? ` ${when}` : ''}${utc}`;
}
