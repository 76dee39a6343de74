// Sizes against PBS. Cases carried over from proxmox-human-byte (proxmox-rs f3305009)
// proxmox-human-byte/src/lib.rs test_human_byte_parser; the rest checked against that parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHumanByte } from '../../../grammar/human-byte.ts';
import { formatHumanByteValue, humanByteToU64, type SizeUnit } from '../../../core/format/human-byte.ts';

// [input, size, unit, how PBS prints it back]
const PBS_CASES: [string, number, SizeUnit, string][] = [
  ['14', 14.0, 'B', '14 B'],
  ['14.4', 14.4, 'B', '14.4 B'],
  ['14.45', 14.45, 'B', '14.45 B'],
  ['14.456', 14.456, 'B', '14.456 B'],
  ['14.4567', 14.4567, 'B', '14.457 B'],
  ['987654321', 987654321.0, 'B', '987654321 B'],
  ['1300b', 1300.0, 'B', '1300 B'],
  ['1300B', 1300.0, 'B', '1300 B'],
  ['1300 B', 1300.0, 'B', '1300 B'],
  ['1300 b', 1300.0, 'B', '1300 B'],
  ['1.5KB', 1.5, 'KB', '1.5 KB'],
  ['1.5kb', 1.5, 'KB', '1.5 KB'],
  ['1.654321MB', 1.654321, 'MB', '1.654 MB'],
  ['2.0GB', 2.0, 'GB', '2 GB'],
  ['1.4TB', 1.4, 'TB', '1.4 TB'],
  ['1.4tb', 1.4, 'TB', '1.4 TB'],
  ['2KiB', 2.0, 'KiB', '2 KiB'],
  ['2Ki', 2.0, 'KiB', '2 KiB'],
  ['2kib', 2.0, 'KiB', '2 KiB'],
  ['2.3454MiB', 2.3454, 'MiB', '2.345 MiB'],
  ['2.3456MiB', 2.3456, 'MiB', '2.346 MiB'],
  ['4gib', 4.0, 'GiB', '4 GiB'],
  // checked against proxmox-human-byte
  ['10 MiB', 10, 'MiB', '10 MiB'],
  ['1i', 1, 'B', '1 B'],
  ['5 i', 5, 'B', '5 B'],
  ['+5', 5, 'B', '5 B'],
  ['.5', 0.5, 'B', '0.5 B'],
  ['5.', 5, 'B', '5 B'],
  ['1e3k', 1000, 'KB', '1000 KB'],
  ['1.e3', 1000, 'B', '1000 B'],
  ['1E-7', 1e-7, 'B', '0 B'],
  ['1e22 MiB', 1e22, 'MiB', '10000000000000000000000 MiB'],
  ['-0', -0, 'B', '-0 B'],
  ['inF', Infinity, 'B', 'inf B'],
  ['infinityk', Infinity, 'KB', 'inf KB'],
  ['NAN', NaN, 'B', 'NaN B'],
  ['12.5mb', 12.5, 'MB', '12.5 MB'],
  ['1Pi', 1, 'PiB', '1 PiB'],
];

test('sizes PBS accepts, and how it writes them back (test_human_byte_parser)', () => {
  for (const [input, size, unit, printed] of PBS_CASES) {
    const r = parseHumanByte(input);
    assert.ok(r.ok, `${input}: ${r.ok ? '' : r.message}`);
    assert.ok(Object.is(r.value.size, size), `${input}: size ${r.value.size}`);
    assert.equal(r.value.unit, unit, input);
    assert.equal(formatHumanByteValue(r.value), printed, input);
  }
});

test('precision of the printed form (test_human_byte_parser, {:.N})', () => {
  const r = parseHumanByte('1.2345678');
  assert.ok(r.ok);
  const expected = ['1 B', '1.2 B', '1.23 B', '1.235 B', '1.2346 B', '1.23457 B', '1.234568 B', '1.2345678 B', '1.2345678 B'];
  expected.forEach((e, p) => assert.equal(formatHumanByteValue(r.value, p), e, `precision ${p}`));
});

