// Printing time spans as the newest proxmox-time displays them. Cases carried over from
// proxmox-time (proxmox-rs f3305009) proxmox-time/src/time_span.rs tests (display_*,
// twelve_months_normalization_note, from_duration_exact_month_boundary) and module docs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decomposeTimeSpan, formatParts, formatTimeSpan, formatTimeSpanValue } from '../../../../core/format/time-span.ts';
import { parseTimeSpan } from '../../../../grammar/time-span.ts';

const show = (text: string) => {
  const r = parseTimeSpan(text);
  assert.ok(r.ok, text);
  return formatTimeSpanValue(r.value);
};
const showNs = (secs: number, nanos: number) => formatParts(decomposeTimeSpan(secs, nanos));

test('display of parsed spans (normalized)', () => {
  assert.equal(show('1h 1m 3s'), '1h 1m 3s');
  assert.equal(show('1 hour 1 minute 3 second'), '1h 1m 3s');
  assert.equal(show('1h 30m'), '1h 30m');
  assert.equal(show('90m'), '1h 30m');
  assert.equal(show('12M'), '1y 43m 12s');
  assert.equal(show('300ms20s 5day'), '5d 20.3s');
  assert.equal(show('1y 2M 3w 4d 5h 6m 7s'), '1y 2M 3w 4d 5h 6m 7s');
  assert.equal(show('26h'), '1d 2h');
  assert.equal(show('0s'), '0s');
});

test('display of seconds and sub-seconds (display_* tests)', () => {
  assert.equal(showNs(0, 0), '0s');
  assert.equal(showNs(0, 1), '<0.1s');
  assert.equal(showNs(0, 50_000), '<0.1s');
  assert.equal(showNs(0, 50_000_000), '<0.1s');
  assert.equal(showNs(0, 500_000_000), '0.5s');
  assert.equal(showNs(0, 100_000_000), '0.1s');
  assert.equal(showNs(1, 800_000_000), '1.8s');
  assert.equal(showNs(1, 200_000_000), '1.2s');
  assert.equal(showNs(0, 999_000_000), '1s');
  assert.equal(showNs(1, 999_000_000), '2s');
  assert.equal(showNs(5, 0), '5s');
  assert.equal(showNs(2 * 3600 + 10, 0), '2h 10s');
  assert.equal(showNs(31_557_600 + 2 * 2_630_016 + 3 * 604_800 + 4 * 86_400, 0), '1y 2M 3w 4d');
  assert.equal(showNs(2_630_016 + 86_400 + 3, 0), '1M 1d 3s');
  assert.equal(showNs(3600, 50_000_000), '1h'); // a sub-second rest next to larger units is dropped
  assert.equal(showNs(119, 960_000_000), '1m 60s'); // PBS rounds the seconds after splitting
});

test('formatTimeSpan takes seconds as a number', () => {
  assert.equal(formatTimeSpan(5400), '1h 30m');
  assert.equal(formatTimeSpan(432020.3), '5d 20.3s');
  assert.equal(formatTimeSpan(0), '0s');
  assert.equal(formatTimeSpan(-3), '0s');
  assert.equal(formatTimeSpan(0.04), '<0.1s');
  assert.equal(formatTimeSpan(31_560_192), '1y 43m 12s');
});

test('print then parse gives the same span for whole seconds', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (secs) => {
      const printed = formatTimeSpan(secs);
      const back = parseTimeSpan(printed);
      assert.ok(back.ok, printed);
      assert.equal(back.value.wholeSeconds, secs, printed);
      assert.equal(back.value.nanos, 0);
    }),
    { numRuns: 2000 },
  );
});
