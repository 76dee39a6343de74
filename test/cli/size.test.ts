// `pbs-tools size`: bytes, PBS's binary and decimal display, the written-back form, SI notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.ts';

test('an SI size: bytes, both displays, how PBS writes it, and the MiB note', async () => {
  const r = await runCli(['size', '10MB']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      '10MB',
      '  bytes:   10000000 (10 000 000)',
      '  binary:  9.537 MiB',
      '  decimal: 10 MB',
      '  written: 10 MB',
      '  note: MB is a decimal (SI) unit: 1 MB = 1 000 000 bytes. For powers of 1024 write MiB: 10 MiB = 10 485 760 bytes.',
      '',
    ].join('\n'),
  );
});

test('binary sizes and plain byte counts carry no note', async () => {
  const r = await runCli(['size', '10MiB', '1048576', '1.2345kib']);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.stdout, /note/);
  assert.match(r.stdout, /^10MiB\n {2}bytes: {3}10485760 \(10 485 760\)\n {2}binary: {2}10 MiB\n {2}decimal: 10.486 MB\n {2}written: 10 MiB\n/);
  assert.match(r.stdout, /1048576\n {2}bytes: {3}1048576 \(1 048 576\)\n {2}binary: {2}1 MiB\n/);
  assert.match(r.stdout, /1\.2345kib\n {2}bytes: {3}1264 \(1 264\)\n {2}binary: {2}1\.235 KiB\n {2}decimal: 1\.264 KB\n {2}written: 1\.235 KiB\n/);
});

test('invalid sizes: the reason, the others still shown, exit 1', async () => {
  const r = await runCli(['size', '1KIB', '2GB', '--', '-5']); // '--' lets a value start with '-'
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^2GB\n/);
  assert.equal(
    r.stderr,
    "pbs-tools size: '1KIB' is not a valid size (column 2): unknown unit 'KIB': the 'i' of binary units must be lower-case ('KiB')\n" +
      "pbs-tools size: '-5' is not a valid size (column 1): a size cannot be negative\n",
  );
});

test('usage', async () => {
  const none = await runCli(['size']);
  assert.equal(none.code, 2);
  const help = await runCli(['size', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pbs-tools size VALUE/);
});
