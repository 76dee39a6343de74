// Every read of a user's file goes through here: stat before read, regular files only, a cap on
// the bytes. A symlink to /dev/zero, a FIFO or a 10 GB file named like a PBS file must give a
// clear error, not a hang or an exhausted heap. And every front words a failed read or write the
// same way (fileErrorMessage), with the path's control characters escaped.
//
// The path is stat'ed first, so a device or FIFO is refused without being opened. A regular file
// is then opened with O_NONBLOCK and checked again with fstat on the open descriptor: a FIFO
// swapped in between opens at once that way (a blocking open waits for a writer and holds a libuv
// thread forever), and the check is on the very file that will be read.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileReadError, quotePath, sizeWords } from './read-errors.ts';

export { FileReadError, READ_LIMITS, quotePath, sizeWords, type FileReadCode } from './read-errors.ts';

export interface ReadOptions {
  /** Most bytes read; a bigger file is refused with code 'too-large'. */
  maxBytes: number;
  /** The file's role in messages: "file", "key file", "passphrase file", "certificate". */
  what?: string;
  /** Aborts the read (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

interface FileType {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What a stat says a non-regular file is, in words. */
function kindOf(st: FileType): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Why a read or write failed, without the file: "no such file", "permission denied (…)". For
 * callers that name the file themselves (lint's located findings); fileErrorMessage adds it.
 */
export function fileErrorReason(err: unknown, path: string, action: 'read' | 'write' = 'read'): string {
  if (err instanceof FileReadError) return err.reason;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? 'no such file' : `directory ${quotePath(dirname(path))} does not exist`;
    case 'EISDIR':
      return action === 'read' ? 'it is a directory; give a file' : 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return action === 'read' ? 'permission denied (check its mode and owner)' : `permission denied in ${quotePath(dirname(path))}`;
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'the file is too big for the file system';
    case 'EIO':
      return 'input/output error (a failing disk or network file system?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENXIO':
      return 'no such device (a socket or a device without its driver?)';
    case 'EEXIST':
      return 'it already exists';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/**
 * The one wording of a failed read or write for every front (CLI, VS Code commands, LSP commands):
 * what went wrong with which file and what to do about it.
 */
export function fileErrorMessage(err: unknown, path: string, what = 'file', action: 'read' | 'write' = 'read'): string {
  // A FileReadError's own message names the path it was given (often made absolute); the caller's
  // path and role are what the user typed.
  if (err instanceof FileReadError) return `cannot read ${what} ${quotePath(path)}: ${err.reason}`;
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EEXIST') return `${what} ${quotePath(path)} already exists`;
  return `cannot ${action} ${what} ${quotePath(path)}: ${fileErrorReason(err, path, action)}`;
}

// The reads below are written once, as steps (a generator yielding the file-system calls it
// needs), and run by two drivers: asynchronously for the language server, which must never block
// its thread on a slow disk, and synchronously for the command line, which has nothing else to do
// meanwhile (20 small files: ~0.7 ms read in turn, ~4 ms through the thread pool on an idle
// machine and far more on a busy one).
type Handle = FileHandle | number;
type FsStep =
  | { op: 'stat'; path: string }
  | { op: 'open'; path: string }
  | { op: 'fstat'; handle: Handle }
  | { op: 'read'; handle: Handle; buffer: Buffer }
  | { op: 'close'; handle: Handle };
type Steps<T> = Generator<FsStep, T, unknown>;

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function stepSync(step: FsStep): unknown {
  switch (step.op) {
    case 'stat':
      return statSync(step.path);
    case 'open':
      return openSync(step.path, OPEN_FLAGS);
    case 'fstat':
      return fstatSync(step.handle as number);
    case 'read':
      return readSync(step.handle as number, step.buffer, 0, step.buffer.length, null);
    case 'close':
      return closeSync(step.handle as number);
  }
}

async function stepAsync(step: FsStep): Promise<unknown> {
  switch (step.op) {
    case 'stat':
      return stat(step.path);
    case 'open':
      return open(step.path, OPEN_FLAGS);
    case 'fstat':
      return (step.handle as FileHandle).stat();
    case 'read':
      return (await (step.handle as FileHandle).read(step.buffer, 0, step.buffer.length, null)).bytesRead;
    case 'close':
      return (step.handle as FileHandle).close();
  }
}

/** Runs `steps` with synchronous calls; a failed call is thrown into them (their finally closes). */
function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = stepSync(next.value);
    } catch (err) {
      next = steps.throw(err);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await stepAsync(next.value);
    } catch (err) {
      next = steps.throw(err);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

function* openSteps(path: string, what: string): Steps<{ handle: Handle; size: number }> {
  const refuse = (st: FileType) => {
    // A directory keeps its errno name: callers (and users) know EISDIR.
    const [code, reason] = st.isDirectory() ? ['EISDIR', fileErrorReason({ code: 'EISDIR' }, path)] : ['not-regular', `it is ${kindOf(st)}, not a regular file`];
    return new FileReadError(code, path, `cannot read ${what} ${quotePath(path)}: ${reason}`, reason);
  };
  // stat first: a device is never opened (opening a tape drive rewinds it, opening a terminal can
  // make it ours), only looked at.
  const before = (yield { op: 'stat', path }) as FileType;
  if (!before.isFile()) throw refuse(before);
  const handle = (yield { op: 'open', path }) as Handle;
  try {
    const st = (yield { op: 'fstat', handle }) as FileType & { size: number };
    if (!st.isFile()) throw refuse(st);
    return { handle, size: st.size };
  } catch (err) {
    yield { op: 'close', handle };
    throw err;
  }
}

function* readSteps(path: string, options: ReadOptions): Steps<Buffer> {
  const { maxBytes, what = 'file', signal } = options;
  signal?.throwIfAborted();
  const { handle, size } = yield* openSteps(path, what);
  try {
    const tooLarge = (n: number | string) => {
      const reason = `it is ${typeof n === 'number' ? sizeWords(n) : n}, more than the ${sizeWords(maxBytes)} read at most`;
      return new FileReadError('too-large', path, `cannot read ${what} ${quotePath(path)}: ${reason}`, reason);
    };
    if (size > maxBytes) throw tooLarge(size);
    // Read until end of file, not just the stat's size: a file that grew since must not be cut
    // silently, and one that grows past the cap is refused.
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const room = maxBytes + 1 - total;
      const chunk = Buffer.allocUnsafe(Math.min(room, Math.max(size - total + 1, 1 << 16)));
      const bytesRead = (yield { op: 'read', handle, buffer: chunk }) as number;
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge('growing while read');
      parts.push(chunk.subarray(0, bytesRead));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  } finally {
    yield { op: 'close', handle };
  }
}

/**
 * Opens `path` for reading if it is a regular file (after links), refusing anything else with a
 * FileReadError before a byte is read. For streaming reads (SHA-256 of a large file); the caller
 * closes the handle.
 */
export async function openRegularFile(path: string, what = 'file'): Promise<{ handle: FileHandle; size: number }> {
  return (await runAsync(openSteps(path, what))) as { handle: FileHandle; size: number };
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws FileReadError for a file that is not
 * regular or too big (also one that grows past the cap while read), or the errno error of the
 * open/read (turn it into words with fileErrorMessage).
 */
export function readRegularFile(path: string, options: ReadOptions): Promise<Buffer> {
  return runAsync(readSteps(path, options));
}

/** readRegularFile with synchronous calls, for the command line (the same checks and caps). */
export function readRegularFileSync(path: string, options: ReadOptions): Buffer {
  return runSync(readSteps(path, options));
}

/** The text (UTF-8) of a regular file of at most `maxBytes`; see readRegularFile. */
export async function readRegularTextFile(path: string, options: ReadOptions): Promise<string> {
  return (await readRegularFile(path, options)).toString('utf8');
}

/**
 * The bytes of a regular file, or of a pipe: a FIFO, or the `<(command)` and `/dev/stdin` of a
 * shell, for an input that is commonly handed over that way (a passphrase). Devices, sockets and
 * directories are refused as by readRegularFile. A pipe is read without blocking a thread of the
 * pool (O_NONBLOCK, polled): until its writer closes it (a FIFO that no one has opened for writing
 * reads as empty at once), at most `maxBytes`, and at most `waitMs` in all.
 */
export async function readRegularFileOrPipe(path: string, options: ReadOptions & { waitMs?: number }): Promise<Buffer> {
  const { maxBytes, what = 'file', signal, waitMs = 60_000 } = options;
  signal?.throwIfAborted();
  if (!(await stat(path)).isFIFO()) return readRegularFile(path, options);
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const parts: Buffer[] = [];
  try {
    if (!(await handle.stat()).isFIFO()) {
      await handle.close();
      return readRegularFile(path, options); // swapped for something else meanwhile: check it again
    }
    const fail = (code: string, reason: string) => new FileReadError(code, path, `cannot read ${what} ${quotePath(path)}: ${reason}`, reason);
    const deadline = Date.now() + waitMs;
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const chunk = Buffer.alloc(Math.min(maxBytes + 1 - total, 1 << 16));
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(chunk, 0, chunk.length, null));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        if (Date.now() > deadline) throw fail('timeout', `the pipe gave no end of input within ${Math.round(waitMs / 1000)} s`);
        await sleep(20, undefined, { signal });
        continue;
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      parts.push(chunk.subarray(0, bytesRead));
      if (total > maxBytes) throw fail('too-large', `the pipe gave more than the ${sizeWords(maxBytes)} read at most`);
    }
    return Buffer.concat(parts, total);
  } finally {
    for (const p of parts) p.fill(0); // a passphrase should not linger in the pieces
    await handle.close().catch(() => undefined);
  }
}
