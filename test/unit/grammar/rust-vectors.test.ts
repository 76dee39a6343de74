// The test vectors of the Rust crates our grammars restate, taken as facts and checked against
// our implementation. Source: proxmox/proxmox-rs at f3305009a21264dea2771f5c86c818146796125f
// (proxmox-time/src/test.rs, proxmox-time/src/calendar_event.rs doc examples,
// proxmox-time/src/time_span.rs module docs, doc examples and tests module,
// proxmox-human-byte/src/lib.rs tests module). The expectations are restated by hand.
//
// One node:test case per vector. All 564 agree with Rust; the one place we differ on purpose (the
// wording of a time-span error) is checked for our own wording at the end of the time-span part.
//
// Next-event vectors are evaluated in UTC: the Rust tests append " UTC" to every expression (or
// write it themselves), and we compute with UTC_CLOCK, as test/unit/core/format/next-runs.test.ts does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCalendarEvent } from '../../../grammar/calendar-event.ts';
import { computeNextEvent, UTC_CLOCK } from '../../../core/format/next-runs.ts';
import { parseTimeSpan } from '../../../grammar/time-span.ts';
import { decomposeTimeSpan, emptyParts, formatParts, formatTimeSpanValue, type TimeSpan, type TimeSpanParts } from '../../../core/format/time-span.ts';
import { parseHumanByte } from '../../../grammar/human-byte.ts';
import { formatHumanByte, formatHumanByteValue, type HumanByte, type SizeUnit } from '../../../core/format/human-byte.ts';

// ---------------------------------------------------------------------------------------------
// Calendar events

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const THURSDAY_00_00 = 0; // epoch 0 is Thursday 1970-01-01 00:00:00 UTC
const THURSDAY_15_00 = 15 * HOUR;
const JUL_31_2020 = 1596153600; // Friday, 2020-07-31 00:00:00 UTC
const DEC_31_2020 = 1609372800; // Thursday, 2020-12-31 00:00:00 UTC

/** Parses `text` as a calendar event that must say UTC, and computes its next run after `last`. */
function nextUtc(text: string, last: number): number | null {
  const r = parseCalendarEvent(text);
  assert.ok(r.ok, `${JSON.stringify(text)} should parse: ${r.ok ? '' : r.message}`);
  assert.equal(r.value.utc, true, `${JSON.stringify(text)} should be evaluated in UTC`);
  return computeNextEvent(r.value, last, UTC_CLOCK);
}

interface NextCase {
  expr: string;
  last: number;
  expect: number;
}

