// Auto-scaled sizes as PBS displays them. Cases carried over from proxmox-human-byte
// (proxmox-rs f3305009) proxmox-human-byte/src/lib.rs test_human_byte_auto_unit_decimal and
// test_human_byte_auto_unit_binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoScaleUnit, formatHumanByte, rustFloatDisplay } from '../../../../core/format/human-byte.ts';

test('decimal auto-scaling (test_human_byte_auto_unit_decimal)', () => {
  const cases: [number, string][] = [
    [987, '987 B'],
    [1022, '1.022 KB'],
    [9_000, '9 KB'],
    [1_000, '1 KB'],
    [1_000_000, '1 MB'],
    [1_000_000_000, '1 GB'],
    [1_000_000_000_000, '1 TB'],
    [1_000_000_000_000_000, '1 PB'],
    [2 ** 30 + 103 * 2 ** 20, '1.182 GB'],
    [2 ** 30 + 128 * 2 ** 20, '1.208 GB'],
    [2 * 2 ** 50 + 500 * 2 ** 40, '2.802 PB'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatHumanByte(bytes, 'decimal'), text, String(bytes));
});

test('binary auto-scaling, the default (test_human_byte_auto_unit_binary)', () => {
  const cases: [number, string][] = [
    [0, '0 B'],
    [987, '987 B'],
    [1022, '1022 B'],
    [9_000, '8.789 KiB'],
    [10_000_000, '9.537 MiB'],
    [10_000_000_000, '9.313 GiB'],
    [10_000_000_000_000, '9.095 TiB'],
    [2 ** 10, '1 KiB'],
    [2 ** 10 * 10, '10 KiB'],
    [2 ** 20, '1 MiB'],
    [2 ** 30, '1 GiB'],
    [2 ** 40, '1 TiB'],
    [2 ** 50, '1 PiB'],
    [2 ** 30 + 103 * 2 ** 20, '1.101 GiB'],
    [2 ** 30 + 128 * 2 ** 20, '1.125 GiB'],
    [2 ** 40 + 128 * 2 ** 30, '1.125 TiB'],
    [2 * 2 ** 50 + 512 * 2 ** 40, '2.5 PiB'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatHumanByte(bytes), text, String(bytes));
});

test('binary scaling goes by the bit length of the whole byte count', () => {
  assert.equal(autoScaleUnit(1023.9, 'binary'), 'B');
  assert.equal(formatHumanByte(1023.9), '1023.9 B');
  assert.equal(autoScaleUnit(2 ** 20 - 1, 'binary'), 'KiB');
  assert.equal(formatHumanByte(2 ** 20 - 1), '1023.999 KiB');
  assert.equal(formatHumanByte(2 ** 20 - 0.1), '1024 KiB'); // rounded after scaling, as PBS does
  assert.equal(formatHumanByte(2 ** 70), '1048576 PiB');
  assert.equal(formatHumanByte(NaN), 'NaN B');
});

test('floats print like Rust: shortest digits, never an exponent', () => {
  assert.equal(rustFloatDisplay(1e22), '10000000000000000000000');
  assert.equal(rustFloatDisplay(1.2345678901234569e23), '123456789012345690000000');
  assert.equal(rustFloatDisplay(1e-7), '0.0000001');
  assert.equal(rustFloatDisplay(2.5e-42), '0.0000000000000000000000000000000000000000025');
  assert.equal(rustFloatDisplay(-0), '-0');
  assert.equal(rustFloatDisplay(Infinity), 'inf');
  assert.equal(rustFloatDisplay(NaN), 'NaN');
  assert.equal(rustFloatDisplay(14.457), '14.457');
});
