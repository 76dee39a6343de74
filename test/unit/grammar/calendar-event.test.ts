// The calendar-event grammar against PBS. The acceptance table was produced by running
// proxmox-time's own parser (proxmox-rs f3305009, proxmox-time/src/calendar_event.rs) on each
// input; the first rows are the crate's own test inputs (proxmox-time/src/test.rs,
// test_calendar_event_weekday and test_compute_next_event) and doc examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CalendarEvent, DateTimeValue } from '../../../core/format/calendar-event.ts';
import { parseCalendarEvent } from '../../../grammar/calendar-event.ts';
import { calendarEventQuirks } from '../../../grammar/calendar-quirks.ts';

const compact = (l: DateTimeValue[]) =>
  l.length === 0
    ? '*'
    : l.map((d) => (d.kind === 'single' ? `${d.value}` : d.kind === 'range' ? `${d.start}..${d.end}` : `${d.start}${d.end === undefined ? '' : `..${d.end}`}/${d.step}`)).join(',');

/** `UTC days=<bits> year-month-day hour:minute:second`, `*` = any. */
function brief(e: CalendarEvent): string {
  return `${e.utc ? 'UTC ' : ''}days=${e.weekdays} ${compact(e.year)}-${compact(e.month)}-${compact(e.day)} ${compact(e.hour)}:${compact(e.minute)}:${compact(e.second)}`;
}

