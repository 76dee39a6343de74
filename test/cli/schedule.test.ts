// `pbs-tools schedule` as an admin runs it: the next runs in the local zone (TZ honoured),
// --from, --utc, --tz, -n, and the errors. Build first: npm run build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.ts';

const env = (tz: string) => ({ ...process.env, TZ: tz });

test('next runs in the local zone given by TZ, one per line', async () => {
  const r = await runCli(['schedule', 'mon..fri 02:30', '-n', '3', '--from', '2025-03-28T12:00'], { env: env('Europe/Berlin') });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '2025-03-31 02:30:00+02:00\n2025-04-01 02:30:00+02:00\n2025-04-02 02:30:00+02:00\n');
});

test('default is five runs; the spring-forward gap is skipped as in PBS', async () => {
  const r = await runCli(['schedule', '*:30', '--from', '2025-03-30T00:00'], { env: env('Europe/Berlin') });
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    '2025-03-30 00:30:00+01:00',
    '2025-03-30 01:30:00+01:00',
    '2025-03-30 03:30:00+02:00',
    '2025-03-30 04:30:00+02:00',
    '2025-03-30 05:30:00+02:00',
  ]);
});

test('--utc and --tz choose the server zone; a UTC event ignores it', async () => {
  const utc = await runCli(['schedule', 'daily', '-n', '2', '--from', '2025-01-01T12:00:00Z', '--utc'], { env: env('Asia/Tokyo') });
  assert.equal(utc.stdout, '2025-01-02 00:00:00+00:00\n2025-01-03 00:00:00+00:00\n');
  const tz = await runCli(['schedule', 'daily', '-n', '1', '--from', '2025-01-01', '--tz', 'America/New_York'], { env: env('UTC') });
  assert.equal(tz.stdout, '2025-01-02 00:00:00-05:00\n');
  const ev = await runCli(['schedule', '02:00 UTC', '-n', '1', '--from', '2025-01-01T00:00:00Z'], { env: env('Asia/Tokyo') });
  assert.equal(ev.stdout, '2025-01-01 02:00:00+00:00\n');
});

test('--describe prints what the schedule means first', async () => {
  const r = await runCli(['schedule', 'sat 18:15', '-n', '1', '-d', '--from', '2025-01-01'], { env: env('UTC') });
  assert.equal(r.stdout, '# every Saturday at 18:15 (time zone UTC)\n2025-01-04 18:15:00+00:00\n');
});

test('a schedule that never runs again says so', async () => {
  const r = await runCli(['schedule', '2021-02-29', '--from', '2020-01-01'], { env: env('UTC') });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /never runs after 2020-01-01 00:00:00/);
});

test('an invalid schedule: exit 1, the column and the reason', async () => {
  const r = await runCli(['schedule', 'mon..fir 02:00'], { env: env('UTC') });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "pbs-tools schedule: invalid schedule at column 6: unknown weekday 'fir' (use mon, tue, wed, thu, fri, sat, sun or the full names)\n  mon..fir 02:00\n       ^^^\n",
  );
  const h = await runCli(['schedule', '25:61'], { env: env('UTC') });
  assert.equal(h.code, 1);
  assert.match(h.stderr, /column 4: second 61 is above 59/);
});

test('bad usage: exit 2', async () => {
  for (const args of [['schedule'], ['schedule', 'daily', '-n', '0'], ['schedule', 'daily', '-n', 'x'], ['schedule', 'daily', '--from', 'yesterday'],
    ['schedule', 'daily', '--tz', 'Mars/Olympus'], ['schedule', 'daily', '--bogus'], ['schedule', 'mon', 'fri']]) {
    const r = await runCli(args, { env: env('UTC') });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^pbs-tools schedule: /, args.join(' '));
  }
});

test('--help prints the usage on stdout', async () => {
  const r = await runCli(['schedule', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^usage: pbs-tools schedule EXPR/);
});