// proxmox-time/src/test.rs, test_compute_next_event (test_value calls; the expression gets " UTC").
const NEXT_CASES: NextCase[] = [
  // minute only syntax
  { expr: '0', last: THURSDAY_00_00, expect: THURSDAY_00_00 + HOUR },
  { expr: '*', last: THURSDAY_00_00, expect: THURSDAY_00_00 + MIN },
  { expr: '*:0', last: THURSDAY_00_00, expect: THURSDAY_00_00 + HOUR },
  { expr: '*:*', last: THURSDAY_00_00, expect: THURSDAY_00_00 + MIN },
  { expr: '*:*:*', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 1 },
  { expr: '*:3:5', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 3 * MIN + 5 },
  { expr: 'mon *:*', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * DAY },
  { expr: 'mon 2:*', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * DAY + 2 * HOUR },
  { expr: 'mon 2:50', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * DAY + 2 * HOUR + 50 * MIN },
  { expr: 'tue', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 5 * DAY },
  { expr: 'wed', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 6 * DAY },
  { expr: 'thu', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 7 * DAY },
  { expr: 'fri', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 1 * DAY },
  { expr: 'sat', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 2 * DAY },
  { expr: 'sun', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 3 * DAY },
  // repeated ranges
  { expr: '4..10/2:0', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * HOUR },
  { expr: '4..10/2:0', last: THURSDAY_00_00 + 5 * HOUR, expect: THURSDAY_00_00 + 6 * HOUR },
  { expr: '4..10/2:0', last: THURSDAY_00_00 + 11 * HOUR, expect: THURSDAY_00_00 + 1 * DAY + 4 * HOUR },
  // several values in one field, in any order
  { expr: '5,10:4,8', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 5 * HOUR + 4 * MIN },
  { expr: '10,5:8,4', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 5 * HOUR + 4 * MIN },
  { expr: '6,4..10:23,5/5', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * HOUR + 5 * MIN },
  { expr: '4..10,6:5/5,23', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * HOUR + 5 * MIN },
  // month wrapping
  { expr: 'sat', last: JUL_31_2020, expect: JUL_31_2020 + 1 * DAY },
  { expr: 'sun', last: JUL_31_2020, expect: JUL_31_2020 + 2 * DAY },
  { expr: 'mon', last: JUL_31_2020, expect: JUL_31_2020 + 3 * DAY },
  { expr: 'tue', last: JUL_31_2020, expect: JUL_31_2020 + 4 * DAY },
  { expr: 'wed', last: JUL_31_2020, expect: JUL_31_2020 + 5 * DAY },
  { expr: 'thu', last: JUL_31_2020, expect: JUL_31_2020 + 6 * DAY },
  { expr: 'fri', last: JUL_31_2020, expect: JUL_31_2020 + 7 * DAY },
  // year wrapping
  { expr: 'fri', last: DEC_31_2020, expect: DEC_31_2020 + 1 * DAY },
  { expr: 'sat', last: DEC_31_2020, expect: DEC_31_2020 + 2 * DAY },
  { expr: 'sun', last: DEC_31_2020, expect: DEC_31_2020 + 3 * DAY },
  { expr: 'mon', last: DEC_31_2020, expect: DEC_31_2020 + 4 * DAY },
  { expr: 'tue', last: DEC_31_2020, expect: DEC_31_2020 + 5 * DAY },
  { expr: 'wed', last: DEC_31_2020, expect: DEC_31_2020 + 6 * DAY },
  { expr: 'thu', last: DEC_31_2020, expect: DEC_31_2020 + 7 * DAY },
  { expr: 'daily', last: THURSDAY_00_00, expect: THURSDAY_00_00 + DAY },
  { expr: 'daily', last: THURSDAY_00_00 + 1, expect: THURSDAY_00_00 + DAY },
  // chained: each step starts from the previous result
  { expr: '5/2:0', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 5 * HOUR },
  { expr: '5/2:0', last: THURSDAY_00_00 + 5 * HOUR, expect: THURSDAY_00_00 + 7 * HOUR },
  { expr: '5/2:0', last: THURSDAY_00_00 + 7 * HOUR, expect: THURSDAY_00_00 + 9 * HOUR },
  { expr: '5/2:0', last: THURSDAY_00_00 + 9 * HOUR, expect: THURSDAY_00_00 + 11 * HOUR },
  // dates
  { expr: '2020-07-31', last: 0, expect: JUL_31_2020 },
  { expr: '02-28', last: 0, expect: (31 + 27) * DAY },
  { expr: '02-29', last: 0, expect: 2 * 365 * DAY + (31 + 28) * DAY }, // 1972-02-29
  { expr: '1965/5-01-01', last: -1, expect: THURSDAY_00_00 },
  { expr: '2020-7..9-2/2', last: JUL_31_2020, expect: JUL_31_2020 + 2 * DAY },
  { expr: '2020,2021-12-31', last: JUL_31_2020, expect: DEC_31_2020 },
  // keyword shortcuts
  { expr: 'minutely', last: THURSDAY_00_00, expect: THURSDAY_00_00 + MIN },
  { expr: 'hourly', last: THURSDAY_00_00, expect: THURSDAY_00_00 + HOUR },
  { expr: 'weekly', last: THURSDAY_00_00, expect: THURSDAY_00_00 + 4 * DAY }, // next Monday
  { expr: 'monthly', last: 0, expect: 31 * DAY },
  { expr: 'quarterly', last: 0, expect: (31 + 28 + 31) * DAY },
  { expr: 'semiannually', last: 0, expect: (31 + 28 + 31 + 30 + 31 + 30) * DAY },
  { expr: 'semi-annually', last: 0, expect: (31 + 28 + 31 + 30 + 31 + 30) * DAY },
  { expr: 'yearly', last: 0, expect: 365 * DAY },
  { expr: 'annually', last: 0, expect: 365 * DAY },
];

// proxmox-time/src/test.rs, test_compute_next_event: the three loops `for i in 2..100`, each
// step starting from the previous result (first step: i = 1).
for (let i = 1; i < 100; i++) {
  NEXT_CASES.push({ expr: '*:*', last: THURSDAY_00_00 + (i - 1) * MIN, expect: THURSDAY_00_00 + i * MIN });
}
for (let i = 1; i < 100; i++) {
  NEXT_CASES.push({ expr: '*:0', last: THURSDAY_00_00 + (i - 1) * HOUR, expect: THURSDAY_00_00 + i * HOUR });
}
NEXT_CASES.push({ expr: '1:0', last: THURSDAY_15_00, expect: THURSDAY_00_00 + DAY + HOUR });
for (let i = 2; i < 100; i++) {
  NEXT_CASES.push({ expr: '1:0', last: THURSDAY_00_00 + (i - 1) * DAY + HOUR, expect: THURSDAY_00_00 + i * DAY + HOUR });
}

