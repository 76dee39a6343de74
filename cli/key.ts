// `pbs-tools key test|create|passwd|info` — client encryption key files as
// proxmox-backup-client writes them. Imports core/crypto only (no parser): `key test` starts fast.
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type DecryptedKey,
  type KdfName,
  type KeyConfig,
  DEFAULT_KDF,
  KDF_NAMES,
  KeyConfigError,
  changePassphrase,
  checkDecryptable,
  checkHint,
  createKeyConfig,
  decryptKey,
  keyInfo,
  readKeyConfig,
  writeKeyConfig,
} from '../core/crypto/key-config.ts';
import { formatFingerprint } from '../core/crypto/crypt-config.ts';
import { escapeControls } from '../core/control-chars.ts';
import { readError, writeError } from './file-errors.ts';
import { argumentProblem } from './args.ts';
import { CliError, EXIT_OK, EXIT_USAGE, logStep, type CliIo, type Subcommand } from './io.ts';
import { PASSPHRASE_ENV, readNewPassphrase, readPassphrase } from './passphrase.ts';

const USAGE = `usage: pbs-tools key test FILE [--passphrase-file F]
       pbs-tools key create FILE [--kdf scrypt|pbkdf2|none] [--hint TEXT] [--new-passphrase-file F]
       pbs-tools key passwd FILE [--kdf scrypt|pbkdf2|none] [--hint TEXT] [--passphrase-file F] [--new-passphrase-file F]
       pbs-tools key info FILE [--output-format text|json]

Client encryption key files (encryption-key.json), compatible with proxmox-backup-client.

  test     decrypt the key and check it against the stored fingerprint; prints the fingerprint
  create   write a new random key (scrypt n=65536 r=8 p=1 by default, like PBS), mode 0600;
           never replaces an existing file; prints the fingerprint
  passwd   change the passphrase (new salt and IV, same key, 'created' kept); like PBS, the
           new file uses scrypt unless --kdf says otherwise (none: no passphrase), and the
           old hint is dropped unless --hint gives a new one
  info     kdf, parameters, created, modified, fingerprint and hint, without the passphrase

The passphrase comes from --passphrase-file (first line), else ${PASSPHRASE_ENV}
(or ${PASSPHRASE_ENV}_FILE), else a prompt on the terminal. A new passphrase comes from
--new-passphrase-file, else (create only) ${PASSPHRASE_ENV}, else is typed twice. PBS requires
at least 5 bytes. Passphrases and keys are never printed.

Exit status: 0 success, 1 failure (the message says which file and why), 2 usage error.
`;

function usageError(message: string): CliError {
  return new CliError(`${message}\n\n${USAGE}`, EXIT_USAGE);
}

/** A KeyConfigError as a CLI failure naming the file, with a hint how to fix it where there is one. */
export function keyError(err: unknown, display: string): CliError {
  if (!(err instanceof KeyConfigError)) return readError(err, display, 'key file');
  const fix: Partial<Record<KeyConfigError['code'], string>> = {
    'malformed-json': 'is this a PBS key file (encryption-key.json)?',
    'unknown-kdf': 'the file was not written by PBS or is damaged',
    'wrong-passphrase': 'check the passphrase (and its source: --passphrase-file, ' + PASSPHRASE_ENV + ')',
    'passphrase-too-short': 'check the passphrase source; an empty file or variable gives an empty passphrase',
  };
  return new CliError(`key file '${display}': ${err.message}${fix[err.code] ? ` — ${fix[err.code]}` : ''}`);
}

async function loadConfig(io: CliIo, file: string): Promise<KeyConfig> {
  logStep(io, `reading key file '${file}'`);
  let config: KeyConfig;
  try {
    config = await readKeyConfig(resolve(io.cwd, file));
  } catch (err) {
    throw keyError(err, file);
  }
  const info = keyInfo(config);
  const params = info.parameters ? ` (${Object.entries(info.parameters).map(([k, v]) => `${k}=${v}`).join(', ')})` : '';
  logStep(io, `key file '${file}': kdf ${info.kdf}${params}, created ${info.created}, fingerprint ${info.fingerprint ? 'stored' : 'not stored'}`);
  return config;
}

