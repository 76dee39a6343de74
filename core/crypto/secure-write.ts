// Writing files atomically, alone or as a set that belongs together (a certificate and its key).
// The data goes to temporary files in the target's directory (created exclusively, with the final
// mode set before any byte is written), is fsynced, and only then do the files take their names.
// Readers see the old files or the new ones, never a part. A failure leaves the old files as they
// were (a set is rolled back: files already renamed are put back from a hard-link backup) and
// says which file failed and what was and was not replaced.
//
// Temporary files (which may hold a secret) are named `.NAME.pbs-tools-tmp-XXXXXXXXXXXX` and are
// removed on every failure; only a run killed outright (kill -9, power loss) can leave one. The
// next write into that directory removes such leftovers once they are a minute old (younger ones
// may belong to a write that is running right now).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, lstat, open, opendir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileErrorMessage } from '../fs/read-file.ts';

export interface WriteFileAtomicOptions {
  /** Permission bits of the new file; default 0o600 (secrets). Not reduced by the umask. */
  mode?: number;
  /** Replace an existing file. Without it an existing path is an error and stays untouched. */
  overwrite?: boolean;
}

export interface AtomicFile {
  path: string;
  data: string | Uint8Array;
  /** Permission bits; default 0o600. */
  mode?: number;
}

