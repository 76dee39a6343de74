// PBS's own prune tests (proxmox-backup tests/prune.rs) restated as facts, plus the rules they do
// not reach (keep-all, unfinished snapshots, ISO weeks across a year, local time), checked
// against core/prune/select.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectPrune, type KeepOptions, type Snapshot } from '../../../../core/prune/select.ts';
import { fieldsOfWallClock, localFields } from '../../../../core/prune/local-time.ts';

const epoch = (iso: string) => Date.parse(iso) / 1000;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** PBS's get_prune_list: the kept (or removed) snapshots, oldest first. In UTC, as PBS's tests run. */
function pruneList(snapshots: Snapshot[], options: KeepOptions, returnKept: boolean): string[] {
  return selectPrune(snapshots, options, 'UTC')
    .reverse()
    .filter((v) => v.keep === returnKept)
    .map((v) => iso(v.time));
}
const info = (s: string, protectedFlag = false): Snapshot => ({ time: epoch(s), protected: protectedFlag });

test('PBS test_prune_protected: protected snapshots neither go nor count', () => {
  const list = [info('2019-11-15T09:39:15Z', true), info('2019-11-15T10:39:15Z'), info('2019-11-15T10:49:15Z'), info('2019-11-15T10:59:15Z', true)];
  assert.deepEqual(pruneList(list, { 'keep-last': 1 }, false), ['2019-11-15T10:39:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-hourly': 1 }, false), ['2019-11-15T10:39:15Z']);
});

test('PBS test_prune_hourly', () => {
  const list = ['2019-11-15T09:39:15Z', '2019-11-15T10:49:15Z', '2019-11-15T10:59:15Z', '2019-11-15T11:39:15Z', '2019-11-15T11:49:15Z', '2019-11-15T11:59:15Z'].map((s) => info(s));
  assert.deepEqual(pruneList(list, { 'keep-hourly': 3 }, false), ['2019-11-15T10:49:15Z', '2019-11-15T11:39:15Z', '2019-11-15T11:49:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-hourly': 2 }, true), ['2019-11-15T10:59:15Z', '2019-11-15T11:59:15Z']);
});

test('PBS test_prune_simple2: daily, weekly (ISO), monthly and yearly skip periods kept before', () => {
  const list = ['2018-11-15T11:59:15Z', '2019-11-15T11:59:15Z', '2019-11-21T11:59:15Z', '2019-11-22T11:59:15Z', '2019-11-29T11:59:15Z', '2019-12-01T11:59:15Z', '2019-12-02T11:59:15Z', '2019-12-03T11:59:15Z', '2019-12-04T11:59:15Z'].map((s) => info(s));
  assert.deepEqual(pruneList(list, { 'keep-daily': 1 }, true), ['2019-12-04T11:59:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-last': 1, 'keep-daily': 1 }, true), ['2019-12-03T11:59:15Z', '2019-12-04T11:59:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-daily': 1, 'keep-weekly': 1 }, true), ['2019-12-01T11:59:15Z', '2019-12-04T11:59:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-daily': 1, 'keep-weekly': 1, 'keep-monthly': 1 }, true), ['2019-11-22T11:59:15Z', '2019-12-01T11:59:15Z', '2019-12-04T11:59:15Z']);
  assert.deepEqual(pruneList(list, { 'keep-monthly': 1, 'keep-yearly': 1 }, true), ['2018-11-15T11:59:15Z', '2019-12-04T11:59:15Z']);
});

test('PBS test_prune_simple: keep-last, daily, weekly, monthly, yearly on four snapshots', () => {
  const list = ['2019-12-02T11:59:15Z', '2019-12-03T11:59:15Z', '2019-12-04T11:59:15Z', '2019-12-04T12:59:15Z'].map((s) => info(s));
  const all = ['2019-12-02T11:59:15Z', '2019-12-03T11:59:15Z', '2019-12-04T11:59:15Z', '2019-12-04T12:59:15Z'];
  const removed = (o: KeepOptions) => pruneList(list, o, false);
  assert.deepEqual(removed({ 'keep-last': 4 }), []);
  assert.deepEqual(removed({ 'keep-last': 3 }), all.slice(0, 1));
  assert.deepEqual(removed({ 'keep-last': 2 }), all.slice(0, 2));
  assert.deepEqual(removed({ 'keep-last': 1 }), all.slice(0, 3));
  assert.deepEqual(removed({ 'keep-last': 2, 'keep-daily': 2 }), []);
  assert.deepEqual(removed({ 'keep-daily': 3 }), ['2019-12-04T11:59:15Z']);
  assert.deepEqual(removed({ 'keep-daily': 2 }), ['2019-12-02T11:59:15Z', '2019-12-04T11:59:15Z']);
  assert.deepEqual(removed({ 'keep-weekly': 5 }), all.slice(0, 3));
  assert.deepEqual(removed({ 'keep-daily': 1, 'keep-weekly': 5 }), all.slice(0, 3));
  assert.deepEqual(removed({ 'keep-monthly': 6 }), all.slice(0, 3));
  assert.deepEqual(removed({ 'keep-yearly': 7 }), all.slice(0, 3));
  assert.deepEqual(removed({ 'keep-weekly': 5, 'keep-monthly': 6, 'keep-yearly': 7 }), all.slice(0, 3));
});

