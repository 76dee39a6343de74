// Independent references for the crypto tests: the openssl command line (when installed) and a
// from-the-definition AES-GCM (NIST SP 800-38D) built on single AES block encryptions.
import { spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';

export const HAS_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

function openssl(args: string[], input?: Uint8Array): Buffer {
  const r = spawnSync('openssl', args, { input, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** `openssl kdf` prints upper-case colon-separated bytes. */
function kdfOutput(out: Buffer): Buffer {
  return Buffer.from(out.toString().trim().replaceAll(':', ''), 'hex');
}

export function opensslScrypt(pass: Uint8Array, salt: Uint8Array, n: number, r: number, p: number): Buffer {
  return kdfOutput(
    openssl([
      'kdf', '-keylen', '32',
      '-kdfopt', `hexpass:${Buffer.from(pass).toString('hex')}`,
      '-kdfopt', `hexsalt:${Buffer.from(salt).toString('hex')}`,
      '-kdfopt', `n:${n}`, '-kdfopt', `r:${r}`, '-kdfopt', `p:${p}`,
      '-kdfopt', 'maxmem_bytes:1074790400',
      'SCRYPT',
    ]),
  );
}

export function opensslPbkdf2(pass: Uint8Array, salt: Uint8Array, iter: number): Buffer {
  return kdfOutput(
    openssl([
      'kdf', '-keylen', '32', '-kdfopt', 'digest:SHA256',
      '-kdfopt', `hexpass:${Buffer.from(pass).toString('hex')}`,
      '-kdfopt', `hexsalt:${Buffer.from(salt).toString('hex')}`,
      '-kdfopt', `iter:${iter}`,
      'PBKDF2',
    ]),
  );
}

export function opensslSha256File(path: string): string {
  return /([0-9a-f]{64})/.exec(openssl(['dgst', '-sha256', '-r', path]).toString())![1];
}

export function opensslSha256(data: Uint8Array): string {
  return /([0-9a-f]{64})/.exec(openssl(['dgst', '-sha256', '-r'], data).toString())![1];
}

/** AES-256 of whole 16-byte blocks in ECB mode: the openssl CLI if present, else node:crypto. */
export function aesEcbBlocks(key: Uint8Array, blocks: Uint8Array): Buffer {
  if (HAS_OPENSSL) {
    return openssl(['enc', '-aes-256-ecb', '-nopad', '-K', Buffer.from(key).toString('hex')], blocks);
  }
  const c = createCipheriv('aes-256-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(blocks), c.final()]);
}

// GF(2^128) multiplication as SP 800-38D §6.3 defines it (bit-reflected, R = 0xe1 ‖ 0^120).
const R = 0xe1n << 120n;
function gfMul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z;
}

const toBig = (b: Uint8Array) => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'));
const toBytes = (n: bigint) => Buffer.from(n.toString(16).padStart(32, '0'), 'hex');

function ghash(h: bigint, data: Uint8Array): bigint {
  let y = 0n;
  for (let i = 0; i < data.length; i += 16) {
    const block = Buffer.alloc(16);
    Buffer.from(data.subarray(i, i + 16)).copy(block);
    y = gfMul(y ^ toBig(block), h);
  }
  return y;
}

function pad16(b: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(b), Buffer.alloc((16 - (b.length % 16)) % 16)]);
}

function lengths(aBits: number, cBits: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(aBits), 0);
  b.writeBigUInt64BE(BigInt(cBits), 8);
  return b;
}

/**
 * AES-256-GCM encryption from the definition, for any IV length (PBS uses 16 bytes, which takes
 * the GHASH path for J0 rather than the 12-byte shortcut). PBS uses empty AAD.
 */
export function referenceGcmEncrypt(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): { ciphertext: Buffer; tag: Buffer } {
  const h = toBig(aesEcbBlocks(key, Buffer.alloc(16)));
  const j0 = iv.length === 12 ? Buffer.concat([Buffer.from(iv), Buffer.from([0, 0, 0, 1])]) : toBytes(ghash(h, Buffer.concat([pad16(iv), lengths(0, iv.length * 8)])));
  const counters: Buffer[] = [];
  const nBlocks = Math.ceil(plain.length / 16);
  const base = j0.readUInt32BE(12);
  for (let i = 0; i <= nBlocks; i++) {
    const c = Buffer.from(j0);
    c.writeUInt32BE((base + i) >>> 0, 12);
    counters.push(c);
  }
  const stream = aesEcbBlocks(key, Buffer.concat(counters));
  const ciphertext = Buffer.alloc(plain.length);
  for (let i = 0; i < plain.length; i++) ciphertext[i] = plain[i] ^ stream[16 + i];
  const s = ghash(h, Buffer.concat([pad16(aad), pad16(ciphertext), lengths(aad.length * 8, ciphertext.length * 8)]));
  const tag = toBytes(s ^ toBig(stream.subarray(0, 16)));
  return { ciphertext, tag };
}
