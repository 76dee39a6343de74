// Key files as pbs-key-config reads and writes them: the fields and their exact shapes, the KDFs
// cross-checked with `openssl kdf`, the AES-GCM layer with a from-the-definition GCM, every
// failure with its own code, and the secrets never in a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KeyConfigError,
  type KeyConfig,
  PBKDF2_MAX_ITERATIONS,
  SCRYPT_MAX_MEMORY,
  changePassphrase,
  checkKdf,
  createKeyConfig,
  decodeBase64,
  decryptKey,
  deriveKey,
  keyInfo,
  parseKeyConfig,
  readKeyConfig,
  scryptMemoryBytes,
  serializeKeyConfig,
  writeKeyConfig,
} from '../../../../core/crypto/key-config.ts';
import { formatFingerprint, keyFingerprint } from '../../../../core/crypto/crypt-config.ts';
import { isoInZone, parseRfc3339 } from '../../../../core/format/epoch.ts';
import { HAS_OPENSSL, opensslPbkdf2, opensslScrypt, referenceGcmEncrypt } from './openssl.ts';

const PASS = 'correct horse battery staple';
const RAW = Buffer.from('b8baa96f3e5c08881cb4b61f3bd19072949d964ceb221c4785190d888584a31e', 'hex');
const RAW_FP = '34:76:43:60:08:fd:6f:bd:bf:2b:0d:f6:d4:40:be:57:22:8e:d5:f1:ed:99:1b:5a:9d:2b:95:85:17:41:ed:50';
const SALT = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const IV = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const NOW = 1717236000; // 2024-06-01T10:00:00Z

function withTz<T>(tz: string, fn: () => T): T {
  const old = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env.TZ;
    else process.env.TZ = old;
  }
}