/** The passphrase of a checked key file, asked only when the file needs one. */
async function oldPassphrase(io: CliIo, file: string, config: KeyConfig, passphraseFile: string | undefined): Promise<Buffer | undefined> {
  try {
    checkDecryptable(config); // corrupt files and absurd KDF costs fail before any prompt
  } catch (err) {
    throw keyError(err, file);
  }
  const pass = config.kdf ? await readPassphrase(io, { file: passphraseFile, subject: `key file '${file}'` }) : undefined;
  logStep(io, config.kdf ? `deriving the key-encryption key (${config.kdf.type}) and decrypting` : 'the key is stored without passphrase: decoding it');
  return pass;
}

/** Reads, checks and decrypts a key file, asking for the passphrase only when one is needed. */
export async function unlockKeyFile(io: CliIo, file: string, passphraseFile: string | undefined): Promise<DecryptedKey> {
  const config = await loadConfig(io, file);
  const pass = await oldPassphrase(io, file, config, passphraseFile);
  try {
    const decrypted = await decryptKey(config, pass);
    logStep(io, `decrypted; fingerprint ${formatFingerprint(decrypted.fingerprint)}${config.fingerprint ? ' matches the stored one' : ''}`);
    return decrypted;
  } catch (err) {
    throw keyError(err, file);
  } finally {
    pass?.fill(0);
  }
}

async function mustNotExist(io: CliIo, file: string): Promise<void> {
  try {
    await lstat(resolve(io.cwd, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw writeError(err, file, 'key file');
  }
  throw new CliError(`key file '${file}' already exists; choose a new path (nothing was written)`);
}

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses one subcommand's options (all strings, plus --help). */
function parse(args: string[], names: string[], sub: string): Parsed {
  const options = { ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), help: { type: 'boolean' as const, short: 'h' } };
  const problem = argumentProblem(args, options);
  if (problem) throw usageError(`key ${sub}: ${problem}`);
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw usageError((err as Error).message);
  }
}

const str = (p: Parsed, name: string) => p.values[name] as string | undefined;

function oneFile(positionals: string[], sub: string): string {
  if (positionals.length !== 1) throw usageError(positionals.length === 0 ? `key ${sub}: no FILE given` : `key ${sub}: exactly one FILE, got ${positionals.length}`);
  return positionals[0];
}

/**
 * --kdf and --hint of a key about to be written, and the file of its new passphrase: the first of
 * `passphraseFiles` given (none with `--kdf none`, which has no passphrase).
 */
function newKeyOptions(p: Parsed, passphraseFiles: string[]): { kdf: KdfName; hint: string | undefined; passphraseFile: string | undefined } {
  const kdf = str(p, 'kdf') ?? DEFAULT_KDF;
  if (!(KDF_NAMES as readonly string[]).includes(kdf)) throw usageError(`unknown --kdf '${kdf}'; use scrypt, pbkdf2 or none`);
  const hint = str(p, 'hint');
  try {
    checkHint(hint, kdf as KdfName);
  } catch (err) {
    throw usageError((err as Error).message);
  }
  const given = passphraseFiles.find((name) => str(p, name) !== undefined);
  if (kdf === 'none' && given !== undefined) throw usageError(`--${given} makes no sense with --kdf none`);
  return { kdf: kdf as KdfName, hint, passphraseFile: given === undefined ? undefined : str(p, given) };
}

