// SHA-256 of a buffer, a string, a stream or a file (like PBS's pbs_tools::sha::sha256, which
// returns the digest and the byte count). A file is read synchronously in 128 KiB blocks into one
// reused buffer, as `openssl dgst` and sha256sum read: the block is hashed while it is still in the
// CPU cache, no thread of the pool takes part, and the process uses one core. Every 4 MiB (a
// slice, a few milliseconds) it reports progress, gives the event loop a turn (a language server
// or the extension host stays responsive, a cancelled request is seen) and honours the signal.
//
// Chosen by whole-process runs against `openssl dgst -sha256` on a 1 GiB file in the page cache
// (bench/sha256.bench.ts), 2 cores: 128 KiB blocks gave 1.02–1.10× openssl's throughput with both
// cores free, pinned to one core and with the other core busy, at 0.94–0.98× its CPU time; 32 and
// 64 KiB were 1–3 % slower, 256 KiB–1 MiB no faster. The former 4 MiB blocks, read on the thread
// pool while the previous one was hashed, were faster only with a second core free (1.17× here),
// and on another machine of the same kind cost 1.45× openssl's CPU time and 0.68× its throughput
// pinned: each 4 MiB copy leaves the cache.
import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import { openRegularFile } from '../fs/read-file.ts';

export interface Sha256Result {
  /** Lower-case hex digest, as PBS prints file digests. */
  hex: string;
  /** Number of bytes hashed. */
  bytes: number;
}

export interface Sha256Options {
  /**
   * Called with the bytes hashed so far and the total (files: the size at open): for a file after
   * each slice and at the end, for a stream after each chunk.
   */
  onProgress?: (bytesDone: number, totalBytes: number | undefined) => void;
  /** Stops the work; the promise rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  /** Read size for files; default 128 KiB. */
  blockSize?: number;
  /** Bytes read and hashed between two turns of the event loop (progress, signal); default 4 MiB. */
  sliceBytes?: number;
}

export const DEFAULT_BLOCK_SIZE = 128 << 10;
export const DEFAULT_SLICE_BYTES = 4 << 20;

export function sha256(data: string | Uint8Array): Sha256Result {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  return { hex: createHash('sha256').update(data).digest('hex'), bytes };
}

/** The raw 32-byte digest. */
export function sha256Bytes(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** One turn of the event loop: I/O callbacks, an abort, a progress message get their go. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function sha256File(path: string, options: Sha256Options = {}): Promise<Sha256Result> {
  const { onProgress, signal, blockSize = DEFAULT_BLOCK_SIZE, sliceBytes = DEFAULT_SLICE_BYTES } = options;
  if (signal?.aborted) throw abortReason(signal);
  // Regular files only: a FIFO or a link to /dev/zero would never end (FileReadError, or an
  // EISDIR one for a directory).
  const { handle: fh, size } = await openRegularFile(path);
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(blockSize);
    let done = 0;
    let reported = 0;
    let sliceEnd = sliceBytes;
    for (;;) {
      // Synchronous on purpose (see the top of the file); a slice blocks the loop for a few ms.
      const bytesRead = readSync(fh.fd, buffer, 0, blockSize, null);
      if (bytesRead === 0) break;
      hash.update(bytesRead === blockSize ? buffer : buffer.subarray(0, bytesRead));
      done += bytesRead;
      if (done >= sliceEnd) {
        sliceEnd = done + sliceBytes;
        onProgress?.(done, size);
        reported = done;
        if (signal?.aborted) throw abortReason(signal);
        await turn();
        if (signal?.aborted) throw abortReason(signal);
      }
    }
    if (reported !== done) onProgress?.(done, size);
    return { hex: hash.digest('hex'), bytes: done };
  } finally {
    await fh.close();
  }
}

/** Hashes a stream (e.g. standard input) chunk by chunk. */
export async function sha256Stream(stream: AsyncIterable<Uint8Array | string>, options: Omit<Sha256Options, 'blockSize' | 'sliceBytes'> = {}): Promise<Sha256Result> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw abortReason(signal);
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(buf);
    done += buf.byteLength;
    onProgress?.(done, undefined);
    if (signal?.aborted) throw abortReason(signal);
  }
  return { hex: hash.digest('hex'), bytes: done };
}