async function rejectsWith(p: Promise<unknown> | (() => unknown), code: string, message?: RegExp): Promise<KeyConfigError> {
  let caught: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof KeyConfigError, `expected KeyConfigError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** A plain (kdf null) key file for the crypto-vectors.md raw key. */
const plainFile = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ kdf: null, created: '2024-06-01T12:00:00+02:00', modified: '2024-06-01T12:00:00+02:00', data: RAW.toString('base64'), fingerprint: RAW_FP, ...extra });

// ---------------------------------------------------------------------------------------------
// Reading

test('a PBS-shaped unencrypted key file parses; its fingerprint checks out without passphrase', async () => {
  const config = parseKeyConfig(plainFile());
  assert.equal(config.kdf, null);
  assert.equal(config.created, NOW);
  const { key, fingerprint } = await decryptKey(config);
  assert.deepEqual(key, RAW);
  assert.equal(formatFingerprint(fingerprint), RAW_FP);
});

test('kdf absent reads as null; fingerprint and hint are optional; unknown fields are ignored (serde)', () => {
  const doc = JSON.parse(plainFile()) as Record<string, unknown>;
  delete doc.kdf;
  delete doc.fingerprint;
  const config = parseKeyConfig(JSON.stringify({ ...doc, somethingNew: 1 }));
  assert.equal(config.kdf, null);
  assert.equal(config.fingerprint, undefined);
  assert.equal(config.hint, undefined);
  assert.equal(parseKeyConfig(plainFile({ fingerprint: null, hint: null })).hint, undefined);
});

test('data and salt read with or without base64 padding; fingerprint with or without colons, either case', () => {
  const unpadded = RAW.toString('base64').replace(/=+$/, '');
  const config = parseKeyConfig(plainFile({ data: unpadded, fingerprint: RAW_FP.replaceAll(':', '').toUpperCase() }));
  assert.deepEqual(config.data, RAW);
  assert.equal(formatFingerprint(config.fingerprint!), RAW_FP);
  const s = parseKeyConfig(plainFile({ kdf: { Scrypt: { n: 65536, r: 8, p: 1, salt: SALT.toString('base64').replace(/=+$/, '') } } }));
  assert.deepEqual(s.kdf, { type: 'scrypt', n: 65536, r: 8, p: 1, salt: SALT });
  const p = parseKeyConfig(plainFile({ kdf: { PBKDF2: { iter: 65535, salt: SALT.toString('base64') } } }));
  assert.deepEqual(p.kdf, { type: 'pbkdf2', iter: 65535, salt: SALT });
});

test('RFC 3339 times: exactly 20 or 25 characters as proxmox-time parses them', () => {
  assert.equal(parseRfc3339('2024-06-01T10:00:00Z'), NOW);
  assert.equal(parseRfc3339('2024-06-01T12:00:00+02:00'), NOW);
  assert.equal(parseRfc3339('2024-06-01T05:30:00-04:30'), NOW);
  assert.equal(parseRfc3339('2005-12-31T23:59:60Z'), parseRfc3339('2006-01-01T00:00:00Z')); // leap second, normalized like timegm
  assert.equal(parseRfc3339('1970-01-01T00:00:00Z'), 0);
  for (const [s, why] of [
    ['2024-06-01T10:00:00.5Z', /unexpected timezone indicator/],
    ['2024-06-01T10:00:00.123456789Z', /has 30 characters, not 20 or 25/],
    ['2024-06-01T10:00:00z', /timezone indicator/],
    ['2024-06-01 10:00:00Z', /unexpected character at position 10/],
    ['2024-13-01T10:00:00Z', /value too large \(13 > 12\)/],
    ['2024-06-01T24:00:00Z', /value too large \(24 > 23\)/],
    ['2024-06-01T10:00:00+0200', /unexpected length in timestamp/],
    ['2024-06-01T10:00:00Z+0200', /unexpected length in UTC timestamp/],
    ['2024-06-01T10:00:00+24:00', /value too large/],
    ['2024-06-01', /not 20 or 25/],
  ] as const) {
    const r = parseRfc3339(s);
    assert.equal(typeof r, 'string', s);
    assert.match(r as string, why, s);
  }
});

test('times are written as local time with a numeric offset, never Z (proxmox-time epoch_to_rfc3339)', () => {
  assert.equal(withTz('UTC', () => isoInZone(NOW)), '2024-06-01T10:00:00+00:00');
  assert.equal(withTz('Europe/Vienna', () => isoInZone(NOW)), '2024-06-01T12:00:00+02:00');
  assert.equal(withTz('America/St_Johns', () => isoInZone(NOW)), '2024-06-01T07:30:00-02:30');
  assert.equal(withTz('Asia/Kolkata', () => isoInZone(0)), '1970-01-01T05:30:00+05:30');
});

test('strict base64: bad characters, impossible lengths and stray bits are refused without quoting the text', () => {
  assert.deepEqual(decodeBase64('aGVsbG8='), Buffer.from('hello'));
  assert.deepEqual(decodeBase64('aGVsbG8'), Buffer.from('hello'));
  assert.match(decodeBase64('aGV sbG8=') as string, /character 4 is not a base64 character/);
  assert.match(decodeBase64('aGVsbG8_') as string, /character 8/);
  assert.match(decodeBase64('aGVsb') as string, /length 5 is impossible/);
  assert.match(decodeBase64('aGVsbG9=') as string, /bits set/);
  assert.match(decodeBase64('aG=Vs') as string, /padding '=' in the middle/);
  assert.match(decodeBase64('aGVsbG8==') as string, /wrong amount of padding/);
});

test('malformed files: each mistake has its own code and a message that names the field or position', async () => {
  const cases: [string, string, RegExp][] = [
    ['', 'malformed-json', /empty/],
    ['{"kdf":null,"created":', 'malformed-json', /line 1, column 23: unexpected end of input/],
    ['{"kdf":null,\n  "created" "x"}', 'malformed-json', /line 2, column 13: expected ':'/],
    ['\ufeff{}', 'malformed-json', /byte order mark/],
    ['[1,2]', 'invalid-field', /JSON object/],
    [plainFile().replace('"kdf":null', '"kdf":null,"kdf":null'), 'malformed-json', /duplicate property 'kdf'/],
    [plainFile({ created: undefined }), 'invalid-field', /missing field 'created'/],
    [plainFile({ modified: 1717236000 }), 'invalid-field', /field 'modified' must be an RFC 3339/],
    [plainFile({ created: '2024-06-01T12:00:00.000Z' }), 'bad-timestamp', /field 'created'/],
    [plainFile({ data: undefined }), 'invalid-field', /missing field 'data'/],
    [plainFile({ data: 'not base64!' }), 'bad-base64', /field 'data' is not valid base64: character 4/],
    [plainFile({ fingerprint: 'aa:bb' }), 'bad-fingerprint', /64 hex digits/],
    [plainFile({ fingerprint: 42 }), 'invalid-field', /'fingerprint' must be a string/],
    [plainFile({ hint: ['x'] }), 'invalid-field', /'hint' must be a string/],
    [plainFile({ kdf: { Argon2: { t: 3 } } }), 'unknown-kdf', /unknown kdf 'Argon2': PBS knows Scrypt and PBKDF2/],
    [plainFile({ kdf: 'Scrypt' }), 'invalid-field', /not a string/],
    [plainFile({ kdf: 'argon2id' }), 'unknown-kdf', /not a string/],
    [plainFile({ kdf: { Scrypt: { n: 65536, r: 8, p: 1, salt: 'AAAA' }, PBKDF2: { iter: 1, salt: 'AAAA' } } }), 'invalid-field', /exactly one key/],
    [plainFile({ kdf: { Scrypt: { n: 65536, r: 8, salt: 'AAAA' } } }), 'invalid-field', /missing field 'kdf.Scrypt.p'/],
    [plainFile({ kdf: { Scrypt: { n: -1, r: 8, p: 1, salt: 'AAAA' } } }), 'invalid-field', /'kdf.Scrypt.n' must be a non-negative integer/],
    [plainFile({ kdf: { PBKDF2: { iter: '65535', salt: 'AAAA' } } }), 'invalid-field', /'kdf.PBKDF2.iter'/],
    [plainFile({ kdf: { PBKDF2: { iter: 65535, salt: 'A' } } }), 'bad-base64', /'kdf.PBKDF2.salt'/],
  ];
  for (const [text, code, message] of cases) await rejectsWith(() => parseKeyConfig(text), code, message);
});

test('a malformed-JSON message never quotes the file (V8 would quote the raw key)', async () => {
  const secret = RAW.toString('base64');
  const err = await rejectsWith(() => parseKeyConfig(`{"kdf":null,"data":${secret}}`), 'malformed-json');
  assert.ok(!err.message.includes(secret.slice(0, 6)), err.message);
  const err2 = await rejectsWith(() => parseKeyConfig(plainFile({ data: secret.slice(0, 20) + '*' + secret.slice(21) })), 'bad-base64');
  assert.ok(!err2.message.includes(secret.slice(0, 6)), err2.message);
});

test('unencrypted key data that is not 32 bytes, or a fingerprint that does not match, is refused', async () => {
  await rejectsWith(decryptKey(parseKeyConfig(plainFile({ data: RAW.subarray(0, 31).toString('base64') }))), 'bad-key-length', /31 bytes, expected 32/);
  const wrong = 'ff'.repeat(32);
  await rejectsWith(
    decryptKey(parseKeyConfig(plainFile({ fingerprint: wrong }))),
    'wrong-fingerprint',
    /^KeyConfig contains wrong fingerprint ff:ff:ff:ff:ff:ff:ff:ff, contained key has fingerprint 34:76:43:60:08:fd:6f:bd$/,
  );
});

// ---------------------------------------------------------------------------------------------
// KDFs and decryption

test('scrypt with PBS parameters equals `openssl kdf … SCRYPT`; PBKDF2 equals `openssl kdf … PBKDF2`', { skip: !HAS_OPENSSL && 'openssl not installed' }, async () => {
  const pass = Buffer.from(PASS);
  assert.deepEqual(await deriveKey({ type: 'scrypt', n: 65536, r: 8, p: 1, salt: SALT }, pass), opensslScrypt(pass, SALT, 65536, 8, 1));
  assert.deepEqual(await deriveKey({ type: 'scrypt', n: 1024, r: 4, p: 3, salt: SALT.subarray(0, 7) }, pass), opensslScrypt(pass, SALT.subarray(0, 7), 1024, 4, 3));
  assert.deepEqual(await deriveKey({ type: 'pbkdf2', iter: 65535, salt: SALT }, 'Tr0ub4dor&3-pbkdf2'), opensslPbkdf2(Buffer.from('Tr0ub4dor&3-pbkdf2'), SALT, 65535));
  // non-ASCII passphrases are their UTF-8 bytes
  assert.deepEqual(await deriveKey({ type: 'pbkdf2', iter: 1000, salt: SALT }, 'pässwörd ✓'), opensslPbkdf2(Buffer.from('pässwörd ✓'), SALT, 1000));
});

test('a created scrypt key file is exactly PBS\'s layout: salt, iv ‖ tag ‖ AES-GCM(derived key, raw key)', { skip: !HAS_OPENSSL && 'openssl not installed' }, async () => {
  const { config, key } = await createKeyConfig({ passphrase: PASS, key: RAW, salt: SALT, iv: IV, now: NOW, hint: 'the usual' });
  assert.deepEqual(key, RAW);
  assert.deepEqual(config.kdf, { type: 'scrypt', n: 65536, r: 8, p: 1, salt: SALT });
  const derived = opensslScrypt(Buffer.from(PASS), SALT, 65536, 8, 1);
  const ref = referenceGcmEncrypt(derived, IV, RAW);
  assert.deepEqual(config.data, Buffer.concat([IV, ref.tag, ref.ciphertext]));
  assert.equal(config.data.length, 64);
  // serde_json::to_string: compact, PBS's field order, padded base64, full fingerprint, no newline
  const text = withTz('Europe/Vienna', () => serializeKeyConfig(config));
  assert.equal(
    text,
    `{"kdf":{"Scrypt":{"n":65536,"r":8,"p":1,"salt":"${SALT.toString('base64')}"}},"created":"2024-06-01T12:00:00+02:00",` +
      `"modified":"2024-06-01T12:00:00+02:00","data":"${config.data.toString('base64')}","fingerprint":"${RAW_FP}","hint":"the usual"}`,
  );
  const back = parseKeyConfig(text);
  assert.deepEqual(back, config);
  assert.deepEqual((await decryptKey(back, PASS)).key, RAW);
});

test('PBKDF2 and unencrypted keys are created like PBS (65535 iterations; kdf null with the raw key)', async () => {
  const p = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS, now: NOW });
  assert.equal(p.config.kdf?.type === 'pbkdf2' && p.config.kdf.iter, 65535);
  assert.equal(p.config.kdf?.salt.length, 32);
  assert.deepEqual((await decryptKey(p.config, PASS)).key, p.key);
  const n = await createKeyConfig({ kdf: 'none', now: NOW });
  assert.equal(n.config.kdf, null);
  assert.deepEqual(n.config.data, n.key);
  assert.deepEqual(n.config.fingerprint, keyFingerprint(n.key));
  assert.match(serializeKeyConfig(n.config), /^\{"kdf":null,"created":/);
});

test('wrong passphrase: with the hint if there is one, else says wrong passphrase or corrupt', async () => {
  const { config } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS, hint: 'the usual' });
  await rejectsWith(decryptKey(config, 'not the passphrase'), 'wrong-passphrase', /^unable to decrypt key: wrong passphrase \(password hint: the usual\)$/);
  delete config.hint;
  const err = await rejectsWith(decryptKey(config, 'not the passphrase'), 'wrong-passphrase', /wrong passphrase, or the key data is corrupt/);
  assert.ok(!err.message.includes('not the passphrase'));
  // a flipped bit in the data reads the same way: GCM cannot tell a wrong key from changed data
  config.data[40] ^= 1;
  await rejectsWith(decryptKey(config, PASS), 'wrong-passphrase');
});

test('passphrases: required with a KDF, at least 5 bytes (PBS), not needed without KDF', async () => {
  const { config } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS });
  await rejectsWith(decryptKey(config), 'passphrase-required');
  await rejectsWith(decryptKey(config, 'abcd'), 'passphrase-too-short', /at least 5 bytes/);
  await rejectsWith(decryptKey(config, ''), 'passphrase-too-short');
  await rejectsWith(createKeyConfig({ passphrase: 'abcd' }), 'passphrase-too-short');
  await rejectsWith(createKeyConfig({}), 'passphrase-required');
  assert.deepEqual((await decryptKey(parseKeyConfig(plainFile()), 'ignored')).key, RAW);
});

test('short or long encrypted data is refused before any key derivation', async () => {
  const { config } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS });
  for (const len of [0, 31, 32, 63, 65]) {
    const c: KeyConfig = { ...config, data: Buffer.alloc(len) };
    await rejectsWith(decryptKey(c, PASS), 'short-data', new RegExp(`is ${len} bytes, expected 64`));
  }
});

test('KDF costs above the caps are refused at once, naming the cap', async () => {
  const salt = SALT;
  assert.equal(scryptMemoryBytes(65536, 8, 1), 128 * 8 * 65538 + 128 * 8);
  const cases: [KeyConfig['kdf'], RegExp][] = [
    [{ type: 'scrypt', n: 2 ** 21, r: 8, p: 1, salt }, /needs 2048 MiB \(128·r·\(n\+2\) \+ 2·128·r·p bytes\), above our cap of 256 MiB .*, and above the 1025 MiB PBS allows/],
    [{ type: 'scrypt', n: 2 ** 40, r: 8, p: 1, salt }, /above the 1025 MiB/],
    [{ type: 'scrypt', n: 2 ** 60, r: 8, p: 1, salt }, /far above our caps/],
    [{ type: 'scrypt', n: 65536, r: 8, p: 1000, salt }, /r·p·\(n\+4\) = 524320000 steps, above our cap of 8388608/],
    // a tiny n does not make a huge p cheap: memory (128·r·p bytes of blocks) and work both count
    [{ type: 'scrypt', n: 2, r: 1, p: 2 ** 30, salt }, /needs 262144 MiB .*above our cap of 256 MiB/],
    [{ type: 'scrypt', n: 2, r: 1, p: 2 ** 23, salt }, /needs 2048 MiB .*above our cap of 256 MiB/],
    [{ type: 'scrypt', n: 1024, r: 8, p: 2048, salt }, /r·p·\(n\+4\) = 16842752 steps, above our cap of 8388608/],
    [{ type: 'pbkdf2', iter: PBKDF2_MAX_ITERATIONS + 1, salt }, /iter=10000001 is above our cap of 10000000 iterations/],
    [{ type: 'pbkdf2', iter: 2 ** 60, salt }, /above our cap/],
  ];
  const { config } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS });
  for (const [kdf, message] of cases) {
    const t0 = Date.now();
    await rejectsWith(decryptKey({ ...config, kdf }, PASS), 'kdf-cost', message);
    assert.ok(Date.now() - t0 < 200, 'refused before deriving');
  }
  // PBS would read n=2^20 (1 GiB, within its 1025 MiB); we stop at 256 MiB, and say so
  assert.ok(scryptMemoryBytes(2 ** 20, 8, 1) <= SCRYPT_MAX_MEMORY);
  await rejectsWith(() => checkKdf({ type: 'scrypt', n: 2 ** 20, r: 8, p: 1, salt }), 'kdf-cost', /needs 1024 MiB .*above our cap of 256 MiB/);
  // what PBS writes, and up to 16× its work, passes
  assert.doesNotThrow(() => checkKdf({ type: 'scrypt', n: 65536, r: 8, p: 1, salt }));
  assert.doesNotThrow(() => checkKdf({ type: 'scrypt', n: 2 ** 17, r: 8, p: 7, salt }));
  assert.doesNotThrow(() => checkKdf({ type: 'pbkdf2', iter: PBKDF2_MAX_ITERATIONS, salt }));
});

test('scrypt parameters the KDF cannot take are invalid-field errors', async () => {
  await rejectsWith(() => checkKdf({ type: 'scrypt', n: 1000, r: 8, p: 1, salt: SALT }), 'invalid-field', /n=1000 is not a power of two/);
  await rejectsWith(() => checkKdf({ type: 'scrypt', n: 1, r: 8, p: 1, salt: SALT }), 'invalid-field', /power of two greater than 1/);
  await rejectsWith(() => checkKdf({ type: 'scrypt', n: 1024, r: 0, p: 1, salt: SALT }), 'invalid-field', /at least 1/);
  await rejectsWith(() => checkKdf({ type: 'pbkdf2', iter: 0, salt: SALT }), 'invalid-field', /at least 1/);
});

// ---------------------------------------------------------------------------------------------
// Changing, writing, describing

test('change passphrase: same key and fingerprint, new salt and IV, created kept, modified now, hint dropped', async () => {
  const { config, key } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: PASS, hint: 'old hint', now: NOW });
  const next = await changePassphrase(config, PASS, { kdf: 'pbkdf2', newPassphrase: 'a new passphrase', now: NOW + 3600 });
  assert.equal(next.created, NOW);
  assert.equal(next.modified, NOW + 3600);
  assert.equal(next.hint, undefined);
  assert.deepEqual(next.fingerprint, config.fingerprint);
  assert.notDeepEqual(next.kdf?.salt, config.kdf?.salt);
  assert.notDeepEqual(next.data.subarray(0, 16), config.data.subarray(0, 16));
  assert.deepEqual((await decryptKey(next, 'a new passphrase')).key, key);
  await rejectsWith(decryptKey(next, PASS), 'wrong-passphrase');
  await rejectsWith(changePassphrase(config, 'wrong passphrase', { newPassphrase: 'whatever1' }), 'wrong-passphrase');
  const plain = await changePassphrase(config, PASS, { kdf: 'none', now: NOW + 1 });
  assert.equal(plain.kdf, null);
  assert.deepEqual(plain.data, key);
});

test('hints: 1 to 64 characters on one line, and none for a key without passphrase', async () => {
  await rejectsWith(createKeyConfig({ passphrase: PASS, hint: '' }), 'bad-hint', /1 to 64/);
  await rejectsWith(createKeyConfig({ passphrase: PASS, hint: 'x'.repeat(65) }), 'bad-hint', /got 65/);
  await rejectsWith(createKeyConfig({ passphrase: PASS, hint: 'two\nlines' }), 'bad-hint', /single line/);
  await rejectsWith(createKeyConfig({ kdf: 'none', hint: 'x' }), 'bad-hint');
});

test('key files are written 0600, compact, without a trailing newline, and never over an existing file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-key-'));
  const path = join(dir, 'encryption-key.json');
  const { config } = await createKeyConfig({ kdf: 'none', now: NOW });
  await writeKeyConfig(path, config);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const text = readFileSync(path, 'utf8');
  assert.ok(!text.endsWith('\n') && !text.includes(' '));
  assert.deepEqual(await readKeyConfig(path), config);
  await assert.rejects(writeKeyConfig(path, { ...config, hint: 'x' }), { code: 'EEXIST' });
  assert.equal(readFileSync(path, 'utf8'), text);
  await writeKeyConfig(path, { ...config, modified: NOW + 1 }, { overwrite: true });
  assert.equal((await readKeyConfig(path)).modified, NOW + 1);
});

test('reading refuses a huge file before reading it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-key-'));
  const path = join(dir, 'big.json');
  writeFileSync(path, Buffer.alloc((1 << 20) + 1, 0x20));
  await rejectsWith(readKeyConfig(path), 'file-too-large', /a PBS key file is a few hundred bytes/);
});

test('info tells kdf, parameters, times, fingerprint and hint without the passphrase', async () => {
  const { config } = await createKeyConfig({ passphrase: PASS, hint: 'the usual', now: NOW, key: RAW, salt: SALT, iv: IV });
  const info = withTz('UTC', () => keyInfo(config));
  assert.deepEqual(info, {
    kdf: 'scrypt',
    parameters: { n: 65536, r: 8, p: 1, saltBytes: 32 },
    created: '2024-06-01T10:00:00+00:00',
    modified: '2024-06-01T10:00:00+00:00',
    fingerprint: RAW_FP,
    hint: 'the usual',
  });
  const plain = parseKeyConfig(plainFile({ fingerprint: undefined }));
  assert.equal(keyInfo(plain).fingerprint, RAW_FP, 'computed for an unencrypted key without a stored one');
  const noFp = { ...config, fingerprint: undefined };
  assert.equal(keyInfo(noFp).fingerprint, undefined);
});

test('no error message of a full round of failures contains the passphrase or the key', async () => {
  const secretPass = 'SeCrEt-PaSsPhRaSe-42';
  const { config, key } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: secretPass });
  const messages: string[] = [];
  const collect = async (p: Promise<unknown>) => p.catch((e: Error) => messages.push(e.message + String(e.stack)));
  await collect(decryptKey(config, secretPass + 'x'));
  await collect(decryptKey({ ...config, fingerprint: Buffer.alloc(32) }, secretPass));
  await collect(changePassphrase(config, secretPass, { newPassphrase: 'shrt' }));
  await collect(Promise.resolve().then(() => parseKeyConfig(serializeKeyConfig({ ...config, kdf: null, data: key }).replace('"data":"', '"data":"!'))));
  assert.equal(messages.length, 4);
  const all = messages.join('\n');
  for (const secret of [secretPass, key.toString('hex'), key.toString('base64'), key.toString('base64').slice(0, 12)]) assert.ok(!all.includes(secret), secret);
});
