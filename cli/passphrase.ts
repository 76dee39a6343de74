// Where a passphrase comes from, in PBS's order: a file given on the command line, the
// PBS_ENCRYPTION_PASSWORD variable (or PBS_ENCRYPTION_PASSWORD_FILE, as proxmox-backup-client
// reads it), or a prompt on the terminal without echo. Like PBS, only the first line counts.
// The passphrase is returned as bytes and is never printed.
import { resolve } from 'node:path';
import { READ_LIMITS, readRegularFileOrPipe } from '../core/fs/read-file.ts';
import { readError } from './file-errors.ts';
import { CliError, logStep, type CliIo } from './io.ts';

export const PASSPHRASE_ENV = 'PBS_ENCRYPTION_PASSWORD';
const MIN_BYTES = 5;

/** The first line of the data, without its line ending (Rust's `lines().next()`). */
function firstLine(data: Buffer): Buffer {
  let end = data.indexOf(10);
  if (end === -1) end = data.length;
  if (end > 0 && data[end - 1] === 13) end--;
  return Buffer.from(data.subarray(0, end));
}

async function fromFile(io: CliIo, path: string, what: string): Promise<Buffer> {
  let data: Buffer;
  try {
    // A regular file or a pipe (`--passphrase-file <(pass show pbs)`), never a device: a link to
    // /dev/zero must not be read forever.
    data = await readRegularFileOrPipe(resolve(io.cwd, path), { maxBytes: READ_LIMITS.passphraseFile, what });
  } catch (err) {
    throw readError(err, path, what);
  }
  const line = firstLine(data);
  data.fill(0);
  return line;
}

function hasTty(io: CliIo): boolean {
  const stdin = io.stdin as NodeJS.ReadStream;
  return stdin.isTTY === true && typeof stdin.setRawMode === 'function';
}

/** Reads one line from the terminal without echo. Ctrl-C cancels; backspace and Ctrl-U edit. */
export function promptHidden(io: CliIo, prompt: string): Promise<Buffer> {
  const stdin = io.stdin as NodeJS.ReadStream;
  // Echo off before the prompt shows: whatever is typed after the prompt is never echoed.
  stdin.setRawMode(true);
  io.stderr.write(prompt);
  stdin.resume();
  return new Promise((resolvePromise, reject) => {
    const bytes: number[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer) => {
      for (const b of chunk) {
        if (b === 13 || b === 10) {
          finish();
          const out = Buffer.from(bytes);
          bytes.fill(0);
          resolvePromise(out);
          return;
        }
        if (b === 3) {
          finish();
          bytes.fill(0);
          reject(new CliError('cancelled at the passphrase prompt'));
          return;
        }
        if (b === 4 && bytes.length === 0) {
          finish();
          reject(new CliError('no passphrase entered (end of input at the prompt)'));
          return;
        }
        if (b === 127 || b === 8) {
          // Remove one whole UTF-8 character.
          while (bytes.length && (bytes[bytes.length - 1] & 0xc0) === 0x80) bytes.pop();
          bytes.pop();
          continue;
        }
        if (b === 21) {
          bytes.fill(0);
          bytes.length = 0;
          continue;
        }
        if (b < 32) continue;
        bytes.push(b);
      }
    };
    stdin.on('data', onData);
  });
}

export interface PassphraseOptions {
  /** --passphrase-file as given (relative to io.cwd). */
  file?: string;
  /** What the passphrase unlocks, for the prompt and messages (e.g. "key file 'k.json'"). */
  subject: string;
}

/** The passphrase of an existing key: --passphrase-file, then the environment, then the terminal. */
export async function readPassphrase(io: CliIo, options: PassphraseOptions): Promise<Buffer> {
  if (options.file !== undefined) {
    logStep(io, `passphrase for ${options.subject}: first line of '${options.file}'`);
    return fromFile(io, options.file, 'passphrase file');
  }
  const env = io.env[PASSPHRASE_ENV];
  if (env !== undefined) {
    logStep(io, `passphrase for ${options.subject}: from ${PASSPHRASE_ENV}`);
    return firstLine(Buffer.from(env, 'utf8'));
  }
  const envFile = io.env[`${PASSPHRASE_ENV}_FILE`];
  if (envFile !== undefined) {
    logStep(io, `passphrase for ${options.subject}: first line of '${envFile}' (${PASSPHRASE_ENV}_FILE)`);
    return fromFile(io, envFile, `passphrase file (from ${PASSPHRASE_ENV}_FILE)`);
  }
  if (hasTty(io)) return promptHidden(io, `Encryption Key Password for ${options.subject}: `);
  throw new CliError(
    `${options.subject} is protected by a passphrase and none was given: use --passphrase-file FILE, ` +
      `set ${PASSPHRASE_ENV}, or run on a terminal to be asked`,
  );
}

export interface NewPassphraseOptions {
  /** --new-passphrase-file as given. */
  file?: string;
  /** Also take the environment (key create: the key has no passphrase yet). */
  allowEnv: boolean;
  subject: string;
}

/** A new passphrase: from a file (or the environment when allowed), or typed twice on the terminal. */
export async function readNewPassphrase(io: CliIo, options: NewPassphraseOptions): Promise<Buffer> {
  let pass: Buffer | undefined;
  if (options.file !== undefined) {
    logStep(io, `new passphrase for ${options.subject}: first line of '${options.file}'`);
    pass = await fromFile(io, options.file, 'new passphrase file');
  } else if (options.allowEnv && io.env[PASSPHRASE_ENV] !== undefined) {
    logStep(io, `new passphrase for ${options.subject}: from ${PASSPHRASE_ENV}`);
    pass = firstLine(Buffer.from(io.env[PASSPHRASE_ENV]!, 'utf8'));
  } else if (hasTty(io)) {
    const first = await promptHidden(io, `New passphrase for ${options.subject}: `);
    const again = await promptHidden(io, 'Verify passphrase: ');
    const same = first.equals(again);
    again.fill(0);
    if (!same) {
      first.fill(0);
      throw new CliError('the passphrases do not match; nothing was written');
    }
    pass = first;
  } else {
    throw new CliError(
      `no new passphrase for ${options.subject}: use --new-passphrase-file FILE` +
        (options.allowEnv ? `, set ${PASSPHRASE_ENV}` : '') +
        ', run on a terminal to be asked, or use --kdf none for a key without passphrase',
    );
  }
  if (pass.length < MIN_BYTES) {
    pass.fill(0);
    throw new CliError(`the new passphrase is too short: PBS requires at least ${MIN_BYTES} bytes; nothing was written`);
  }
  return pass;
}