for (const c of NEXT_CASES) {
  // proxmox-time/src/test.rs test_compute_next_event
  test(`calendar next event: '${c.expr} UTC' after ${c.last} is ${c.expect}`, () => {
    assert.equal(nextUtc(`${c.expr} UTC`, c.last), c.expect);
  });
}

// proxmox-time/src/test.rs, test_compute_next_event: test_never (parses, but no next run).
const NEVER_CASES: ({ expr: string; last: number })[] = [
  { expr: '2021-02-29', last: 0 },
  { expr: '02-30', last: 0 },
];
for (const c of NEVER_CASES) {
  // proxmox-time/src/test.rs test_compute_next_event (test_never)
  test(`calendar next event: '${c.expr} UTC' after ${c.last} never runs`, () => {
    assert.equal(nextUtc(`${c.expr} UTC`, c.last), null);
  });
}

// proxmox-time/src/test.rs, test_calendar_event_weekday: these parse.
const WEEKDAY_INPUTS: ({ text: string })[] = [
  'mon,wed..fri',
  'fri..mon',
  'mon',
  'MON',
  'monDay',
  'tue',
  'Tuesday',
  'wed',
  'wednesday',
  'thu',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
  'mon..fri',
  'mon,tue,fri',
  'mon,tue..wednesday,fri..sat',
].map((text) => ({ text }));
for (const c of WEEKDAY_INPUTS) {
  // proxmox-time/src/test.rs test_calendar_event_weekday
  test(`calendar event parses: '${c.text}'`, () => {
    const r = parseCalendarEvent(c.text);
    assert.ok(r.ok, r.ok ? '' : r.message);
  });
}

// proxmox-time/src/calendar_event.rs, doc example of CalendarEvent: next event from epoch 0.
const DOC_NEXT: ({ text: string; expect: number | 'some' })[] = [
  { text: 'daily UTC', expect: 86400 },
  { text: 'mon..fri *:00 UTC', expect: 3600 }, // epoch 0 is a Thursday: Thu 01:00
  { text: '2020-07-31 12:00 UTC', expect: 'some' },
];
for (const c of DOC_NEXT) {
  // proxmox-time/src/calendar_event.rs (doc example on CalendarEvent)
  test(`calendar next event (doc): '${c.text}' after 0 is ${c.expect}`, () => {
    const next = nextUtc(c.text, 0);
    if (c.expect === 'some') assert.notEqual(next, null);
    else assert.equal(next, c.expect);
  });
}

// proxmox-time/src/calendar_event.rs, doc example of verify_calendar_event.
const DOC_VERIFY: ({ text: string; valid: boolean })[] = [
  { text: 'daily', valid: true },
  { text: 'mon..fri *:00', valid: true },
  { text: 'not valid!', valid: false },
];
for (const c of DOC_VERIFY) {
  // proxmox-time/src/calendar_event.rs (doc example on verify_calendar_event)
  test(`calendar event ${c.valid ? 'accepts' : 'rejects'} (doc): '${c.text}'`, () => {
    assert.equal(parseCalendarEvent(c.text).ok, c.valid);
  });
}

// ---------------------------------------------------------------------------------------------
// Time spans

function span(text: string): TimeSpan {
  const r = parseTimeSpan(text);
  assert.ok(r.ok, `${JSON.stringify(text)} should parse: ${r.ok ? '' : r.message}`);
  return r.value;
}
/** Rust's TimeSpan equality: same whole seconds and nanoseconds. */
function sameSpan(a: TimeSpan, b: TimeSpan): boolean {
  return a.wholeSeconds === b.wholeSeconds && a.nanos === b.nanos;
}
/** `TimeSpan::from(Duration::new(secs, nanos))` in our terms: the normalized parts. */
const fromDuration = (secs: number | bigint, nanos: number): TimeSpanParts => decomposeTimeSpan(secs, nanos);