async function store(io: CliIo, file: string, config: KeyConfig, overwrite: boolean): Promise<void> {
  logStep(io, `writing '${file}' (mode 0600) through a temporary file renamed into place${overwrite ? ', replacing the old one' : ''}`);
  try {
    await writeKeyConfig(resolve(io.cwd, file), config, { overwrite });
  } catch (err) {
    throw writeError(err, file, 'key file');
  }
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  async test(args, io) {
    const p = parse(args, ['passphrase-file'], 'test');
    if (p.values.help) return help(io);
    const file = oneFile(p.positionals, 'test');
    const { key, fingerprint } = await unlockKeyFile(io, file, str(p, 'passphrase-file'));
    key.fill(0);
    io.stdout.write(`${formatFingerprint(fingerprint)}\n`);
    return EXIT_OK;
  },

  async create(args, io) {
    const p = parse(args, ['kdf', 'hint', 'new-passphrase-file', 'passphrase-file'], 'create');
    if (p.values.help) return help(io);
    const file = oneFile(p.positionals, 'create');
    const { kdf, hint, passphraseFile: newFile } = newKeyOptions(p, ['new-passphrase-file', 'passphrase-file']);
    await mustNotExist(io, file);
    const pass = kdf === 'none' ? undefined : await readNewPassphrase(io, { file: newFile, allowEnv: true, subject: `key file '${file}'` });
    let created;
    logStep(io, `generating a random 256-bit key, protected with ${kdf === 'none' ? 'no passphrase' : kdf}`);
    try {
      created = await createKeyConfig({ kdf, passphrase: pass, hint });
    } catch (err) {
      throw keyError(err, file);
    } finally {
      pass?.fill(0);
    }
    created.key.fill(0);
    await store(io, file, created.config, false);
    io.stdout.write(`${formatFingerprint(created.config.fingerprint!)}\n`);
    return EXIT_OK;
  },

  async passwd(args, io) {
    const p = parse(args, ['kdf', 'hint', 'passphrase-file', 'new-passphrase-file'], 'passwd');
    if (p.values.help) return help(io);
    const file = oneFile(p.positionals, 'passwd');
    const { kdf, hint, passphraseFile: newFile } = newKeyOptions(p, ['new-passphrase-file']);
    const old = await loadConfig(io, file);
    const pass = await oldPassphrase(io, file, old, str(p, 'passphrase-file'));
    let next: KeyConfig;
    try {
      // the new passphrase is asked for only once the old one has unlocked the key
      const newPassphrase = () => readNewPassphrase(io, { file: newFile, allowEnv: false, subject: `key file '${file}'` });
      next = await changePassphrase(old, pass, { kdf, hint, newPassphrase });
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw keyError(err, file);
    } finally {
      pass?.fill(0);
    }
    await store(io, file, next, true);
    io.stdout.write(`${formatFingerprint(next.fingerprint!)}\n`);
    return EXIT_OK;
  },

  async info(args, io) {
    const p = parse(args, ['output-format'], 'info');
    if (p.values.help) return help(io);
    const file = oneFile(p.positionals, 'info');
    const format = str(p, 'output-format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw usageError(`unknown --output-format '${format}'; use text or json`);
    const info = keyInfo(await loadConfig(io, file));
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ path: file, ...info }) + '\n');
      return EXIT_OK;
    }
    const params = info.parameters
      ? ' (' +
        Object.entries(info.parameters)
          .map(([k, v]) => (k === 'saltBytes' ? `salt ${v} bytes` : `${k}=${v}`))
          .join(', ') +
        ')'
      : '';
    const lines = [
      ['path', file],
      ['kdf', info.kdf + params],
      ['created', info.created],
      ['modified', info.modified],
      ['fingerprint', info.fingerprint ?? 'not stored in the file (key test computes it)'],
      ...(info.hint !== undefined ? [['hint', info.hint]] : []),
    ];
    // The hint and the path are the file's and the user's text: one line each, whatever they hold.
    io.stdout.write(lines.map(([k, v]) => `${(k + ':').padEnd(13)}${escapeControls(v)}`).join('\n') + '\n');
    return EXIT_OK;
  },
};

function help(io: CliIo): number {
  io.stdout.write(USAGE);
  return EXIT_OK;
}

export const run: Subcommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined) throw usageError('no subcommand given');
  if (sub === '--help' || sub === '-h' || sub === 'help') return help(io);
  const fn = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!fn) throw usageError(`unknown subcommand '${sub}'; use test, create, passwd or info`);
  return fn(rest, io);
};
