// The content of a PBS client encryption key file (pbs-key-config KeyConfig, formats.md §4.1) and
// the one error every key-file operation throws: a code, and a message that names the problem
// and never contains the passphrase, the key or the key data.

export type KdfName = 'scrypt' | 'pbkdf2' | 'none';
export const KDF_NAMES: readonly KdfName[] = ['scrypt', 'pbkdf2', 'none'];

/** PBS's default KDF for a new key file and for a passphrase change (pbs-api-types Kdf::default). */
export const DEFAULT_KDF: KdfName = 'scrypt';

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
