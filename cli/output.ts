// Standard output and standard error as every subcommand writes them: the one place that
// (1) keeps raw control characters off the terminal, and (2) turns a failed write into an exit
// code instead of an unhandled 'error' event.
//
// (1) Text from a config file, a key file or a certificate can carry ESC/BEL sequences that clear
// the screen, set the window title or forge a line. Everything written is passed through
// escapeControlsKeepingLines; JSON stays valid JSON (see core/control-chars.ts). Values that may
// hold a newline of their own are escaped where the line is made (escapeControls).
//
// (2) A write to /dev/full or to a closed pipe fails. The first failure is kept, later writes are
// dropped, and the command finishes; main() then exits quietly for a closed pipe (as coreutils do
// when `| head` has read enough) or with a message and status 2 for any other error. Stopping at
// once instead could cut a secret's write between its temporary file and the rename.
//
// Writes go straight to the file descriptor: making process.stdout and process.stderr (Node's
// streams, and for a pipe its socket machinery) was ~2.5 ms of every run. Node's stream takes over
// where a descriptor cannot take a write at once (one left non-blocking by whoever opened it:
// EAGAIN), and on Windows, where a console needs the stream to show Unicode.
import { writeSync } from 'node:fs';
import { escapeControlsKeepingLines } from '../core/control-chars.ts';

/** What a subcommand writes to: text (and JSON) only, never raw bytes. */
export interface TextOutput {
  write(text: string): unknown;
}

export class GuardedOutput implements TextOutput {
  /** The first write error, if any. */
  failure: NodeJS.ErrnoException | undefined;
  /** Node's stream, once writes go through it. */
  private stream: NodeJS.WritableStream | undefined;

  constructor(
    /** 1 or 2. */
    private readonly fd: number,
    /** Node's stream for `fd` (process.stdout or process.stderr): asked for only when needed. */
    private readonly openStream: () => NodeJS.WritableStream,
    /** For messages: "standard output". */
    readonly name: string,
  ) {
    if (process.platform === 'win32') this.useStream();
  }

  write(text: string): boolean {
    if (this.failure || text === '') return false;
    const shown = escapeControlsKeepingLines(text);
    if (this.stream) return this.streamWrite(shown);
    const bytes = Buffer.from(shown, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
        this.failure ??= err as NodeJS.ErrnoException;
        return false;
      }
      this.useStream();
      return this.streamWrite(bytes.subarray(done));
    }
  }

  /** Waits until what was written has reached the system (or failed), so `failure` is final. */
  flush(): Promise<void> {
    const stream = this.stream;
    if (this.failure || !stream) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        stream.write('', () => resolve());
      } catch {
        resolve();
      }
    });
  }

  /** The failure was a closed pipe: the reader has gone (`| head`). */
  get brokenPipe(): boolean {
    return this.failure?.code === 'EPIPE';
  }

  private useStream(): void {
    this.stream = this.openStream();
    // A failed write is an 'error' event on the stream, which would otherwise crash the process.
    this.stream.on('error', (err: NodeJS.ErrnoException) => {
      this.failure ??= err;
    });
  }

  private streamWrite(data: string | Uint8Array): boolean {
    try {
      return this.stream!.write(data);
    } catch (err) {
      // Some streams throw instead of emitting (a destroyed socket); the same as an 'error' event.
      this.failure ??= err as NodeJS.ErrnoException;
      return false;
    }
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
