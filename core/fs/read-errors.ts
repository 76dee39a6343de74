// The portable part of reading files: the error a failed read gives, its wording helpers and the
// caps on each kind of input. No Node here, so the language service and the Web Worker server use
// it too; read-file.ts (Node) does the reading and re-exports all of this.
import { quoted } from '../control-chars.ts';

/** Why a file could not be read: an errno name (EISDIR for a directory) or one of ours. */
export type FileReadCode = 'not-regular' | 'too-large' | string;

/** A file that could not be read, with a message that says what, where and how to fix it. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(
    readonly code: FileReadCode,
    readonly path: string,
    message: string,
    /** The message without the file: "it is a named pipe (FIFO), not a regular file". */
    readonly reason: string = message,
  ) {
    super(message);
  }
}

/** A size in words for messages: "64 MiB", "1,234 bytes". */
export function sizeWords(bytes: number | bigint): string {
  const n = Number(bytes);
  for (const [unit, shift] of [['GiB', 30], ['MiB', 20], ['KiB', 10]] as const) {
    const size = 2 ** shift;
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

/** A path as messages show it: quoted, control characters escaped (a name may hold ESC or a newline). */
export function quotePath(path: string): string {
  return quoted(path);
}

/** Caps used across the fronts, so that one place says how big each kind of input may be. */
export const READ_LIMITS = Object.freeze({
  /**
   * A PBS configuration file (.cfg or JSON). The biggest real ones are a few MiB. Parsed and
   * checked, a file takes about 12 times its size in memory (32 MiB: 383 MB RSS for a lint run),
   * so 16 MiB keeps a front well within the 400 MB every hostile input must stay under.
   */
  configFile: 16 * 1024 * 1024,
  /** An encryption key file: a few hundred bytes of JSON. */
  keyFile: 1024 * 1024,
  /** A passphrase file: only the first line counts. */
  passphraseFile: 64 * 1024,
  /** A PEM certificate or key. */
  pemFile: 1024 * 1024,
  /** A data blob or chunk file: PBS's MAX_BLOB_SIZE (128 MiB) plus the encrypted blob header (44). */
  blobFile: 128 * 1024 * 1024 + 44,
  /** A list of backup times for the prune simulation (a line each: decades of hourly backups fit). */
  backupList: 64 * 1024 * 1024,
  /** A checksum list (`sha256 --check`). */
  checksumList: 16 * 1024 * 1024,
});
