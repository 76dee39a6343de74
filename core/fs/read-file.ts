// Every read of a user's file goes through here: stat before read, regular files only, a cap on
// the bytes. A symlink to /dev/zero, a FIFO or a 10 GB file named like a PBS file must give a
// clear error, not a hang or an exhausted heap.
//
// The file is opened with O_NONBLOCK and checked with fstat on the open descriptor: opening a FIFO
// that way returns at once (a blocking open waits for a writer and holds a libuv thread forever),
// and the check is on the very file that will be read, so a swap between stat and open cannot slip
// a device past it.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Why a file could not be read; `code` is an errno name or one of ours. */
export type FileReadCode = 'not-regular' | 'too-large' | string;

/** A file that could not be read, with a message that says what, where and how to fix it. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(
    readonly code: FileReadCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  /** Most bytes read; a bigger file is refused with code 'too-large'. */
  maxBytes: number;
  /** The file's role in messages: "file", "key file", "passphrase file", "certificate". */
  what?: string;
  /** Aborts the read (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** What a stat says a non-regular file is, in words. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** A size in words for messages: "64 MiB", "1,234 bytes". */
export function sizeWords(bytes: number | bigint): string {
  const n = Number(bytes);
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KiB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

/**
 * The one wording of a failed read or write for every front (CLI, VS Code commands, LSP commands):
 * what went wrong with which file and what to do about it.
 */
export function fileErrorMessage(err: unknown, path: string, what = 'file', action: 'read' | 'write' = 'read'): string {
  if (err instanceof FileReadError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const verb = `cannot ${action} ${what} '${path}'`;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? `${verb}: no such file` : `${verb}: its directory does not exist`;
    case 'EISDIR':
      return `${verb}: it is a directory; give a file`;
    case 'ENOTDIR':
      return `${verb}: a part of the path is not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${verb}: permission denied (check its mode and owner)`;
    case 'ELOOP':
      return `${verb}: too many symbolic links (a link loop?)`;
    case 'EROFS':
      return `${verb}: read-only file system`;
    case 'ENOSPC':
      return `${verb}: no space left on the device`;
    case 'EEXIST':
      return `${what} '${path}' already exists`;
    case 'ENAMETOOLONG':
      return `${verb}: the path is too long`;
    default:
      return `${verb}: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  }
}

/**
 * Opens `path` for reading if it is a regular file (after links), refusing anything else with a
 * FileReadError before a byte is read. For streaming reads (SHA-256 of a large file); the caller
 * closes the handle.
 */
export async function openRegularFile(path: string, what = 'file'): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new FileReadError('not-regular', path, `cannot read ${what} '${path}': it is ${kindOf(st)}, not a regular file`);
    }
    return { handle, size: st.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws FileReadError for a file that is not
 * regular or too big (also one that grows past the cap while read), or the errno error of the
 * open/read (turn it into words with fileErrorMessage).
 */
export async function readRegularFile(path: string, options: ReadOptions): Promise<Buffer> {
  const { maxBytes, what = 'file', signal } = options;
  signal?.throwIfAborted();
  const { handle, size } = await openRegularFile(path, what);
  try {
    const tooLarge = (n: number | string) =>
      new FileReadError('too-large', path, `cannot read ${what} '${path}': it is ${typeof n === 'number' ? sizeWords(n) : n}, more than the ${sizeWords(maxBytes)} read at most`);
    if (size > maxBytes) throw tooLarge(size);
    // Read until end of file, not just the stat's size: a file that grew since must not be cut
    // silently, and one that grows past the cap is refused.
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const room = maxBytes + 1 - total;
      const chunk = Buffer.allocUnsafe(Math.min(room, Math.max(size - total + 1, 1 << 16)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge('growing while read');
      parts.push(chunk.subarray(0, bytesRead));
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  } finally {
    await handle.close();
  }
}

/** The text (UTF-8) of a regular file of at most `maxBytes`; see readRegularFile. */
export async function readRegularTextFile(path: string, options: ReadOptions): Promise<string> {
  return (await readRegularFile(path, options)).toString('utf8');
}

/** Caps used across the fronts, so that one place says how big each kind of input may be. */
export const READ_LIMITS = Object.freeze({
  /** A PBS configuration file (.cfg or JSON). The biggest real ones are a few MiB. */
  configFile: 64 * 1024 * 1024,
  /** An encryption key file: a few hundred bytes of JSON. */
  keyFile: 1024 * 1024,
  /** A passphrase file: only the first line counts. */
  passphraseFile: 64 * 1024,
  /** A PEM certificate or key. */
  pemFile: 1024 * 1024,
  /** A data blob: PBS's chunks are at most 16 MiB, blobs a little more. */
  blobFile: 64 * 1024 * 1024,
  /** A checksum list (`sha256 --check`). */
  checksumList: 16 * 1024 * 1024,
});