// [input, what PBS makes of it (null = PBS rejects it)]; comments give PBS's own error text.
const PBS_TABLE: [string, string | null][] = [
  ["mon,wed..fri", 'days=29 *-*-* 0:0:0'],
  ["fri..mon", 'days=113 *-*-* 0:0:0'],
  ["mon", 'days=1 *-*-* 0:0:0'],
  ["MON", 'days=1 *-*-* 0:0:0'],
  ["monDay", 'days=1 *-*-* 0:0:0'],
  ["tue", 'days=2 *-*-* 0:0:0'],
  ["Tuesday", 'days=2 *-*-* 0:0:0'],
  ["wed", 'days=4 *-*-* 0:0:0'],
  ["wednesday", 'days=4 *-*-* 0:0:0'],
  ["thu", 'days=8 *-*-* 0:0:0'],
  ["thursday", 'days=8 *-*-* 0:0:0'],
  ["fri", 'days=16 *-*-* 0:0:0'],
  ["friday", 'days=16 *-*-* 0:0:0'],
  ["sat", 'days=32 *-*-* 0:0:0'],
  ["saturday", 'days=32 *-*-* 0:0:0'],
  ["sun", 'days=64 *-*-* 0:0:0'],
  ["sunday", 'days=64 *-*-* 0:0:0'],
  ["mon..fri", 'days=31 *-*-* 0:0:0'],
  ["mon,tue,fri", 'days=19 *-*-* 0:0:0'],
  ["mon,tue..wednesday,fri..sat", 'days=55 *-*-* 0:0:0'],
  ["daily UTC", 'UTC days=0 *-*-* 0:0:0'],
  ["mon..fri *:00 UTC", 'UTC days=31 *-*-* *:0:0'],
  ["2020-07-31 12:00 UTC", 'UTC days=0 2020-7-31 12:0:0'],
  ["minutely", 'days=0 *-*-* *:*:0'],
  ["hourly", 'days=0 *-*-* *:0:0'],
  ["daily", 'days=0 *-*-* 0:0:0'],
  ["weekly", 'days=1 *-*-* 0:0:0'],
  ["monthly", 'days=0 *-*-1 0:0:0'],
  ["yearly", 'days=0 *-1-1 0:0:0'],
  ["annually", 'days=0 *-1-1 0:0:0'],
  ["quarterly", 'days=0 *-1,4,7,10-1 0:0:0'],
  ["semiannually", 'days=0 *-1,7-1 0:0:0'],
  ["semi-annually", 'days=0 *-1,7-1 0:0:0'],
  ["0", 'days=0 *-*-* *:0:0'],
  ["*", 'days=0 *-*-* *:*:0'],
  ["*:0", 'days=0 *-*-* *:0:0'],
  ["*:*", 'days=0 *-*-* *:*:0'],
  ["*:*:*", 'days=0 *-*-* *:*:*'],
  ["*:3:5", 'days=0 *-*-* *:3:5'],
  ["mon *:*", 'days=1 *-*-* *:*:0'],
  ["mon 2:*", 'days=1 *-*-* 2:*:0'],
  ["mon 2:50", 'days=1 *-*-* 2:50:0'],
  ["4..10/2:0", 'days=0 *-*-* 4..10/2:0:0'],
  ["5,10:4,8", 'days=0 *-*-* 5,10:4,8:0'],
  ["10,5:8,4", 'days=0 *-*-* 10,5:8,4:0'],
  ["6,4..10:23,5/5", 'days=0 *-*-* 6,4..10:23,5/5:0'],
  ["4..10,6:5/5,23", 'days=0 *-*-* 4..10,6:5/5,23:0'],
  ["5/2:0", 'days=0 *-*-* 5/2:0:0'],
  ["1:0", 'days=0 *-*-* 1:0:0'],
  ["2020-07-31", 'days=0 2020-7-31 0:0:0'],
  ["02-28", 'days=0 *-2-28 0:0:0'],
  ["02-29", 'days=0 *-2-29 0:0:0'],
  ["1965/5-01-01", 'days=0 1965/5-1-1 0:0:0'],
  ["2020-7..9-2/2", 'days=0 2020-7..9-2/2 0:0:0'],
  ["2020,2021-12-31", 'days=0 2020,2021-12-31 0:0:0'],
  ["2021-02-29", 'days=0 2021-2-29 0:0:0'],
  ["02-30", 'days=0 *-2-30 0:0:0'],
  ["24:00", 'days=0 *-*-* *:24:0'],
  ["30:00", 'days=0 *-*-* *:30:0'],
  ["25:00", 'days=0 *-*-* *:25:0'],
  ["25:61", null], // unable to parse calendar event at ':61' - Nom(Eof)
  ["60:00", null], // unable to parse calendar event at '60:00' - Context("date or time specification")
  ["mon10:00", 'days=1 *-*-* 10:0:0'],
  ["mon, wed", null], // unable to parse calendar event at ', wed' - Nom(Eof)
  ["mon-fri", null], // unable to parse calendar event at '-fri' - Nom(Eof)
  ["sat..mon", 'days=97 *-*-* 0:0:0'],
  ["dailyUTC", 'UTC days=0 *-*-* 0:0:0'],
  ["daily  UTC", 'UTC days=0 *-*-* 0:0:0'],
  ["utc", null], // unable to parse calendar event at 'utc' - Context("weekday")
  ["02:00 utc", null], // unable to parse calendar event at ' utc' - Nom(Eof)
  ["Daily", null], // unable to parse calendar event at 'Daily' - Context("weekday")
  ["daily 02:00", null], // unable to parse calendar event at 'daily' - Context("weekday")
  ["UTC", null], // unable to parse calendar event at '' - Context("date or time specification")
  ["", null], // unable to parse calendar event at '' - Context("date or time specification")
  [" daily", null], // unable to parse calendar event at ' daily' - Context("date or time specification")
  ["daily ", null], // unable to parse calendar event at 'daily' - Context("weekday")
  ["*/0", null], // unable to parse calendar event at '/0' - Nom(Eof)
  ["*:*/0", null], // unable to parse calendar event at '/0' - Nom(Eof)
  ["*/5", 'days=0 *-*-* *:0/5:0'],
  ["*:0/15", 'days=0 *-*-* *:0/15:0'],
  ["5/0", 'days=0 *-*-* *:5/0:0'],
  ["5..3", null], // unable to parse calendar event at '5..3' - Context("date or time specification")
  ["1..70", null], // unable to parse calendar event at '..70' - Nom(Eof)
  ["mon..xyz", null], // unable to parse calendar event at '..xyz' - Nom(Eof)
  ["mo 10:00", null], // unable to parse calendar event at 'mo' - Context("weekday")
  ["0-0", 'days=0 *-0-0 0:0:0'],
  ["13-01", null], // unable to parse calendar event at '-01' - Nom(Eof)
  ["2200-01-01", null], // unable to parse calendar event at '2200-01-01' - Context("date or time specification")
  ["2199-12-31", 'days=0 2199-12-31 0:0:0'],
  ["1.5", null], // unable to parse calendar event at '.5' - Nom(Eof)
  ["12:00:00:00", null], // unable to parse calendar event at ':00' - Nom(Eof)
  ["*-*-* *:*:*", 'days=0 *-*-* *:*:*'],
  ["mon,,tue", null], // unable to parse calendar event at ',,tue' - Nom(Eof)
  ["mon,", null], // unable to parse calendar event at ',' - Nom(Eof)
  ["99999999999", null], // unable to parse calendar event at '99999999999' - Context("date or time specification")
  ["4294967295", null], // unable to parse calendar event at '4294967295' - Context("date or time specification")
  ["8..18/2:15 UTC", 'UTC days=0 *-*-* 8..18/2:15:0'],
  ["sat,sun 03:00", 'days=96 *-*-* 3:0:0'],
  ["mon\t02:00", 'days=1 *-*-* 2:0:0'],
  ["2020-07-31\t02:00", 'days=0 2020-7-31 2:0:0'],
  ["*/60", null], // unable to parse calendar event at '*/60' - Context("date or time specification")
  ["*:*/60", null], // unable to parse calendar event at '*:*/60' - Context("date or time specification")
  ["0/0:0", 'days=0 *-*-* 0/0:0:0'],
];