/** The target exists and `overwrite` was not given. `code` is 'EEXIST' like Node's own errors. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`'${path}' already exists; not replacing it`);
  }
}

/** Writing a set of files failed; `path` is the file whose write or rename failed. */
export class AtomicWriteError extends Error {
  override name = 'AtomicWriteError';
  /** The errno name of the cause, if any (ENOSPC, EISDIR, ...). */
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    override readonly cause: unknown,
    /** Every file of the set. */
    readonly files: readonly string[],
    /** Files that were replaced and could not be put back: they hold the new content. */
    readonly notRestored: readonly string[],
  ) {
    super(`writing '${path}' failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

const TMP_MARK = '.pbs-tools-tmp-';
const TMP_NAME = /^\..+\.pbs-tools-tmp-[0-9a-f]{12}$/;
/** Leftovers younger than this may belong to a write in progress. */
const STALE_AFTER_MS = 60_000;

const tmpName = (path: string) => join(dirname(path), `.${basename(path)}${TMP_MARK}${randomBytes(6).toString('hex')}`);

/** Writes one file atomically; errors are those of the failing step (ENOSPC, EACCES, FileExistsError). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  try {
    await writeFilesAtomic([{ path, data, mode: options.mode }], { overwrite: options.overwrite });
  } catch (err) {
    // One file: nothing is ever half done, the cause says it all.
    throw err instanceof AtomicWriteError ? err.cause : err;
  }
}

/**
 * Writes a set of files (in one directory or several) so that either all of them take their new
 * content or none does. Without `overwrite`, an existing target is a FileExistsError and nothing
 * is written. Any other failure is an AtomicWriteError.
 */
export async function writeFilesAtomic(files: readonly AtomicFile[], options: { overwrite?: boolean } = {}): Promise<void> {
  const overwrite = options.overwrite === true;
  const paths = files.map((f) => f.path);
  const dirs = [...new Set(paths.map((p) => dirname(p)))];
  if (!overwrite) for (const p of paths) if (await pathExists(p)) throw new FileExistsError(p);
  for (const dir of dirs) await removeStaleTemporaries(dir);

  const temps: string[] = [];
  const backups = new Map<string, string>();
  const placed: string[] = [];
  try {
    // 1. Every temporary file written and on disk before any target is touched.
    for (const f of files) {
      try {
        temps.push(await writeTemporary(f));
      } catch (err) {
        throw new AtomicWriteError(f.path, err, paths, []);
      }
    }
    // 2. A hard link to each old file, to put it back if a later rename fails.
    if (overwrite && files.length > 1) {
      for (const p of paths) {
        try {
          const backup = await backUp(p);
          if (backup) backups.set(p, backup);
        } catch (err) {
          throw new AtomicWriteError(p, err, paths, []);
        }
      }
    }
    // 3. The names, one after the other; a failure undoes the ones before.
    for (const [i, f] of files.entries()) {
      try {
        await place(temps[i], f.path, overwrite);
        placed.push(f.path);
      } catch (err) {
        const notRestored = await rollBack(placed, backups);
        if (err instanceof FileExistsError && notRestored.length === 0) throw err;
        throw new AtomicWriteError(f.path, err, paths, notRestored);
      }
    }
  } finally {
    for (const t of [...temps, ...backups.values()]) await unlink(t).catch(() => undefined);
  }
  for (const dir of dirs) await syncDirectory(dir);
}

/** Writes `f` to a new temporary file next to it (exact mode, fsynced); returns its path. */
async function writeTemporary(f: AtomicFile): Promise<string> {
  const mode = f.mode ?? 0o600;
  const tmp = tmpName(f.path);
  // O_EXCL: never follow or reuse something planted at the temporary name.
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await fh.chmod(mode); // exact mode, whatever the umask
    await fh.writeFile(f.data);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return tmp;
}

/**
 * A second name for the file at `path` (a hard link, or a copy where the file system has none),
 * or undefined when there is nothing to keep: no file, or a directory (which no rename replaces).
 */
async function backUp(path: string): Promise<string | undefined> {
  let st;
  try {
    st = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (st.isDirectory()) return undefined;
  const backup = tmpName(path);
  try {
    await link(path, backup);
  } catch (err) {
    if (!st.isFile() || !isNoLinkError(err)) throw err;
    await copyFile(path, backup, constants.COPYFILE_EXCL); // keeps the mode bits
  }
  return backup;
}

/** Gives the temporary file its final name. */
async function place(tmp: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(tmp, path);
  // link() fails with EEXIST if the target appeared meanwhile: no window for a race.
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
    if (!isNoLinkError(err)) throw err;
    // A file system without hard links: check again, then rename (a small race remains).
    if (await pathExists(path)) throw new FileExistsError(path);
    await rename(tmp, path);
  }
}

/** Puts the old files back (or removes new ones that had no old file); returns those it could not. */
async function rollBack(placed: string[], backups: Map<string, string>): Promise<string[]> {
  const failed: string[] = [];
  for (const p of placed) {
    const backup = backups.get(p);
    try {
      if (backup) {
        await rename(backup, p);
        backups.delete(p);
      } else await unlink(p);
    } catch {
      failed.push(p);
    }
  }
  return failed;
}

function isNoLinkError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV';
}

/** Removes temporary files of earlier runs that were killed before they could (see the top). */
async function removeStaleTemporaries(dir: string): Promise<void> {
  const now = Date.now();
  try {
    for await (const entry of await opendir(dir)) {
      if (!TMP_NAME.test(entry.name)) continue;
      const path = join(dir, entry.name);
      const st = await lstat(path).catch(() => undefined);
      if (st?.isFile() && now - st.mtimeMs > STALE_AFTER_MS) await unlink(path).catch(() => undefined);
    }
  } catch {
    // An unreadable directory is reported by the write itself.
  }
}

/**
 * The whole story of a failed write, for a front to show: what failed where, and what that left
 * ("nothing was written", "proxy.key and proxy.pem are as they were", or which file could not be
 * put back). `what` names the file's role in the message ("file", "key file").
 */
export function writeFailureMessage(err: unknown, what = 'file'): string {
  if (err instanceof FileExistsError) return `${what} '${err.path}' already exists; nothing was written`;
  if (!(err instanceof AtomicWriteError)) return fileErrorMessage(err, '', what, 'write');
  const failed = fileErrorMessage(err.cause, err.path, what, 'write');
  const names = err.files.map((p) => basename(p));
  const others = err.files.filter((p) => !err.notRestored.includes(p)).map((p) => basename(p));
  if (err.notRestored.length === 0) {
    return names.length === 1 ? `${failed}; nothing was written` : `${failed}; nothing was replaced: ${names.join(' and ')} in '${dirname(err.path)}' are as they were`;
  }
  return (
    `${failed}; ${err.notRestored.map((p) => `'${p}'`).join(' and ')} already had the new content and could not be put back ` +
    `(${others.join(' and ')} did not change): the files no longer belong together; write them again`
  );
}

/** Whether something (a file, a folder, a dangling symlink) is at `path`; errors other than ENOENT are thrown. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Makes the new directory entries durable; some file systems cannot fsync a directory: ignored. */
async function syncDirectory(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    await fh.sync();
  } catch {
    // best effort
  } finally {
    await fh?.close();
  }
}