test("keep-last 0 alone: compute_prune_info removes all, but the job keeps all (keeps_something is false)", () => {
  const list = ['2019-12-02T11:59:15Z', '2019-12-03T11:59:15Z'].map((s) => info(s));
  assert.deepEqual(
    selectPrune(list, { 'keep-last': 0 }, 'UTC').map((v) => [v.keep, v.reason]),
    [
      [true, 'keep-all'],
      [true, 'keep-all'],
    ],
  );
  assert.deepEqual(selectPrune(list, {}, 'UTC').map((v) => v.reason), ['keep-all', 'keep-all']);
});

test('each kept snapshot names the rule that kept it; newest first', () => {
  const list = ['2019-11-22T11:59:15Z', '2019-12-01T11:59:15Z', '2019-12-03T11:59:15Z', '2019-12-04T11:59:15Z'].map((s) => info(s));
  assert.deepEqual(
    selectPrune(list, { 'keep-last': 1, 'keep-daily': 1, 'keep-weekly': 1, 'keep-monthly': 1 }, 'UTC').map((v) => [iso(v.time), v.reason]),
    [
      ['2019-12-04T11:59:15Z', 'keep-last'],
      ['2019-12-03T11:59:15Z', 'keep-daily'],
      ['2019-12-01T11:59:15Z', 'keep-weekly'],
      ['2019-11-22T11:59:15Z', 'keep-monthly'],
    ],
  );
});

test('unfinished snapshots: the newest is kept while no finished one is newer; older ones go', () => {
  const list: Snapshot[] = [
    { time: epoch('2020-01-01T00:00:00Z') },
    { time: epoch('2020-01-02T00:00:00Z'), finished: false },
    { time: epoch('2020-01-03T00:00:00Z'), finished: false },
  ];
  assert.deepEqual(selectPrune(list, { 'keep-last': 5 }, 'UTC').map((v) => v.reason), ['keep-partial', null, 'keep-last']);
  list.push({ time: epoch('2020-01-04T00:00:00Z') });
  assert.deepEqual(selectPrune(list, { 'keep-last': 5 }, 'UTC').map((v) => v.reason), ['keep-last', null, null, 'keep-last']);
});

test('periods are local: 23:30 UTC is the next day in Berlin, so keep-daily keeps two there and one in UTC', () => {
  const list = [info('2024-06-10T21:30:00Z'), info('2024-06-10T22:30:00Z')];
  assert.equal(selectPrune(list, { 'keep-daily': 5 }, 'UTC').filter((v) => v.keep).length, 1);
  assert.equal(selectPrune(list, { 'keep-daily': 5 }, 'Europe/Berlin').filter((v) => v.keep).length, 2);
});

test('ISO weeks: 2020-12-31 and 2021-01-03 are both in week 53 of 2020; 2021-01-04 starts week 1 of 2021', () => {
  assert.deepEqual(pick(fieldsOfWallClock(epoch('2020-12-31T12:00:00Z'))), [2020, 53]);
  assert.deepEqual(pick(fieldsOfWallClock(epoch('2021-01-03T12:00:00Z'))), [2020, 53]);
  assert.deepEqual(pick(fieldsOfWallClock(epoch('2021-01-04T00:00:00Z'))), [2021, 1]);
  assert.deepEqual(pick(fieldsOfWallClock(epoch('2019-12-30T00:00:00Z'))), [2020, 1]);
  const list = [info('2020-12-31T12:00:00Z'), info('2021-01-03T12:00:00Z')];
  assert.equal(selectPrune(list, { 'keep-weekly': 5 }, 'UTC').filter((v) => v.keep).length, 1);
  assert.equal(selectPrune(list, { 'keep-yearly': 5 }, 'UTC').filter((v) => v.keep).length, 2);
});
const pick = (f: { isoYear: number; isoWeek: number }) => [f.isoYear, f.isoWeek];

test('local fields agree with the zone database around DST changes (hour by hour over a year)', () => {
  const start = epoch('2024-01-01T00:00:00Z');
  const epochs = Array.from({ length: 366 * 24 }, (_, i) => start + i * 3600 + 1234);
  for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric' });
    const ours = localFields(epochs, zone);
    epochs.forEach((t, i) => {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t * 1000)).map((x) => [x.type, Number(x.value)]));
      const f = ours[i];
      assert.deepEqual([f.year, f.month, f.day, f.hour], [p.year, p.month, p.day, p.hour], `${zone} at ${iso(t)}`);
    });
  }
});
