// PBS client encryption key files (pbs-key-config KeyConfig, formats.md §4.1): read and check them,
// decrypt the key with a passphrase, create them, change the passphrase, describe them without
// the passphrase. Every failure is a KeyConfigError with its own code and a message that names
// the problem; no message ever contains the passphrase, the key or the key data.
import { pbkdf2, randomBytes, scrypt } from 'node:crypto';
import { FileReadError, READ_LIMITS, readRegularFile } from '../fs/read-file.ts';
import { JsonSyntaxError, parseJson } from '../json.ts';
import { CryptConfig, DecryptError, aesGcmDecrypt, aesGcmEncrypt, formatFingerprint, parseFingerprint, shortFingerprint } from './crypt-config.ts';
import { writeFileAtomic } from './secure-write.ts';

export type KdfName = 'scrypt' | 'pbkdf2' | 'none';

export type KdfConfig = { type: 'scrypt'; n: number; r: number; p: number; salt: Buffer } | { type: 'pbkdf2'; iter: number; salt: Buffer };

/** A key file's content. Times are Unix epoch seconds, as PBS keeps them. */
export interface KeyConfig {
  kdf: KdfConfig | null;
  created: number;
  modified: number;
  /** With a KDF: iv(16) ‖ tag(16) ‖ encrypted key(32); without: the raw 32-byte key. Secret. */
  data: Buffer;
  fingerprint?: Buffer;
  hint?: string;
}

export type KeyConfigErrorCode =
  | 'file-too-large'
  | 'malformed-json'
  | 'invalid-field'
  | 'bad-timestamp'
  | 'bad-base64'
  | 'bad-fingerprint'
  | 'unknown-kdf'
  | 'kdf-cost'
  | 'bad-hint'
  | 'passphrase-required'
  | 'passphrase-too-short'
  | 'wrong-passphrase'
  | 'short-data'
  | 'bad-key-length'
  | 'wrong-fingerprint';

