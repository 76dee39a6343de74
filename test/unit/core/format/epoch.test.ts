// Epoch seconds shown in a zone and in UTC, and ISO 8601 input for --from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEpoch, formatUtcOffset, isoInZone, parseIsoDateTime, zonedTime } from '../../../../core/format/epoch.ts';

test('epoch as ISO local and UTC', () => {
  assert.deepEqual(formatEpoch(0, 'UTC'), { local: '1970-01-01T00:00:00+00:00', utc: '1970-01-01T00:00:00Z' });
  assert.deepEqual(formatEpoch(1596153600, 'Europe/Vienna'), { local: '2020-07-31T02:00:00+02:00', utc: '2020-07-31T00:00:00Z' });
  assert.deepEqual(formatEpoch(1735689600, 'Asia/Kolkata'), { local: '2025-01-01T05:30:00+05:30', utc: '2025-01-01T00:00:00Z' });
  assert.deepEqual(formatEpoch(1735689600, 'America/St_Johns')?.local, '2024-12-31T20:30:00-03:30');
  assert.deepEqual(zonedTime(1735689600, 'Pacific/Chatham'), { wallClock: '2025-01-01 13:45:00', offset: 49500, timeZone: 'Pacific/Chatham' });
});

test('offsets', () => {
  assert.equal(formatUtcOffset(3600), '+01:00');
  assert.equal(formatUtcOffset(-12600), '-03:30');
  assert.equal(formatUtcOffset(0), '+00:00');
});

test('ISO 8601 input, with and without offset', () => {
  assert.equal(parseIsoDateTime('2020-07-31T00:00:00Z'), 1596153600);
  assert.equal(parseIsoDateTime('2020-07-31 02:00:00+02:00'), 1596153600);
  assert.equal(parseIsoDateTime('2020-07-31T02:00+0200'), 1596153600);
  assert.equal(parseIsoDateTime('2020-07-31', 'UTC'), 1596153600);
  assert.equal(parseIsoDateTime('2020-07-31T02:00', 'Europe/Vienna'), 1596153600);
  // 02:30 does not exist in Vienna on 2025-03-30: moved forward by the gap, like mktime.
  assert.equal(formatEpoch(parseIsoDateTime('2025-03-30T02:30', 'Europe/Vienna')!, 'Europe/Vienna')?.local, '2025-03-30T03:30:00+02:00');
  for (const bad of ['2025-02-30', '2025-13-01', '2025-01-01T24:00', 'yesterday', '2025-1-1', '']) assert.equal(parseIsoDateTime(bad, 'UTC'), undefined, bad);
});

test('an epoch beyond any calendar date (PBS stores i64) has no date, and does not throw', () => {
  assert.equal(formatEpoch(2 ** 63 - 1, 'UTC'), undefined); // i64::MAX as a double
  assert.equal(formatEpoch(-9_000_000_000_000, 'Europe/Vienna'), undefined);
  assert.equal(formatEpoch(Number.NaN), undefined);
  assert.equal(formatEpoch(8_000_000_000_000, 'UTC')?.utc, '255479-11-28T14:13:20Z');
});

test('isoInZone writes the wall clock localtime reads (zonedTime), every 7 minutes over DST changes and a leap day', () => {
  for (const zone of ['Europe/Vienna', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC']) {
    for (const start of ['2024-02-28T00:00:00Z', '2025-03-29T00:00:00Z', '2025-04-05T00:00:00Z', '2025-10-04T00:00:00Z', '2025-10-25T00:00:00Z', '1969-12-31T00:00:00Z']) {
      const from = Date.parse(start) / 1000;
      for (let t = from; t < from + 3 * 86_400; t += 7 * 60 + 13) {
        const z = zonedTime(t, zone);
        assert.equal(isoInZone(t, zone), `${z.wallClock.replace(' ', 'T')}${formatUtcOffset(z.offset)}`, `${zone} ${t}`);
      }
    }
  }
});
