// CryptConfig as PBS computes it: id key, keyed digest, fingerprint and its printed forms, and
// AES-256-GCM with PBS's 16-byte IV — checked against crypto-vectors.md, PBS's own Rust test, the
// openssl CLI and a from-the-definition GCM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import {
  CryptConfig,
  DecryptError,
  FINGERPRINT_INPUT,
  deriveIdKey,
  formatFingerprint,
  keyFingerprint,
  parseFingerprint,
  shortFingerprint,
} from '../../../../core/crypto/crypt-config.ts';
import { HAS_OPENSSL, opensslPbkdf2, referenceGcmEncrypt } from './openssl.ts';

const hex = (s: string) => Buffer.from(s, 'hex');

// crypto-vectors.md §3 (plain.key.json)
const RAW = hex('b8baa96f3e5c08881cb4b61f3bd19072949d964ceb221c4785190d888584a31e');
const RAW_ID_KEY = '3080815bd34e57dd291d9564f05c9a528673bfb88a374b36438fca5a1fe6e4f4';
const RAW_FINGERPRINT = '3476436008fd6fbdbf2b0df6d440be57228ed5f1ed991b5a9d2b95851741ed50';

test('FINGERPRINT_INPUT is SHA-256 of the PBS text and the byte array formats.md lists', () => {
  assert.deepEqual(FINGERPRINT_INPUT, createHash('sha256').update('Proxmox Backup Encryption Key Fingerprint').digest());
  assert.deepEqual(
    [...FINGERPRINT_INPUT],
    [110, 208, 239, 119, 71, 31, 255, 77, 85, 199, 168, 254, 74, 157, 182, 33, 97, 64, 127, 19, 76, 114, 93, 223, 48, 153, 45, 37, 236, 69, 237, 38],
  );
});

test('id key and fingerprint of the crypto-vectors.md raw key', () => {
  assert.equal(deriveIdKey(RAW).toString('hex'), RAW_ID_KEY);
  assert.equal(new CryptConfig(RAW).fingerprint().toString('hex'), RAW_FINGERPRINT);
  assert.equal(keyFingerprint(RAW).toString('hex'), RAW_FINGERPRINT);
});

test('the fingerprint of key bytes 0..31 is the one in pbs-key-config\'s fingerprint_checks test', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const expected = Buffer.from([14, 171, 212, 70, 11, 110, 185, 202, 52, 80, 35, 222, 226, 183, 120, 199, 144, 229, 74, 22, 131, 185, 101, 156, 10, 87, 174, 25, 144, 144, 21, 155]);
  assert.deepEqual(keyFingerprint(key), expected);
});

test('id key equals `openssl kdf PBKDF2` with hexpass = key, salt _id_key, 10 iterations', { skip: !HAS_OPENSSL && 'openssl not installed' }, () => {
  for (const key of [RAW, Buffer.alloc(32, 0xff), Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7))]) {
    assert.deepEqual(deriveIdKey(key), opensslPbkdf2(key, Buffer.from('_id_key'), 10));
  }
});

test('computeDigest is SHA-256(data ‖ id_key) and computeAuthTag HMAC-SHA256(id_key, data)', () => {
  const cc = new CryptConfig(RAW);
  const data = Buffer.from('hello PBS\n');
  assert.deepEqual(cc.computeDigest(data), createHash('sha256').update(data).update(hex(RAW_ID_KEY)).digest());
  assert.deepEqual(cc.computeAuthTag(data), createHmac('sha256', hex(RAW_ID_KEY)).update(data).digest());
  // crypto-vectors.md §3: the fingerprint is the keyed digest of FINGERPRINT_INPUT
  assert.equal(cc.computeDigest(FINGERPRINT_INPUT).toString('hex'), RAW_FINGERPRINT);
});

test('fingerprints print as PBS prints them: full 32 pairs, short 8 pairs, lower case', () => {
  const fp = hex(RAW_FINGERPRINT);
  assert.equal(formatFingerprint(fp), '34:76:43:60:08:fd:6f:bd:bf:2b:0d:f6:d4:40:be:57:22:8e:d5:f1:ed:99:1b:5a:9d:2b:95:85:17:41:ed:50');
  assert.equal(shortFingerprint(fp), '34:76:43:60:08:fd:6f:bd');
});

