// Turns file-system errors into messages that say what went wrong with which file and what to do.
import { dirname } from 'node:path';
import { CliError } from './io.ts';

/** A read failed: `what` names the file's role ("key file", "blob", "passphrase file"). */
export function readError(err: unknown, path: string, what = 'file'): CliError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new CliError(`cannot read ${what} '${path}': no such file`);
    case 'EISDIR':
      return new CliError(`cannot read ${what} '${path}': it is a directory; give a file`);
    case 'ENOTDIR':
      return new CliError(`cannot read ${what} '${path}': a part of the path is not a directory`);
    case 'EACCES':
    case 'EPERM':
      return new CliError(`cannot read ${what} '${path}': permission denied (check its mode and owner)`);
    case 'ELOOP':
      return new CliError(`cannot read ${what} '${path}': too many symbolic links`);
    default:
      return new CliError(`cannot read ${what} '${path}': ${code ?? (err instanceof Error ? err.message : String(err))}`);
  }
}

/** A write failed. Nothing was written (writeFileAtomic leaves no partial file). */
export function writeError(err: unknown, path: string, what = 'file'): CliError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EEXIST':
      return new CliError(`${what} '${path}' already exists; choose a path that does not exist (nothing was written)`);
    case 'ENOENT':
      return new CliError(`cannot write ${what} '${path}': directory '${dirname(path)}' does not exist`);
    case 'ENOTDIR':
      return new CliError(`cannot write ${what} '${path}': a part of the path is not a directory`);
    case 'EISDIR':
      return new CliError(`cannot write ${what} '${path}': it is a directory`);
    case 'EACCES':
    case 'EPERM':
      return new CliError(`cannot write ${what} '${path}': permission denied in '${dirname(path)}'`);
    case 'EROFS':
      return new CliError(`cannot write ${what} '${path}': read-only file system`);
    case 'ENOSPC':
      return new CliError(`cannot write ${what} '${path}': no space left on the device (nothing was written)`);
    default:
      return new CliError(`cannot write ${what} '${path}': ${code ?? (err instanceof Error ? err.message : String(err))}`);
  }
}
