// SHA-256 of buffers, strings, streams and files: PBS's vectors, the openssl CLI on files that
// are not a multiple of the block size, progress, cancellation and the errors of bad paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sha256, sha256Bytes, sha256File, sha256Stream } from '../../../../core/crypto/sha256.ts';
import { HAS_OPENSSL, opensslSha256, opensslSha256File } from './openssl.ts';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const dir = mkdtempSync(join(tmpdir(), 'pbs-sha-'));

test('vectors of crypto-vectors.md §1 and the empty input', () => {
  assert.deepEqual(sha256('hello PBS\n'), { hex: 'b71659ae865dc9ee9ace2018e699a98b238f6252e6b48eb5a1ad685d9d34b6e5', bytes: 10 });
  assert.equal(sha256('Proxmox Backup Encryption Key Fingerprint').hex, '6ed0ef77471fff4d55c7a8fe4a9db62161407f134c725ddf30992d25ec45ed26');
  assert.deepEqual(sha256(''), { hex: EMPTY, bytes: 0 });
  assert.deepEqual(sha256(Buffer.from('hello PBS\n')), sha256('hello PBS\n'));
  assert.equal(sha256('ä').bytes, 2, 'strings are hashed as UTF-8');
  assert.equal(sha256Bytes(Buffer.from('hello '), Buffer.from('PBS\n')).toString('hex'), sha256('hello PBS\n').hex);
});

test('buffers agree with `openssl dgst -sha256`', { skip: !HAS_OPENSSL && 'openssl not installed' }, () => {
  for (const b of [Buffer.alloc(0), Buffer.from('hello PBS\n'), randomBytes(100_000)]) assert.equal(sha256(b).hex, opensslSha256(b));
});

test('files of awkward sizes hash like openssl and createHash, with the byte count', { skip: !HAS_OPENSSL && 'openssl not installed' }, async () => {
  for (const size of [0, 1, 4095, 4096, 4097, (1 << 20) - 1, 1 << 20, (3 << 20) + 12345]) {
    const data = randomBytes(size);
    const path = join(dir, `f-${size}`);
    writeFileSync(path, data);
    const expected = createHash('sha256').update(data).digest('hex');
    assert.equal(opensslSha256File(path), expected);
    assert.deepEqual(await sha256File(path), { hex: expected, bytes: size }, `size ${size}`);
    assert.deepEqual(await sha256File(path, { blockSize: 4096 }), { hex: expected, bytes: size }, `size ${size}, 4 KiB blocks`);
  }
});

test('progress is reported per slice up to the total', async () => {
  const path = join(dir, 'progress');
  writeFileSync(path, randomBytes(10_000));
  const seen: [number, number | undefined][] = [];
  await sha256File(path, { blockSize: 4096, sliceBytes: 4096, onProgress: (d, t) => seen.push([d, t]) });
  assert.deepEqual(seen, [
    [4096, 10_000],
    [8192, 10_000],
    [10_000, 10_000],
  ]);
  seen.length = 0;
  await sha256File(path, { blockSize: 1000, sliceBytes: 3000, onProgress: (d, t) => seen.push([d, t]) });
  assert.deepEqual(seen, [
    [3000, 10_000],
    [6000, 10_000],
    [9000, 10_000],
    [10_000, 10_000],
  ]);
  seen.length = 0;
  await sha256File(path, { onProgress: (d, t) => seen.push([d, t]) });
  assert.deepEqual(seen, [[10_000, 10_000]], 'a file smaller than a slice: once, at the end');
});

test('a big file gives the event loop a turn every slice: a timer runs, an abort from outside stops it', async () => {
  const path = join(dir, 'turns');
  writeFileSync(path, randomBytes(8 << 20));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  try {
    const r = await sha256File(path, { blockSize: 64 << 10, sliceBytes: 256 << 10 });
    assert.equal(r.bytes, 8 << 20);
    assert.ok(ticks > 0, 'an interval timer ran while the file was hashed');
    const ac = new AbortController();
    let slices = 0;
    // an abort that arrives as an event (as a cancelled request's does) between two slices
    const onProgress = () => ++slices === 2 && setImmediate(() => ac.abort());
    await assert.rejects(sha256File(path, { blockSize: 64 << 10, sliceBytes: 256 << 10, signal: ac.signal, onProgress }), { name: 'AbortError' });
    assert.equal(slices, 2, 'stopped right after the slice during which the abort came');
  } finally {
    clearInterval(timer);
  }
});

test('an abort stops the work with an AbortError; an aborted signal does not start it', async () => {
  const path = join(dir, 'abort');
  writeFileSync(path, randomBytes(1 << 20));
  const ac = new AbortController();
  let blocks = 0;
  await assert.rejects(
    sha256File(path, { blockSize: 4096, sliceBytes: 4096, signal: ac.signal, onProgress: () => ++blocks === 3 && ac.abort() }),
    { name: 'AbortError' },
  );
  assert.equal(blocks, 3);
  await assert.rejects(sha256File(path, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  const reason = new Error('stop now');
  await assert.rejects(sha256File(path, { signal: AbortSignal.abort(reason) }), reason);
});

test('missing files and directories fail with their error codes', async () => {
  await assert.rejects(sha256File(join(dir, 'missing')), { code: 'ENOENT' });
  mkdirSync(join(dir, 'sub'));
  await assert.rejects(sha256File(join(dir, 'sub')), { code: 'EISDIR' });
});

test('streams hash chunk by chunk', async () => {
  const data = randomBytes(300_000);
  const r = await sha256Stream(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
  assert.deepEqual(r, { hex: createHash('sha256').update(data).digest('hex'), bytes: data.length });
  assert.deepEqual(await sha256Stream(Readable.from([])), { hex: EMPTY, bytes: 0 });
});

test('sha256Subtle (WebCrypto, for the web worker) gives the digest and UTF-8 length of sha256()', async () => {
  const { sha256Subtle } = await import('../../../../core/crypto/sha256-subtle.ts');
  assert.deepEqual(await sha256Subtle('hello PBS\n'), { hex: 'b71659ae865dc9ee9ace2018e699a98b238f6252e6b48eb5a1ad685d9d34b6e5', bytes: 10 });
  assert.deepEqual(await sha256Subtle(''), { hex: EMPTY, bytes: 0 });
  for (const text of ['datastore: größe ✓ \u{1F600}', 'x'.repeat(100_000), '\r\n\t\0']) assert.deepEqual(await sha256Subtle(text), sha256(text), JSON.stringify(text.slice(0, 20)));
});
