// PBS: Inspect Data Blob… — kind, sizes, CRC, and with a key file whether it decrypts; the
// payload is never written anywhere by this command.
import { basename } from 'node:path';
import { BlobError, MAX_BLOB_SIZE, decodeBlob, readBlobHeader } from '../../core/crypto/blob.ts';
import { FileReadError, READ_LIMITS, readRegularFile } from '../../core/fs/read-file.ts';
import { CryptConfig, formatFingerprint } from '../../core/crypto/crypt-config.ts';
import { decryptKey, readKeyConfig, KeyConfigError } from '../../core/crypto/key-config.ts';
import { CommandError, required, type Prompts } from './prompts.ts';
import { fileFailure } from './files.ts';

export interface InspectBlobArgs {
  path?: string;
  keyFile?: string;
  passphrase?: string;
}

export async function inspectBlob(prompts: Prompts, args: InspectBlobArgs = {}) {
  const programmatic = args.path !== undefined;
  const path = args.path ?? required(await prompts.pickFile('Data blob or chunk file', { filters: { 'Data blobs': ['blob'], 'All files': ['*'] } }));
  let raw: Buffer;
  try {
    raw = await readRegularFile(path, { maxBytes: READ_LIMITS.blobFile, what: 'blob' });
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'too-large') throw new CommandError(`${err.message}; a PBS data blob holds at most ${MAX_BLOB_SIZE} bytes`);
    throw fileFailure(err, path, 'blob');
  }
  let header;
  try {
    header = readBlobHeader(raw);
  } catch (err) {
    if (err instanceof BlobError) throw new CommandError(`'${path}': ${err.message}`);
    throw err;
  }
  const result: Record<string, unknown> = {
    path,
    kind: header.kind,
    size: header.size,
    payloadSize: header.payloadSize,
    crc: header.crc.ok ? 'ok' : `mismatch: stored ${header.crc.stored.toString(16)}, computed ${header.crc.computed.toString(16)}`,
  };
  let keyFile = args.keyFile;
  if (header.encrypted && keyFile === undefined && !programmatic) keyFile = await prompts.pickFile('Key file to decrypt it (Esc: skip)', { filters: { 'Key files': ['json'] } });
  let crypt: CryptConfig | undefined;
  if (keyFile !== undefined) {
    try {
      const config = await readKeyConfig(keyFile);
      const pass = config.kdf ? (args.passphrase ?? required(await prompts.input(`Passphrase of ${basename(keyFile)}`, { password: true }))) : undefined;
      const { key, fingerprint } = await decryptKey(config, pass);
      crypt = new CryptConfig(key);
      key.fill(0);
      result.keyFingerprint = formatFingerprint(fingerprint);
    } catch (err) {
      if (err instanceof KeyConfigError) throw new CommandError(`key file '${keyFile}': ${err.message}`);
      throw fileFailure(err, keyFile, 'key file');
    }
  }
  if (!header.encrypted || crypt) {
    try {
      const data = await decodeBlob(raw, { crypt, checkCrc: false });
      result.decoded = data.length;
      if (header.encrypted) result.decrypt = 'ok';
    } catch (err) {
      if (!(err instanceof BlobError)) throw err;
      result[err.code === 'decrypt-failed' ? 'decrypt' : 'decode'] = `failed: ${err.message}`;
    }
  }
  prompts.details(`Blob ${basename(path)}`, Object.entries(result).map(([k, v]) => `${(k + ':').padEnd(16)}${String(v)}`));
  prompts.show(`${basename(path)}: ${header.kind} blob, ${header.size} bytes, CRC ${result.crc}${result.decrypt ? `, decrypt ${result.decrypt}` : ''}`);
  return result;
}