// proxmox-time/src/test.rs, test_time_span_parser: f64 total seconds, compared exactly.
// (The expectations are the same f64 expressions, evaluated in the same order.)
const TOTAL_CASES: ({ text: string; seconds: number })[] = [
  { text: '2', seconds: 2.0 },
  { text: '2s', seconds: 2.0 },
  { text: '2sec', seconds: 2.0 },
  { text: '2second', seconds: 2.0 },
  { text: '2seconds', seconds: 2.0 },
  { text: ' 2s 2 s 2', seconds: 6.0 },
  { text: '1msec 1ms', seconds: 0.002 },
  { text: '1usec 1us 1µs', seconds: 0.000_003 },
  { text: '1nsec 1ns', seconds: 0.000_000_002 },
  { text: '1minutes 1minute 1min 1m', seconds: 4.0 * 60.0 },
  { text: '1hours 1hour 1hr 1h', seconds: 4.0 * 3600.0 },
  { text: '1days 1day 1d', seconds: 3.0 * 86400.0 },
  { text: '1weeks 1 week 1w', seconds: 3.0 * 86400.0 * 7.0 },
  { text: '1months 1month 1M', seconds: 3.0 * 86400.0 * 30.44 },
  { text: '1years 1year 1y', seconds: 3.0 * 86400.0 * 365.25 },
  { text: '2h', seconds: 7200.0 },
  { text: ' 2 h', seconds: 7200.0 },
  { text: '2hours', seconds: 7200.0 },
  { text: '48hr', seconds: 48.0 * 3600.0 },
  { text: '1y 12month', seconds: 365.25 * 24.0 * 3600.0 + 12.0 * 30.44 * 24.0 * 3600.0 },
  { text: '55s500ms', seconds: 55.5 },
  { text: '300ms20s 5day', seconds: 5.0 * 24.0 * 3600.0 + 20.0 + 0.3 },
];
for (const c of TOTAL_CASES) {
  // proxmox-time/src/test.rs test_time_span_parser
  test(`time span total seconds: ${JSON.stringify(c.text)} is ${c.seconds}`, () => {
    assert.equal(span(c.text).seconds, c.seconds);
  });
}

// Pairs of spellings that must give equal TimeSpans (same seconds and nanoseconds).
const EQUAL_CASES: ({ a: string; b: string; src: string })[] = [
  // parse_equivalences
  { a: '1h 1m 3s', b: '1 hour 1 minute 3 second', src: 'tests::parse_equivalences' },
  { a: '1h 1m 3s', b: '0y 0M 0w 1h 1m 3s', src: 'tests::parse_equivalences' },
  { a: '1h 1m 3s', b: '1h1m3s', src: 'tests::parse_equivalences' },
  { a: '1h 1m 3s', b: '3s 1m 1h', src: 'tests::parse_equivalences' },
  // equality_by_total_duration
  { a: '120s', b: '2m', src: 'tests::equality_by_total_duration' },
  { a: '3663s', b: '1h 1m 3s', src: 'tests::equality_by_total_duration' },
  { a: '90m', b: '1h 30m', src: 'tests::equality_by_total_duration' },
  // duplicate_units_are_summed
  { a: '1h 1h', b: '2h', src: 'tests::duplicate_units_are_summed' },
  { a: '30s 30s', b: '1m', src: 'tests::duplicate_units_are_summed' },
  // module docs: all the same duration of 1 day, 2 hours and 3 minutes
  { a: '1d 2h 3m', b: '1d2h3m', src: 'module docs (# Parsing)' },
  { a: '1d 2h 3m', b: '26h 180s', src: 'module docs (# Parsing)' },
  { a: '1d 2h 3m', b: '1 day 2 hours 3 minutes', src: 'module docs (# Parsing)' },
  { a: '1d 2h 3m', b: '0y 0M 0w 1d 2h 3m', src: 'module docs (# Parsing)' },
  { a: '1d 2h 3m', b: '2h 1d 3m', src: 'module docs (# Parsing)' },
];
for (const c of EQUAL_CASES) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span equality (${c.src}): ${JSON.stringify(c.a)} == ${JSON.stringify(c.b)}`, () => {
    const a = span(c.a);
    const b = span(c.b);
    assert.ok(sameSpan(a, b), `${a.wholeSeconds}s+${a.nanos}ns vs ${b.wholeSeconds}s+${b.nanos}ns`);
  });
}

// proxmox-time/src/time_span.rs tests::case_sensitivity_m_vs_big_m
test('time span: 1M is a month, 1m a minute, and they differ (tests::case_sensitivity_m_vs_big_m)', () => {
  const months = span('1M');
  const minutes = span('1m');
  assert.equal(months.parts.months, 1);
  assert.equal(months.parts.minutes, 0);
  assert.equal(minutes.parts.minutes, 1);
  assert.equal(minutes.parts.months, 0);
  assert.ok(!sameSpan(months, minutes));
});

// proxmox-time/src/time_span.rs tests::parse_all_unit_aliases
const ALIASES: ({ text: string })[] = [
  '1seconds', '1second', '1sec', '1s', '1msec', '1ms', '1usec', '1us', '1µs', '1nsec',
  '1ns', '1minutes', '1minute', '1min', '1m', '1hours', '1hour', '1hr', '1h', '1days',
  '1day', '1d', '1weeks', '1week', '1w', '1months', '1month', '1M', '1years', '1year',
  '1y',
].map((text) => ({ text }));
for (const c of ALIASES) {
  // proxmox-time/src/time_span.rs tests::parse_all_unit_aliases
  test(`time span accepts unit alias: ${JSON.stringify(c.text)}`, () => {
    const r = parseTimeSpan(c.text);
    assert.ok(r.ok, r.ok ? '' : r.message);
  });
}

// Accepted / rejected spellings.
const VALIDITY: ({ text: string; valid: boolean; src: string })[] = [
  { text: '', valid: false, src: 'tests::parse_rejects_empty_and_invalid' },
  { text: 'abc', valid: false, src: 'tests::parse_rejects_empty_and_invalid' },
  { text: '1x', valid: false, src: 'tests::parse_rejects_empty_and_invalid' },
  { text: 'not valid', valid: false, src: 'tests::error_message_mentions_time_span' },
  { text: '1h 30m', valid: true, src: 'tests::verify_valid' },
  { text: '0s', valid: true, src: 'tests::verify_valid' },
  { text: '1', valid: true, src: 'tests::verify_valid' },
  { text: 'invalid', valid: false, src: 'tests::verify_invalid' },
  { text: '1x', valid: false, src: 'tests::verify_invalid' },
  // tests::try_from_parts_overflow: years = u64::MAX overflows the total seconds
  { text: '18446744073709551615y', valid: false, src: 'tests::try_from_parts_overflow' },
];
for (const c of VALIDITY) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span ${c.valid ? 'accepts' : 'rejects'} (${c.src}): ${JSON.stringify(c.text)}`, () => {
    assert.equal(parseTimeSpan(c.text).ok, c.valid);
  });
}

