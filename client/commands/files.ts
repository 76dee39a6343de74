// File errors as the user should read them: which file, what is wrong, what to do.
import { FileReadError } from '../../core/fs/read-file.ts';
import { CommandError } from './prompts.ts';

export function fileFailure(err: unknown, path: string, what: string): Error {
  if (err instanceof CommandError || (err as Error)?.name === 'AbortError') return err as Error;
  if (err instanceof FileReadError) return new CommandError(err.message); // names the file and what it is
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new CommandError(`${what} '${path}' does not exist; check the path`);
  if (code === 'EACCES' || code === 'EPERM') return new CommandError(`${what} '${path}' cannot be read or written: permission denied`);
  if (code === 'EISDIR') return new CommandError(`'${path}' is a folder, not a ${what}`);
  if (code === 'EEXIST') return new CommandError(`${what} '${path}' already exists; nothing was written`);
  return new CommandError(`${what} '${path}': ${(err as Error)?.message ?? String(err)}`);
}
