// PBS data blobs and chunks (pbs-datastore data_blob.rs, formats.md §4.3): the four kinds by magic
// number, CRC-32 over the bytes after the header (for encrypted blobs: the ciphertext only),
// AES-256-GCM with a 16-byte IV, zstd level 1 kept only when smaller, and chunk digests.
import * as zlib from 'node:zlib';
import CRC32 from 'crc-32';
import { createHash } from 'node:crypto';
import { type CryptConfig, DecryptError, IV_LENGTH, TAG_LENGTH } from './crypt-config.ts';
import { ZstdError, zstdCompress, zstdDecompress } from './zstd.ts';

export type BlobKind = 'uncompressed' | 'compressed' | 'encrypted' | 'encrypted-compressed';

/** First 8 bytes of SHA-256 of "Proxmox Backup … blob v1.0". */
export const BLOB_MAGIC: Readonly<Record<BlobKind, Buffer>> = {
  uncompressed: Buffer.from([66, 171, 56, 7, 190, 131, 112, 161]),
  compressed: Buffer.from([49, 185, 88, 66, 111, 182, 163, 127]),
  encrypted: Buffer.from([123, 103, 133, 190, 34, 45, 76, 240]),
  'encrypted-compressed': Buffer.from([230, 89, 27, 191, 11, 191, 216, 11]),
};

/** Other PBS files people may mistake for blobs; named in the error. */
export const OTHER_MAGIC: Readonly<Record<string, Buffer>> = {
  'a fixed index (.fidx)': Buffer.from([47, 127, 65, 237, 145, 253, 15, 205]),
  'a dynamic index (.didx)': Buffer.from([28, 145, 78, 165, 25, 186, 179, 205]),
  'a catalog (catalog.pcat1)': Buffer.from([145, 253, 96, 249, 196, 103, 88, 213]),
};

export const HEADER_SIZE = 12;
export const ENCRYPTED_HEADER_SIZE = 44;
/** PBS refuses to encode more (MAX_BLOB_SIZE); we refuse to decode more too. */
export const MAX_BLOB_SIZE = 128 * 1024 * 1024;

export type BlobErrorCode = 'too-small' | 'unknown-magic' | 'crc-mismatch' | 'missing-key' | 'decrypt-failed' | 'zstd' | 'too-large' | 'digest-mismatch';

