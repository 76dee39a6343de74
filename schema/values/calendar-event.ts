// Schedules: `calendar-event` strings (`mon..fri 02:00`, `daily`), described in words with their
// next runs; quirks PBS accepts but admins rarely mean (`24:00`) get a hint.
import { CALENDAR_KEYWORDS } from '../../core/format/calendar-event.ts';
import { parseCalendarEvent } from '../../grammar/calendar-event.ts';
import { calendarEventQuirks } from '../../grammar/calendar-quirks.ts';
import { describeCalendarEvent } from '../../core/format/calendar-describe.ts';
import { formatEpoch, zonedTime } from '../../core/format/epoch.ts';
import { RUNS_HORIZON_TEXT, searchRuns } from '../../core/format/next-runs.ts';
import { fromParse, memo, type FormatHint } from '../formats/format.ts';
import type { ValueCandidate, ValueHover, ValueKind } from './value-kind.ts';

/** How many runs of a schedule a hover lists. */
const RUNS = 5;
/** Schedules admins use most, after the keywords (hourly, daily, …). */
const SCHEDULE_PRESETS = ['mon..fri 02:00', 'sat 03:00', '*:0/15', '*:0/30', '02:30', 'sun 01:00', '1..7 sat 02:00'];

export const calendarEvent: ValueKind = {
  name: 'calendar-event',
  matches: (schema) => schema.format === 'calendar-event',
  formats: {
    'calendar-event': { check: memo((s) => fromParse(parseCalendarEvent(s))), label: 'schedule (calendar event)', code: 'invalid-schedule', hints: calendarHints },
  },
  describe(text, _schema, hover) {
    hover.w.title(text, hover.label);
    scheduleLines(hover, text);
  },
  complete: () => scheduleCandidates(),
};

/** `24:00` is minute 24 of every hour, and the like (grammar/calendar-quirks.ts). */
export function calendarHints(value: string): FormatHint[] {
  const r = parseCalendarEvent(value);
  return r.ok ? calendarEventQuirks(r.value, value).map((q) => ({ message: q.message, offset: q.offset, length: q.length, severity: 'information' as const })) : [];
}

/** The keywords and the usual schedules, each described. */
export function scheduleCandidates(): ValueCandidate[] {
  return [...CALENDAR_KEYWORDS, ...SCHEDULE_PRESETS].map((p) => {
    const ev = parseCalendarEvent(p);
    return { label: p, kind: 'value', detail: ev.ok ? describeCalendarEvent(ev.value) : 'calendar event' };
  });
}

/** A schedule in words and its next runs, in the hover's zone and UTC. */
export function scheduleLines(hover: ValueHover, text: string): void {
  const { w, now, timeZone } = hover;
  const r = parseCalendarEvent(text);
  if (!r.ok) {
    w.para(`Not a calendar event: ${r.message}.`);
    return;
  }
  w.para(`Runs ${describeCalendarEvent(r.value)}.`);
  const { runs, end } = searchRuns(r.value, now, RUNS, timeZone);
  if (runs.length === 0) {
    w.para(end === 'horizon' ? `No run before ${RUNS_HORIZON_TEXT}, where the search stops.` : 'It never runs: no moment matches this event.');
    return;
  }
  const zone = zonedTime(0, timeZone).timeZone;
  // A machine (or TZ) on UTC: one column is enough.
  const utcOnly = zone === 'UTC' || zone === 'Etc/UTC';
  w.para(`Next ${runs.length === 1 ? 'run' : `${runs.length} runs`} (${utcOnly ? 'UTC' : `${zone} · UTC`}):`);
  w.list(runs.map((d) => {
    const t = Math.floor(d.getTime() / 1000);
    return utcOnly ? `${wallClock(t, 'UTC')} UTC` : `${wallClock(t, timeZone)} · ${wallClock(t, 'UTC')} UTC`;
  }));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon 2025-03-03 02:00 +01:00` (UTC without the offset); seconds only when not zero. */
function wallClock(epoch: number, timeZone: string | undefined): string {
  const z = zonedTime(epoch, timeZone);
  const [date, time] = z.wallClock.split(' ');
  const day = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  const hm = time.endsWith(':00') ? time.slice(0, 5) : time;
  if (timeZone === 'UTC') return `${day} ${date} ${hm}`;
  const off = formatEpoch(epoch, timeZone)?.local.slice(19) ?? '';
  return `${day} ${date} ${hm} ${off}`;
}
