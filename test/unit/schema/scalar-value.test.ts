// Scalars as proxmox-schema reads them: booleans and integers read where they stand in a text
// (what the fast path of clean sections and the full check share) against the way Rust reads
// them: parse_boolean's `to_lowercase()` match (JavaScript's toLowerCase agrees with Rust's on
// every character), and `i64::from_str` (BigInt in range).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FAILED, booleanIn, scalarValue, shortIntegerIn } from '../../../schema/scalar-value.ts';

/** proxmox-schema/src/schema.rs parse_boolean, as written there. */
function rustBoolean(text: string): boolean | undefined {
  switch (text.toLowerCase()) {
    case '1':
    case 'on':
    case 'yes':
    case 'true':
      return true;
    case '0':
    case 'off':
    case 'no':
    case 'false':
      return false;
    default:
      return undefined;
  }
}

/** Rust's i64 parse: an optional sign and ASCII digits, in range. */
function rustI64(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n < -(2n ** 63n) || n > 2n ** 63n - 1n ? undefined : Number(text);
}

const WORDS = ['1', '0', 'on', 'no', 'yes', 'off', 'true', 'false'];
/** Every spelling in every case, and the characters that lower-case to ASCII (U+0130, U+212A). */
const spellings = WORDS.flatMap((w) => {
  const out = [''];
  for (const c of w) out.splice(0, out.length, ...out.flatMap((p) => [p + c, p + c.toUpperCase()]));
  return out;
});
const near = fc.oneof(
  fc.constantFrom(...spellings, 'İ', 'K', 'tru\u212a', 'ye\u0130', '', 'truee', ' true', '2', 'nO ', 'of'),
  fc.string({ unit: fc.constantFrom('t', 'r', 'u', 'e', 'T', 'E', 'o', 'n', 'f', 'F', 'a', 'l', 's', 'y', '1', '0', 'İ', 'K'), maxLength: 6 }),
);

test('booleans: every spelling in every case, read where it stands, as parse_boolean reads it', () => {
  for (const s of spellings) assert.equal(booleanIn(`xx${s}yy`, 2, 2 + s.length), rustBoolean(s), s);
  fc.assert(
    fc.property(near, fc.string({ maxLength: 3 }), (s, pad) => {
      assert.equal(booleanIn(pad + s + pad, pad.length, pad.length + s.length), rustBoolean(s));
      assert.equal(scalarValue('boolean', s), rustBoolean(s) ?? FAILED);
    }),
    { numRuns: 3000 },
  );
});

test("integers: short ones read where they stand, longer ones with BigInt, as Rust's i64 parse reads them", () => {
  const ints = fc.oneof(
    fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
    fc.integer().map(String),
    fc.constantFrom('+5', '-0', '007', '', '+', '-', '1.0', '1e3', '0x10', '999999999999999', '9999999999999999', '-999999999999999', '+999999999999999', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '٣', ' 1'),
  );
  fc.assert(
    fc.property(ints, (s) => {
      const expected = rustI64(s);
      assert.equal(scalarValue('integer', s), expected ?? FAILED, s);
      const short = shortIntegerIn(`a${s}b`, 1, 1 + s.length);
      if (s.length <= 15) assert.equal(short, expected, s);
      else assert.equal(short, undefined, `${s}: longer than 15 characters is not read here`);
    }),
    { numRuns: 3000 },
  );
});
