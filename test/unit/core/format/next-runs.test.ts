// The next-run computation against PBS. The UTC cases are proxmox-time's own
// (proxmox-rs f3305009, proxmox-time/src/test.rs test_compute_next_event; epoch 0 is a
// Thursday). The time-zone table was produced by running proxmox-time's compute_next_event
// with glibc 2.36 mktime (Debian 12, tzdata 2025b), with a PBS process whose last mktime call
// concerned the start time, as nextRuns assumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCalendarEvent } from '../../../../grammar/calendar-event.ts';
import { computeNextEvent, nextRuns, searchRuns, UTC_CLOCK } from '../../../../core/format/next-runs.ts';
import { localTimeZone } from '../../../../core/format/zone-clock.ts';
import { formatEpoch, parseIsoDateTime } from '../../../../core/format/epoch.ts';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const THURSDAY_00_00 = 0;
const THURSDAY_15_00 = 15 * HOUR;
const JUL_31_2020 = 1596153600; // Friday
const DEC_31_2020 = 1609372800; // Thursday

/** Next event after `last`, evaluated in UTC as the crate's tests do (they append ' UTC'). */
function next(expr: string, last: number): number | null {
  const r = parseCalendarEvent(`${expr} UTC`);
  assert.ok(r.ok, expr);
  return computeNextEvent(r.value, last, UTC_CLOCK);
}

// [event, last, expected next] — test_compute_next_event
const UTC_CASES: [string, number, number][] = [
  ['0', THURSDAY_00_00, THURSDAY_00_00 + HOUR],
  ['*', THURSDAY_00_00, THURSDAY_00_00 + MIN],
  ['*:0', THURSDAY_00_00, THURSDAY_00_00 + HOUR],
  ['*:*', THURSDAY_00_00, THURSDAY_00_00 + MIN],
  ['*:*:*', THURSDAY_00_00, THURSDAY_00_00 + 1],
  ['*:3:5', THURSDAY_00_00, THURSDAY_00_00 + 3 * MIN + 5],
  ['mon *:*', THURSDAY_00_00, THURSDAY_00_00 + 4 * DAY],
  ['mon 2:*', THURSDAY_00_00, THURSDAY_00_00 + 4 * DAY + 2 * HOUR],
  ['mon 2:50', THURSDAY_00_00, THURSDAY_00_00 + 4 * DAY + 2 * HOUR + 50 * MIN],
  ['tue', THURSDAY_00_00, THURSDAY_00_00 + 5 * DAY],
  ['wed', THURSDAY_00_00, THURSDAY_00_00 + 6 * DAY],
  ['thu', THURSDAY_00_00, THURSDAY_00_00 + 7 * DAY],
  ['fri', THURSDAY_00_00, THURSDAY_00_00 + 1 * DAY],
  ['sat', THURSDAY_00_00, THURSDAY_00_00 + 2 * DAY],
  ['sun', THURSDAY_00_00, THURSDAY_00_00 + 3 * DAY],
  ['4..10/2:0', THURSDAY_00_00, THURSDAY_00_00 + 4 * HOUR],
  ['4..10/2:0', THURSDAY_00_00 + 5 * HOUR, THURSDAY_00_00 + 6 * HOUR],
  ['4..10/2:0', THURSDAY_00_00 + 11 * HOUR, THURSDAY_00_00 + 1 * DAY + 4 * HOUR],
  ['5,10:4,8', THURSDAY_00_00, THURSDAY_00_00 + 5 * HOUR + 4 * MIN],
  ['10,5:8,4', THURSDAY_00_00, THURSDAY_00_00 + 5 * HOUR + 4 * MIN],
  ['6,4..10:23,5/5', THURSDAY_00_00, THURSDAY_00_00 + 4 * HOUR + 5 * MIN],
  ['4..10,6:5/5,23', THURSDAY_00_00, THURSDAY_00_00 + 4 * HOUR + 5 * MIN],
  ['sat', JUL_31_2020, JUL_31_2020 + 1 * DAY],
  ['sun', JUL_31_2020, JUL_31_2020 + 2 * DAY],
  ['mon', JUL_31_2020, JUL_31_2020 + 3 * DAY],
  ['tue', JUL_31_2020, JUL_31_2020 + 4 * DAY],
  ['wed', JUL_31_2020, JUL_31_2020 + 5 * DAY],
  ['thu', JUL_31_2020, JUL_31_2020 + 6 * DAY],
  ['fri', JUL_31_2020, JUL_31_2020 + 7 * DAY],
  ['fri', DEC_31_2020, DEC_31_2020 + 1 * DAY],
  ['sat', DEC_31_2020, DEC_31_2020 + 2 * DAY],
  ['sun', DEC_31_2020, DEC_31_2020 + 3 * DAY],
  ['mon', DEC_31_2020, DEC_31_2020 + 4 * DAY],
  ['tue', DEC_31_2020, DEC_31_2020 + 5 * DAY],
  ['wed', DEC_31_2020, DEC_31_2020 + 6 * DAY],
  ['thu', DEC_31_2020, DEC_31_2020 + 7 * DAY],
  ['daily', THURSDAY_00_00, THURSDAY_00_00 + DAY],
  ['daily', THURSDAY_00_00 + 1, THURSDAY_00_00 + DAY],
  ['2020-07-31', 0, JUL_31_2020],
  ['02-28', 0, (31 + 27) * DAY],
  ['02-29', 0, 2 * 365 * DAY + (31 + 28) * DAY],
  ['1965/5-01-01', -1, THURSDAY_00_00],
  ['2020-7..9-2/2', JUL_31_2020, JUL_31_2020 + 2 * DAY],
  ['2020,2021-12-31', JUL_31_2020, DEC_31_2020],
  ['minutely', THURSDAY_00_00, THURSDAY_00_00 + MIN],
  ['hourly', THURSDAY_00_00, THURSDAY_00_00 + HOUR],
  ['weekly', THURSDAY_00_00, THURSDAY_00_00 + 4 * DAY],
  ['monthly', 0, 31 * DAY],
  ['quarterly', 0, (31 + 28 + 31) * DAY],
  ['semiannually', 0, (31 + 28 + 31 + 30 + 31 + 30) * DAY],
  ['semi-annually', 0, (31 + 28 + 31 + 30 + 31 + 30) * DAY],
  ['yearly', 0, 365 * DAY],
  ['annually', 0, 365 * DAY],
];

