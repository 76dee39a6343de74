// SHA-256 of a buffer, a string, a stream or a file (like PBS's pbs_tools::sha::sha256, which
// returns the digest and the byte count). Files are read in large blocks into two reused buffers,
// the next read running on the thread pool while the current block is hashed: constant memory
// (8 MiB), and faster than Node's 64 KiB streams (about 0.6 GB/s here) or a read-then-hash loop.
// 4 MiB blocks: whole-process runs here gave 1.15–1.19 GB/s against 1.07–1.10 with 1 MiB blocks
// and 0.99 for a synchronous 1 MiB read-then-hash loop (openssl dgst: 0.98), fewer hand-offs
// between the thread pool and the hashing thread being what counts.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export interface Sha256Result {
  /** Lower-case hex digest, as PBS prints file digests. */
  hex: string;
  /** Number of bytes hashed. */
  bytes: number;
}

export interface Sha256Options {
  /** Called after each block with the bytes hashed so far and the total (files: the size at open). */
  onProgress?: (bytesDone: number, totalBytes: number | undefined) => void;
  /** Stops the work; the promise rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  /** Read size for files; default 4 MiB. */
  blockSize?: number;
}

export const DEFAULT_BLOCK_SIZE = 4 << 20;

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

export async function sha256File(path: string, options: Sha256Options = {}): Promise<Sha256Result> {
  const { onProgress, signal, blockSize = DEFAULT_BLOCK_SIZE } = options;
  if (signal?.aborted) throw abortReason(signal);
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (st.isDirectory()) {
      const err = new Error(`EISDIR: illegal operation on a directory, read '${path}'`) as NodeJS.ErrnoException;
      err.code = 'EISDIR';
      throw err;
    }
    const total = st.isFile() ? st.size : undefined;
    const hash = createHash('sha256');
    const buffers = [Buffer.allocUnsafe(blockSize), Buffer.allocUnsafe(blockSize)];
    let which = 0;
    let done = 0;
    let pending = fh.read(buffers[which], 0, blockSize, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = buffers[which];
      which ^= 1;
      // Start the next read before hashing this block: the read runs on the thread pool meanwhile.
      pending = fh.read(buffers[which], 0, blockSize, null);
      hash.update(bytesRead === blockSize ? current : current.subarray(0, bytesRead));
      done += bytesRead;
      onProgress?.(done, total);
      if (signal?.aborted) {
        await pending.catch(() => undefined);
        throw abortReason(signal);
      }
    }
    return { hex: hash.digest('hex'), bytes: done };
  } finally {
    await fh.close();
  }
}

/** Hashes a stream (e.g. standard input) chunk by chunk. */
export async function sha256Stream(stream: AsyncIterable<Uint8Array | string>, options: Omit<Sha256Options, 'blockSize'> = {}): Promise<Sha256Result> {
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
