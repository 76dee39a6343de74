// `pbs-tools prune simulate` as an admin runs it: a schedule's backups or a list, text and JSON,
// local periods (TZ), and the errors. Build first: npm run build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';

const env = (tz: string) => ({ ...process.env, TZ: tz });
const dir = mkdtempSync(join(tmpdir(), 'pbs-prune-'));

test('a daily schedule over ten days with keep-last 2 and keep-weekly 2: text, newest first, summary on stderr', async () => {
  const r = await runCli(['prune', 'simulate', '--keep-last', '2', '--keep-weekly', '2', '--schedule', '21:00', '--from', '2025-03-01', '--to', '2025-03-11'], { env: env('Europe/Berlin') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '2025-03-10T21:00:00+01:00  keep    keep-last',
      '2025-03-09T21:00:00+01:00  keep    keep-last',
      '2025-03-08T21:00:00+01:00  remove',
      '2025-03-07T21:00:00+01:00  remove',
      '2025-03-06T21:00:00+01:00  remove',
      '2025-03-05T21:00:00+01:00  remove',
      '2025-03-04T21:00:00+01:00  remove',
      '2025-03-03T21:00:00+01:00  remove',
      '2025-03-02T21:00:00+01:00  keep    keep-weekly',
      '2025-03-01T21:00:00+01:00  remove',
      '',
    ].join('\n'),
  );
  // 03-09 (Sunday) closes ISO week 10, already kept by keep-last; 03-02 closes week 9.
  assert.equal(r.stderr, '3 of 10 snapshots kept (2 by keep-last, 1 by keep-weekly), 7 removed; the oldest kept is from 2025-03-02 21:00 (time zone Europe/Berlin)\n');
});

test('--format json: time in the zone, keep, reason', async () => {
  const r = await runCli(['prune', 'simulate', '--keep-daily', '1', '--schedule', '12:00', '--from', '2025-01-01', '--to', '2025-01-03', '--format', 'json', '--utc'], { env: env('Asia/Tokyo') });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    { time: '2025-01-02T12:00:00+00:00', keep: true, reason: 'keep-daily' },
    { time: '2025-01-01T12:00:00+00:00', keep: false, reason: null },
  ]);
});

test('a backup list with protected and partial snapshots, comments, and times in the zone', async () => {
  const list = join(dir, 'backups.txt');
  writeFileSync(list, '# host/elsa\n2019-11-15T09:39:15Z protected\n2019-11-15 11:39:15\n2019-11-15T10:49:15Z\n2019-11-15T11:59:15Z partial\n');
  const r = await runCli(['prune', 'simulate', '--keep-last', '1', '--backups', list, '--format', 'json'], { env: env('UTC') });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).map((d: { reason: string }) => d.reason),
    ['keep-partial', 'keep-last', null, 'protected'],
  );
});

test('no keep option, a keep option of 0, a reversed range, a schedule that never runs: clear usage errors', async () => {
  const cases: [string[], RegExp][] = [
    [['--schedule', 'daily', '--from', '2025-01-01', '--to', '2025-02-01'], /no --keep-\* option given: with no keep option PBS keeps every snapshot/],
    [['--keep-last', '0', '--schedule', 'daily', '--from', '2025-01-01', '--to', '2025-02-01'], /--keep-last wants a whole number of at least 1/],
    [['--keep-last', '1', '--schedule', 'daily', '--from', '2025-02-01', '--to', '2025-01-01'], /the range is reversed or empty/],
    [['--keep-last', '1', '--schedule', '2020-01-01', '--from', '2025-01-01', '--to', '2026-01-01'], /never runs between 2025-01-01 and 2026-01-01/],
    [['--keep-last', '1', '--schedule', 'mon-fri', '--from', '2025-01-01', '--to', '2026-01-01'], /is not a PBS schedule/],
    [['--keep-last', '1'], /give the backups: --backups FILE, or --schedule/],
    [['--keep-last', '1', '--schedule', 'daily', '--from', 'yesterday', '--to', '2026-01-01'], /--from wants an ISO 8601 date/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['prune', 'simulate', ...args], { env: env('UTC') });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('a backup list that is a FIFO or malformed is refused with its line', async () => {
  const fifo = join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const r = await runCli(['prune', 'simulate', '--keep-last', '1', '--backups', fifo], { env: env('UTC'), timeoutMs: 10_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a regular file/);
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, '2025-01-01T00:00:00Z\nlast tuesday\n');
  const b = await runCli(['prune', 'simulate', '--keep-last', '1', '--backups', bad], { env: env('UTC') });
  assert.equal(b.code, 2);
  assert.match(b.stderr, /bad\.txt:2: 'last tuesday' is not a backup time/);
});

test('--job takes the keep options of a prune job of prune.cfg (the file or its folder); errors name the jobs there', async () => {
  const etc = join(dir, 'etc');
  spawnSync('mkdir', ['-p', etc]);
  writeFileSync(join(etc, 'prune.cfg'), 'prune: daily3\n\tstore s1\n\tschedule daily\n\tkeep-daily 3\n\nprune: none\n\tstore s1\n\tschedule daily\n');
  const r = await runCli(['prune', 'simulate', '--job', 'daily3', etc, '--schedule', '12:00', '--from', '2025-01-01', '--to', '2025-01-06', '--format', 'json'], { env: env('UTC') });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).map((d: { reason: string | null }) => d.reason), ['keep-daily', 'keep-daily', 'keep-daily', null, null]);
  const cases: [string[], RegExp][] = [
    [['--job', 'nope', join(etc, 'prune.cfg')], /no prune job 'nope' in .*prune\.cfg; it has daily3, none/],
    [['--job', 'none', etc], /prune job 'none' has no keep-\* option: PBS skips it/],
    [['--job', 'daily3', '--keep-last', '1', etc], /use either --job or --keep-\* options, not both/],
    [['--job', 'daily3'], /--job ID needs the prune\.cfg/],
  ];
  for (const [args, message] of cases) {
    const e = await runCli(['prune', 'simulate', ...args, '--schedule', '12:00', '--from', '2025-01-01', '--to', '2025-01-06'], { env: env('UTC') });
    assert.equal(e.code, 2, args.join(' '));
    assert.match(e.stderr, message);
  }
});