export class KeyConfigError extends Error {
  override name = 'KeyConfigError';
  constructor(
    readonly code: KeyConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Limits

/** PBS passes this maxmem to OpenSSL's scrypt; OpenSSL needs 128·r·(N+2) + 128·r·p bytes. */
export const SCRYPT_MAX_MEMORY = 1025 * 1024 * 1024;
/**
 * Our cap on the memory deriving takes (scryptPeakBytes): 256 MiB, 4× what PBS's own parameters
 * take, so a key test stays within a few hundred MB. PBS would go up to SCRYPT_MAX_MEMORY, but
 * it only ever writes n=65536, r=8, p=1 (pbs-key-config KeyConfig::new, Kdf::Scrypt).
 */
export const SCRYPT_MEMORY_CAP = 256 * 1024 * 1024;
/**
 * Our cap on scrypt's work, in the units of scryptWork: 2^23, 16× PBS's parameters (which cost
 * 8·(65536+4) ≈ 2^19), about two seconds on a 2020s x86 core (PBS's own take 0.15 s there).
 */
export const SCRYPT_MAX_WORK = 2 ** 23;
/** Our cap on PBKDF2 iterations (PBS writes 65535): about 1.6 s of HMAC-SHA256 on the same core. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
/** PBS refuses shorter passphrases ("Passphrase is too short!"). */
export const MIN_PASSPHRASE_BYTES = 5;
export const PBS_SCRYPT_DEFAULTS = { n: 65536, r: 8, p: 1 } as const;
export const PBS_PBKDF2_ITERATIONS = 65535;

export function scryptMemoryBytes(n: number, r: number, p: number): number {
  return 128 * r * (n + 2) + 128 * r * p;
}

/**
 * The memory Node's scrypt really takes: the n·r table once and the p blocks of 128·r bytes twice
 * (measured: n=2, r=1, p=2^20 peaks 256 MiB above the process's base, n=2^17, r=8, p=1 128 MiB).
 */
export function scryptPeakBytes(n: number, r: number, p: number): number {
  return 128 * r * (n + 2) + 2 * 128 * r * p;
}

/**
 * What deriving costs in time, in units of one ROMix step per r·p: r·p·(n + 4). ROMix does 2·n
 * BlockMix passes for each of p blocks of 128·r bytes; the PBKDF2-SHA256 passes that make and
 * read those blocks cost about 4 more per r·p (measured with Node's scrypt: n=2 with a huge p
 * costs what n=6 would). So a tiny n does not make a huge p cheap.
 */
export function scryptWork(n: number, r: number, p: number): number {
  return r * p * (n + 4);
}

const MiB = 1024 * 1024;

/** Throws 'invalid-field' for parameters the KDF cannot take and 'kdf-cost' above our caps. */
export function checkKdf(kdf: KdfConfig): void {
  if (kdf.type === 'scrypt') {
    const { n, r, p } = kdf;
    if (n > 2 ** 52) throw costError(`scrypt n=${n} is far above our caps`);
    if (!(n >= 2 && Number.isInteger(Math.log2(n)))) {
      throw new KeyConfigError('invalid-field', `kdf Scrypt: n=${n} is not a power of two greater than 1 (PBS writes 65536)`);
    }
    if (r < 1 || p < 1) throw new KeyConfigError('invalid-field', `kdf Scrypt: r and p must be at least 1 (got r=${r}, p=${p})`);
    const mem = scryptPeakBytes(n, r, p);
    if (mem > SCRYPT_MEMORY_CAP) {
      const pbs = scryptMemoryBytes(n, r, p) > SCRYPT_MAX_MEMORY ? `, and above the ${SCRYPT_MAX_MEMORY / MiB} MiB PBS allows` : '';
      throw costError(
        `scrypt n=${n}, r=${r}, p=${p} needs ${(mem / MiB).toFixed(0)} MiB (128·r·(n+2) + 2·128·r·p bytes), above our cap of ` +
          `${SCRYPT_MEMORY_CAP / MiB} MiB (PBS's own n=65536, r=8, p=1 need 64 MiB)${pbs}`,
      );
    }
    const work = scryptWork(n, r, p);
    if (work > SCRYPT_MAX_WORK) {
      throw costError(
        `scrypt n=${n}, r=${r}, p=${p} costs r·p·(n+4) = ${work} steps, above our cap of ${SCRYPT_MAX_WORK} ` +
          "(16× PBS's own n=65536, r=8, p=1; some seconds of work)",
      );
    }
  } else {
    if (kdf.iter < 1) throw new KeyConfigError('invalid-field', `kdf PBKDF2: iter must be at least 1 (PBS writes ${PBS_PBKDF2_ITERATIONS})`);
    if (kdf.iter > PBKDF2_MAX_ITERATIONS) {
      throw costError(`PBKDF2 iter=${kdf.iter} is above our cap of ${PBKDF2_MAX_ITERATIONS} iterations (PBS writes ${PBS_PBKDF2_ITERATIONS})`);
    }
  }
}

function costError(what: string): KeyConfigError {
  return new KeyConfigError('kdf-cost', `refusing to derive the key: ${what}; this file was not written by PBS or was tampered with`);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads a key file: a regular file of at most READ_LIMITS.keyFile (FileReadError otherwise). */
export async function readKeyConfig(path: string): Promise<KeyConfig> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, { maxBytes: READ_LIMITS.keyFile, what: 'key file' });
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'too-large') {
      throw new KeyConfigError('file-too-large', `${err.reason}; a PBS key file is a few hundred bytes of JSON`);
    }
    throw err;
  }
  return parseKeyConfig(bytes);
}

