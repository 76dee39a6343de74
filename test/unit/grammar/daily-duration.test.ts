// Daily time windows against PBS. Cases carried over from proxmox-time (proxmox-rs f3305009)
// proxmox-time/src/daily_duration.rs test_daily_duration_parser; the rest checked against
// proxmox-time's parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDailyDuration } from '../../../grammar/daily-duration.ts';

/** Weekday indexes (Monday = 0) as PBS's tests write them, to bits. */
const days = (...idx: number[]) => idx.reduce((b, i) => b | (1 << i), 0);

// [input, start h, start m, end h, end m, weekday indexes]
const OK: [string, number, number, number, number, number[]][] = [
  ['8-12', 8, 0, 12, 0, []],
  ['8:0-12:0', 8, 0, 12, 0, []],
  ['8:00-12:00', 8, 0, 12, 0, []],
  ['8:05-12:20', 8, 5, 12, 20, []],
  ['8:05 - 12:20', 8, 5, 12, 20, []],
  ['mon 8-12', 8, 0, 12, 0, [0]],
  ['tue..fri 8-12', 8, 0, 12, 0, [1, 2, 3, 4]],
  ['sat,tue..thu,fri 8-12', 8, 0, 12, 0, [1, 2, 3, 4, 5]],
  // checked against proxmox-time
  ['mon8-12', 8, 0, 12, 0, [0]],
  ['fri..tue 0-23:59', 0, 0, 23, 59, [4, 5, 6, 0, 1]],
  ['10:30-10:30', 10, 30, 10, 30, []],
  ['8\t-\t9', 8, 0, 9, 0, []],
];

test('windows PBS accepts (test_daily_duration_parser)', () => {
  for (const [input, sh, sm, eh, em, d] of OK) {
    const r = parseDailyDuration(input);
    assert.ok(r.ok, `${input}: ${r.ok ? '' : r.message}`);
    assert.deepEqual(r.value, { weekdays: days(...d), start: { hour: sh, minute: sm }, end: { hour: eh, minute: em } }, input);
  }
});

// [input, offset, length, message] — the first five are the crate's rejected inputs.
const ERRORS: [string, number, number, string][] = [
  ['', 0, 0, "empty time window: expected e.g. '8:00-17:00' or 'mon..fri 8-17'"],
  [' 8-12', 0, 1, "expected a start time like '8' or '8:30' at ' 8-12'"],
  ['8:60-12', 2, 2, 'minute 60 is above 59'],
  ['8-25', 2, 2, 'hour 25 is above 23'],
  ['12-8', 3, 1, "the window ends (8:00) before it starts (12:00); a window cannot wrap past midnight, so split it into two entries (e.g. '12:00-23:59' and '0:00-8:00')"],
  ['18:00-06:00', 6, 5, "the window ends (6:00) before it starts (18:00); a window cannot wrap past midnight, so split it into two entries (e.g. '18:00-23:59' and '0:00-6:00')"],
  ['8:00-24:00', 5, 5, "24:00 is not a valid end time: write '23:59' (a window cannot reach past midnight)"],
  ['mo 8-12', 0, 2, "unknown weekday 'mo' (use mon, tue, wed, thu, fri, sat, sun or the full names)"],
  ['8 12', 2, 2, "expected '-' between start and end time at '12'"],
  ['8', 1, 0, "missing '-' and end time (e.g. '8:00-17:00')"],
  ['8-12 UTC', 4, 4, "unexpected ' UTC' after the end time"],
];

test('windows PBS rejects, with the reason', () => {
  for (const [input, offset, length, message] of ERRORS) {
    const r = parseDailyDuration(input);
    assert.ok(!r.ok, input);
    assert.deepEqual({ offset: r.offset, length: r.length, message: r.message }, { offset, length, message }, input);
  }
});

test('fuzz: never throws, problems stay inside the value', () => {
  const tok = fc.constantFrom('8', '12', '24', '60', ':', '-', ' ', 'mon', '..', 'fri', ',', 'x', '\t');
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.array(tok, { maxLength: 10 }).map((a) => a.join(''))), (s) => {
      const r = parseDailyDuration(s);
      if (!r.ok) assert.ok(r.offset >= 0 && r.length >= 0 && r.offset + r.length <= s.length, JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
});
