// `pbs-tools duration`: total seconds and PBS's normalized display.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.ts';

test('seconds and the normalized display', async () => {
  const r = await runCli(['duration', '90m', '12M', '300ms20s 5day', '26h 180s', '1ns']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    '90m: 5400 s = 1h 30m\n12M: 31560192 s = 1y 43m 12s\n300ms20s 5day: 432020.3 s = 5d 20.3s\n26h 180s: 93780 s = 1d 2h 3m\n1ns: 0.000000001 s = <0.1s\n',
  );
});

test('invalid spans: the reason and column, exit 1', async () => {
  const r = await runCli(['duration', '5 mins', '1h']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '1h: 3600 s = 1h\n');
  assert.equal(
    r.stderr,
    "pbs-tools duration: '5 mins' is not a valid time span (column 3): unknown time unit 'mins' (did you mean 'min'?); units are y, M, w, d, h, m, s, ms, us, ns or their long forms\n",
  );
});

test('usage', async () => {
  assert.equal((await runCli(['duration'])).code, 2);
  const help = await runCli(['duration', '-h']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pbs-tools duration VALUE/);
});
