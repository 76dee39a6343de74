// The toolbox commands that read a file from disk (workspace/executeCommand): SHA-256 of a file,
// what a key file or a certificate says. The Node server's only (a Web Worker has no disk); the
// commands on values are the service's (service/tool-commands.ts).
//
// Files are read as every front reads them (core/fs): regular files only — a FIFO or a link to
// /dev/zero is refused at once, not read forever — and capped; a failure is worded by
// fileErrorMessage. A long command (SHA-256 of a big file) stops when `signal` aborts.
import { fileURLToPath } from 'node:url';
import { fileErrorMessage, quotePath } from '../core/fs/read-file.ts';
import { sha256File } from '../core/crypto/sha256.ts';
import { KeyConfigError, keyInfo, readKeyConfig } from '../core/crypto/key-config.ts';
import { CertError, readCertificate } from '../core/crypto/cert.ts';
import { shownArg, ToolCommandError } from '../service/tools.ts';

function pathArg(command: string, args: unknown[]): string {
  const path = args[0];
  if (typeof path !== 'string' || path === '') {
    throw new ToolCommandError(`${command}: the first argument must be a file path (a string), got ${shownArg(path)}`);
  }
  if (!path.startsWith('file:')) return path;
  try {
    return fileURLToPath(path);
  } catch {
    throw new ToolCommandError(`${command}: ${shownArg(path)} is not a file URI of this machine; give a path or a file:///… URI`);
  }
}

/** A failed read as a ToolCommandError; an abort (the request was cancelled) passes through. */
function fileError(err: unknown, path: string, what: string, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return err;
  return new ToolCommandError(fileErrorMessage(err, path, what));
}

/** Runs one of FILE_TOOL_COMMANDS; `signal` stops a long one (the promise then rejects with its reason). */
export async function runFileCommand(command: string, args: unknown[], now = new Date(), signal?: AbortSignal): Promise<unknown> {
  switch (command) {
    case 'pbs.server.sha256': {
      const path = pathArg(command, args);
      try {
        const r = await sha256File(path, { signal });
        return { path, sha256: r.hex, size: r.bytes };
      } catch (err) {
        throw fileError(err, path, 'file', signal);
      }
    }
    case 'pbs.server.keyInfo': {
      const path = pathArg(command, args);
      try {
        // (a key file is read whole, at most READ_LIMITS.keyFile; no KDF runs without a passphrase)
        const config = await readKeyConfig(path);
        signal?.throwIfAborted();
        return { path, ...keyInfo(config) };
      } catch (err) {
        if (err instanceof KeyConfigError) throw new ToolCommandError(`key file ${quotePath(path)}: ${err.message}`);
        throw fileError(err, path, 'key file', signal);
      }
    }
    case 'pbs.server.certInfo': {
      const path = pathArg(command, args);
      try {
        const info = await readCertificate(path, { signal, now });
        return { path, ...info, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };
      } catch (err) {
        if (err instanceof CertError) throw new ToolCommandError(err.message);
        throw fileError(err, path, 'certificate file', signal);
      }
    }
    default:
      throw new ToolCommandError(`${shownArg(command)} is not a command on files`);
  }
}