test('fingerprints parse with or without colons, in either case; anything else is refused', () => {
  const fp = hex(RAW_FINGERPRINT);
  assert.deepEqual(parseFingerprint(formatFingerprint(fp)), fp);
  assert.deepEqual(parseFingerprint(RAW_FINGERPRINT.toUpperCase()), fp);
  assert.deepEqual(parseFingerprint('34:7643:60' + RAW_FINGERPRINT.slice(8)), fp); // PBS drops every ':'
  assert.equal(parseFingerprint(RAW_FINGERPRINT.slice(2)), undefined);
  assert.equal(parseFingerprint(RAW_FINGERPRINT + '00'), undefined);
  assert.equal(parseFingerprint(RAW_FINGERPRINT.slice(1) + 'g'), undefined);
  assert.equal(parseFingerprint(''), undefined);
});

test('the GCM reference reproduces NIST SP 800-38D test cases 14 (12-byte IV) and 18 (60-byte IV)', () => {
  const t14 = referenceGcmEncrypt(Buffer.alloc(32), Buffer.alloc(12), Buffer.alloc(16));
  assert.equal(t14.ciphertext.toString('hex'), 'cea7403d4d606b6e074ec5d3baf39d18');
  assert.equal(t14.tag.toString('hex'), 'd0d1c8a799996bf0265b98b5d48ab919');
  const t18 = referenceGcmEncrypt(
    hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
    hex('9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b'),
    hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'),
    hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
  );
  assert.equal(t18.ciphertext.toString('hex'), '5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf40fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f');
  assert.equal(t18.tag.toString('hex'), 'a44a8266ee1c8eb0c8b5d4cf5ae9f19a');
});

test('encrypt uses AES-256-GCM with a 16-byte IV and empty AAD: equal to the from-the-definition GCM', () => {
  const cc = new CryptConfig(RAW);
  const iv = hex('000102030405060708090a0b0c0d0e0f');
  for (const plain of [Buffer.from('hello PBS\n'), Buffer.alloc(0), Buffer.alloc(100, 0xab)]) {
    const ours = cc.encrypt(plain, iv);
    const ref = referenceGcmEncrypt(RAW, iv, plain);
    assert.deepEqual(ours.ciphertext, ref.ciphertext);
    assert.deepEqual(ours.tag, ref.tag);
    assert.deepEqual(cc.decrypt(ours.ciphertext, iv, ours.tag), plain);
  }
});

test('decrypt refuses another key, a changed ciphertext, a changed tag and a short IV', () => {
  const cc = new CryptConfig(RAW);
  const { iv, tag, ciphertext } = cc.encrypt(Buffer.from('secret data'));
  assert.throws(() => new CryptConfig(Buffer.alloc(32, 1)).decrypt(ciphertext, iv, tag), DecryptError);
  const flipped = Buffer.from(ciphertext);
  flipped[0] ^= 1;
  assert.throws(() => cc.decrypt(flipped, iv, tag), DecryptError);
  const badTag = Buffer.from(tag);
  badTag[15] ^= 0x80;
  assert.throws(() => cc.decrypt(ciphertext, iv, badTag), DecryptError);
  assert.throws(() => cc.decrypt(ciphertext, iv.subarray(0, 12), tag), DecryptError);
});

test('a CryptConfig never shows its key when printed or serialized', () => {
  const cc = new CryptConfig(RAW);
  const shown = inspect(cc, { showHidden: true, depth: 5 }) + JSON.stringify(cc) + String(cc);
  assert.ok(!shown.includes(RAW.toString('hex')) && !shown.includes(RAW_ID_KEY), shown);
  assert.match(inspect(cc), /fingerprint: 34:76:43:60:08:fd:6f:bd/);
});

test('keys must be 32 bytes', () => {
  assert.throws(() => new CryptConfig(Buffer.alloc(31)), /32 bytes, got 31/);
});
