// Plain-English descriptions of calendar events (for hovers and `pbs-tools schedule -d`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCalendarEvent } from '../../../../grammar/calendar-event.ts';
import { describeCalendarEvent } from '../../../../core/format/calendar-describe.ts';

const CASES: [string, string][] = [
  ['daily', 'every day at 00:00'],
  ['02:30', 'every day at 02:30'],
  ['mon..fri 02:30', 'Monday to Friday at 02:30'],
  ['sat 18:15', 'every Saturday at 18:15'],
  ['mon,wed,fri 22:00', 'Monday, Wednesday and Friday at 22:00'],
  ['sat..mon 1:00', 'Monday, Saturday and Sunday at 01:00'],
  ['8,20:00', 'every day at 08:00 and 20:00'],
  ['*:0/15', 'every 15 minutes'],
  ['8..18:0/15', 'every 15 minutes during hours 8 to 18'],
  ['hourly', 'every hour at minute 00'],
  ['minutely', 'every minute'],
  ['*:30', 'every hour at minute 30'],
  ['24:00', 'every hour at minute 24'],
  ['*:*:0/10', 'every 10 seconds'],
  ['4..10/2:0', 'every 2 hours from 04:00 to 10:00'],
  ['mon..fri 8..17:0,30', 'at minute 00 and 30 of hours 8 to 17 on Monday to Friday'],
  ['weekly', 'every Monday at 00:00'],
  ['monthly', 'on the 1st of every month at 00:00'],
  ['yearly', 'on January 1 at 00:00'],
  ['quarterly', 'on the 1st of January, April, July and October at 00:00'],
  ['semiannually', 'on the 1st of January and July at 00:00'],
  ['2020-07-31', 'on July 31, 2020 at 00:00'],
  ['*-*-1,15 02:00', 'on the 1st and 15th of every month at 02:00'],
  ['mon *-1..7 03:00', 'on day 1 to 7 of every month, if it is a Monday, at 03:00'],
  ['daily UTC', 'every day at 00:00 (UTC)'],
];

test('describes what an event means', () => {
  for (const [expr, text] of CASES) {
    const r = parseCalendarEvent(expr);
    assert.ok(r.ok, expr);
    assert.equal(describeCalendarEvent(r.value), text, expr);
  }
});
