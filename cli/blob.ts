// `pbs-tools blob inspect FILE [--keyfile K] [--digest HEX] [--out F]` — what a PBS data blob or
// chunk file is: kind, sizes, CRC, whether the key decrypts it, the chunk digest; the decoded
// payload only with --out, only to a path that does not exist yet, and only if every check passed.
import { lstat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { BlobError, MAX_BLOB_SIZE, chunkDigest, decodeBlob, readBlobHeader, type BlobHeader } from '../core/crypto/blob.ts';
import { CryptConfig, shortFingerprint } from '../core/crypto/crypt-config.ts';
import { writeFileAtomic } from '../core/crypto/secure-write.ts';
import { FileReadError, READ_LIMITS, quotePath, readRegularFile } from '../core/fs/read-file.ts';
import { readError, writeError } from './file-errors.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, logStep, type CliIo, type Subcommand } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { unlockKeyFile } from './key.ts';

const USAGE = `usage: pbs-tools blob inspect FILE [--keyfile K [--passphrase-file F]] [--digest HEX] [--out F]

Describes a PBS data blob (*.blob in a snapshot) or chunk file (.chunks/xxxx/<digest>): kind,
sizes, CRC-32, IV and tag, and — when it can be decoded (unencrypted, or with --keyfile) — the
decoded size and the chunk digest, checked against --digest or a 64-hex file name.

Options:
  --keyfile K          the client encryption key (encryption-key.json) to decrypt with;
                       its passphrase as for 'pbs-tools key test'
  --passphrase-file F  first line of F is the key's passphrase
  --digest HEX         the expected chunk digest (64 hex digits)
  --out F              write the decoded payload to F (mode 0600); F must not exist yet.
                       Nothing is written unless every check passed.
  -h, --help           show this help

Exit status: 0 every check passed; 1 a check failed or the file cannot be read; 2 usage error.
`;

const KIND_TEXT: Record<BlobHeader['kind'], string> = {
  uncompressed: 'uncompressed',
  compressed: 'zstd compressed',
  encrypted: 'encrypted',
  'encrypted-compressed': 'zstd compressed, encrypted',
};

function usageError(message: string): CliError {
  return new CliError(`${message}\n\n${USAGE}`, EXIT_USAGE);
}

const hex32 = (n: number) => n.toString(16).padStart(8, '0');

async function inspect(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    { keyfile: { type: 'string' }, 'passphrase-file': { type: 'string' }, digest: { type: 'string' }, out: { type: 'string' } },
    USAGE,
    io,
    'blob inspect',
  );
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError(positionals.length ? `exactly one FILE, got ${positionals.length}` : 'no FILE given');
  const file = positionals[0];
  let expectedDigest: Buffer | undefined;
  if (values.digest !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(values.digest)) throw usageError('--digest must be 64 hex digits');
    expectedDigest = Buffer.from(values.digest, 'hex');
  }
  if (values['passphrase-file'] !== undefined && values.keyfile === undefined) throw usageError('--passphrase-file needs --keyfile');
  const out = values.out;
  if (out !== undefined) {
    // Refuse early, before any passphrase is asked for; writeFileAtomic refuses atomically again.
    let exists = true;
    try {
      await lstat(resolve(io.cwd, out));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(err, out, 'output file');
      exists = false;
    }
    if (exists) throw new CliError(`output file '${out}' already exists; choose a path that does not exist (nothing was written)`);
  }

  const path = resolve(io.cwd, file);
  let raw: Buffer;
  try {
    logStep(io, `reading blob '${file}'`);
    raw = await readRegularFile(path, { maxBytes: READ_LIMITS.blobFile, what: 'blob' });
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'too-large') {
      throw new CliError(`cannot read blob ${quotePath(file)}: ${err.reason}; a PBS data blob holds at most ${MAX_BLOB_SIZE} bytes — is this an index or an archive?`);
    }
    throw readError(err, file, 'blob');
  }
  let header: BlobHeader;
  try {
    header = readBlobHeader(raw);
  } catch (err) {
    if (err instanceof BlobError) throw new CliError(`${quotePath(file)}: ${err.message}`);
    throw err;
  }
  if (header.encrypted && out !== undefined && values.keyfile === undefined) throw usageError('--out needs --keyfile for an encrypted blob');

  const lines: [string, string][] = [];
  const say = (k: string, v: string) => lines.push([k, v]);
  let failed = false;
  say('file', file);
  say('kind', `${KIND_TEXT[header.kind]} (magic ${raw.subarray(0, 8).toString('hex')})`);
  say('size', `${header.size} bytes (header ${header.headerSize}, payload ${header.payloadSize})`);
  if (header.crc.ok) say('crc32', `ok (${hex32(header.crc.stored)})`);
  else {
    failed = true;
    say('crc32', `MISMATCH: stored ${hex32(header.crc.stored)}, computed ${hex32(header.crc.computed)} — the file is damaged`);
  }
  if (header.iv) say('iv', header.iv.toString('hex'));
  if (header.tag) say('tag', header.tag.toString('hex'));

  let crypt: CryptConfig | undefined;
  if (values.keyfile !== undefined) {
    const { key, fingerprint } = await unlockKeyFile(io, values.keyfile, values['passphrase-file']);
    crypt = new CryptConfig(key);
    key.fill(0);
    say('key', `${shortFingerprint(fingerprint)} (${values.keyfile})`);
  }

  let data: Buffer | undefined;
  if (header.encrypted && !crypt) {
    say('payload', 'encrypted; give --keyfile to decrypt it, check it and get its digest');
    if (expectedDigest) {
      failed = true;
      say('digest', 'cannot be checked without --keyfile (encrypted chunks use a keyed digest)');
    }
  } else {
    logStep(io, `decoding the payload${header.encrypted ? ' (AES-256-GCM)' : ''}${header.compressed ? ' (zstd)' : ''}`);
    try {
      data = await decodeBlob(raw, { crypt, checkCrc: false });
      if (header.encrypted) say('decrypt', `ok: the key ${shortFingerprint(crypt!.fingerprint())} decrypts and authenticates it`);
      say('decoded', `${data.length} bytes` + (header.compressed ? ` (zstd ratio ${(data.length / Math.max(1, header.payloadSize)).toFixed(2)})` : ''));
    } catch (err) {
      if (!(err instanceof BlobError)) throw err;
      failed = true;
      say(err.code === 'decrypt-failed' ? 'decrypt' : 'decode', `FAILED: ${err.message}`);
    }
  }
  if (data) {
    const digest = chunkDigest(data, header.encrypted ? crypt : undefined);
    say('digest', `${digest.toString('hex')} (${header.encrypted ? "keyed: SHA-256(data ‖ the key's id key)" : 'SHA-256 of the data'})`);
    const name = basename(file);
    if (expectedDigest) {
      if (digest.equals(expectedDigest)) say('digest check', 'ok: matches --digest');
      else {
        failed = true;
        say('digest check', `MISMATCH: --digest is ${expectedDigest.toString('hex')}`);
      }
    } else if (/^[0-9a-f]{64}$/.test(name)) {
      if (digest.toString('hex') === name) say('digest check', 'ok: matches the chunk file name');
      else {
        failed = true;
        say('digest check', 'MISMATCH: the chunk file name is a different digest (wrong key, or a damaged chunk)');
      }
    }
  }

  if (out !== undefined) {
    if (failed || !data) say('out', `not written: a check failed`);
    else {
      try {
        logStep(io, `writing the decoded payload to '${out}' (mode 0600) through a temporary file renamed into place`);
        await writeFileAtomic(resolve(io.cwd, out), data, { mode: 0o600, overwrite: false });
      } catch (err) {
        throw writeError(err, out, 'output file');
      }
      say('out', `${out} (${data.length} bytes)`);
    }
  }
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  io.stdout.write(lines.map(([k, v]) => `${(k + ':').padEnd(width)}${v}`).join('\n') + '\n');
  return failed ? EXIT_FAILURE : EXIT_OK;
}

export const run: Subcommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (sub === undefined) throw usageError('no subcommand given');
  if (sub !== 'inspect') throw usageError(`unknown subcommand '${sub}'; use inspect`);
  return inspect(rest, io);
};
