// File-system errors as CLI failures. The wording is core/fs/read-file.ts's, shared by every front.
import { fileErrorMessage } from '../core/fs/read-file.ts';
import { CliError } from './io.ts';

/** A read failed: `what` names the file's role ("key file", "blob", "passphrase file"). */
export function readError(err: unknown, path: string, what = 'file'): CliError {
  return new CliError(fileErrorMessage(err, path, what, 'read'));
}

/** A write through writeFileAtomic failed: it leaves no partial file, so nothing was written. */
export function writeError(err: unknown, path: string, what = 'file'): CliError {
  const message = fileErrorMessage(err, path, what, 'write');
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new CliError(code === 'EEXIST' ? `${message}; choose a path that does not exist (nothing was written)` : `${message} (nothing was written)`);
}
