// PBS's proxy.pem and proxy.key as one unit: written together or not at all. Replacing the key
// and then failing on the certificate would leave a key beside a certificate it does not sign, and
// PBS's TLS would stop working; so both go through writeFilesAtomic (temporary files first, then
// both renamed, the first put back if the second fails). Used by every front (CLI, VS Code).
import { join } from 'node:path';
import { pathExists, writeFilesAtomic } from './secure-write.ts';

export const CERT_FILE_NAME = 'proxy.pem';
export const KEY_FILE_NAME = 'proxy.key';

export interface CertPairPaths {
  certPath: string;
  keyPath: string;
}

export function certPairPaths(dir: string): CertPairPaths {
  return { certPath: join(dir, CERT_FILE_NAME), keyPath: join(dir, KEY_FILE_NAME) };
}

/** Which of proxy.pem and proxy.key are already in `dir` (anything at the name counts). */
export async function existingCertPairFiles(dir: string): Promise<string[]> {
  const { certPath, keyPath } = certPairPaths(dir);
  const present: string[] = [];
  if (await pathExists(certPath)) present.push(CERT_FILE_NAME);
  if (await pathExists(keyPath)) present.push(KEY_FILE_NAME);
  return present;
}

/**
 * Writes DIR/proxy.key (mode 0600) and DIR/proxy.pem (0644) as PBS has them, both or neither.
 * Without `overwrite` an existing file is a FileExistsError; other failures are AtomicWriteErrors
 * (writeFailureMessage words them: which file, and what was and was not replaced).
 */
export async function writeCertPair(dir: string, pems: { certPem: string; keyPem: string }, options: { overwrite?: boolean } = {}): Promise<CertPairPaths> {
  const paths = certPairPaths(dir);
  await writeFilesAtomic(
    [
      { path: paths.keyPath, data: pems.keyPem, mode: 0o600 },
      { path: paths.certPath, data: pems.certPem, mode: 0o644 },
    ],
    options,
  );
  return paths;
}