export class BlobError extends Error {
  override name = 'BlobError';
  constructor(
    readonly code: BlobErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const nodeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** IEEE CRC-32 (crc32fast): node:zlib's where it exists (Node ≥ 20.15), else the crc-32 package. */
export function crc32(data: Uint8Array): number {
  return nodeCrc32 ? nodeCrc32(data) : CRC32.buf(data) >>> 0;
}

export interface BlobHeader {
  kind: BlobKind;
  encrypted: boolean;
  compressed: boolean;
  headerSize: number;
  /** Whole blob, header included. */
  size: number;
  /** Bytes after the header (compressed and/or encrypted payload). */
  payloadSize: number;
  crc: { stored: number; computed: number; ok: boolean };
  iv?: Buffer;
  tag?: Buffer;
}

export function blobKindOf(magic: Uint8Array): BlobKind | undefined {
  const m = Buffer.from(magic.buffer, magic.byteOffset, Math.min(8, magic.byteLength));
  return (Object.keys(BLOB_MAGIC) as BlobKind[]).find((k) => BLOB_MAGIC[k].equals(m));
}

/** Reads the header and checks the CRC; needs no key. Throws for a non-blob. */
export function readBlobHeader(raw: Uint8Array): BlobHeader {
  if (raw.byteLength < HEADER_SIZE) throw new BlobError('too-small', `blob too small (${raw.byteLength} bytes; the header alone is ${HEADER_SIZE})`);
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const kind = blobKindOf(buf.subarray(0, 8));
  if (!kind) {
    const other = Object.entries(OTHER_MAGIC).find(([, m]) => m.equals(buf.subarray(0, 8)));
    throw new BlobError(
      'unknown-magic',
      other ? `this is ${other[0]}, not a data blob` : `not a PBS data blob: unknown magic number ${buf.subarray(0, 8).toString('hex')}`,
    );
  }
  const encrypted = kind === 'encrypted' || kind === 'encrypted-compressed';
  const headerSize = encrypted ? ENCRYPTED_HEADER_SIZE : HEADER_SIZE;
  if (buf.length < headerSize) throw new BlobError('too-small', `encrypted blob too small (${buf.length} bytes; the header alone is ${headerSize})`);
  const stored = buf.readUInt32LE(8);
  const computed = crc32(buf.subarray(headerSize));
  const header: BlobHeader = {
    kind,
    encrypted,
    compressed: kind === 'compressed' || kind === 'encrypted-compressed',
    headerSize,
    size: buf.length,
    payloadSize: buf.length - headerSize,
    crc: { stored, computed, ok: stored === computed },
  };
  if (encrypted) {
    header.iv = Buffer.from(buf.subarray(12, 12 + IV_LENGTH));
    header.tag = Buffer.from(buf.subarray(28, 28 + TAG_LENGTH));
  }
  return header;
}

export interface EncodeOptions {
  /** Encrypt with this key (AES-256-GCM, random 16-byte IV unless `iv` is given). */
  crypt?: CryptConfig;
  /** zstd level 1, kept only when smaller (PBS's rule). Default true. */
  compress?: boolean;
  /** Fixed IV, for reproducible tests. */
  iv?: Uint8Array;
}

/** DataBlob::encode. */
export async function encodeBlob(data: Uint8Array, options: EncodeOptions = {}): Promise<Buffer> {
  const { crypt, compress = true } = options;
  if (data.byteLength > MAX_BLOB_SIZE) throw new BlobError('too-large', `data blob too large (${data.byteLength} bytes; at most ${MAX_BLOB_SIZE})`);
  let payload: Uint8Array = data;
  let compressed = false;
  if (compress) {
    const z = await zstdCompress(data, 1);
    if (z.length < data.byteLength) {
      payload = z;
      compressed = true;
    }
  }
  let out: Buffer;
  if (crypt) {
    const { iv, tag, ciphertext } = crypt.encrypt(payload, options.iv);
    out = Buffer.concat([compressed ? BLOB_MAGIC['encrypted-compressed'] : BLOB_MAGIC.encrypted, Buffer.alloc(4), iv, tag, ciphertext]);
    out.writeUInt32LE(crc32(ciphertext), 8);
  } else {
    out = Buffer.concat([compressed ? BLOB_MAGIC.compressed : BLOB_MAGIC.uncompressed, Buffer.alloc(4), payload]);
    out.writeUInt32LE(crc32(out.subarray(HEADER_SIZE)), 8);
  }
  return out;
}

export interface DecodeOptions {
  /** Needed for encrypted blobs; also switches the digest to the keyed one. */
  crypt?: CryptConfig;
  /** Verify the chunk digest of the decoded data (PBS's verify_digest). */
  digest?: Uint8Array;
  /** Check the CRC first (PBS's load_from_reader does). Default true. */
  checkCrc?: boolean;
  /** Largest decoded size accepted; default MAX_BLOB_SIZE. */
  maxSize?: number;
}

/** DataBlob::decode (after load_from_reader's CRC check). */
export async function decodeBlob(raw: Uint8Array, options: DecodeOptions = {}): Promise<Buffer> {
  const { crypt, digest, checkCrc = true, maxSize = MAX_BLOB_SIZE } = options;
  const header = readBlobHeader(raw);
  if (checkCrc && !header.crc.ok) {
    throw new BlobError('crc-mismatch', `Data blob has wrong CRC checksum (stored ${hex32(header.crc.stored)}, computed ${hex32(header.crc.computed)})`);
  }
  const body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).subarray(header.headerSize);
  let payload: Buffer = body;
  if (header.encrypted) {
    if (!crypt) throw new BlobError('missing-key', 'unable to decrypt blob - it is encrypted and no key was given');
    try {
      payload = crypt.decrypt(body, header.iv!, header.tag!);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      throw new BlobError('decrypt-failed', 'unable to decrypt blob: it was encrypted with another key, or its bytes were changed');
    }
  }
  let data: Buffer;
  if (header.compressed) {
    try {
      data = await zstdDecompress(payload, maxSize);
    } catch (err) {
      if (err instanceof ZstdError) throw new BlobError('zstd', err.message);
      throw err;
    }
  } else {
    if (payload.length > maxSize) throw new BlobError('too-large', `blob payload is ${payload.length} bytes, above the limit of ${maxSize}`);
    data = Buffer.from(payload);
  }
  if (digest) verifyChunkDigest(data, digest, header.encrypted ? crypt : undefined);
  return data;
}

/** The chunk digest: SHA-256 of the data, or with a key `SHA-256(data ‖ id_key)`. */
export function chunkDigest(data: Uint8Array, crypt?: CryptConfig): Buffer {
  return crypt ? crypt.computeDigest(data) : createHash('sha256').update(data).digest();
}

export function verifyChunkDigest(data: Uint8Array, expected: Uint8Array, crypt?: CryptConfig): void {
  const actual = chunkDigest(data, crypt);
  if (!actual.equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))) {
    throw new BlobError('digest-mismatch', `detected chunk with wrong digest (expected ${Buffer.from(expected).toString('hex')}, got ${actual.toString('hex')})`);
  }
}

function hex32(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