// proxmox-time/src/time_span.rs tests::error_message_mentions_time_span: Rust's message says
// "time span"; ours is worded for the diagnostic, which names the property, and points at the word.
test("time span error for 'not valid' names what is wrong where (Rust: tests::error_message_mentions_time_span)", () => {
  const r = parseTimeSpan('not valid');
  assert.ok(!r.ok);
  assert.match(r.message, /'not'/);
});

// Display (default format) of parsed spans.
const DISPLAY_PARSED: ({ text: string; shown: string; src: string })[] = [
  { text: '1h 1m 3s', shown: '1h 1m 3s', src: 'tests::display_basic' },
  { text: '1 hour 1 minute 3 second', shown: '1h 1m 3s', src: 'tests::display_basic' },
  { text: '12M', shown: '1y 43m 12s', src: 'tests::twelve_months_normalization_note' },
  { text: '1h 30m', shown: '1h 30m', src: 'doc example on TimeSpan' },
  // The tests below build the span from TimeSpanParts; the same span parsed from text.
  { text: '1ns', shown: '<0.1s', src: 'tests::display_very_small' },
  { text: '50us', shown: '<0.1s', src: 'tests::display_very_small' },
  { text: '50ms', shown: '<0.1s', src: 'tests::display_very_small' },
  { text: '500000us', shown: '0.5s', src: 'tests::display_subsecond_includes_usec_and_nsec' },
  { text: '100000000ns', shown: '0.1s', src: 'tests::display_subsecond_includes_usec_and_nsec' },
  { text: '500ms', shown: '0.5s', src: 'tests::display_subsecond_precision' },
  { text: '1s 800ms', shown: '1.8s', src: 'tests::display_subsecond_precision' },
  { text: '1s 200ms', shown: '1.2s', src: 'tests::display_subsecond_precision' },
  { text: '999ms', shown: '1s', src: 'tests::display_subsecond_rounds_to_whole_number_cleanly' },
  { text: '1s 999ms', shown: '2s', src: 'tests::display_subsecond_rounds_to_whole_number_cleanly' },
  { text: '5s', shown: '5s', src: 'tests::display_integer_seconds_no_decimal' },
  { text: '2h 10s', shown: '2h 10s', src: 'tests::display_integer_seconds_no_decimal' },
  { text: '1y 2M 3w 4d', shown: '1y 2M 3w 4d', src: 'tests::display_large_units' },
];
for (const c of DISPLAY_PARSED) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span display (${c.src}): ${JSON.stringify(c.text)} shows ${JSON.stringify(c.shown)}`, () => {
    assert.equal(formatTimeSpanValue(span(c.text)), c.shown);
  });
}

// proxmox-time/src/time_span.rs tests::display_zero
test('time span display: the zero span shows "0s" (tests::display_zero)', () => {
  assert.equal(formatParts(emptyParts()), '0s');
});

// Whole seconds and nanoseconds of parsed spans (as_secs / subsec_nanos / Duration / f64).
const SECS_NANOS: ({ text: string; secs: number; nanos: number; src: string })[] = [
  { text: '300', secs: 300, nanos: 0, src: 'tests::bare_number_parsed_as_seconds' },
  { text: '1m 30s', secs: 90, nanos: 0, src: 'tests::try_from_parts_basic' },
  { text: '1ms 2us 3ns', secs: 0, nanos: 1_002_003, src: 'tests::try_from_parts_subsecond' },
  { text: '1500ms', secs: 1, nanos: 500_000_000, src: 'tests::try_from_parts_subsecond_carry' },
  { text: '1h 30m 15s', secs: 5415, nanos: 0, src: 'tests::into_duration_round_trip' },
  { text: '2m 30s', secs: 150, nanos: 0, src: 'tests::into_duration_from_ref' },
  { text: '1s 500ms', secs: 1, nanos: 500_000_000, src: 'tests::into_duration_subsecond (1500 ms)' },
  { text: '1h 30m', secs: 5400, nanos: 0, src: 'doc example on From<TimeSpan> for Duration' },
  { text: '1h 30m', secs: 5400, nanos: 0, src: 'doc example on TryFrom<TimeSpanParts> (hours 1, minutes 30)' },
];
for (const c of SECS_NANOS) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span seconds (${c.src}): ${JSON.stringify(c.text)} is ${c.secs}s + ${c.nanos}ns`, () => {
    const ts = span(c.text);
    assert.deepEqual([ts.wholeSeconds, ts.nanos], [c.secs, c.nanos]);
  });
}

