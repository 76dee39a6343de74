// Key files on disk: reading and checking their JSON the way PBS's serde derive reads it, and
// writing them as PBS does (compact JSON, mode 0600, atomically).
import { FileReadError, READ_LIMITS, readRegularFile } from '../fs/read-file.ts';
import { JsonSyntaxError, parseJson } from '../json.ts';
import { isoInZone, parseRfc3339 } from '../format/epoch.ts';
import { formatFingerprint, parseFingerprint } from './crypt-config.ts';
import { KeyConfigError, type KdfConfig, type KeyConfig } from './key-config-model.ts';
import { writeFileAtomic } from './secure-write.ts';

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
    created: isoInZone(config.created),
    modified: isoInZone(config.modified),
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
