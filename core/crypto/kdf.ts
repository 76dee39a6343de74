// Key derivation for key files: PBS's parameters, our caps on what a file may make us spend
// (memory and time), and deriving the key-encryption key from a passphrase.
import { pbkdf2, scrypt } from 'node:crypto';
import { KeyConfigError, type KdfConfig } from './key-config-model.ts';


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

/** The passphrase as bytes (UTF-8 for a string); a copy the caller wipes. */
export function passphraseBytes(passphrase: string | Uint8Array): Buffer {
  return typeof passphrase === 'string' ? Buffer.from(passphrase, 'utf8') : Buffer.from(passphrase);
}

/** PBS refuses a passphrase below MIN_PASSPHRASE_BYTES, for new keys and for unlocking. */
export function checkPassphraseLength(passphrase: string | Uint8Array): void {
  const bytes = passphraseBytes(passphrase);
  const short = bytes.length < MIN_PASSPHRASE_BYTES;
  bytes.fill(0);
  if (short) throw new KeyConfigError('passphrase-too-short', `passphrase is too short (PBS requires at least ${MIN_PASSPHRASE_BYTES} bytes)`);
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