/** Parses and checks a key file's JSON the way PBS's serde derive reads it (unknown fields ignored). */
export function parseKeyConfig(input: string | Uint8Array): KeyConfig {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (text.trim() === '') throw new KeyConfigError('malformed-json', 'the file is empty; a key file is a JSON object');
  let doc: unknown;
  try {
    doc = parseJson(text, { rejectDuplicateKeys: true });
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new KeyConfigError('malformed-json', err.message);
    throw err;
  }
  if (!isObject(doc)) throw new KeyConfigError('invalid-field', 'a key file is a JSON object with kdf, created, modified and data');
  const config: KeyConfig = {
    kdf: parseKdf(doc.kdf),
    created: timestampField(doc, 'created'),
    modified: timestampField(doc, 'modified'),
    data: base64Field(doc.data, 'data'),
  };
  if (doc.fingerprint !== undefined && doc.fingerprint !== null) {
    if (typeof doc.fingerprint !== 'string') throw fieldType('fingerprint', 'a string');
    const fp = parseFingerprint(doc.fingerprint);
    if (!fp) {
      throw new KeyConfigError('bad-fingerprint', "field 'fingerprint' must be 32 bytes in hex (64 hex digits, ':' between pairs allowed)");
    }
    config.fingerprint = fp;
  }
  if (doc.hint !== undefined && doc.hint !== null) {
    if (typeof doc.hint !== 'string') throw fieldType('hint', 'a string');
    config.hint = doc.hint;
  }
  return config;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldType(name: string, expected: string): KeyConfigError {
  return new KeyConfigError('invalid-field', `field '${name}' must be ${expected}`);
}

function parseKdf(v: unknown): KdfConfig | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    throw new KeyConfigError(
      ['scrypt', 'pbkdf2'].includes(v.toLowerCase()) ? 'invalid-field' : 'unknown-kdf',
      `field 'kdf' must be null or an object like {"Scrypt": {"n": …, "r": …, "p": …, "salt": …}}, not a string`,
    );
  }
  if (!isObject(v)) throw fieldType('kdf', 'null or an object with one key, Scrypt or PBKDF2');
  const keys = Object.keys(v);
  if (keys.length !== 1) throw fieldType('kdf', `an object with exactly one key, Scrypt or PBKDF2 (it has ${keys.length})`);
  const [name] = keys;
  const params = v[name];
  if (name === 'Scrypt') {
    if (!isObject(params)) throw fieldType('kdf.Scrypt', 'an object with n, r, p and salt');
    return {
      type: 'scrypt',
      n: integerField(params.n, 'kdf.Scrypt.n'),
      r: integerField(params.r, 'kdf.Scrypt.r'),
      p: integerField(params.p, 'kdf.Scrypt.p'),
      salt: base64Field(params.salt, 'kdf.Scrypt.salt'),
    };
  }
  if (name === 'PBKDF2') {
    if (!isObject(params)) throw fieldType('kdf.PBKDF2', 'an object with iter and salt');
    return { type: 'pbkdf2', iter: integerField(params.iter, 'kdf.PBKDF2.iter'), salt: base64Field(params.salt, 'kdf.PBKDF2.salt') };
  }
  const shown = name.length <= 40 ? name : name.slice(0, 40) + '…';
  throw new KeyConfigError('unknown-kdf', `unknown kdf '${shown}': PBS knows Scrypt and PBKDF2 (or null for an unencrypted key)`);
}

function integerField(v: unknown, name: string): number {
  if (v === undefined || v === null) throw new KeyConfigError('invalid-field', `missing field '${name}'`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw fieldType(name, 'a non-negative integer');
  // Beyond 2^53 the value is not exact, but any such value is far above every cap anyway.
  return v;
}

function base64Field(v: unknown, name: string): Buffer {
  if (v === undefined || v === null) throw new KeyConfigError('invalid-field', `missing field '${name}'`);
  if (typeof v !== 'string') throw fieldType(name, 'a base64 string');
  const decoded = decodeBase64(v);
  if (typeof decoded === 'string') {
    // Never quote the text: for an unencrypted key it is the key itself.
    throw new KeyConfigError('bad-base64', `field '${name}' is not valid base64: ${decoded}`);
  }
  return decoded;
}

/**
 * Standard-alphabet base64, padded or not (PBS writes padding and reads either), no whitespace,
 * unused trailing bits zero (as Rust's base64 crate insists). Returns the bytes or a reason.
 */
export function decodeBase64(text: string): Buffer | string {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) return `character ${bad.index + 1} is not a base64 character`;
  const firstPad = text.indexOf('=');
  const body = firstPad === -1 ? text : text.slice(0, firstPad);
  const pad = firstPad === -1 ? '' : text.slice(firstPad);
  if (!/^={0,2}$/.test(pad)) return `padding '=' in the middle (character ${firstPad + 1})`;
  if (body.length % 4 === 1) return `length ${body.length} is impossible for base64 (truncated?)`;
  if (pad && (body.length + pad.length) % 4 !== 0) return 'wrong amount of padding';
  const bytes = Buffer.from(body, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== body) return 'the last character has bits set that encode nothing (corrupted?)';
  return bytes;
}

function timestampField(doc: Record<string, unknown>, name: string): number {
  const v = doc[name];
  if (v === undefined || v === null) throw new KeyConfigError('invalid-field', `missing field '${name}'`);
  if (typeof v !== 'string') throw fieldType(name, 'an RFC 3339 time string like 2024-06-01T12:00:00+02:00');
  const r = parseRfc3339(v);
  if (typeof r === 'string') throw new KeyConfigError('bad-timestamp', `field '${name}': ${r} (expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM)`);
  return r;
}

