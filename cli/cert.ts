// `pbs-tools cert generate|info`: self-signed certificates as PBS makes its proxy.pem, and what
// any PEM certificate says (DESIGN.md contract).
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CertError, checkCertOptions, describeCertificate, readCertificate, generateSelfSignedCert, type CertInfo, type CheckedCertOptions } from '../core/crypto/cert.ts';
import { certPairPaths, existingCertPairFiles, writeCertPair } from '../core/crypto/cert-pair.ts';
import { FileExistsError, writeFailureMessage } from '../core/crypto/secure-write.ts';
import { fileErrorReason } from '../core/fs/read-file.ts';
import { readError } from './file-errors.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT_OK, EXIT_USAGE, logStep, type CliIo, type Subcommand } from './io.ts';

const USAGE = `usage: pbs-tools cert generate --out-dir DIR [--cn NAME] [--san NAME_OR_IP]... [--days N]
                                  [--key-type rsa|ec] [--bits N] [--force]
       pbs-tools cert info FILE [--json]

  generate  write DIR/proxy.pem (certificate, mode 0644) and DIR/proxy.key (private key, mode 0600)
            the way PBS makes its own: RSA 4096, SHA-256, O=Proxmox Backup Server, a random OU,
            CN = this machine's FQDN, SANs 127.0.0.1, ::1, localhost, node name and FQDN (plus
            every --san), valid for 365000 days unless --days. Existing files are never
            replaced without --force (nothing is written then).
  info      subject, issuer, SANs, validity (and whether it has expired), public key, and the
            SHA-256 fingerprint in PBS's form (as remote.cfg and sync jobs expect it)

Exit status: 0 success, 1 failure (the message says which file and why), 2 usage error.
`;

export const run: Subcommand = async (args: string[], io: CliIo) => {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') {
    (action === undefined ? io.stderr : io.stdout).write(USAGE);
    return action === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (action === 'generate') return generate(rest, io);
  if (action === 'info') return info(rest, io);
  throw new CliError(`unknown action '${action}'; use generate or info\n\n${USAGE}`, EXIT_USAGE);
};

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be a whole number, not '${value}'`, EXIT_USAGE);
  return Number(value);
}

async function generate(args: string[], io: CliIo): Promise<number> {
  const p = parseCommandArgs(
    args,
    {
      'out-dir': { type: 'string' },
      cn: { type: 'string' },
      san: { type: 'string', multiple: true },
      days: { type: 'string' },
      'key-type': { type: 'string' },
      bits: { type: 'string' },
      force: { type: 'boolean' },
    },
    USAGE,
    io,
    'cert generate',
  );
  if (!p) return EXIT_OK;
  const v = p.values as Record<string, string | string[] | boolean | undefined>;
  if (p.positionals.length) throw new CliError(`unexpected argument '${p.positionals[0]}'`, EXIT_USAGE);
  const outDir = v['out-dir'];
  if (typeof outDir !== 'string' || outDir === '') throw new CliError(`missing --out-dir DIR\n\n${USAGE}`, EXIT_USAGE);
  const keyType = (v['key-type'] as string | undefined) ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ec') throw new CliError(`--key-type is rsa or ec, not '${keyType}'`, EXIT_USAGE);
  // Every argument is checked before anything is said, made or written.
  let options: CheckedCertOptions;
  try {
    options = checkCertOptions({
      commonName: v.cn as string | undefined,
      altNames: (v.san as string[] | undefined) ?? [],
      days: integer(v.days as string | undefined, 'days'),
      keyType,
      bits: integer(v.bits as string | undefined, 'bits'),
    });
  } catch (err) {
    if (err instanceof CertError) throw new CliError(err.message, EXIT_USAGE);
    throw err;
  }

  const dir = resolve(io.cwd, outDir);
  const { certPath, keyPath } = certPairPaths(dir);
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new CliError(`cannot create directory '${outDir}': ${fileErrorReason(err, dir, 'write')}; nothing was written`);
    }
  }
  if (dirStat && !dirStat.isDirectory()) throw new CliError(`'${outDir}' is not a directory; give the directory for proxy.pem and proxy.key`);
  const force = v.force === true;
  if (!force) {
    const present = await existingCertPairFiles(dir);
    if (present.length) throw new CliError(`'${join(dir, present[0])}' already exists; nothing was written. Pass --force to replace proxy.pem and proxy.key`);
  }

  io.stderr.write(`generating ${options.keyType === 'rsa' ? `an RSA-${options.bits}` : `an EC P-${options.bits}`} key …\n`);
  const generated = await generateSelfSignedCert(options);
  logStep(io, `subject ${generated.info.subject}; SANs ${generated.info.altNames.join(', ')}`);
  logStep(io, `writing '${keyPath}' (mode 0600) and '${certPath}' (mode 0644) through temporary files, then renaming both into place`);
  try {
    await writeCertPair(dir, generated, { overwrite: force });
  } catch (err) {
    if (err instanceof FileExistsError) throw new CliError(`'${err.path}' appeared while generating; nothing was written. Pass --force to replace it`);
    throw new CliError(writeFailureMessage(err));
  }
  io.stdout.write(`wrote ${certPath}\nwrote ${keyPath} (mode 0600)\n${describeCertificate(generated.info).join('\n') + '\n'}`);
  return EXIT_OK;
}

async function info(args: string[], io: CliIo): Promise<number> {
  const p = parseCommandArgs(args, { json: { type: 'boolean' } }, USAGE, io, 'cert info');
  if (!p) return EXIT_OK;
  const values = p.values;
  if (p.positionals.length !== 1) throw new CliError(`give exactly one certificate FILE\n\n${USAGE}`, EXIT_USAGE);
  const file = p.positionals[0];
  let result: CertInfo;
  try {
    result = await readCertificate(resolve(io.cwd, file));
  } catch (err) {
    if (err instanceof CertError) throw new CliError(err.message);
    throw readError(err, file, 'certificate');
  }
  io.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : describeCertificate(result).join('\n') + '\n');
  return EXIT_OK;
}