test('next event in UTC (test_compute_next_event)', () => {
  for (const [expr, last, expected] of UTC_CASES) assert.equal(next(expr, last), expected, `${expr} after ${last}`);
});

test('chains of next events (test_compute_next_event)', () => {
  let n = next('5/2:0', THURSDAY_00_00);
  for (const h of [5, 7, 9, 11]) {
    assert.equal(n, THURSDAY_00_00 + h * HOUR);
    n = next('5/2:0', n!);
  }
  n = THURSDAY_00_00;
  for (let i = 1; i < 100; i++) assert.equal((n = next('*:*', n!)), THURSDAY_00_00 + i * MIN);
  n = THURSDAY_00_00;
  for (let i = 1; i < 100; i++) assert.equal((n = next('*:0', n!)), THURSDAY_00_00 + i * HOUR);
  n = THURSDAY_15_00;
  for (let i = 1; i < 100; i++) assert.equal((n = next('1:0', n!)), THURSDAY_00_00 + i * DAY + HOUR);
});

test('events that never come (test_compute_next_event: test_never)', () => {
  assert.equal(next('2021-02-29', 0), null);
  assert.equal(next('02-30', 0), null);
  assert.equal(next('2020-01-01', JUL_31_2020), null);
});

test('proxmox-time doc examples', () => {
  assert.equal(next('daily', 0), 86400);
  assert.equal(next('mon..fri *:00', 0), 3600);
});

