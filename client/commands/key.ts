// PBS: Test Encryption Key…, Create Encryption Key…, Change Key Passphrase… — client encryption
// key files as proxmox-backup-client writes them (core/crypto/key-config.ts). Key files are
// written 0600 through a temporary file; an existing file is replaced only after a modal
// confirmation (or args.overwrite === true). Passphrases never appear in a message.
import { basename } from 'node:path';
import { pathExists } from '../../core/crypto/secure-write.ts';
import { formatFingerprint } from '../../core/crypto/crypt-config.ts';
import {
  DEFAULT_KDF,
  KDF_NAMES,
  KeyConfigError,
  MIN_PASSPHRASE_BYTES,
  changePassphrase,
  checkHint,
  createKeyConfig,
  decryptKey,
  keyInfo,
  readKeyConfig,
  writeKeyConfig,
  type KdfName,
  type KeyConfig,
} from '../../core/crypto/key-config.ts';
import { CommandError, required, type Prompts } from './prompts.ts';
import { fileFailure } from './files.ts';

const KEY_FILTERS = { 'Key files': ['json', 'enc'], 'All files': ['*'] };

function keyFailure(err: unknown, path: string): Error {
  if (err instanceof KeyConfigError) return new CommandError(`key file '${path}': ${err.message}`);
  return fileFailure(err, path, 'key file');
}

async function load(path: string): Promise<KeyConfig> {
  try {
    return await readKeyConfig(path);
  } catch (err) {
    throw keyFailure(err, path);
  }
}

function checkKdfName(kdf: string): void {
  if (!(KDF_NAMES as readonly string[]).includes(kdf)) throw new CommandError(`unknown kdf '${kdf}'; use ${KDF_NAMES.join(', ')}`);
}

function hintRules(hint: string | undefined, kdf: KdfName): void {
  try {
    checkHint(hint, kdf);
  } catch (err) {
    throw new CommandError(`hint: ${(err as Error).message}`);
  }
}

function validatePassphrase(v: string): string | undefined {
  return Buffer.byteLength(v) < MIN_PASSPHRASE_BYTES ? `PBS requires at least ${MIN_PASSPHRASE_BYTES} bytes` : undefined;
}

async function existingPassphrase(prompts: Prompts, config: KeyConfig, path: string, given: string | undefined): Promise<string | undefined> {
  if (!config.kdf) return undefined;
  if (given !== undefined) return given;
  const hint = config.hint ? ` (hint: ${config.hint})` : '';
  return required(await prompts.input(`Passphrase of ${basename(path)}${hint}`, { password: true }));
}

async function newPassphrase(prompts: Prompts, given: string | undefined, what: string): Promise<string> {
  if (given !== undefined) {
    const problem = validatePassphrase(given);
    if (problem) throw new CommandError(`the new passphrase is too short: ${problem}; nothing was written`);
    return given;
  }
  const first = required(await prompts.input(`New passphrase for ${what}`, { password: true, validate: validatePassphrase }));
  const again = required(await prompts.input('Repeat the new passphrase', { password: true }));
  if (first !== again) throw new CommandError('the passphrases do not match; nothing was written');
  return first;
}

/** true to replace an existing file: args.overwrite, or a modal yes. */
export async function mayReplace(prompts: Prompts, path: string, overwrite: boolean | undefined, programmatic: boolean): Promise<boolean> {
  if (!(await pathExists(path))) return false;
  if (overwrite === true) return true;
  if (programmatic || overwrite === false) throw new CommandError(`'${path}' already exists; nothing was written (pass overwrite: true to replace it)`);
  if (await prompts.confirm(`'${basename(path)}' already exists. Replace it?`, 'Replace')) return true;
  throw new CommandError(`'${path}' already exists; nothing was written`);
}

export interface TestKeyArgs {
  keyFile?: string;
  passphrase?: string;
}

