// Data blobs as pbs-datastore writes them: the uncompressed vector of crypto-vectors.md, the CRC
// against gzip's, the four kinds round-tripped, the encrypted layout against a from-the-definition
// GCM, zstd frames as the zstd CLI streams them (no content size), and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import CRC32 from 'crc-32';
import {
  BLOB_MAGIC,
  BlobError,
  MAX_BLOB_SIZE,
  chunkDigest,
  crc32,
  decodeBlob,
  encodeBlob,
  readBlobHeader,
  verifyChunkDigest,
} from '../../../../core/crypto/blob.ts';
import { CryptConfig } from '../../../../core/crypto/crypt-config.ts';
import { summarizeFrames, zstdCompress, zstdDecompress } from '../../../../core/crypto/zstd.ts';
import { createHash } from 'node:crypto';
import { referenceGcmEncrypt } from './openssl.ts';

const RAW = Buffer.from('b8baa96f3e5c08881cb4b61f3bd19072949d964ceb221c4785190d888584a31e', 'hex');
const crypt = new CryptConfig(RAW);
const IV = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const HELLO = Buffer.from('hello PBS\n');
const TEXT = Buffer.from('datastore: store1\n\tpath /mnt/datastore/store1\n\tgc-schedule daily\n'.repeat(2000));
const HAS_ZSTD = spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;

async function blobError(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof BlobError, String(e));
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test('the magic numbers are the first 8 bytes of SHA-256 of their texts', () => {
  const texts = {
    uncompressed: 'Proxmox Backup uncompressed blob v1.0',
    compressed: 'Proxmox Backup zstd compressed blob v1.0',
    encrypted: 'Proxmox Backup encrypted blob v1.0',
    'encrypted-compressed': 'Proxmox Backup zstd compressed encrypted blob v1.0',
  } as const;
  for (const [kind, text] of Object.entries(texts)) {
    assert.deepEqual(BLOB_MAGIC[kind as keyof typeof texts], createHash('sha256').update(text).digest().subarray(0, 8), kind);
  }
});

test('uncompressed blob of "hello PBS\\n" is byte for byte the crypto-vectors.md one', async () => {
  const blob = await encodeBlob(HELLO, { compress: false });
  assert.equal(blob.toString('hex'), '42ab3807be8370a1' + '72582f0d' + '68656c6c6f205042530a');
  assert.deepEqual(await decodeBlob(blob), HELLO);
});

test('CRC-32 is IEEE (crc32fast): equal to the one gzip stores, and to the crc-32 package', () => {
  for (const data of [Buffer.alloc(0), HELLO, randomBytes(70_000)]) {
    const gz = gzipSync(data);
    assert.equal(crc32(data), gz.readUInt32LE(gz.length - 8));
    assert.equal(crc32(data), CRC32.buf(data) >>> 0);
  }
  assert.equal(crc32(HELLO), 0x0d2f5872);
});

test('all four kinds round-trip; compression is kept only when smaller', async () => {
  const random = randomBytes(5000);
  const cases: [Buffer, boolean, CryptConfig | undefined, string][] = [
    [TEXT, false, undefined, 'uncompressed'],
    [TEXT, true, undefined, 'compressed'],
    [TEXT, false, crypt, 'encrypted'],
    [TEXT, true, crypt, 'encrypted-compressed'],
    [random, true, undefined, 'uncompressed'],
    [random, true, crypt, 'encrypted'],
    [Buffer.alloc(0), true, undefined, 'uncompressed'],
    [Buffer.alloc(0), false, crypt, 'encrypted'],
  ];
  for (const [data, compress, cc, kind] of cases) {
    const blob = await encodeBlob(data, { compress, crypt: cc });
    const h = readBlobHeader(blob);
    assert.equal(h.kind, kind, `${data.length} bytes, compress ${compress}, key ${!!cc}`);
    assert.ok(h.crc.ok);
    assert.equal(h.headerSize, cc ? 44 : 12);
    assert.deepEqual(await decodeBlob(blob, { crypt: cc }), data);
    if (h.compressed) assert.ok(blob.length < data.length);
  }
});

test('an encrypted blob is magic ‖ CRC of the ciphertext only ‖ IV ‖ tag ‖ AES-256-GCM(raw key, 16-byte IV)', async () => {
  const blob = await encodeBlob(HELLO, { crypt, compress: false, iv: IV });
  const ref = referenceGcmEncrypt(RAW, IV, HELLO);
  assert.deepEqual(blob.subarray(0, 8), BLOB_MAGIC.encrypted);
  assert.equal(blob.readUInt32LE(8), crc32(ref.ciphertext));
  assert.deepEqual(blob.subarray(12, 28), IV);
  assert.deepEqual(blob.subarray(28, 44), ref.tag);
  assert.deepEqual(blob.subarray(44), ref.ciphertext);
  // compressed + encrypted: the zstd frame is what gets encrypted
  const ec = await encodeBlob(TEXT, { crypt, iv: IV });
  const frame = crypt.decrypt(ec.subarray(44), IV, ec.subarray(28, 44));
  assert.deepEqual(await zstdDecompress(frame, 1 << 20), TEXT);
});

test('zstd frames without a content size (as PBS and the zstd CLI stream them) decode', { skip: !HAS_ZSTD && 'zstd CLI not installed' }, async () => {
  for (const data of [TEXT, Buffer.alloc(4 << 20), randomBytes(300_000)]) {
    const frame = spawnSync('zstd', ['-1', '-q', '-c'], { input: data, maxBuffer: 1 << 26 }).stdout;
    assert.equal(summarizeFrames(frame).declaredSize, undefined, 'streamed: no content size');
    const blob = Buffer.concat([BLOB_MAGIC.compressed, Buffer.alloc(4), frame]);
    blob.writeUInt32LE(crc32(frame), 8);
    assert.deepEqual(await decodeBlob(blob), data);
  }
});

