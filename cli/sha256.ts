// `pbs-tools sha256 FILE...` prints `<hex>  <FILE>` per file like sha256sum ('-' is standard
// input); `--check SUMS` verifies a list in that format like `sha256sum -c`.
import { resolve } from 'node:path';
import { sha256File, sha256Stream, type Sha256Result } from '../core/crypto/sha256.ts';
import { READ_LIMITS, readRegularTextFile, sizeWords } from '../core/fs/read-file.ts';
import { readError } from './file-errors.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo, type Subcommand, logStep } from './io.ts';
import { parseCommandArgs } from './args.ts';

const USAGE = `usage: pbs-tools sha256 FILE...
       pbs-tools sha256 --check SUMS

Prints the SHA-256 of each FILE as '<64 hex digits>  FILE', like sha256sum ('-' reads standard
input). With --check, reads lines in that format (or 'hex *FILE', or 'SHA256 (FILE) = hex') from
SUMS ('-' for standard input) and prints 'FILE: OK' or 'FILE: FAILED' for each.

Exit status: 0 all files read (and, with --check, all matched); 1 a file could not be read, a
checksum did not match or a line was malformed; 2 usage error.
`;

/** sha256sum's escaping: a name with '\\', newline or CR gets a leading '\\' and escapes. */
function escapeName(name: string): { prefix: string; name: string } {
  if (!/[\\\n\r]/.test(name)) return { prefix: '', name };
  return { prefix: '\\', name: name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') };
}

function unescapeName(name: string): string | undefined {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    if (name[i] !== '\\') {
      out += name[i];
      continue;
    }
    const e = name[++i];
    if (e === '\\') out += '\\';
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else return undefined;
  }
  return out;
}

async function hashOne(io: CliIo, name: string): Promise<Sha256Result> {
  logStep(io, name === '-' ? 'hashing standard input' : `hashing '${name}'`);
  if (name === '-') return sha256Stream(io.stdin as AsyncIterable<Buffer>);
  try {
    return await sha256File(resolve(io.cwd, name));
  } catch (err) {
    throw readError(err, name);
  }
}

const HASH_NAMES: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 56: 'SHA-224', 96: 'SHA-384', 128: 'SHA-512' };

type SumLine = { hex: string; name: string } | { error: string } | undefined;

/** One line of a checksum list: undefined for a blank line. */
export function parseSumLine(raw: string): SumLine {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.trim() === '') return undefined;
  let escaped = false;
  if (line.startsWith('\\')) {
    escaped = true;
    line = line.slice(1);
  }
  let hex: string;
  let name: string;
  const bsd = /^(\w+) ?\((.*)\) ?= ?([0-9A-Fa-f]*)$/.exec(line);
  if (bsd) {
    if (bsd[1].toUpperCase() !== 'SHA256') return { error: `this is a ${bsd[1]} line, not SHA256` };
    [, , name, hex] = bsd;
  } else {
    const m = /^([0-9A-Fa-f]+) ([ *])?(.*)$/.exec(line);
    if (!m) {
      const first = line.split(/\s/, 1)[0];
      if (/^[0-9A-Fa-f]+$/.test(first) || /^[0-9A-Fa-f]{64}/.test(line)) {
        return { error: "expected '<64 hex digits>  FILE' (two spaces, or ' *', between the checksum and the name)" };
      }
      return { error: "expected '<64 hex digits>  FILE' but the line does not start with hex digits" };
    }
    [, hex, , name] = m;
  }
  if (hex.length !== 64) {
    const guess = HASH_NAMES[hex.length];
    return { error: `the checksum has ${hex.length} hex digits, a SHA-256 has 64${guess ? ` (is this a ${guess} list?)` : ''}` };
  }
  if (name === '') return { error: 'no file name after the checksum' };
  if (escaped) {
    const un = unescapeName(name);
    if (un === undefined) return { error: "invalid escape in the file name (only '\\\\', '\\n' and '\\r')" };
    name = un;
  }
  return { hex: hex.toLowerCase(), name };
}

/** The checksum list as text: a regular file or standard input, at most READ_LIMITS.checksumList. */
async function readList(io: CliIo, sums: string): Promise<string> {
  const what = 'checksum list';
  if (sums !== '-') {
    try {
      return await readRegularTextFile(resolve(io.cwd, sums), { maxBytes: READ_LIMITS.checksumList, what });
    } catch (err) {
      throw readError(err, sums, what);
    }
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of io.stdin as AsyncIterable<Buffer>) {
    total += c.length;
    if (total > READ_LIMITS.checksumList) {
      throw new CliError(`the ${what} on standard input is more than the ${sizeWords(READ_LIMITS.checksumList)} read at most; is it a checksum list?`);
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function check(io: CliIo, sums: string): Promise<number> {
  const text = await readList(io, sums);
  const where = sums === '-' ? 'standard input' : sums;
  let ok = 0;
  let mismatched = 0;
  let unreadable = 0;
  let malformed = 0;
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    const parsed = parseSumLine(raw);
    if (parsed === undefined) continue;
    if ('error' in parsed) {
      malformed++;
      io.stderr.write(`pbs-tools sha256: ${where}:${i + 1}: improperly formatted line: ${parsed.error}\n`);
      continue;
    }
    const { prefix, name: shown } = escapeName(parsed.name);
    let result: Sha256Result;
    try {
      result = await hashOne(io, parsed.name);
    } catch (err) {
      unreadable++;
      io.stderr.write(`pbs-tools sha256: ${err instanceof CliError ? err.message : String(err)}\n`);
      io.stdout.write(`${prefix}${shown}: FAILED open or read\n`);
      continue;
    }
    if (result.hex === parsed.hex) {
      ok++;
      io.stdout.write(`${prefix}${shown}: OK\n`);
    } else {
      mismatched++;
      io.stdout.write(`${prefix}${shown}: FAILED\n`);
    }
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (ok + mismatched + unreadable === 0) {
    io.stderr.write(`pbs-tools sha256: ${where}: no properly formatted SHA256 checksum lines found\n`);
    return EXIT_FAILURE;
  }
  if (malformed) io.stderr.write(`pbs-tools sha256: WARNING: ${plural(malformed, 'line is', 'lines are')} improperly formatted\n`);
  if (unreadable) io.stderr.write(`pbs-tools sha256: WARNING: ${plural(unreadable, 'listed file', 'listed files')} could not be read\n`);
  if (mismatched) io.stderr.write(`pbs-tools sha256: WARNING: ${plural(mismatched, 'computed checksum', 'computed checksums')} did NOT match\n`);
  return mismatched || unreadable || malformed ? EXIT_FAILURE : EXIT_OK;
}

export const run: Subcommand = async (args, io) => {
  const parsed = parseCommandArgs(args, { check: { type: 'string', short: 'c' } }, USAGE, io, 'sha256');
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (values.check !== undefined) {
    if (positionals.length) throw new CliError(`--check takes the list of checksums; no FILE besides it\n\n${USAGE}`, EXIT_USAGE);
    return check(io, values.check);
  }
  if (positionals.length === 0) throw new CliError(`no FILE given ('-' for standard input)\n\n${USAGE}`, EXIT_USAGE);
  if (positionals.filter((p) => p === '-').length > 1) throw new CliError("'-' (standard input) can be given only once", EXIT_USAGE);
  let failed = 0;
  for (const name of positionals) {
    try {
      const { hex } = await hashOne(io, name);
      const { prefix, name: shown } = escapeName(name);
      io.stdout.write(`${prefix}${hex}  ${shown}\n`);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failed++;
      io.stderr.write(`pbs-tools sha256: ${err.message}\n`);
    }
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
};
