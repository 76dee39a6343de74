// zstd for data blobs, through zstd-codec (libzstd compiled to WebAssembly, the wasm embedded in
// its JavaScript: installs from npm with no download or build step, bundles into dist/, runs on
// Node 20 and in VS Code's extension host). Loaded on first use only.
//
// Before decompressing, the frames are walked (RFC 8878 headers and block headers) to check that
// they are complete and to bound the output: a raw or RLE block says its size, a compressed block
// yields at most 128 KiB. A "zip bomb" is refused before any memory is spent, and a truncated
// frame is an error (zstd-codec's streaming decoder quietly returns what it got).
//
// The walk also bounds the frames: PBS writes every blob as one zstd frame (pbs-datastore
// src/data_blob.rs, DataBlob::encode: zstd::stream::copy_encode, or zstd::bulk::compress for
// encrypted blobs), and zstd-codec's decoder spends some 50 µs on each frame, so a 9 MB blob of
// empty 9-byte frames would decode for a minute. More than MAX_ZSTD_FRAMES is refused.
import type { ZstdCodecModule } from 'zstd-codec';

export class ZstdError extends Error {
  override name = 'ZstdError';
}

let codec: Promise<ZstdCodecModule> | undefined;

function loadCodec(): Promise<ZstdCodecModule> {
  codec ??= import('zstd-codec').then(
    (m) =>
      new Promise<ZstdCodecModule>((resolve) => {
        const api = (m as { ZstdCodec?: typeof m.ZstdCodec; default?: { ZstdCodec: typeof m.ZstdCodec } }).ZstdCodec ?? m.default!.ZstdCodec;
        // The Emscripten loader reads __dirname (only to build a path it never uses: the wasm is
        // embedded). Bundled as ESM there is none, so lend one while the loader runs, synchronously.
        const g = globalThis as { __dirname?: string };
        const lent = !('__dirname' in g);
        if (lent) g.__dirname = '.';
        try {
          api.run((z) => resolve(z));
        } finally {
          if (lent) delete g.__dirname;
        }
      }),
  );
  return codec;
}

/** zstd at the given level (PBS uses 1), one frame with the content size in its header. */
export async function zstdCompress(data: Uint8Array, level = 1): Promise<Buffer> {
  const z = await loadCodec();
  const out = new z.Simple().compress(data, level);
  if (!out) throw new ZstdError('zstd compression failed');
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export interface FrameSummary {
  /** Upper bound of the decompressed size. */
  maxOutput: number;
  /** Exact size when every frame declares its content size, else undefined. */
  declaredSize: number | undefined;
  frames: number;
}

const MAGIC = 0xfd2fb528;
const BLOCK_MAX = 128 * 1024;

/** Frames (zstd and skippable) decoded at most; PBS writes one. */
export const MAX_ZSTD_FRAMES = 1024;

/** Walks zstd frames (and skippable frames) without decoding; throws ZstdError if malformed. */
export function summarizeFrames(data: Uint8Array): FrameSummary {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let maxOutput = 0;
  let declared: number | undefined = 0;
  let frames = 0;
  const need = (n: number, what: string) => {
    if (pos + n > data.byteLength) throw new ZstdError(`zstd data is truncated (${what} at byte ${pos} needs ${n} bytes, ${data.byteLength - pos} left)`);
  };
  if (data.byteLength === 0) throw new ZstdError('zstd data is empty');
  let allFrames = 0;
  while (pos < data.byteLength) {
    if (++allFrames > MAX_ZSTD_FRAMES) {
      throw new ZstdError(
        `zstd data of more than ${MAX_ZSTD_FRAMES} frames (the ${MAX_ZSTD_FRAMES + 1}th starts at byte ${pos}): PBS writes a blob as ` +
          `one zstd frame, so PBS did not write this; pbs-tools decodes at most ${MAX_ZSTD_FRAMES} frames`,
      );
    }
    need(4, 'frame magic');
    const magic = dv.getUint32(pos, true);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      need(8, 'skippable frame header');
      const size = dv.getUint32(pos + 4, true);
      pos += 8;
      need(size, 'skippable frame');
      pos += size;
      continue;
    }
    if (magic !== MAGIC) throw new ZstdError(`no zstd frame at byte ${pos} (magic ${magic.toString(16).padStart(8, '0')})`);
    pos += 4;
    frames++;
    need(1, 'frame header');
    const fhd = data[pos++];
    if (fhd & 0x08) throw new ZstdError('zstd frame header has the reserved bit set');
    const fcsFlag = fhd >> 6;
    const single = (fhd >> 5) & 1;
    const checksum = (fhd >> 2) & 1;
    const dictBytes = [0, 1, 2, 4][fhd & 3];
    const fcsBytes = [single ? 1 : 0, 2, 4, 8][fcsFlag];
    const headerRest = (single ? 0 : 1) + dictBytes + fcsBytes;
    need(headerRest, 'frame header');
    pos += (single ? 0 : 1) + dictBytes;
    if (fcsBytes === 0) declared = undefined;
    else {
      let fcs: number;
      if (fcsBytes === 1) fcs = data[pos];
      else if (fcsBytes === 2) fcs = dv.getUint16(pos, true) + 256;
      else if (fcsBytes === 4) fcs = dv.getUint32(pos, true);
      else fcs = dv.getUint32(pos, true) + dv.getUint32(pos + 4, true) * 2 ** 32;
      if (declared !== undefined) declared += fcs;
    }
    pos += fcsBytes;
    for (;;) {
      need(3, 'block header');
      const bh = data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16);
      pos += 3;
      const last = bh & 1;
      const type = (bh >> 1) & 3;
      const size = bh >>> 3;
      if (type === 3) throw new ZstdError('zstd block of the reserved type (corrupt data)');
      if (type === 0) {
        need(size, 'raw block');
        pos += size;
        maxOutput += size;
      } else if (type === 1) {
        need(1, 'RLE block');
        pos += 1;
        maxOutput += size;
      } else {
        need(size, 'compressed block');
        pos += size;
        maxOutput += BLOCK_MAX;
      }
      if (last) break;
    }
    if (checksum) {
      need(4, 'content checksum');
      pos += 4;
    }
  }
  if (frames === 0) throw new ZstdError('no zstd frame, only skippable frames');
  return { maxOutput, declaredSize: declared, frames };
}

/** Decompresses complete zstd frames; refuses output above `maxSize` before decoding. */
export async function zstdDecompress(data: Uint8Array, maxSize: number): Promise<Buffer> {
  const summary = summarizeFrames(data);
  // The block bound exceeds the true size by less than a block for data PBS writes.
  const tooLarge = summary.declaredSize !== undefined ? summary.declaredSize > maxSize : summary.maxOutput > maxSize + BLOCK_MAX;
  if (tooLarge) {
    const size = summary.declaredSize ?? summary.maxOutput;
    throw new ZstdError(`zstd data would decompress to ${summary.declaredSize === undefined ? 'up to ' : ''}${size} bytes, above the limit of ${maxSize}`);
  }
  const z = await loadCodec();
  const out = new z.Streaming().decompress(data, Math.min(summary.declaredSize ?? summary.maxOutput, maxSize) || 1);
  if (!out) throw new ZstdError('zstd data is corrupt (the decoder refused it)');
  if (summary.declaredSize !== undefined && out.byteLength !== summary.declaredSize) {
    throw new ZstdError(`zstd data is corrupt: ${out.byteLength} bytes decoded, the frame header says ${summary.declaredSize}`);
  }
  if (out.byteLength > maxSize) throw new ZstdError(`zstd data decompresses to more than ${maxSize} bytes`);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