// [zone, event, from, the next four runs]
const ZONE_CASES: [string, string, string, string[]][] = [
  ["Europe/Berlin", "02:30", "2025-03-29T12:00:00+01:00", ["2025-03-31T02:30:00+02:00", "2025-04-01T02:30:00+02:00", "2025-04-02T02:30:00+02:00", "2025-04-03T02:30:00+02:00"]],
  ["Europe/Berlin", "*:30", "2025-03-30T00:00:00+01:00", ["2025-03-30T00:30:00+01:00", "2025-03-30T01:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-03-30T04:30:00+02:00"]],
  ["Europe/Berlin", "2:*", "2025-03-30T01:58:00+01:00", ["2025-03-31T02:00:00+02:00", "2025-03-31T02:01:00+02:00", "2025-03-31T02:02:00+02:00", "2025-03-31T02:03:00+02:00"]],
  ["Europe/Berlin", "*:*:0/20", "2025-03-30T01:59:00+01:00", ["2025-03-30T01:59:20+01:00", "2025-03-30T01:59:40+01:00", "2025-03-30T03:00:00+02:00", "2025-03-30T03:00:20+02:00"]],
  ["Europe/Berlin", "daily", "2025-03-29T12:00:00+01:00", ["2025-03-30T00:00:00+01:00", "2025-03-31T00:00:00+02:00", "2025-04-01T00:00:00+02:00", "2025-04-02T00:00:00+02:00"]],
  ["Europe/Berlin", "03:00", "2025-03-29T12:00:00+01:00", ["2025-03-30T03:00:00+02:00", "2025-03-31T03:00:00+02:00", "2025-04-01T03:00:00+02:00", "2025-04-02T03:00:00+02:00"]],
  ["Europe/Berlin", "02:30", "2025-10-25T12:00:00+02:00", ["2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00", "2025-10-28T02:30:00+01:00", "2025-10-29T02:30:00+01:00"]],
  ["Europe/Berlin", "*:30", "2025-10-26T00:00:00+02:00", ["2025-10-26T00:30:00+02:00", "2025-10-26T01:30:00+02:00", "2025-10-26T02:30:00+02:00", "2025-10-26T03:30:00+01:00"]],
  ["Europe/Berlin", "*:15", "2025-10-26T01:00:00+02:00", ["2025-10-26T01:15:00+02:00", "2025-10-26T02:15:00+02:00", "2025-10-26T03:15:00+01:00", "2025-10-26T04:15:00+01:00"]],
  ["Europe/Berlin", "2:*/20", "2025-10-26T01:00:00+02:00", ["2025-10-26T02:00:00+02:00", "2025-10-26T02:20:00+02:00", "2025-10-26T02:40:00+02:00", "2025-10-27T02:00:00+01:00"]],
  ["Europe/Berlin", "0/3:0", "2025-10-25T20:00:00+02:00", ["2025-10-25T21:00:00+02:00", "2025-10-26T00:00:00+02:00", "2025-10-26T03:00:00+01:00", "2025-10-26T06:00:00+01:00"]],
  ["Europe/Berlin", "mon..fri 02:30", "2025-03-28T12:00:00+01:00", ["2025-03-31T02:30:00+02:00", "2025-04-01T02:30:00+02:00", "2025-04-02T02:30:00+02:00", "2025-04-03T02:30:00+02:00"]],
  ["America/New_York", "02:30", "2025-03-08T12:00:00-05:00", ["2025-03-10T02:30:00-04:00", "2025-03-11T02:30:00-04:00", "2025-03-12T02:30:00-04:00", "2025-03-13T02:30:00-04:00"]],
  ["America/New_York", "*:30", "2025-03-09T00:00:00-05:00", ["2025-03-09T00:30:00-05:00", "2025-03-09T01:30:00-05:00", "2025-03-09T03:30:00-04:00", "2025-03-09T04:30:00-04:00"]],
  ["America/New_York", "01:30", "2025-11-01T12:00:00-04:00", ["2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00", "2025-11-04T01:30:00-05:00", "2025-11-05T01:30:00-05:00"]],
  ["America/New_York", "*:45", "2025-11-02T00:00:00-04:00", ["2025-11-02T00:45:00-04:00", "2025-11-02T01:45:00-04:00", "2025-11-02T02:45:00-05:00", "2025-11-02T03:45:00-05:00"]],
  ["America/New_York", "hourly", "2025-11-02T00:00:00-04:00", ["2025-11-02T01:00:00-04:00", "2025-11-02T02:00:00-05:00", "2025-11-02T03:00:00-05:00", "2025-11-02T04:00:00-05:00"]],
  ["Australia/Lord_Howe", "*:15", "2025-10-05T01:00:00+10:30", ["2025-10-05T01:15:00+10:30", "2025-10-05T03:15:00+11:00", "2025-10-05T04:15:00+11:00", "2025-10-05T05:15:00+11:00"]],
  ["Australia/Lord_Howe", "02:15", "2025-10-04T12:00:00+10:30", ["2025-10-06T02:15:00+11:00", "2025-10-07T02:15:00+11:00", "2025-10-08T02:15:00+11:00", "2025-10-09T02:15:00+11:00"]],
  ["Australia/Lord_Howe", "*:0/20", "2025-04-06T01:00:00+11:00", ["2025-04-06T01:20:00+11:00", "2025-04-06T01:40:00+11:00", "2025-04-06T02:00:00+10:30", "2025-04-06T02:20:00+10:30"]],
  ["Australia/Sydney", "02:30", "2025-10-04T12:00:00+10:00", ["2025-10-06T02:30:00+11:00", "2025-10-07T02:30:00+11:00", "2025-10-08T02:30:00+11:00", "2025-10-09T02:30:00+11:00"]],
  ["Australia/Sydney", "*:30", "2025-04-06T01:00:00+11:00", ["2025-04-06T01:30:00+11:00", "2025-04-06T02:30:00+11:00", "2025-04-06T03:30:00+10:00", "2025-04-06T04:30:00+10:00"]],
  ["Europe/Dublin", "*:30", "2025-03-30T00:00:00+00:00", ["2025-03-30T00:30:00+00:00", "2025-03-30T00:30:00+00:00", "2025-03-30T00:30:00+00:00", "2025-03-30T00:30:00+00:00"]],
  ["Europe/Dublin", "daily", "2025-03-29T12:00:00+00:00", ["2025-03-30T00:00:00+00:00", "2025-03-30T00:00:00+00:00", "2025-03-30T00:00:00+00:00", "2025-03-30T00:00:00+00:00"]],
  ["Europe/Dublin", "01:30", "2025-10-25T12:00:00+01:00", ["2025-10-26T01:30:00+01:00", "2025-10-27T01:30:00+00:00", "2025-10-28T01:30:00+00:00", "2025-10-29T01:30:00+00:00"]],
  ["America/Havana", "daily", "2025-03-08T12:00:00-05:00", ["2025-03-10T00:00:00-04:00", "2025-03-11T00:00:00-04:00", "2025-03-12T00:00:00-04:00", "2025-03-13T00:00:00-04:00"]],
  ["America/Havana", "*:30", "2025-11-01T23:00:00-04:00", ["2025-11-01T23:30:00-04:00", "2025-11-02T00:30:00-04:00", "2025-11-02T01:30:00-05:00", "2025-11-02T02:30:00-05:00"]],
  ["Asia/Kolkata", "mon..fri 02:30", "2025-03-28T12:00:00+05:30", ["2025-03-31T02:30:00+05:30", "2025-04-01T02:30:00+05:30", "2025-04-02T02:30:00+05:30", "2025-04-03T02:30:00+05:30"]],
  ["UTC", "*:0/15", "2025-03-30T00:50:00+00:00", ["2025-03-30T01:00:00+00:00", "2025-03-30T01:15:00+00:00", "2025-03-30T01:30:00+00:00", "2025-03-30T01:45:00+00:00"]],
];