test('accepts and reads exactly what PBS accepts (table from proxmox-time)', () => {
  for (const [input, expected] of PBS_TABLE) {
    const r = parseCalendarEvent(input);
    if (expected === null) assert.equal(r.ok, false, `PBS rejects ${JSON.stringify(input)}`);
    else {
      assert.ok(r.ok, `PBS accepts ${JSON.stringify(input)}: ${r.ok ? '' : r.message}`);
      assert.equal(brief(r.value), expected, input);
    }
  }
});

test('doc examples of proxmox-time: verify_calendar_event', () => {
  assert.ok(parseCalendarEvent('daily').ok);
  assert.ok(parseCalendarEvent('mon..fri *:00').ok);
  assert.ok(!parseCalendarEvent('not valid!').ok);
});

test('keywords are recorded and carry the UTC flag', () => {
  const r = parseCalendarEvent('weekly UTC');
  assert.ok(r.ok);
  assert.equal(r.value.keyword, 'weekly');
  assert.equal(r.value.utc, true);
  assert.deepEqual(r.value.source.utc, { start: 6, end: 10 });
});

// [input, offset, length, message] — what an admin is told, and where.
const ERRORS: [string, number, number, string][] = [
  ['mo 10:00', 0, 2, "unknown weekday 'mo' (use mon, tue, wed, thu, fri, sat, sun or the full names)"],
  ['mon..xyz', 5, 3, "unknown weekday 'xyz' (use mon, tue, wed, thu, fri, sat, sun or the full names)"],
  ['25:61', 3, 2, 'second 61 is above 59'],
  ['mon 25:00:61', 4, 2, 'hour 25 is above 23'],
  ['60:00', 0, 2, '60 is out of range for an hour (0-23) or a minute (0-59)'],
  ['2020-13-01', 5, 2, 'month 13 is above 12'],
  ['13-01', 0, 2, 'month 13 is above 12'],
  ['*-*-32', 4, 2, 'day 32 is above 31'],
  ['2200-01-01', 0, 4, 'year 2200 is too large (PBS accepts years below 2200)'],
  ['5..3', 0, 4, 'range 5..3 runs backwards: the minute range must start at or before its end'],
  ['*/0', 0, 3, "'*/0' repeats every 0 minutes, which PBS rejects: use '*' or '*/N' with N of 1 or more"],
  ['*:*/60', 4, 2, 'repetition /60 is too large (must be below 60)'],
  ['mon, wed', 3, 5, "no blank is allowed after ',' in a list (write 'mon,wed', not 'mon, wed')"],
  ['mon-fri', 3, 4, "weekday ranges use '..' (write 'mon..fri', not 'mon-fri')"],
  ['mon,', 3, 1, "unexpected ',': a ',' must be followed directly by another item"],
  ['02:00 utc', 5, 4, "the UTC suffix must be written in capitals: 'UTC'"],
  ['Daily', 0, 5, "keywords are case-sensitive: write 'daily'"],
  ['daily 02:00', 0, 5, "'daily' cannot be combined with anything else (only a 'UTC' suffix may follow): write e.g. '00:00' plus your changes instead"],
  ['12:00:00:00', 8, 3, "unexpected ':00': a time has at most hour:minute:second"],
  ['10:00 foo', 5, 4, "unexpected 'foo' after the schedule (the order is: weekdays, date, time, then optionally 'UTC')"],
  ['', 0, 0, 'empty schedule: expected a keyword, weekday, date or time'],
  ['UTC', 0, 3, "'UTC' alone is no schedule: put a keyword, weekday, date or time before it"],
  [' daily', 0, 1, "expected a keyword, weekday, date or time at ' daily'"],
  ['99999999999', 0, 11, 'number 99999999999 is too large'],
];

