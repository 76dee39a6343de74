// PBS daily time windows (traffic-control `timeframe`, notification `match-calendar`): the grammar
// of proxmox-time's DailyDuration, `[weekdays blanks] H[:MM] blanks - blanks H[:MM]`.
//
// Same hand-written nom mirror as the calendar grammar (and sharing its weekday and number
// rules), for the same reason: PBS's optional `:MM` silently backs off (`8:60-12` reads hour 8,
// then stumbles over `:60`), which we must reproduce to accept exactly what PBS accepts.

import type { ValueParse } from './ast.ts';
import { NomMirror } from './calendar-nom.ts';

export interface HmTime {
  hour: number;
  minute: number;
}

export interface DailyDuration {
  /** Weekday bits as in calendar events (Monday = 1 ... Sunday = 64); 0 = every day. */
  weekdays: number;
  /** Start of the window (inclusive). */
  start: HmTime;
  /** End of the window (exclusive). */
  end: HmTime;
}

type HmRes = { ok: true; pos: number; value: HmTime } | { ok: false; pos: number };

/** `parse_hm_time`: an hour below 24, optionally `:minute` below 60 (dropped when invalid). */
function hm(m: NomMirror, pos: number): HmRes {
  const h = m.number(pos, 24, 'hour-of-day');
  if (!h.ok) return h;
  if (m.s.charCodeAt(h.pos) === 58 /* : */) {
    const min = m.number(h.pos + 1, 60, 'minute-of-hour');
    if (min.ok) return { ok: true, pos: min.pos, value: { hour: h.value, minute: min.value } };
  }
  return { ok: true, pos: h.pos, value: { hour: h.value, minute: 0 } };
}

const fmt = (t: HmTime) => `${t.hour}:${String(t.minute).padStart(2, '0')}`;

/** Parses a daily time window exactly as PBS accepts it; on failure says what and where. */
export function parseDailyDuration(text: string): ValueParse<DailyDuration> {
  const m = new NomMirror(text);
  const err = (pos: number, fallback: string, length = 0): ValueParse<DailyDuration> => {
    const f = m.findings.filter((x) => x.start + Math.max(1, x.length) >= pos).pop();
    if (f) return { ok: false, message: f.message, offset: f.start, length: f.length };
    return { ok: false, message: fallback, offset: pos, length };
  };
  if (text.length === 0) return { ok: false, message: "empty time window: expected e.g. '8:00-17:00' or 'mon..fri 8-17'", offset: 0, length: 0 };

  let weekdays = 0;
  let pos = 0;
  const c0 = text.charCodeAt(0);
  if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
    const days = m.list(0, (p) => m.weekdayRange(p));
    if (!days.ok) return err(days.pos, 'expected a weekday');
    for (const d of days.value) weekdays |= d;
    pos = m.skipBlanks(days.pos);
  }
  const start = hm(m, pos);
  if (!start.ok) {
    if (text.startsWith('24', pos)) return err(pos, 'hour 24 does not exist: the day ends at 23:59', 2);
    return err(start.pos, `expected a start time like '8' or '8:30' at '${text.slice(pos, pos + 12)}'`, restLen(text, start.pos));
  }
  pos = m.skipBlanks(start.pos);
  if (text.charCodeAt(pos) !== 45 /* - */) {
    return err(pos, pos >= text.length ? "missing '-' and end time (e.g. '8:00-17:00')" : `expected '-' between start and end time at '${text.slice(pos, pos + 12)}'`, restLen(text, pos));
  }
  pos = m.skipBlanks(pos + 1);
  const endAt = pos;
  const end = hm(m, pos);
  if (!end.ok) {
    if (text.startsWith('24', pos)) {
      return { ok: false, message: "24:00 is not a valid end time: write '23:59' (a window cannot reach past midnight)", offset: pos, length: restLen(text, pos) };
    }
    return err(end.pos, `expected an end time like '17' or '17:30'`, restLen(text, end.pos));
  }
  const s = start.value;
  const e = end.value;
  if (s.hour > e.hour || (s.hour === e.hour && s.minute > e.minute)) {
    return {
      ok: false,
      message: `the window ends (${fmt(e)}) before it starts (${fmt(s)}); a window cannot wrap past midnight, so split it into two entries (e.g. '${fmt(s)}-23:59' and '0:00-${fmt(e)}')`,
      offset: endAt,
      length: end.pos - endAt,
    };
  }
  if (end.pos !== text.length) {
    return err(end.pos, `unexpected '${text.slice(end.pos, end.pos + 12)}' after the end time`, text.length - end.pos);
  }
  return { ok: true, value: { weekdays, start: s, end: e } };
}

function restLen(text: string, pos: number): number {
  let e = pos;
  while (e < text.length && text.charCodeAt(e) !== 32 && text.charCodeAt(e) !== 9) e++;
  return e === pos && pos < text.length ? 1 : e - pos;
}