// f64 conversions, compared within f64::EPSILON as the Rust tests do.
const F64_CASES: ({ text: string; seconds: number; src: string })[] = [
  { text: '1h 30m', seconds: 5400.0, src: 'tests::to_f64_total_seconds' },
  { text: '500ms', seconds: 0.5, src: 'tests::to_f64_total_seconds' },
  { text: '1m', seconds: 60.0, src: 'tests::to_f64_owned' },
];
for (const c of F64_CASES) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span as f64 (${c.src}): ${JSON.stringify(c.text)} is ${c.seconds}`, () => {
    assert.ok(Math.abs(span(c.text).seconds - c.seconds) < Number.EPSILON);
  });
}

// Normalized parts of parsed spans.
const PARTS_CASES: ({ text: string; parts: Partial<TimeSpanParts>; src: string })[] = [
  { text: '300', parts: { minutes: 5, seconds: 0 }, src: 'tests::bare_number_parsed_as_seconds' },
  {
    text: '1y 2M 3w 4d 5h 6m 7s',
    parts: { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 },
    src: 'tests::parts_round_trip',
  },
  { text: '2h 30m', parts: { hours: 2, minutes: 30 }, src: 'tests::parts_from_trait' },
  { text: '90m', parts: { hours: 1, minutes: 30 }, src: 'tests::normalize_is_noop' },
  { text: '3600s', parts: { hours: 1 }, src: 'tests::normalize_is_noop' },
  { text: '1h 30m', parts: { hours: 1, minutes: 30 }, src: 'doc example on TimeSpan' },
];
for (const c of PARTS_CASES) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span parts (${c.src}): ${JSON.stringify(c.text)} has ${JSON.stringify(c.parts)}`, () => {
    const p = span(c.text).parts;
    for (const [k, v] of Object.entries(c.parts)) assert.equal(p[k as keyof TimeSpanParts], v, k);
  });
}

// Spans made from a std::time::Duration (whole seconds, nanoseconds): our decomposition.
const SECS_PER_MONTH = 2_630_016;
const SECS_PER_DAY = 86_400;
const DURATION_CASES: ({ secs: number | bigint; nanos: number; parts: Partial<TimeSpanParts>; shown?: string; src: string })[] = [
  {
    secs: SECS_PER_MONTH + SECS_PER_DAY + 3,
    nanos: 0,
    parts: { months: 1, days: 1, seconds: 3 },
    shown: '1M 1d 3s',
    src: 'tests::from_duration_exact_month_boundary',
  },
  {
    secs: 2_630_016 + 86_400 + 3,
    nanos: 0,
    parts: { months: 1, days: 1, seconds: 3 },
    shown: '1M 1d 3s',
    src: 'doc example on From<Duration> for TimeSpan',
  },
  { secs: 32 * SECS_PER_DAY, nanos: 0, parts: { months: 1 }, src: 'tests::from_duration_preserves_sub_day_remainder' },
  { secs: 3, nanos: 4_005_006, parts: { seconds: 3, msec: 4, usec: 5, nsec: 6 }, src: 'tests::from_duration_subsecond' },
  { secs: 90, nanos: 0, parts: { minutes: 1, seconds: 30 }, src: 'doc example on TimeSpan (Duration::from_secs(90))' },
  {
    secs: 0,
    nanos: 0,
    parts: { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, msec: 0, usec: 0, nsec: 0 },
    src: 'tests::from_duration_zero',
  },
];
for (const c of DURATION_CASES) {
  // proxmox-time/src/time_span.rs (c.src)
  test(`time span from Duration (${c.src}): ${c.secs}s + ${c.nanos}ns`, () => {
    const p = fromDuration(c.secs, c.nanos);
    for (const [k, v] of Object.entries(c.parts)) assert.equal(p[k as keyof TimeSpanParts], v, k);
    if (c.shown !== undefined) assert.equal(formatParts(p), c.shown);
  });
}