test('errors name the problem and point at it', () => {
  for (const [input, offset, length, message] of ERRORS) {
    const r = parseCalendarEvent(input);
    assert.ok(!r.ok, input);
    assert.deepEqual({ offset: r.offset, length: r.length, message: r.message }, { offset, length, message }, input);
  }
});

function quirks(text: string): { message: string; offset: number; length: number }[] {
  const r = parseCalendarEvent(text);
  assert.ok(r.ok, text);
  return calendarEventQuirks(r.value, text);
}

test('quirks: 24:00 and 30:00 are minutes of every hour', () => {
  assert.deepEqual(quirks('24:00'), [
    {
      message: "'24:00' is not 24 o'clock: hours only go up to 23, so PBS reads it as minute 24, second 00 of every hour (for midnight write '00:00')",
      offset: 0,
      length: 5,
    },
  ]);
  const q = quirks('mon 30:00');
  assert.equal(q.length, 1);
  assert.match(q[0].message, /minute 30, second 00 of every hour/);
  assert.deepEqual([q[0].offset, q[0].length], [4, 5]);
});

test('quirks: UTC glued to the schedule, bare minute, weekday glued to the time, /0', () => {
  assert.deepEqual(quirks('dailyUTC'), [{ message: "'UTC' is read as the time-zone suffix even without a blank before it", offset: 5, length: 3 }]);
  assert.deepEqual(quirks('daily UTC'), []);
  assert.match(quirks('5')[0].message, /'5' runs every hour at minute 5/);
  assert.match(quirks('mon10:00')[0].message, /no blank between the weekdays/);
  assert.match(quirks('5/0:00')[0].message, /\/0 in the hour means just hour 5/);
});

test('quirks: dates that never come', () => {
  assert.match(quirks('02-30')[0].message, /never runs/);
  assert.match(quirks('04-31 02:00')[0].message, /never runs/);
  assert.match(quirks('0-01')[0].message, /no month from 1 to 12 matches/);
  assert.match(quirks('2021,2023-02-29')[0].message, /February 29 never falls in the listed years/);
  assert.deepEqual(quirks('2024-02-29'), []);
  assert.deepEqual(quirks('mon..fri 02:30'), []);
  assert.deepEqual(quirks('*-*-31'), []);
});

test('fuzz: never throws, problems stay inside the value', () => {
  const chars = fc.constantFrom(...'0123456789:-,./* UTCmonfriSAT\tx.µ'.split(''), '..', 'mon', 'UTC', 'daily');
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(chars, { maxLength: 12 }).map((a) => a.join(''))), (s) => {
      const r = parseCalendarEvent(s);
      if (!r.ok) {
        assert.ok(r.offset >= 0 && r.offset <= s.length, `offset in ${JSON.stringify(s)}`);
        assert.ok(r.length >= 0 && r.offset + r.length <= s.length, `length in ${JSON.stringify(s)}`);
        assert.ok(r.message.length > 0);
      } else {
        for (const q of calendarEventQuirks(r.value, s)) assert.ok(q.offset >= 0 && q.offset + q.length <= s.length);
      }
    }),
    { numRuns: 3000 },
  );
});