/** proxmox-time's parse_rfc3339: exactly 20 (…Z) or 25 (…±HH:MM) characters, no fractions. */
export function parseRfc3339(s: string): number | string {
  if (s.length < 20 || s.length > 25) return `'${s.slice(0, 40)}' has ${s.length} characters, not 20 or 25`;
  const tz = s[19];
  if (tz === 'Z') {
    if (s.length !== 20) return `'${s}': unexpected length in UTC timestamp`;
  } else if (tz === '+' || tz === '-') {
    if (s.length !== 25) return `'${s}': unexpected length in timestamp`;
  } else return `'${s}': unexpected timezone indicator at position 19`;
  let pos = -1;
  const digits = (at: number, count: number, max?: number): number => {
    let v = 0;
    for (let i = at; i < at + count; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) {
        pos = i;
        throw new Error();
      }
      v = v * 10 + c - 48;
    }
    if (max !== undefined && v > max) {
      pos = at;
      throw new RangeError(`value too large (${v} > ${max})`);
    }
    return v;
  };
  const expect = (at: number, ch: string) => {
    if (s[at] !== ch) {
      pos = at;
      throw new Error();
    }
  };
  try {
    const year = digits(0, 4);
    expect(4, '-');
    const mon = digits(5, 2, 12);
    expect(7, '-');
    const day = digits(8, 2, 31);
    expect(10, 'T');
    const hour = digits(11, 2, 23);
    expect(13, ':');
    const min = digits(14, 2, 59);
    expect(16, ':');
    const sec = digits(17, 2, 60);
    // timegm normalizes out-of-range fields (day 31 of a 30-day month, second 60) like Date does.
    const d = new Date(0);
    d.setUTCFullYear(year, mon - 1, day);
    d.setUTCHours(hour, min, sec, 0);
    let epoch = Math.floor(d.getTime() / 1000);
    if (tz !== 'Z') {
      const oh = digits(20, 2, 23);
      expect(22, ':');
      const om = digits(23, 2, 59);
      const offset = oh * 3600 + om * 60;
      epoch = tz === '+' ? epoch - offset : epoch + offset;
    }
    return epoch;
  } catch (e) {
    if (e instanceof RangeError) return `'${s}': ${e.message}`;
    return `'${s}': unexpected character at position ${pos}`;
  }
}

/** proxmox-time's epoch_to_rfc3339: local time with a numeric offset (never Z), no fractions. */
export function formatRfc3339Local(epoch: number): string {
  const d = new Date(epoch * 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return (
    `${String(d.getFullYear()).padStart(4, '0')}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}` +
    `T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}${sign}${p2(Math.floor(a / 60))}:${p2(a % 60)}`
  );
}

// ---------------------------------------------------------------------------------------------
// Decrypting

function passphraseBytes(passphrase: string | Uint8Array): Buffer {
  return typeof passphrase === 'string' ? Buffer.from(passphrase, 'utf8') : Buffer.from(passphrase);
}

/** Checks what can be checked before asking for a passphrase: data length and KDF cost. */
export function checkDecryptable(config: KeyConfig): void {
  if (config.kdf) {
    checkKdf(config.kdf);
    if (config.data.length !== 64) {
      throw new KeyConfigError(
        'short-data',
        `unable to decrypt key - the encrypted data is ${config.data.length} bytes, expected 64 (IV 16 + tag 16 + key 32): the file is truncated or corrupt`,
      );
    }
  } else if (config.data.length !== 32) {
    throw new KeyConfigError('bad-key-length', `the unencrypted key is ${config.data.length} bytes, expected 32: the file is truncated or corrupt`);
  }
}

export async function deriveKey(kdf: KdfConfig, passphrase: string | Uint8Array): Promise<Buffer> {
  checkKdf(kdf);
  const pass = passphraseBytes(passphrase);
  try {
    if (kdf.type === 'scrypt') {
      const maxmem = Math.max(32 * MiB, scryptMemoryBytes(kdf.n, kdf.r, kdf.p) + MiB);
      return await new Promise<Buffer>((resolve, reject) =>
        scrypt(pass, kdf.salt, 32, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
      );
    }
    return await new Promise<Buffer>((resolve, reject) =>
      pbkdf2(pass, kdf.salt, kdf.iter, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key))),
    );
  } catch (err) {
    // Node's messages carry no input, but say which step failed.
    throw new KeyConfigError('invalid-field', `key derivation failed: ${(err as Error).message}`);
  } finally {
    pass.fill(0);
  }
}