test('our zstd frames decode with the zstd CLI', { skip: !HAS_ZSTD && 'zstd CLI not installed' }, async () => {
  const frame = await zstdCompress(TEXT, 1);
  const out = spawnSync('zstd', ['-d', '-q', '-c'], { input: frame, maxBuffer: 1 << 26 });
  assert.equal(out.status, 0);
  assert.deepEqual(out.stdout, TEXT);
  assert.equal(summarizeFrames(frame).declaredSize, TEXT.length);
});

/** A zstd frame of `blocks` RLE blocks of 128 KiB each: 4 bytes of input per 128 KiB of output. */
function rleFrame(blocks: number): Buffer {
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3])]; // no content size, 128 KiB window
  for (let i = 0; i < blocks; i++) {
    const bh = (i === blocks - 1 ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3);
    parts.push(Buffer.from([bh & 0xff, (bh >> 8) & 0xff, (bh >> 16) & 0xff, 0x41]));
  }
  return Buffer.concat(parts);
}

test('a zstd bomb is refused from its headers, before any output is produced', async () => {
  assert.deepEqual(await zstdDecompress(rleFrame(8), 2 << 20), Buffer.alloc(8 * 128 * 1024, 0x41));
  const bomb = rleFrame(2000); // 8 KB in, 250 MiB out
  assert.equal(summarizeFrames(bomb).maxOutput, 2000 * 128 * 1024);
  const blob = Buffer.concat([BLOB_MAGIC.compressed, Buffer.alloc(4), bomb]);
  blob.writeUInt32LE(crc32(bomb), 8);
  const t0 = Date.now();
  await blobError(decodeBlob(blob), 'zstd', /would decompress to up to 262144000 bytes, above the limit of 134217728/);
  assert.ok(Date.now() - t0 < 500);
  await blobError(decodeBlob(await encodeBlob(TEXT), { maxSize: 1000 }), 'zstd', /above the limit of 1000/);
});

test('truncated or damaged zstd data is an error, not a short result', async () => {
  const frame = await zstdCompress(TEXT, 1);
  for (const cut of [frame.subarray(0, frame.length - 3), frame.subarray(0, 5), frame.subarray(0, 0), Buffer.from('not zstd at all')]) {
    const blob = Buffer.concat([BLOB_MAGIC.compressed, Buffer.alloc(4), cut]);
    blob.writeUInt32LE(crc32(cut), 8);
    await blobError(decodeBlob(blob), 'zstd');
  }
  // A flipped byte inside a compressed block may decode to other bytes of the same length (zstd
  // frames carry no checksum by default): the blob's CRC is what catches it.
  const blob = Buffer.concat([BLOB_MAGIC.compressed, Buffer.alloc(4), frame]);
  blob.writeUInt32LE(crc32(frame), 8);
  blob[12 + (frame.length >> 1)] ^= 0xff;
  await blobError(decodeBlob(blob), 'crc-mismatch');
});

test('refusals: too small, unknown magic (naming index and catalog files), wrong CRC, missing or wrong key', async () => {
  await assert.rejects(async () => readBlobHeader(Buffer.alloc(11)), /blob too small \(11 bytes/);
  await assert.rejects(async () => readBlobHeader(Buffer.alloc(40)), /unknown magic number 0000000000000000/);
  await assert.rejects(async () => readBlobHeader(Buffer.from([47, 127, 65, 237, 145, 253, 15, 205, 0, 0, 0, 0, 0])), /this is a fixed index \(\.fidx\), not a data blob/);
  await assert.rejects(async () => readBlobHeader(Buffer.concat([BLOB_MAGIC.encrypted, Buffer.alloc(30)])), /encrypted blob too small \(38 bytes/);
  const blob = await encodeBlob(TEXT, { crypt });
  const corrupt = Buffer.from(blob);
  corrupt[100] ^= 1;
  await blobError(decodeBlob(corrupt, { crypt }), 'crc-mismatch', /Data blob has wrong CRC checksum \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/);
  await blobError(decodeBlob(corrupt, { crypt, checkCrc: false }), 'decrypt-failed');
  await blobError(decodeBlob(blob), 'missing-key');
  await blobError(decodeBlob(blob, { crypt: new CryptConfig(Buffer.alloc(32, 1)) }), 'decrypt-failed', /another key/);
  await blobError(encodeBlob(Buffer.allocUnsafe(MAX_BLOB_SIZE + 1)), 'too-large');
});

test('chunk digests: plain SHA-256, keyed SHA-256(data ‖ id_key) for encrypted chunks; checked on decode', async () => {
  assert.deepEqual(chunkDigest(HELLO), createHash('sha256').update(HELLO).digest());
  assert.deepEqual(chunkDigest(HELLO, crypt), crypt.computeDigest(HELLO));
  const plain = await encodeBlob(TEXT);
  const enc = await encodeBlob(TEXT, { crypt });
  assert.deepEqual(await decodeBlob(plain, { digest: chunkDigest(TEXT) }), TEXT);
  assert.deepEqual(await decodeBlob(enc, { crypt, digest: chunkDigest(TEXT, crypt) }), TEXT);
  await blobError(decodeBlob(enc, { crypt, digest: chunkDigest(TEXT) }), 'digest-mismatch', /detected chunk with wrong digest/);
  assert.throws(() => verifyChunkDigest(HELLO, Buffer.alloc(32)), BlobError);
  // an unencrypted blob is checked with the plain digest even when a key is given (PBS's decode)
  assert.deepEqual(await decodeBlob(plain, { crypt, digest: chunkDigest(TEXT) }), TEXT);
});