test('bytes, binary/SI flags and the u64 PBS uses', () => {
  const cases: [string, number, boolean, boolean, bigint][] = [
    ['10MB', 10_000_000, false, true, 10_000_000n],
    ['10MiB', 10_485_760, true, false, 10_485_760n],
    ['2Ki', 2048, true, false, 2048n],
    ['1.5kb', 1500, false, true, 1500n],
    ['12.5mb', 12_500_000, false, true, 12_500_000n],
    ['1.005KB', 1004.9999999999999, false, true, 1004n],
    ['1234', 1234, false, false, 1234n],
    ['inf', Infinity, false, false, 18446744073709551615n],
    ['nan', NaN, false, false, 0n],
  ];
  for (const [input, bytes, binary, si, u64] of cases) {
    const r = parseHumanByte(input);
    assert.ok(r.ok, input);
    assert.ok(Object.is(r.value.bytes, bytes), `${input}: ${r.value.bytes}`);
    assert.deepEqual([r.value.binary, r.value.si, humanByteToU64(r.value)], [binary, si, u64], input);
  }
});

// [input, offset, length, message]
const ERRORS: [string, number, number, string][] = [
  ['-10', 0, 3, 'a size cannot be negative'],
  ['-inf', 0, 4, 'a size cannot be negative'],
  ['', 0, 0, 'empty size: expected a number with an optional unit (B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))'],
  ['B', 0, 1, 'a size needs a number before the unit'],
  ['1KIB', 1, 3, "unknown unit 'KIB': the 'i' of binary units must be lower-case ('KiB')"],
  ['10 MiBs', 3, 4, "unknown unit 'MiBs': write the symbol without plural or words (B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))"],
  ['5 bytes', 2, 5, "unknown unit 'bytes': write the symbol without plural or words (B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))"],
  ['1EiB', 1, 3, "unit 'EiB' is not supported: the largest units are PB and PiB"],
  ['10 M iB', 3, 4, "unknown unit 'M iB' (use B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))"],
  [' 5', 0, 1, 'a size may not start with a blank'],
  ['1 kb ', 4, 1, 'a size may not end with a blank'],
  ['0x10', 1, 3, "unknown unit 'x10' (use B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))"],
  ['1_0', 1, 2, "unknown unit '_0' (use B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024))"],
  ['1e', 1, 1, "unit 'e' is not supported: the largest units are PB and PiB"],
  ['e5', 0, 2, "expected a number at the start of 'e5'"],
];

test('sizes PBS rejects, with the reason', () => {
  for (const [input, offset, length, message] of ERRORS) {
    const r = parseHumanByte(input);
    assert.ok(!r.ok, input);
    assert.deepEqual({ offset: r.offset, length: r.length, message: r.message }, { offset, length, message }, input);
  }
});

test('printing what was parsed parses back to the same size (three decimals or fewer)', () => {
  const units = ['', 'B', 'KB', 'kb', 'MiB', 'Gi', 'tb', 'PiB', ' MiB', ' KB'];
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...units), (n, decimals, unit) => {
      const text = `${(n / 10 ** decimals).toFixed(decimals)}${unit}`;
      const a = parseHumanByte(text);
      assert.ok(a.ok, text);
      const printed = formatHumanByteValue(a.value);
      const b = parseHumanByte(printed);
      assert.ok(b.ok, printed);
      assert.deepEqual(b.value, a.value, `${text} -> ${printed}`);
    }),
    { numRuns: 2000 },
  );
});

test('fuzz: never throws, problems stay inside the value', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 24 }), (s) => {
      const r = parseHumanByte(s);
      if (!r.ok) assert.ok(r.offset >= 0 && r.length >= 0 && r.offset + r.length <= s.length, JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
});
