// The time-span grammar against PBS. Cases carried over from proxmox-time (proxmox-rs f3305009):
// proxmox-time/src/test.rs test_time_span_parser and the tests module of
// proxmox-time/src/time_span.rs (parse_*, equality_*, duplicate units, case sensitivity).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TimeSpan } from '../../../core/format/time-span.ts';
import { parseTimeSpan } from '../../../grammar/time-span.ts';

function parse(text: string): TimeSpan {
  const r = parseTimeSpan(text);
  assert.ok(r.ok, `${JSON.stringify(text)}: ${r.ok ? '' : r.message}`);
  return r.value;
}

// [input, total seconds] — test_time_span_parser (f64 totals; PBS compares them exactly).
const TOTALS: [string, number][] = [
  ['2', 2.0],
  ['2s', 2.0],
  ['2sec', 2.0],
  ['2second', 2.0],
  ['2seconds', 2.0],
  [' 2s 2 s 2', 6.0],
  ['1msec 1ms', 0.002],
  ['1usec 1us 1µs', 0.000_003],
  ['1nsec 1ns', 0.000_000_002],
  ['1minutes 1minute 1min 1m', 4.0 * 60.0],
  ['1hours 1hour 1hr 1h', 4.0 * 3600.0],
  ['1days 1day 1d', 3.0 * 86400.0],
  ['1weeks 1 week 1w', 3.0 * 86400.0 * 7.0],
  ['1months 1month 1M', 3.0 * 86400.0 * 30.44],
  ['1years 1year 1y', 3.0 * 86400.0 * 365.25],
  ['2h', 7200.0],
  [' 2 h', 7200.0],
  ['2hours', 7200.0],
  ['48hr', 48.0 * 3600.0],
  ['1y 12month', 365.25 * 24.0 * 3600.0 + 12.0 * 30.44 * 24.0 * 3600.0],
  ['55s500ms', 55.5],
  ['300ms20s 5day', 5.0 * 24.0 * 3600.0 + 20.0 + 0.3],
];

test('totals (proxmox-time test_time_span_parser)', () => {
  for (const [input, total] of TOTALS) {
    const ts = parse(input);
    // PBS's f64 conversion: whole seconds + nanoseconds / 1e9.
    assert.ok(Math.abs(ts.wholeSeconds + ts.nanos / 1e9 - total) < 1e-9 * Math.max(1, total), input);
    assert.equal(ts.seconds, ts.wholeSeconds + ts.nanos / 1e9);
  }
});

test('every unit alias parses (parse_all_unit_aliases)', () => {
  for (const a of ['1seconds', '1second', '1sec', '1s', '1msec', '1ms', '1usec', '1us', '1µs', '1nsec', '1ns', '1minutes', '1minute', '1min', '1m',
    '1hours', '1hour', '1hr', '1h', '1days', '1day', '1d', '1weeks', '1week', '1w', '1months', '1month', '1M', '1years', '1year', '1y']) {
    parse(a);
  }
});

test('equivalent spellings have the same total (parse_equivalences, equality_by_total_duration, duplicates)', () => {
  const same = (a: string, b: string) => assert.deepEqual([parse(a).wholeSeconds, parse(a).nanos], [parse(b).wholeSeconds, parse(b).nanos], `${a} = ${b}`);
  for (const s of ['1 hour 1 minute 3 second', '0y 0M 0w 1h 1m 3s', '1h1m3s', '3s 1m 1h', '3663s']) same('1h 1m 3s', s);
  same('120s', '2m');
  same('90m', '1h 30m');
  same('1h 1h', '2h');
  same('30s 30s', '1m');
  for (const s of ['1d2h3m', '26h 180s', '1 day 2 hours 3 minutes', '0y 0M 0w 1d 2h 3m', '2h 1d 3m']) same('1d 2h 3m', s);
});

