// Writing a file atomically: the data goes to a temporary file in the same directory (created
// exclusively, with the final mode set before any byte is written), is fsynced, and then takes
// the target's name in one step. Readers see the old file or the new one, never a part; a write
// that fails or is interrupted leaves the old file (or no file) and removes its temporary file.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteFileAtomicOptions {
  /** Permission bits of the new file; default 0o600 (secrets). Not reduced by the umask. */
  mode?: number;
  /** Replace an existing file. Without it an existing path is an error and stays untouched. */
  overwrite?: boolean;
}

/** The target exists and `overwrite` was not given. `code` is 'EEXIST' like Node's own errors. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`'${path}' already exists; not replacing it`);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const { mode = 0o600, overwrite = false } = options;
  const dir = dirname(path);
  if (!overwrite && (await pathExists(path))) throw new FileExistsError(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  // O_EXCL: never follow or reuse something planted at the temporary name.
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  let placed = false;
  try {
    try {
      await fh.chmod(mode); // exact mode, whatever the umask
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (overwrite) {
      await rename(tmp, path);
    } else {
      // link() fails with EEXIST if the target appeared meanwhile: no window for a race.
      try {
        await link(tmp, path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new FileExistsError(path);
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
        // A file system without hard links: check again, then rename (a small race remains).
        if (await pathExists(path)) throw new FileExistsError(path);
        await rename(tmp, path);
        placed = true;
      }
    }
    placed = true;
  } finally {
    if (!placed || !overwrite) await unlink(tmp).catch(() => undefined);
  }
  await syncDirectory(dir);
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

/** Makes the new directory entry durable; some file systems cannot fsync a directory: ignored. */
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
