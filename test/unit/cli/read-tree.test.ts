// The CLI reads ASCII files as Latin-1 (Node keeps a big one outside the JavaScript heap): the
// text must be what UTF-8 decoding gives, for every kind of byte sequence, small and big.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../../cli/read-tree.ts';
import { rng } from '../../helpers/random.ts';

test('decodeUtf8 gives the UTF-8 decoding: ASCII, Latin-1 bytes, multi-byte and invalid sequences, up to 2 MB', () => {
  const r = rng(16);
  const pieces = [[0x61], [0x0a], [0x09], [0x7f], [0x00], [0xc3, 0xa4], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xff], [0x80], [0xc3], [0xef, 0xbb, 0xbf]];
  for (let round = 0; round < 300; round++) {
    const big = round % 50 === 0;
    const ascii = round % 2 === 0;
    const bytes: number[] = [];
    const length = big ? 2_000_000 : Math.floor(r() * 64);
    while (bytes.length < length) {
      const piece = ascii ? pieces[Math.floor(r() * 5)] : pieces[Math.floor(r() * pieces.length)];
      for (const b of piece) bytes.push(b);
    }
    const buffer = Buffer.from(bytes);
    assert.equal(decodeUtf8(buffer), buffer.toString('utf8'));
  }
});