// proxmox-time/src/time_span.rs tests::from_duration_max: Duration::MAX has years > 0.
test('time span from Duration::MAX has years above 0 (tests::from_duration_max)', () => {
  assert.ok(fromDuration((1n << 64n) - 1n, 999_999_999).years > 0);
});

// ---------------------------------------------------------------------------------------------
// Byte sizes

function size(text: string): HumanByte {
  const r = parseHumanByte(text);
  assert.ok(r.ok, `${JSON.stringify(text)} should parse: ${r.ok ? '' : r.message}`);
  return r.value;
}

// proxmox-human-byte/src/lib.rs tests::test_human_byte_parser: negative sizes are rejected.
test('human byte rejects a negative size: "-10" (test_human_byte_parser)', () => {
  assert.equal(parseHumanByte('-10').ok, false);
});

// proxmox-human-byte/src/lib.rs tests::test_human_byte_parser: [input, size, unit, Display].
// Rust's SizeUnit variants map to our symbols: Byte B, KByte KB, MByte MB, GByte GB, TByte TB,
// Kibi KiB, Mebi MiB, Gibi GiB.
const BYTE_CASES: ({ text: string; size: number; unit: SizeUnit; shown: string })[] = [
  { text: '14', size: 14.0, unit: 'B', shown: '14 B' },
  { text: '14.4', size: 14.4, unit: 'B', shown: '14.4 B' },
  { text: '14.45', size: 14.45, unit: 'B', shown: '14.45 B' },
  { text: '14.456', size: 14.456, unit: 'B', shown: '14.456 B' },
  { text: '14.4567', size: 14.4567, unit: 'B', shown: '14.457 B' },
  { text: '987654321', size: 987654321.0, unit: 'B', shown: '987654321 B' },
  { text: '1300b', size: 1300.0, unit: 'B', shown: '1300 B' },
  { text: '1300B', size: 1300.0, unit: 'B', shown: '1300 B' },
  { text: '1300 B', size: 1300.0, unit: 'B', shown: '1300 B' },
  { text: '1300 b', size: 1300.0, unit: 'B', shown: '1300 B' },
  { text: '1.5KB', size: 1.5, unit: 'KB', shown: '1.5 KB' },
  { text: '1.5kb', size: 1.5, unit: 'KB', shown: '1.5 KB' },
  { text: '1.654321MB', size: 1.654_321, unit: 'MB', shown: '1.654 MB' },
  { text: '2.0GB', size: 2.0, unit: 'GB', shown: '2 GB' },
  { text: '1.4TB', size: 1.4, unit: 'TB', shown: '1.4 TB' },
  { text: '1.4tb', size: 1.4, unit: 'TB', shown: '1.4 TB' },
  { text: '2KiB', size: 2.0, unit: 'KiB', shown: '2 KiB' },
  { text: '2Ki', size: 2.0, unit: 'KiB', shown: '2 KiB' },
  { text: '2kib', size: 2.0, unit: 'KiB', shown: '2 KiB' },
  { text: '2.3454MiB', size: 2.3454, unit: 'MiB', shown: '2.345 MiB' },
  { text: '2.3456MiB', size: 2.3456, unit: 'MiB', shown: '2.346 MiB' },
  { text: '4gib', size: 4.0, unit: 'GiB', shown: '4 GiB' },
];
for (const c of BYTE_CASES) {
  // proxmox-human-byte/src/lib.rs tests::test_human_byte_parser
  test(`human byte: ${JSON.stringify(c.text)} is ${c.size} ${c.unit}, shown ${JSON.stringify(c.shown)}`, () => {
    const h = size(c.text);
    assert.equal(h.size, c.size);
    assert.equal(h.unit, c.unit);
    assert.equal(formatHumanByteValue(h), c.shown);
  });
}