export async function testEncryptionKey(prompts: Prompts, args: TestKeyArgs = {}) {
  const path = args.keyFile ?? required(await prompts.pickFile('Encryption key file to test', { filters: KEY_FILTERS }));
  const config = await load(path);
  const pass = await existingPassphrase(prompts, config, path, args.passphrase);
  const decrypted = await prompts.progress(`Testing ${basename(path)}`, async () => {
    try {
      return await decryptKey(config, pass);
    } catch (err) {
      throw keyFailure(err, path);
    }
  });
  decrypted.key.fill(0);
  const info = keyInfo(config);
  const fingerprint = formatFingerprint(decrypted.fingerprint);
  prompts.show(`${basename(path)}: the key decrypts; fingerprint ${fingerprint} (kdf ${info.kdf}, created ${info.created})`, fingerprint);
  return { path, fingerprint, kdf: info.kdf, created: info.created, modified: info.modified, ...(info.hint !== undefined ? { hint: info.hint } : {}) };
}

export interface CreateKeyArgs {
  path?: string;
  kdf?: KdfName;
  passphrase?: string;
  hint?: string;
  overwrite?: boolean;
}

export async function createEncryptionKey(prompts: Prompts, args: CreateKeyArgs = {}) {
  const programmatic = args.path !== undefined;
  const path = args.path ?? required(await prompts.pickFile('Where to write the new key file', { save: true, filters: KEY_FILTERS }));
  const kdf: KdfName =
    args.kdf ??
    (programmatic
      ? DEFAULT_KDF
      : required(
          await prompts.pick('Protect the key with', [
            { label: 'scrypt', description: 'a passphrase (PBS default: n=65536, r=8, p=1)' },
            { label: 'pbkdf2', description: 'a passphrase (PBKDF2-HMAC-SHA256, 65535 rounds)' },
            { label: 'none', description: 'no passphrase: anyone with the file can decrypt backups' },
          ]),
        ));
  checkKdfName(kdf);
  const overwrite = await mayReplace(prompts, path, args.overwrite, programmatic);
  const pass = kdf === 'none' ? undefined : await newPassphrase(prompts, args.passphrase, basename(path));
  const hint = args.hint ?? (kdf === 'none' || programmatic ? undefined : await prompts.input('Passphrase hint (optional, stored in the file in clear)', { placeHolder: 'leave empty for none' }));
  if (hint) hintRules(hint, kdf);
  const created = await prompts.progress(`Creating ${basename(path)}`, () => createKeyConfig({ kdf, passphrase: pass, hint: hint || undefined }));
  created.key.fill(0);
  try {
    await writeKeyConfig(path, created.config, { overwrite });
  } catch (err) {
    throw fileFailure(err, path, 'key file');
  }
  const fingerprint = formatFingerprint(created.config.fingerprint!);
  prompts.show(`Wrote ${basename(path)} (mode 0600); fingerprint ${fingerprint}. Keep a copy of it (and its passphrase) outside PBS.`, fingerprint);
  return { path, fingerprint };
}

export interface ChangePassphraseArgs {
  keyFile?: string;
  passphrase?: string;
  newPassphrase?: string;
  hint?: string;
  kdf?: KdfName;
}

export async function changeKeyPassphrase(prompts: Prompts, args: ChangePassphraseArgs = {}) {
  const path = args.keyFile ?? required(await prompts.pickFile('Key file whose passphrase to change', { filters: KEY_FILTERS }));
  if (args.kdf !== undefined) checkKdfName(args.kdf);
  hintRules(args.hint, args.kdf ?? DEFAULT_KDF);
  const config = await load(path);
  const old = await existingPassphrase(prompts, config, path, args.passphrase);
  const next = await prompts.progress(`Changing the passphrase of ${basename(path)}`, async () => {
    try {
      // the new passphrase is asked for only once the old one has unlocked the key
      const newPass = () => newPassphrase(prompts, args.newPassphrase, basename(path));
      return await changePassphrase(config, old, { kdf: args.kdf, hint: args.hint, newPassphrase: newPass });
    } catch (err) {
      throw err instanceof CommandError ? err : keyFailure(err, path);
    }
  });
  try {
    await writeKeyConfig(path, next, { overwrite: true });
  } catch (err) {
    throw fileFailure(err, path, 'key file');
  }
  const fingerprint = formatFingerprint(next.fingerprint!);
  const what = next.kdf ? 'Changed the passphrase of' : 'Removed the passphrase from';
  prompts.show(`${what} ${basename(path)}; the key (fingerprint ${fingerprint}) is the same.`, fingerprint);
  return { path, fingerprint };
}
