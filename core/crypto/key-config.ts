// PBS client encryption key files (pbs-key-config KeyConfig, formats.md §4.1): decrypt the key with
// a passphrase, create them, change the passphrase, describe them without the passphrase. The
// module the fronts import: it also re-exports the content and error (key-config-model.ts), the
// KDF and its caps (kdf.ts), and reading and writing the files (key-config-file.ts).
import { randomBytes } from 'node:crypto';
import { isoInZone } from '../format/epoch.ts';
import { CryptConfig, DecryptError, aesGcmDecrypt, aesGcmEncrypt, formatFingerprint, shortFingerprint } from './crypt-config.ts';
import { checkKdf, checkPassphraseLength, deriveKey, PBS_PBKDF2_ITERATIONS, PBS_SCRYPT_DEFAULTS } from './kdf.ts';
import { DEFAULT_KDF, KeyConfigError, type KdfConfig, type KdfName, type KeyConfig } from './key-config-model.ts';

export * from './key-config-model.ts';
export * from './kdf.ts';
export { decodeBase64, parseKeyConfig, readKeyConfig, serializeKeyConfig, writeKeyConfig } from './key-config-file.ts';

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
    checkPassphraseLength(passphrase);
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

/**
 * PBS's rules for a password hint: none for a key without passphrase ("password hint not allowed
 * for Kdf::None", proxmox-backup-client/src/key.rs), else SINGLE_LINE_COMMENT with length 1..64
 * (PASSWORD_HINT_SCHEMA). Fronts call it before asking for anything.
 */
export function checkHint(hint: string | undefined, kdf: KdfName = DEFAULT_KDF): void {
  if (hint === undefined) return;
  if (kdf === 'none') throw new KeyConfigError('bad-hint', 'a password hint makes no sense for a key without passphrase (kdf none)');
  if (hint.length < 1 || hint.length > 64) throw new KeyConfigError('bad-hint', `the password hint must be 1 to 64 characters (got ${hint.length})`);
  if (/\p{Cc}/u.test(hint)) throw new KeyConfigError('bad-hint', 'the password hint must be a single line without control characters');
}

/** KeyConfig::with_key / without_password: a new key file (random key unless one is given). */
export async function createKeyConfig(options: CreateKeyOptions = {}): Promise<{ config: KeyConfig; key: Buffer }> {
  const { kdf = DEFAULT_KDF, passphrase, hint, now = Math.floor(Date.now() / 1000) } = options;
  const key = options.key ? Buffer.from(options.key) : randomBytes(32);
  if (key.length !== 32) throw new KeyConfigError('bad-key-length', `a key has 32 bytes, got ${key.length}`);
  const fingerprint = new CryptConfig(key).fingerprint();
  checkHint(hint, kdf);
  if (kdf === 'none') {
    return { key, config: { kdf: null, created: now, modified: now, data: Buffer.from(key), fingerprint } };
  }
  if (passphrase === undefined) throw new KeyConfigError('passphrase-required', 'a passphrase is needed to protect the key (or use kdf none)');
  checkPassphraseLength(passphrase);
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

/** A new passphrase, or a function that asks for it (see ChangePassphraseOptions.newPassphrase). */
export type NewPassphrase = string | Uint8Array | (() => Promise<string | Uint8Array>);

export interface ChangePassphraseOptions {
  /**
   * How the new file protects the key. PBS's default is scrypt, whatever the file used before
   * (`kdf.unwrap_or_default()` in proxmox-backup-client key change-passphrase; pbs-api-types
   * Kdf::default is Scrypt); 'none' stores the key without passphrase.
   */
  kdf?: KdfName;
  /**
   * Not needed for kdf 'none'. A function is called only once the old passphrase has unlocked the
   * key, so a wrong old passphrase fails before a new one is asked for; bytes it returns are wiped.
   */
  newPassphrase?: NewPassphrase;
  /** The new hint; like PBS, the old hint is dropped unless a new one is given. */
  hint?: string;
  now?: number;
}

/**
 * proxmox-backup-client key change-passphrase: same key, new salt/IV/KDF, `created` kept. The one
 * implementation behind `pbs-tools key passwd` and the editor's Change Key Passphrase command.
 */
export async function changePassphrase(config: KeyConfig, oldPassphrase: string | Uint8Array | undefined, options: ChangePassphraseOptions = {}): Promise<KeyConfig> {
  const kdf = options.kdf ?? DEFAULT_KDF;
  checkHint(options.hint, kdf);
  const { key } = await decryptKey(config, oldPassphrase);
  const asked = typeof options.newPassphrase === 'function';
  let passphrase: string | Uint8Array | undefined;
  try {
    if (kdf !== 'none') passphrase = typeof options.newPassphrase === 'function' ? await options.newPassphrase() : options.newPassphrase;
    const { config: next } = await createKeyConfig({ kdf, passphrase, hint: options.hint, key, now: options.now });
    next.created = config.created; // keep the original value, as PBS does
    return next;
  } finally {
    key.fill(0);
    if (asked && passphrase instanceof Uint8Array) passphrase.fill(0);
  }
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
    created: isoInZone(config.created),
    modified: isoInZone(config.modified),
  };
  if (config.kdf?.type === 'scrypt') info.parameters = { n: config.kdf.n, r: config.kdf.r, p: config.kdf.p, saltBytes: config.kdf.salt.length };
  if (config.kdf?.type === 'pbkdf2') info.parameters = { iter: config.kdf.iter, saltBytes: config.kdf.salt.length };
  if (config.fingerprint) info.fingerprint = formatFingerprint(config.fingerprint);
  else if (config.kdf === null && config.data.length === 32) info.fingerprint = formatFingerprint(new CryptConfig(config.data).fingerprint());
  if (config.hint !== undefined) info.hint = config.hint;
  return info;
}