// proxmox-human-byte/src/lib.rs tests::test_human_byte_parser: "1.2345678" with a Display
// precision of 0 to 8.
const PRECISION_CASES: ({ precision: number; shown: string })[] = [
  { precision: 0, shown: '1 B' },
  { precision: 1, shown: '1.2 B' },
  { precision: 2, shown: '1.23 B' },
  { precision: 3, shown: '1.235 B' },
  { precision: 4, shown: '1.2346 B' },
  { precision: 5, shown: '1.23457 B' },
  { precision: 6, shown: '1.234568 B' },
  { precision: 7, shown: '1.2345678 B' },
  { precision: 8, shown: '1.2345678 B' },
];
for (const c of PRECISION_CASES) {
  // proxmox-human-byte/src/lib.rs tests::test_human_byte_parser
  test(`human byte: "1.2345678" with precision ${c.precision} shows ${JSON.stringify(c.shown)}`, () => {
    assert.equal(formatHumanByteValue(size('1.2345678'), c.precision), c.shown);
  });
}

// proxmox-human-byte/src/lib.rs tests::test_human_byte_parser: as_f64 of "1.2345678", printed
// with `{:.0}`, is "1" (the raw byte count without unit).
test('human byte: "1.2345678" is 1.2345678 bytes, "1" at precision 0 (test_human_byte_parser)', () => {
  const h = size('1.2345678');
  assert.equal(h.bytes, 1.2345678);
  assert.equal(h.bytes.toFixed(0), '1');
});

// proxmox-human-byte/src/lib.rs tests::test_human_byte_auto_unit_decimal
const DECIMAL_CASES: ({ bytes: number; shown: string })[] = [
  { bytes: 987, shown: '987 B' },
  { bytes: 1022, shown: '1.022 KB' },
  { bytes: 9_000, shown: '9 KB' },
  { bytes: 1_000, shown: '1 KB' },
  { bytes: 1_000_000, shown: '1 MB' },
  { bytes: 1_000_000_000, shown: '1 GB' },
  { bytes: 1_000_000_000_000, shown: '1 TB' },
  { bytes: 1_000_000_000_000_000, shown: '1 PB' },
  { bytes: 2 ** 30 + 103 * 2 ** 20, shown: '1.182 GB' },
  { bytes: 2 ** 30 + 128 * 2 ** 20, shown: '1.208 GB' },
  { bytes: 2 * 2 ** 50 + 500 * 2 ** 40, shown: '2.802 PB' },
];
for (const c of DECIMAL_CASES) {
  // proxmox-human-byte/src/lib.rs tests::test_human_byte_auto_unit_decimal
  test(`human byte auto-scaled decimal: ${c.bytes} shows ${JSON.stringify(c.shown)}`, () => {
    assert.equal(formatHumanByte(c.bytes, 'decimal'), c.shown);
  });
}

// proxmox-human-byte/src/lib.rs tests::test_human_byte_auto_unit_binary (From<u64>: binary units)
const BINARY_CASES: ({ bytes: number; shown: string })[] = [
  { bytes: 0, shown: '0 B' },
  { bytes: 987, shown: '987 B' },
  { bytes: 1022, shown: '1022 B' },
  { bytes: 9_000, shown: '8.789 KiB' },
  { bytes: 10_000_000, shown: '9.537 MiB' },
  { bytes: 10_000_000_000, shown: '9.313 GiB' },
  { bytes: 10_000_000_000_000, shown: '9.095 TiB' },
  { bytes: 2 ** 10, shown: '1 KiB' },
  { bytes: 2 ** 10 * 10, shown: '10 KiB' },
  { bytes: 2 ** 20, shown: '1 MiB' },
  { bytes: 2 ** 30, shown: '1 GiB' },
  { bytes: 2 ** 40, shown: '1 TiB' },
  { bytes: 2 ** 50, shown: '1 PiB' },
  { bytes: 2 ** 30 + 103 * 2 ** 20, shown: '1.101 GiB' },
  { bytes: 2 ** 30 + 128 * 2 ** 20, shown: '1.125 GiB' },
  { bytes: 2 ** 40 + 128 * 2 ** 30, shown: '1.125 TiB' },
  { bytes: 2 * 2 ** 50 + 512 * 2 ** 40, shown: '2.5 PiB' },
];
for (const c of BINARY_CASES) {
  // proxmox-human-byte/src/lib.rs tests::test_human_byte_auto_unit_binary
  test(`human byte auto-scaled binary: ${c.bytes} shows ${JSON.stringify(c.shown)}`, () => {
    assert.equal(formatHumanByte(c.bytes, 'binary'), c.shown);
  });
}