export interface DecryptedKey {
  /** The raw 32-byte encryption key. Secret. */
  key: Buffer;
  /** Its fingerprint, computed from the key (and equal to the stored one, if any). */
  fingerprint: Buffer;
  created: number;
}

/**
 * PBS's KeyConfig::decrypt: derive, AES-256-GCM-decrypt, check the fingerprint. A key file without
 * KDF needs no passphrase.
 */
export async function decryptKey(config: KeyConfig, passphrase?: string | Uint8Array): Promise<DecryptedKey> {
  checkDecryptable(config);
  let key: Buffer;
  if (config.kdf) {
    if (passphrase === undefined) throw new KeyConfigError('passphrase-required', 'this key is protected by a passphrase; none was given');
    if (passphraseBytes(passphrase).length < MIN_PASSPHRASE_BYTES) {
      throw new KeyConfigError('passphrase-too-short', `passphrase is too short (PBS requires at least ${MIN_PASSPHRASE_BYTES} bytes)`);
    }
    const derived = await deriveKey(config.kdf, passphrase);
    try {
      key = aesGcmDecrypt(derived, config.data.subarray(32), config.data.subarray(0, 16), config.data.subarray(16, 32));
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      throw new KeyConfigError(
        'wrong-passphrase',
        config.hint !== undefined
          ? `unable to decrypt key: wrong passphrase (password hint: ${config.hint})`
          : 'unable to decrypt key: wrong passphrase, or the key data is corrupt',
      );
    } finally {
      derived.fill(0);
    }
  } else {
    key = Buffer.from(config.data);
  }
  if (key.length !== 32) throw new KeyConfigError('bad-key-length', `the decrypted key is ${key.length} bytes, expected 32`);
  const fingerprint = new CryptConfig(key).fingerprint();
  if (config.fingerprint && !config.fingerprint.equals(fingerprint)) {
    key.fill(0);
    throw new KeyConfigError(
      'wrong-fingerprint',
      `KeyConfig contains wrong fingerprint ${shortFingerprint(config.fingerprint)}, contained key has fingerprint ${shortFingerprint(fingerprint)}`,
    );
  }
  return { key, fingerprint, created: config.created };
}

// ---------------------------------------------------------------------------------------------
// Creating and changing

export interface CreateKeyOptions {
  kdf?: KdfName;
  /** Required unless kdf is 'none'. At least 5 bytes. */
  passphrase?: string | Uint8Array;
  hint?: string;
  /** The raw key to protect; a random one by default. */
  key?: Uint8Array;
  /** Creation time (epoch seconds); now by default. */
  now?: number;
  /** For reproducible tests only: fixed salt and IV. */
  salt?: Uint8Array;
  iv?: Uint8Array;
}

/** PBS's SINGLE_LINE_COMMENT format with length 1..64 (PASSWORD_HINT_SCHEMA). */
export function checkHint(hint: string): void {
  if (hint.length < 1 || hint.length > 64) throw new KeyConfigError('bad-hint', `the password hint must be 1 to 64 characters (got ${hint.length})`);
  if (/\p{Cc}/u.test(hint)) throw new KeyConfigError('bad-hint', 'the password hint must be a single line without control characters');
}

