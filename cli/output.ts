// Standard output and standard error as every subcommand writes them: the one place that
// (1) keeps raw control characters off the terminal, and (2) turns a failed write into an exit
// code instead of an unhandled 'error' event.
//
// (1) Text from a config file, a key file or a certificate can carry ESC/BEL sequences that clear
// the screen, set the window title or forge a line. Everything written is passed through
// escapeControlsKeepingLines; JSON stays valid JSON (see core/control-chars.ts). Values that may
// hold a newline of their own are escaped where the line is made (escapeControls).
//
// (2) A write to /dev/full or to a closed pipe fails asynchronously (an 'error' event on the
// stream, which would crash the process). The first failure is kept, later writes are dropped, and
// the command finishes; main() then exits quietly for a closed pipe (as coreutils do when `| head`
// has read enough) or with a message and status 2 for any other error. Stopping at once instead
// could cut a secret's write between its temporary file and the rename.
import { escapeControlsKeepingLines } from '../core/control-chars.ts';

/** What a subcommand writes to: text (and JSON) only, never raw bytes. */
export interface TextOutput {
  write(text: string): unknown;
}

export class GuardedOutput implements TextOutput {
  /** The first write error, if any. */
  failure: NodeJS.ErrnoException | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** For messages: "standard output". */
    readonly name: string,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.failure ??= err;
    });
  }

  write(text: string): boolean {
    if (this.failure || text === '') return false;
    try {
      return this.stream.write(escapeControlsKeepingLines(text));
    } catch (err) {
      // Some streams throw instead of emitting (a destroyed socket); the same as an 'error' event.
      this.failure ??= err as NodeJS.ErrnoException;
      return false;
    }
  }

  /** Waits until what was written has reached the system (or failed), so `failure` is final. */
  flush(): Promise<void> {
    if (this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        this.stream.write('', () => resolve());
      } catch {
        resolve();
      }
    });
  }

  /** The failure was a closed pipe: the reader has gone (`| head`). */
  get brokenPipe(): boolean {
    return this.failure?.code === 'EPIPE';
  }
}

/** Exit status after a closed pipe: what a shell reports for a process killed by SIGPIPE. */
export const EXIT_BROKEN_PIPE = 128 + 13;

/** Output made piece by piece (a large JSON), written in batches of about 64 KiB. */
export function writePieces(out: TextOutput, pieces: Iterable<string>): void {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= 65_536) {
      out.write(batch);
      batch = '';
    }
  }
  out.write(batch);
}
