// PBS's CryptConfig (pbs-tools crypt_config.rs): the id key derived from a 32-byte encryption key,
// the keyed digest used for encrypted chunks, the key fingerprint, and AES-256-GCM with PBS's
// 16-byte IV. Fingerprints print as PBS prints them (pbs-api-types Fingerprint).
import { createCipheriv, createDecipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** SHA-256("Proxmox Backup Encryption Key Fingerprint"), formats.md §4.2. */
export const FINGERPRINT_INPUT = Buffer.from('6ed0ef77471fff4d55c7a8fe4a9db62161407f134c725ddf30992d25ec45ed26', 'hex');

export const KEY_LENGTH = 32;
export const IV_LENGTH = 16;
export const TAG_LENGTH = 16;

/** `id_key = PBKDF2-HMAC-SHA256(key, "_id_key", 10 iterations, 32 bytes)`. */
export function deriveIdKey(key: Uint8Array): Buffer {
  checkKeyLength(key);
  return pbkdf2Sync(key, '_id_key', 10, 32, 'sha256');
}

function checkKeyLength(key: Uint8Array): void {
  if (key.byteLength !== KEY_LENGTH) throw new RangeError(`an encryption key has ${KEY_LENGTH} bytes, got ${key.byteLength}`);
}

/**
 * The secret key and what PBS derives from it. The key bytes are kept private: printing or
 * serializing a CryptConfig shows only the short fingerprint.
 */
export class CryptConfig {
  readonly #key: Buffer;
  readonly #idKey: Buffer;
  #fingerprint: Buffer | undefined;

  constructor(key: Uint8Array) {
    checkKeyLength(key);
    this.#key = Buffer.from(key);
    this.#idKey = deriveIdKey(this.#key);
  }

  /** `SHA-256(data || id_key)`: the digest of encrypted chunks (key appended, against length extension). */
  computeDigest(data: Uint8Array): Buffer {
    return createHash('sha256').update(data).update(this.#idKey).digest();
  }

  /** `HMAC-SHA256(id_key, data)` (PBS's sign-only mode). */
  computeAuthTag(data: Uint8Array): Buffer {
    return createHmac('sha256', this.#idKey).update(data).digest();
  }

  /** The 32-byte key fingerprint: `computeDigest(FINGERPRINT_INPUT)`. */
  fingerprint(): Buffer {
    this.#fingerprint ??= this.computeDigest(FINGERPRINT_INPUT);
    return Buffer.from(this.#fingerprint);
  }

  /** AES-256-GCM with a 16-byte IV (random unless given) and empty AAD, as PBS encrypts blobs. */
  encrypt(plain: Uint8Array, iv: Uint8Array = randomBytes(IV_LENGTH)): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
    return aesGcmEncrypt(this.#key, plain, iv);
  }

  /** Decrypts and authenticates; throws (`DecryptError`) when the key is wrong or the data is corrupt. */
  decrypt(ciphertext: Uint8Array, iv: Uint8Array, tag: Uint8Array): Buffer {
    return aesGcmDecrypt(this.#key, ciphertext, iv, tag);
  }

  toJSON(): { fingerprint: string } {
    return { fingerprint: formatFingerprint(this.fingerprint()) };
  }

  [inspect.custom](): string {
    return `CryptConfig { fingerprint: ${shortFingerprint(this.fingerprint())} }`;
  }
}

/** AES-GCM refused the data: wrong key, or ciphertext/IV/tag changed. Carries no key material. */
export class DecryptError extends Error {
  override name = 'DecryptError';
  constructor() {
    super('authentication failed: wrong key, or the data was changed');
  }
}

export function aesGcmEncrypt(key: Uint8Array, plain: Uint8Array, iv: Uint8Array): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  if (iv.byteLength !== IV_LENGTH) throw new RangeError(`PBS uses a ${IV_LENGTH}-byte IV, got ${iv.byteLength}`);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  c.setAAD(Buffer.alloc(0));
  const ciphertext = Buffer.concat([c.update(plain), c.final()]);
  return { iv: Buffer.from(iv), tag: c.getAuthTag(), ciphertext };
}

export function aesGcmDecrypt(key: Uint8Array, ciphertext: Uint8Array, iv: Uint8Array, tag: Uint8Array): Buffer {
  if (iv.byteLength !== IV_LENGTH || tag.byteLength !== TAG_LENGTH) throw new DecryptError();
  const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  d.setAAD(Buffer.alloc(0));
  d.setAuthTag(tag);
  try {
    return Buffer.concat([d.update(ciphertext), d.final()]);
  } catch {
    throw new DecryptError();
  }
}

function hexPairs(bytes: Uint8Array): string {
  return (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').match(/../g) ?? []).join(':');
}

/** Full form: 32 lower-case hex pairs joined by ':' (key files, `signature()`). */
export function formatFingerprint(fp: Uint8Array): string {
  return hexPairs(fp);
}

/** Short form (PBS's Display): the first 8 bytes, e.g. `42:7f:b0:71:71:e4:0e:12`. */
export function shortFingerprint(fp: Uint8Array): string {
  return hexPairs(fp.subarray(0, 8));
}

/** Parses a fingerprint as PBS does: every ':' is dropped, 64 hex digits (either case) must remain. */
export function parseFingerprint(text: string): Buffer | undefined {
  const hex = text.replaceAll(':', '');
  return /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/** The fingerprint of a raw 32-byte key. */
export function keyFingerprint(key: Uint8Array): Buffer {
  return new CryptConfig(key).fingerprint();
}