test('next runs in time zones, across daylight-saving changes, as PBS computes them', () => {
  for (const [zone, expr, from, expected] of ZONE_CASES) {
    const r = parseCalendarEvent(expr);
    assert.ok(r.ok, expr);
    const start = parseIsoDateTime(from);
    assert.ok(start !== undefined, from);
    // PBS's own answers, repeats included (the fronts stop at a repeat: see the next test)
    const runs = nextRuns(r.value, new Date(start * 1000), 4, zone, { repeats: true }).map((d) => formatEpoch(d.getTime() / 1000, zone)?.local);
    assert.deepEqual(runs, expected, `${zone} ${expr} from ${from}`);
  }
});

test("a search that does not advance (Dublin's spring-forward day) stops there, once, for every front", () => {
  const r = parseCalendarEvent('*:30');
  assert.ok(r.ok);
  const found = searchRuns(r.value, new Date('2025-03-30T00:00:00Z'), 4, 'Europe/Dublin');
  assert.deepEqual({ runs: found.runs.map((d) => d.toISOString()), end: found.end }, { runs: ['2025-03-30T00:30:00.000Z'], end: 'stuck' });
});

test('the UTC suffix ignores the zone; fewer runs when the event stops', () => {
  const r = parseCalendarEvent('02:30 UTC');
  assert.ok(r.ok);
  const runs = nextRuns(r.value, new Date('2025-03-29T12:00:00Z'), 2, 'Pacific/Auckland');
  assert.deepEqual(runs.map((d) => d.toISOString()), ['2025-03-30T02:30:00.000Z', '2025-03-31T02:30:00.000Z']);
  const once = parseCalendarEvent('2030-01-01 00:00');
  assert.ok(once.ok);
  assert.equal(nextRuns(once.value, new Date('2025-01-01T00:00:00Z'), 5, 'Europe/Vienna').length, 1);
});

test("without a zone, the process's local zone is used", () => {
  const r = parseCalendarEvent('mon..fri 02:30');
  assert.ok(r.ok);
  const from = new Date('2025-03-28T00:00:00Z');
  assert.deepEqual(nextRuns(r.value, from, 3), nextRuns(r.value, from, 3, localTimeZone()));
});