test('parts: normalized and as entered', () => {
  const ts = parse('1y 2M 3w 4d 5h 6m 7s');
  assert.deepEqual(ts.parts, { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7, msec: 0, usec: 0, nsec: 0 });
  const b = parse('300');
  assert.equal(b.wholeSeconds, 300);
  assert.equal(b.parts.minutes, 5);
  assert.equal(b.parts.seconds, 0);
  assert.equal(b.entered.seconds, 300);
  const m = parse('1M');
  assert.equal(m.parts.months, 1);
  assert.equal(m.parts.minutes, 0);
  assert.equal(parse('1m').parts.minutes, 1);
  const e = parse('26h 180s 1500ms');
  assert.deepEqual([e.entered.hours, e.entered.seconds, e.entered.msec], [26, 180, 1500]);
  assert.deepEqual([e.wholeSeconds, e.nanos], [26 * 3600 + 181, 500_000_000]);
  const sub = parse('1ms 2us 3ns');
  assert.deepEqual([sub.wholeSeconds, sub.nanos], [0, 1_002_003]);
});

test('PBS limits: u64 numbers, 2^64 - 1 seconds in total, wrapping sums', () => {
  assert.equal(parse('18446744073709551615').parts.years, 584542046090);
  const big = parseTimeSpan('18446744073709551616');
  assert.ok(!big.ok && big.message === 'the number 18446744073709551616 is too large');
  const tooLarge = parseTimeSpan('18446744073709551615y');
  assert.ok(!tooLarge.ok && /too large/.test(tooLarge.message));
  // PBS adds per-unit amounts with wrapping u64 arithmetic (release build): 2^64 - 1 + 1 = 0.
  assert.equal(parse('18446744073709551615s3000h1').wholeSeconds, 3000 * 3600);
});

// [input, offset, length, message]
const ERRORS: [string, number, number, string][] = [
  ['', 0, 0, 'empty time span'],
  ['  ', 0, 2, 'a time span needs at least one number'],
  ['abc', 0, 3, "expected a number, found 'abc'"],
  ['1x', 1, 1, "unknown time unit 'x'; units are y, M, w, d, h, m, s, ms, us, ns or their long forms"],
  ['5 mins', 2, 4, "unknown time unit 'mins' (did you mean 'min'?); units are y, M, w, d, h, m, s, ms, us, ns or their long forms"],
  ['2H', 1, 1, "unknown time unit 'H' (did you mean 'h'?); units are y, M, w, d, h, m, s, ms, us, ns or their long forms"],
  ['1.5h', 0, 4, "time spans take whole numbers only: write e.g. '1h 30m' instead of '1.5h'"],
  ['-5s', 0, 1, 'a time span has no sign'],
  ['1h m', 3, 1, "expected a number before 'm'"],
  ['5μs', 1, 1, "'μ' is the Greek letter mu: write microseconds as 'us' or with the micro sign 'µs' (U+00B5)"],
  ['1\ufeffh', 1, 1, "unexpected '\ufeff' in a time span (expected a number and a unit, e.g. '1d 12h')"],
];

test('errors (parse_rejects_empty_and_invalid, verify_invalid, and more)', () => {
  for (const [input, offset, length, message] of ERRORS) {
    const r = parseTimeSpan(input);
    assert.ok(!r.ok, input);
    assert.deepEqual({ offset: r.offset, length: r.length, message: r.message }, { offset, length, message }, input);
  }
});

test('blanks are Rust white space: U+0085 and U+00A0 separate, U+FEFF does not', () => {
  assert.equal(parse('1\u0085h').wholeSeconds, 3600);
  assert.equal(parse('1\u00a0h\t2m').wholeSeconds, 3720);
  assert.ok(!parseTimeSpan('1\ufeffh').ok);
});

test('fuzz: never throws, problems stay inside the value', () => {
  const tok = fc.constantFrom('1', '20', '999999999999999999999', ' ', '\t', 'h', 'ms', 'µs', 'μ', 'mins', '.', '-', 'M', 'x', 'y');
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(tok, { maxLength: 10 }).map((a) => a.join(''))), (s) => {
      const r = parseTimeSpan(s);
      if (!r.ok) assert.ok(r.offset >= 0 && r.length >= 0 && r.offset + r.length <= s.length, JSON.stringify(s));
      else assert.ok(r.value.wholeSeconds >= 0 && r.value.nanos >= 0 && r.value.nanos < 1e9);
    }),
    { numRuns: 3000 },
  );
});
