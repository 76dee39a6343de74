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
import {
  FIELD_LIMIT,
  isCalendarKeyword,
  KEYWORD_EVENTS,
  type CalendarEvent,
  type CalendarEventSource,
  type CalendarField,
  type DateTimeValue,
} from '../core/format/calendar-event.ts';
import { fail, isAsciiAlpha, NomMirror, ok, type Finding, type Res } from './calendar-nom.ts';

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

  if (s.length > 0 && isAsciiAlpha(s.charCodeAt(0)) && isCalendarKeyword(s)) {
    const ev = KEYWORD_EVENTS[s](utc);
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
  const fields = [...new Set(at.map((f) => f.field).filter((f): f is CalendarField => f !== undefined))];
  if (fields.length > 1) {
    // The same number was tried as several fields (date, hour, minute): keep the ones the next
    // character makes plausible and say it once.
    const next = s.charCodeAt(at[0].start + at[0].length);
    const isDate = (f: CalendarField) => f === 'year' || f === 'month' || f === 'day';
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

function article(f: CalendarField): string {
  return f === 'hour' ? 'an' : 'a';
}
function rangeOf(f: CalendarField): string {
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
