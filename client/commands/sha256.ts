// PBS: Compute SHA-256… of a file on disk, with progress and cancel (Node only: it reads the disk).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sha256File } from '../../core/crypto/sha256.ts';
import { CommandError, required, type Prompts } from './prompts.ts';
import { fileFailure } from './files.ts';

export interface Sha256Args {
  path?: string;
}

export async function computeSha256(prompts: Prompts, args: Sha256Args = {}): Promise<{ path: string; sha256: string; size: number }> {
  const path = args.path ?? required(await prompts.pickFile('File to hash (SHA-256)'));
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CommandError(`'${path}' is a folder; pick a file`);
    size = st.size;
  } catch (err) {
    throw fileFailure(err, path, 'file');
  }
  const result = await prompts.progress(`SHA-256 of ${basename(path)}`, async (report, signal) => {
    try {
      return await sha256File(path, { signal, onProgress: (done) => report(size > 0 ? done / size : 1) });
    } catch (err) {
      if (signal.aborted) throw err;
      throw fileFailure(err, path, 'file');
    }
  });
  prompts.show(`SHA-256 of ${basename(path)} (${result.bytes} bytes): ${result.hex}`, result.hex);
  return { path, sha256: result.hex, size: result.bytes };
}