/** KeyConfig::with_key / without_password: a new key file (random key unless one is given). */
export async function createKeyConfig(options: CreateKeyOptions = {}): Promise<{ config: KeyConfig; key: Buffer }> {
  const { kdf = 'scrypt', passphrase, hint, now = Math.floor(Date.now() / 1000) } = options;
  const key = options.key ? Buffer.from(options.key) : randomBytes(32);
  if (key.length !== 32) throw new KeyConfigError('bad-key-length', `a key has 32 bytes, got ${key.length}`);
  const fingerprint = new CryptConfig(key).fingerprint();
  if (kdf === 'none') {
    if (hint !== undefined) throw new KeyConfigError('bad-hint', 'a password hint makes no sense for a key without passphrase (kdf none)');
    return { key, config: { kdf: null, created: now, modified: now, data: Buffer.from(key), fingerprint } };
  }
  if (hint !== undefined) checkHint(hint);
  if (passphrase === undefined) throw new KeyConfigError('passphrase-required', 'a passphrase is needed to protect the key (or use kdf none)');
  if (passphraseBytes(passphrase).length < MIN_PASSPHRASE_BYTES) {
    throw new KeyConfigError('passphrase-too-short', `passphrase is too short (PBS requires at least ${MIN_PASSPHRASE_BYTES} bytes)`);
  }
  const salt = Buffer.from(options.salt ?? randomBytes(32));
  const kdfConfig: KdfConfig = kdf === 'scrypt' ? { type: 'scrypt', ...PBS_SCRYPT_DEFAULTS, salt } : { type: 'pbkdf2', iter: PBS_PBKDF2_ITERATIONS, salt };
  const derived = await deriveKey(kdfConfig, passphrase);
  try {
    const { iv, tag, ciphertext } = aesGcmEncrypt(derived, key, options.iv ?? randomBytes(16));
    const config: KeyConfig = { kdf: kdfConfig, created: now, modified: now, data: Buffer.concat([iv, tag, ciphertext]), fingerprint };
    if (hint !== undefined) config.hint = hint;
    return { key, config };
  } finally {
    derived.fill(0);
  }
}

export interface ChangePassphraseOptions {
  kdf?: KdfName;
  newPassphrase?: string | Uint8Array;
  /** The new hint; like PBS, the old hint is dropped unless a new one is given. */
  hint?: string;
  now?: number;
}

/** proxmox-backup-client key change-passphrase: same key, new salt/IV/KDF, `created` kept. */
export async function changePassphrase(config: KeyConfig, oldPassphrase: string | Uint8Array | undefined, options: ChangePassphraseOptions): Promise<KeyConfig> {
  const { key } = await decryptKey(config, oldPassphrase);
  try {
    const { config: next } = await createKeyConfig({ kdf: options.kdf, passphrase: options.newPassphrase, hint: options.hint, key, now: options.now });
    next.created = config.created;
    return next;
  } finally {
    key.fill(0);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing and describing

/** serde_json::to_string(&KeyConfig): compact, fields in PBS's order, no trailing newline. */
export function serializeKeyConfig(config: KeyConfig): string {
  const kdf =
    config.kdf === null
      ? null
      : config.kdf.type === 'scrypt'
        ? { Scrypt: { n: config.kdf.n, r: config.kdf.r, p: config.kdf.p, salt: config.kdf.salt.toString('base64') } }
        : { PBKDF2: { iter: config.kdf.iter, salt: config.kdf.salt.toString('base64') } };
  const out: Record<string, unknown> = {
    kdf,
    created: formatRfc3339Local(config.created),
    modified: formatRfc3339Local(config.modified),
    data: config.data.toString('base64'),
  };
  if (config.fingerprint) out.fingerprint = formatFingerprint(config.fingerprint);
  if (config.hint !== undefined) out.hint = config.hint;
  return JSON.stringify(out);
}

/** Writes a key file with mode 0600, atomically; an existing file is replaced only with `overwrite`. */
export async function writeKeyConfig(path: string, config: KeyConfig, { overwrite = false }: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, serializeKeyConfig(config), { mode: 0o600, overwrite });
}

export interface KeyInfo {
  kdf: KdfName;
  /** scrypt: n, r, p; pbkdf2: iter; plus the salt length in bytes. */
  parameters?: Record<string, number>;
  created: string;
  modified: string;
  /** Full form; from the file, or computed for an unencrypted key. */
  fingerprint?: string;
  hint?: string;
}

/** What `proxmox-backup-client key show` tells, without the passphrase. */
export function keyInfo(config: KeyConfig): KeyInfo {
  const info: KeyInfo = {
    kdf: config.kdf === null ? 'none' : config.kdf.type,
    created: formatRfc3339Local(config.created),
    modified: formatRfc3339Local(config.modified),
  };
  if (config.kdf?.type === 'scrypt') info.parameters = { n: config.kdf.n, r: config.kdf.r, p: config.kdf.p, saltBytes: config.kdf.salt.length };
  if (config.kdf?.type === 'pbkdf2') info.parameters = { iter: config.kdf.iter, saltBytes: config.kdf.salt.length };
  if (config.fingerprint) info.fingerprint = formatFingerprint(config.fingerprint);
  else if (config.kdf === null && config.data.length === 32) info.fingerprint = formatFingerprint(new CryptConfig(config.data).fingerprint());
  if (config.hint !== undefined) info.hint = config.hint;
  return info;
}
