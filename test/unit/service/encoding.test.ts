// The UTF-8 check of the service is portable (TextDecoder), and must say exactly what Node's
// isUtf8 says on every input: the CLI's findings on a file's bytes depend on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { invalidUtf8Problem, isUtf8 } from '../../../service/encoding.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

test('the edge cases of UTF-8 are judged as node:buffer judges them', () => {
  const cases: [Uint8Array, boolean][] = [
    [bytes(), true],
    [bytes(0xef, 0xbb, 0xbf, 0x61), true], // a BOM
    [bytes(0xc3, 0xa4), true], // ä
    [bytes(0xf0, 0x9f, 0x98, 0x80), true], // U+1F600
    [bytes(0xf4, 0x8f, 0xbf, 0xbf), true], // U+10FFFF, the last code point
    [bytes(0xc0, 0xaf), false], // overlong '/'
    [bytes(0xe0, 0x80, 0xaf), false], // overlong, three bytes
    [bytes(0xed, 0xa0, 0x80), false], // a UTF-16 surrogate
    [bytes(0xf4, 0x90, 0x80, 0x80), false], // above U+10FFFF
    [bytes(0xc3), false], // cut short
    [bytes(0x80), false], // a lone continuation byte
    [bytes(0xff), false],
    [bytes(0x61, 0x00, 0x62), true], // NUL is valid UTF-8
  ];
  for (const [b, valid] of cases) {
    assert.equal(isUtf8(b), valid, `${[...b].map((x) => x.toString(16)).join(' ')}`);
    assert.equal(nodeIsUtf8(b), valid);
  }
});

test('on any bytes, isUtf8 agrees with node:buffer', () => {
  // mostly-valid text with stray bytes finds the interesting boundaries faster than pure noise
  const mixed = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }).map((s) => [...new TextEncoder().encode(s)]), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })), { maxLength: 20 });
  fc.assert(
    fc.property(mixed, (parts) => {
      const b = Uint8Array.from(parts.flat());
      return isUtf8(b) === nodeIsUtf8(b);
    }),
    { numRuns: 3000 },
  );
});

test('invalidUtf8Problem points at the first replaced sequence, and says nothing on valid bytes', () => {
  const b = bytes(0x61, 0x62, 0xff, 0x63);
  const text = new TextDecoder().decode(b);
  assert.deepEqual(invalidUtf8Problem(b, text), {
    start: 2,
    end: 3,
    code: 'syntax',
    severity: 'error',
    message: 'the file is not valid UTF-8 here: PBS refuses to read the whole file. Re-save it as UTF-8.',
  });
  assert.equal(invalidUtf8Problem(bytes(0x61), 'a'), undefined);
});

test('a text decoded with replacement and holding no U+FFFD came from valid UTF-8 (every sequence of up to three bytes, four-byte ones around every lead byte)', () => {
  const unsound: string[] = [];
  const check = (b: Uint8Array) => {
    if (!Buffer.from(b).toString('utf8').includes('\uFFFD') && !isUtf8(b)) unsound.push([...b].map((x) => x.toString(16)).join(' '));
  };
  const b3 = new Uint8Array(3);
  for (let a = 0; a < 256; a++) {
    check(Uint8Array.of(a));
    for (let b = 0; b < 256; b++) {
      check(Uint8Array.of(a, b));
      // three bytes: every second byte, the third at the edges of each byte class
      for (const c of [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xef, 0xf0, 0xf4, 0xf5, 0xff]) {
        b3[0] = a;
        b3[1] = b;
        b3[2] = c;
        check(b3);
        if (a >= 0xf0) for (const d of [0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xff]) check(Uint8Array.of(a, b, c, d));
      }
    }
  }
  assert.deepEqual(unsound.slice(0, 5), []);
});

test('invalidUtf8Problem on bytes decoded with replacement: a problem exactly when the bytes are not UTF-8, also for a real U+FFFD', () => {
  const enc = new TextEncoder();
  for (const b of [enc.encode('a\uFFFDb'), enc.encode('\uFFFD'), bytes(0xef, 0xbf, 0xbd, 0xff), bytes(0xff, 0xef, 0xbf, 0xbd), bytes(0x61), bytes(0xed, 0xa0, 0x80), bytes(0xc0, 0xaf, 0x61)]) {
    const problem = invalidUtf8Problem(b, Buffer.from(b).toString('utf8'));
    assert.equal(problem === undefined, nodeIsUtf8(b), [...b].map((x) => x.toString(16)).join(' '));
  }
  // a real U+FFFD before a bad byte: the problem is at the first U+FFFD of the text
  assert.equal(invalidUtf8Problem(bytes(0xef, 0xbf, 0xbd, 0xff), '\uFFFD\uFFFD')?.start, 0);
});
