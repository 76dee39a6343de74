// PBS: Generate Self-Signed Certificate… (proxy.pem + proxy.key as PBS makes them, key 0600) and
// PBS: Show Certificate Info (any PEM).
import { mkdir, stat } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { basename } from 'node:path';
import { CertError, checkCertOptions, defaultFqdn, describeCertificate, readCertificate, generateSelfSignedCert, type CertInfo } from '../../core/crypto/cert.ts';
import { existingCertPairFiles, writeCertPair } from '../../core/crypto/cert-pair.ts';
import { FileExistsError, writeFailureMessage } from '../../core/crypto/secure-write.ts';
import { CommandError, required, type Prompts } from './prompts.ts';
import { fileFailure } from './files.ts';

/** The machine's non-loopback addresses: what a PBS certificate usually names besides its FQDN. */
export function localAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) out.push(a.address);
  }
  return out;
}

export interface GenerateCertArgs {
  outDir?: string;
  cn?: string;
  sans?: string[];
  overwrite?: boolean;
  keyType?: 'rsa' | 'ec';
}

export async function generateCertificate(prompts: Prompts, args: GenerateCertArgs = {}) {
  const programmatic = args.outDir !== undefined;
  const outDir = args.outDir ?? required(await prompts.pickFile('Folder for proxy.pem and proxy.key', { folder: true }));
  const cn = args.cn ?? (programmatic ? undefined : required(await prompts.input('Common name (the FQDN clients use)', { value: defaultFqdn() })));
  const sans =
    args.sans ??
    (programmatic
      ? []
      : required(await prompts.input('Extra names and IP addresses (comma-separated)', { value: localAddresses().join(', ') }))
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''));
  // Every argument checked before anything is made or written.
  let options;
  try {
    options = checkCertOptions({ commonName: cn, altNames: sans, keyType: args.keyType });
  } catch (err) {
    if (err instanceof CertError) throw new CommandError(err.message);
    throw err;
  }
  const present = await existingCertPairFiles(outDir).catch((err: unknown) => {
    throw fileFailure(err, outDir, 'folder');
  });
  let overwrite = false;
  if (present.length > 0) {
    if (args.overwrite === true) overwrite = true;
    else if (programmatic || args.overwrite === false) throw new CommandError(`${present.join(' and ')} already exist in '${outDir}'; nothing was written (pass overwrite: true to replace them)`);
    else if (await prompts.confirm(`${present.join(' and ')} already exist in ${outDir}. Replace them?`, 'Replace')) overwrite = true;
    else throw new CommandError(`${present.join(' and ')} already exist in '${outDir}'; nothing was written`);
  }
  try {
    await mkdir(outDir, { recursive: true, mode: 0o700 });
    if (!(await stat(outDir)).isDirectory()) throw new CommandError(`'${outDir}' is not a folder`);
  } catch (err) {
    throw fileFailure(err, outDir, 'folder');
  }
  const generated = await prompts.progress(`Generating ${options.keyType === 'ec' ? `a P-${options.bits}` : `an RSA-${options.bits}`} key and certificate`, () =>
    generateSelfSignedCert(options),
  );
  let paths;
  try {
    // Both files or neither: the same function as the CLI's (core/crypto/cert-pair.ts).
    paths = await writeCertPair(outDir, generated, { overwrite });
  } catch (err) {
    if (err instanceof FileExistsError) throw new CommandError(`'${err.path}' appeared while generating; nothing was written`);
    throw new CommandError(writeFailureMessage(err));
  }
  const { certPath, keyPath } = paths;
  prompts.show(`Wrote proxy.pem and proxy.key (0600) in ${outDir}; SHA-256 fingerprint ${generated.info.fingerprint}`, generated.info.fingerprint);
  return { certPath, keyPath, fingerprint: generated.info.fingerprint };
}

export interface CertInfoArgs {
  path?: string;
}

/** certInfo with its dates as ISO strings (plain JSON for callers). */
export type CertInfoResult = Omit<CertInfo, 'notBefore' | 'notAfter'> & { path: string; notBefore: string; notAfter: string };

export async function showCertificateInfo(prompts: Prompts, args: CertInfoArgs = {}): Promise<CertInfoResult> {
  const path = args.path ?? required(await prompts.pickFile('Certificate (PEM)', { filters: { Certificates: ['pem', 'crt', 'cer'], 'All files': ['*'] } }));
  let info: CertInfo;
  try {
    info = await readCertificate(path);
  } catch (err) {
    if (err instanceof CertError) throw new CommandError(err.message);
    throw fileFailure(err, path, 'certificate file');
  }
  prompts.details(`Certificate ${basename(path)}`, describeCertificate(info));
  prompts.show(`${basename(path)}: ${info.subject}; ${info.expired ? 'EXPIRED' : `valid ${info.daysLeft} more days`}; fingerprint ${info.fingerprint}`, info.fingerprint);
  return { ...info, path, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };
}
